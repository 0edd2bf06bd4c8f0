// The add-on menu. onOpen may run in AuthMode.NONE, so this touches nothing but the Ui.

/** Menu captions and the global function each calls (defined in main.ts). */
export const MENU_ITEMS: ReadonlyArray<
  readonly [caption: string, functionName: string] | "separator"
> = [
  ["Set up this hub", "menuSetUpHub"],
  ["Process all responses", "menuProcessAll"],
  ["My queue…", "menuMyQueue"],
  ["Reassign selected applications…", "menuReassignSelected"],
  ["Route unassigned applications", "menuRouteUnassigned"],
  ["Send digests to leads now", "menuSendDigests"],
  ["Refresh dashboard", "menuRefreshDashboard"],
  "separator",
  ["Allocate places…", "menuAllocate"],
  ["Offer next on waiting list", "menuOfferNext"],
];

export function buildMenu(ui: GoogleAppsScript.Base.Ui): void {
  const menu = ui.createAddonMenu();
  for (const item of MENU_ITEMS) {
    if (item === "separator") menu.addSeparator();
    else menu.addItem(item[0], item[1]);
  }
  menu.addToUi();
}

// The add-on's entry points, as src/main.ts defines them: the contract between the bundle and the
// runner (which calls them by name, as Apps Script does) and the bundle test (which proves each is a
// real top-level function).
import type { ExecutionKind } from "../core/runtime";

/** How Apps Script runs an entry point: every kind of execution but the runner's own. */
export type EntryKind = Exclude<ExecutionKind, "runner">;

export interface EntryPoint {
  name: string;
  kind: EntryKind;
  why: string;
}

export const ENTRY_POINTS: readonly EntryPoint[] = [
  { name: "onOpen", kind: "simple-trigger", why: "builds the add-on menu" },
  { name: "onInstall", kind: "simple-trigger", why: "builds the menu right after installation" },
  {
    name: "onHomepage",
    kind: "simple-trigger",
    why: "the add-on's homepage card (manifest homepageTrigger)",
  },
  {
    name: "onFormSubmit",
    kind: "installable-trigger",
    why: "turns each form response into a register row",
  },
  { name: "runScheduledJobs", kind: "time-trigger", why: "the hourly dispatcher" },
  { name: "menuSetUpHub", kind: "menu", why: "Set up this hub" },
  { name: "menuProcessAll", kind: "menu", why: "Process all responses" },
  { name: "menuPurge", kind: "menu", why: "Delete data past retention…" },
  { name: "menuRouteUnassigned", kind: "menu", why: "Route unassigned applications" },
  { name: "menuReassignSelected", kind: "menu", why: "Reassign selected applications…" },
  { name: "menuMyQueue", kind: "menu", why: "My queue…" },
  { name: "menuSendDigests", kind: "menu", why: "Send digests to leads now" },
  { name: "menuRefreshDashboard", kind: "menu", why: "Refresh dashboard" },
  { name: "menuAllocate", kind: "menu", why: "Allocate places… (the allocation sidebar)" },
  {
    name: "menuConfirmAllocation",
    kind: "menu",
    why: "previews and confirms an allocation in one run (the runner's confirm-allocation)",
  },
  { name: "menuOfferNext", kind: "menu", why: "Offer next on waiting list" },
  { name: "apiAllocationProgrammes", kind: "sidebar", why: "the allocation sidebar's programmes" },
  { name: "apiPreviewAllocation", kind: "sidebar", why: "a dry-run allocation" },
  { name: "apiConfirmAllocation", kind: "sidebar", why: "confirms the previewed allocation" },
  { name: "apiAllocationProgress", kind: "sidebar", why: "progress of a long allocation" },
  { name: "apiOfferNext", kind: "sidebar", why: "offers the next place on the waiting list" },
  { name: "apiMyQueue", kind: "sidebar", why: "the My queue sidebar's list" },
];

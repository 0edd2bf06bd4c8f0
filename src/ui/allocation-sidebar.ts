// The "Allocate places" sidebar. Its page (html/allocation.html) talks to the server only through
// google.script.run, calling the globals named in ALLOCATION_API (allocation-bridge.ts).
import type { Services } from "../services/services";
import allocationHtml from "./html/allocation.html";

export const ALLOCATION_SIDEBAR_TITLE = "Allocate places";

export function showAllocationSidebar(services: Services): void {
  const output = services.htmlService
    .createHtmlOutput(allocationHtml)
    .setTitle(ALLOCATION_SIDEBAR_TITLE);
  services.spreadsheetApp.getUi().showSidebar(output);
}

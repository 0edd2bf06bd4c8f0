// Menu actions around allocation that need no sidebar: confirming straight away (the local runner
// and scripted use) and offering the next place on a waiting list after a withdrawal.
import { confirmAllocation, offerNext, previewAllocation } from "../services/allocation";
import type { Services } from "../services/services";
import type { AllocationConfirmation, OfferNextResult } from "./allocation-bridge";
import { tell } from "./actions";

/**
 * Previews and confirms in one execution, with no overrides: what the sidebar's "Confirm" does
 * when the lead accepts the optimizer's proposal as it stands.
 */
export function menuConfirmAllocation(
  services: Services,
  options: { programme?: string },
): AllocationConfirmation {
  const programme = options.programme ?? "";
  const preview = previewAllocation(services, { programme, overrides: [] });
  const result = confirmAllocation(services, { programme, overrides: [], token: preview.token });
  tell(services, "Allocation confirmed", result.message);
  return result;
}

/** The programme of the selected Applications row, so the lead need not type it. */
function selectedProgramme(services: Services): string | null {
  try {
    const range = services.spreadsheetApp.getActiveSpreadsheet().getActiveRange();
    const sheet = range?.getSheet();
    if (!range || !sheet || sheet.getName() !== "Applications" || range.getRow() < 2) return null;
    const header = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0] ?? [];
    const col = header.findIndex((h) => String(h).trim() === "Programme");
    if (col < 0) return null;
    return String(sheet.getRange(range.getRow(), col + 1).getValue()).trim() || null;
  } catch {
    return null;
  }
}

export function menuOfferNext(
  services: Services,
  options: { programme?: string } = {},
): OfferNextResult | { cancelled: true } {
  let programme = options.programme ?? selectedProgramme(services);
  if (!programme) {
    const ui = services.spreadsheetApp.getUi();
    const answer = ui.prompt(
      "Offer next on waiting list",
      "Which programme? Type its key, e.g. sec-specialist (or select one of its rows in Applications first).",
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return { cancelled: true };
    programme = answer.getResponseText().trim();
  }
  const result = offerNext(services, { programme });
  tell(services, result.offered ? "Place offered" : "No place offered", result.message);
  return result;
}

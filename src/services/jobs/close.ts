// Closing a programme: its Form stops accepting responses, with a plain message for anyone who
// opens it afterwards. Idempotent, so a repeat (or the lock-free fast path) is harmless.
import { closedFormMessage, notYetOpenMessage } from "../../domain/emails";
import type { ProgrammeConfig } from "../../sheets/config";
import type { HubSettings } from "../../sheets/settings";
import { openForm } from "../forms";
import type { Services } from "../services";
import { hubVoice } from "./context";

export type CloseOutcome = "closed" | "already closed" | "no form";

/** Stops the programme's form accepting responses (again, if it already had). */
export function closeProgrammeForm(
  services: Services,
  programme: ProgrammeConfig,
  closes: Date,
  settings: HubSettings,
): CloseOutcome {
  if (!programme.form) return "no form";
  const form = openForm(services, programme.form);
  const wasAccepting = form.isAcceptingResponses();
  form.setCustomClosedFormMessage(
    closedFormMessage({ programmeTitle: programme.title, closes, hub: hubVoice(settings) }),
  );
  // Even an unpublished form (which accepts nothing yet) is closed, so publishing it later
  // cannot reopen a programme whose deadline has passed.
  form.setAcceptingResponses(false);
  return wasAccepting ? "closed" : "already closed";
}

/** Before its opening time a programme's form waits closed, saying when it opens. */
export function holdFormUntilOpen(
  services: Services,
  programme: ProgrammeConfig,
  settings: HubSettings,
): void {
  if (!programme.form || !programme.opens) return;
  const form = openForm(services, programme.form);
  form.setCustomClosedFormMessage(
    notYetOpenMessage({
      programmeTitle: programme.title,
      opens: programme.opens,
      hub: hubVoice(settings),
    }),
  );
  form.setAcceptingResponses(false);
}

export type OpenOutcome = "opened" | "already open" | "no form";

/** Opens the programme's form at its opening time (the hourly run; once, through the ledger). */
export function openProgrammeForm(services: Services, programme: ProgrammeConfig): OpenOutcome {
  if (!programme.form) return "no form";
  const form = openForm(services, programme.form);
  if (form.isAcceptingResponses()) return "already open";
  form.setAcceptingResponses(true);
  return "opened";
}

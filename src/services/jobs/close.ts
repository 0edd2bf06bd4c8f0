// Closing a programme: its Form stops accepting responses, with a plain message for anyone who
// opens it afterwards. Idempotent, so a repeat (or the lock-free fast path) is harmless.
import { closedFormMessage } from "../../domain/emails";
import type { ProgrammeConfig } from "../../sheets/config";
import type { HubSettings } from "../../sheets/settings";
import { formIdFrom } from "../forms";
import type { Services } from "../services";
import { hubVoice } from "./context";

export function openForm(services: Services, idOrUrl: string): GoogleAppsScript.Forms.Form {
  return /^https?:/.test(idOrUrl)
    ? services.formApp.openByUrl(idOrUrl)
    : services.formApp.openById(formIdFrom(idOrUrl));
}

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

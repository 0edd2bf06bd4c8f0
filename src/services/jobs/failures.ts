// Failures of scheduled work. Add-on triggers email nobody when they fail, so the add-on records
// each failure on the Log sheet and emails the hub lead itself, through the mail queue, at most
// once a day for the same job (the key names the job and the London date).
import { scheduledJobFailed } from "../../domain/emails";
import { errorMessage } from "../../domain/errors";
import { londonDate } from "../../domain/schedule";
import { appendLog } from "../../sheets/journal";
import { withDocumentLock } from "../lock";
import { hubLeadEmail, hubVoice, queueEmails, type JobContext } from "./context";

/** How long a failure report waits for the lock; without it, the next hour reports instead. */
const REPORT_LOCK_WAIT_MS = 5_000;

export function failureKey(job: string, at: Date): string {
  return `error:${job}:${londonDate(at)}`;
}

/**
 * Logs the failure and queues one email about it for the hub lead today. Returns the key of the
 * email (queued now or earlier today). A killed execution throws again from here, as it should.
 */
export function reportFailure(
  ctx: JobContext,
  job: string,
  description: string,
  err: unknown,
): string {
  const { services, ss, config } = ctx;
  const at = services.now();
  const message = errorMessage(err);
  appendLog(ss, [{ at, level: "ERROR", job, message }]);
  const key = failureKey(job, at);
  withDocumentLock(services, REPORT_LOCK_WAIT_MS, () =>
    queueEmails(services, ss, [
      {
        key,
        kind: "error",
        responseId: "",
        to: hubLeadEmail(services, ss, config.settings),
        ...scheduledJobFailed({ job: description, message, at, hub: hubVoice(config.settings) }),
      },
    ]),
  );
  return key;
}

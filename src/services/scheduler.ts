// The hourly dispatcher (one time-driven trigger per document: add-ons fire at most hourly).
// Each run sweeps responses the submit trigger missed and sends what the mail queue holds.
import { errorMessage } from "../domain/errors";
import { requireConfig } from "../sheets/config";
import { appendLog } from "../sheets/journal";
import { processAllResponses } from "./intake";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "./lock";
import { drainQueue } from "./mail-queue";
import type { Services } from "./services";
import { queuedCount, readMarks, sweepNeeded } from "./watermarks";

export interface ScheduledRun {
  sweep: string;
  mail: string;
}

export function runScheduledJobs(services: Services): ScheduledRun {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const run: ScheduledRun = { sweep: "", mail: "" };
  try {
    const marks = readMarks(services);
    if (sweepNeeded(services, marks, ss)) {
      const sweep = processAllResponses(services, { sendLimit: 0 });
      run.sweep =
        sweep === "busy"
          ? "busy"
          : `added ${sweep.added}, updated ${sweep.updated}, remaining ${sweep.remaining}`;
    } else run.sweep = "nothing new";
    const queued = queuedCount(readMarks(services));
    if (queued === 0) {
      run.mail = "nothing queued";
      return run;
    }
    const mail = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () => {
      const s = requireConfig(ss).settings;
      return drainQueue(services, ss, {
        name: s.senderName,
        replyTo: s.replyTo,
        dailyBudget: s.dailyEmailBudget,
      });
    });
    run.mail = mail.ok
      ? `sent ${mail.value.sent}, waiting ${mail.value.waiting}, failed ${mail.value.failed}`
      : "busy";
  } catch (err) {
    // Add-on trigger failures email nobody: record the error where the hub lead will see it.
    appendLog(ss, [
      { at: services.now(), level: "ERROR", job: "hourly", message: errorMessage(err) },
    ]);
    throw err;
  }
  return run;
}

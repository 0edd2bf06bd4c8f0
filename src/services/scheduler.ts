// The hourly dispatcher (one time-driven trigger per document: add-ons fire at most hourly).
//
// Each run reads the configuration, asks the schedule (domain/schedule.ts) which jobs are due that
// the ledger of done jobs does not hold, and runs them in order: close a programme's form, sweep
// its last responses, send the closing summary the next morning, remind leads before closing, and
// the daily retention purge. Then it sweeps responses the submit trigger missed and sends what the
// mail queue holds.
//
// Exactly once: each job runs inside the document lock, checks the ledger there, and is marked
// done there when it finishes, so a duplicate fire or an overlapping execution finds it done (or
// the lock busy) and a job killed half-way is not marked and runs again next hour. Everything a
// job sends goes through the mail queue under a key naming the job, so a rerun sends nothing
// twice. Closing a form is idempotent and is done even when the lock is busy, so a deadline never
// waits for another execution. Failures are logged and emailed to the hub lead (add-on triggers
// email nobody), at most once a day per job.
import { formatLondon, londonParts } from "../domain/calendar";
import { errorMessage } from "../domain/errors";
import { dueJobs, type Job } from "../domain/schedule";
import { ConfigError, requireConfig, type HubConfig, type ProgrammeConfig } from "../sheets/config";
import { alertBrokenConfiguration } from "./jobs/config-alert";
import { appendLog } from "../sheets/journal";
import { processAllResponses, SWEEP_BUDGET_MS } from "./intake";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "./lock";
import { drainQueue } from "./mail-queue";
import { queueDigests } from "./digest";
import { hourlyEndorsements } from "./endorsement";
import type { Services } from "./services";
import { closeProgrammeForm, openProgrammeForm } from "./jobs/close";
import { elapsedMs, JOBS_BUDGET_MS, type JobContext } from "./jobs/context";
import { reportFailure } from "./jobs/failures";
import { isDone, ledgerFrom, markDone, pruneLedger } from "./jobs/ledger";
import { sendClosingReminder, sendClosingSummary } from "./jobs/notices";
import { purgeExpired } from "./jobs/purge";
import { queuedCount, readMarks, sweepNeeded } from "./watermarks";

export type JobOutcome = "done" | "skipped" | "pending" | "busy" | "waiting" | "failed";

export interface JobRun {
  id: string;
  outcome: JobOutcome;
  message: string;
}

export interface ScheduledRun {
  jobs: JobRun[];
  sweep: string;
  mail: string;
  endorsements?: string;
}

/** The slowest part of the run must still end before Apps Script's 6 minutes. */
const MIN_SWEEP_BUDGET_MS = 30_000;

interface StepResult {
  outcome: JobOutcome;
  message: string;
  /** Nothing worth a Log row happened (e.g. a retention check with nothing due). */
  quiet?: boolean;
}

function programmeOf(config: HubConfig, job: Job): ProgrammeConfig {
  const p = config.programmes.find((x) => x.key === job.programme);
  if (!p) throw new Error(`The programme ${job.programme} is no longer in the Programmes sheet.`);
  return p;
}

export function describeJob(config: HubConfig, job: Job): string {
  const title = config.programmes.find((p) => p.key === job.programme)?.title ?? job.programme;
  switch (job.kind) {
    case "open":
      return `opening ${title}`;
    case "close":
      return `closing ${title}`;
    case "sweep":
      return `the final check of ${title}'s responses`;
    case "summary":
      return `the closing summary for ${title}`;
    case "remind":
      return `the ${job.days}-day closing reminder for ${title}`;
    case "purge":
      return "deleting personal data past the retention period";
  }
}

/** A job's Log row: written before the job is marked done, so every done job has one. */
function logStep(ctx: JobContext, job: Job, step: StepResult): void {
  if (step.quiet) return;
  appendLog(ctx.ss, [
    {
      at: ctx.services.now(),
      level: step.outcome === "done" ? "INFO" : "WARN",
      job: job.id,
      message: step.message,
    },
  ]);
}

/** Runs `work` once: inside the lock, unless the ledger says it is done; marks it done there. */
function once(
  ctx: JobContext,
  job: Job,
  work: () => { message: string; finished: boolean; quiet?: boolean },
): StepResult {
  const { services } = ctx;
  const result = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, (): StepResult => {
    if (isDone(services, job.id))
      return { outcome: "skipped", message: "already done by another run", quiet: true };
    const { message, finished, quiet } = work();
    const step: StepResult = { outcome: finished ? "done" : "pending", message, quiet };
    logStep(ctx, job, step);
    if (finished) markDone(services, job.id, services.now());
    return { ...step, quiet: true };
  });
  return result.ok
    ? result.value
    : { outcome: "busy", message: "another execution holds the lock", quiet: true };
}

function runJob(ctx: JobContext, job: Job): StepResult {
  const { services, config } = ctx;
  switch (job.kind) {
    case "open":
      return once(ctx, job, () => {
        const programme = programmeOf(config, job);
        const outcome = openProgrammeForm(services, programme);
        return {
          message:
            outcome === "opened"
              ? `${programme.title} opened: its form accepts responses.`
              : `${programme.title} opened (its form was already accepting responses).`,
          finished: true,
          // Nothing to tell when the form was open all along (set up after its opening time).
          quiet: outcome !== "opened",
        };
      });
    case "close":
      return once(ctx, job, () => {
        const outcome = closeProgrammeForm(
          services,
          programmeOf(config, job),
          job.closes!,
          config.settings,
        );
        const title = programmeOf(config, job).title;
        const message =
          outcome === "no form"
            ? `${title} closed; it has no form to close.`
            : outcome === "closed"
              ? `${title} closed: its form no longer accepts responses.`
              : `${title} closed: its form was already not accepting responses, and stays closed.`;
        return { message, finished: true };
      });
    case "sweep": {
      if (isDone(services, job.id))
        return { outcome: "skipped", message: "already done by another run", quiet: true };
      const sweep = processAllResponses(services, {
        programme: programmeOf(config, job).key,
        config,
        sendLimit: 0,
        budgetMs: Math.max(MIN_SWEEP_BUDGET_MS, SWEEP_BUDGET_MS - elapsedMs(ctx)),
      });
      if (sweep === "busy")
        return { outcome: "busy", message: "another execution holds the lock", quiet: true };
      if (sweep.remaining > 0)
        return {
          outcome: "pending",
          message: `Final check: ${sweep.added} added, ${sweep.remaining} left for the next run.`,
        };
      const step: StepResult = {
        outcome: "done",
        message: `Final check of responses after closing: ${sweep.added} added, ${sweep.updated} updated.`,
      };
      logStep(ctx, job, step);
      // Idempotent work, so marking it outside the lock is safe: a repeat would change nothing.
      markDone(services, job.id, services.now());
      return { ...step, quiet: true };
    }
    case "summary":
      return once(ctx, job, () => ({
        message: sendClosingSummary(ctx, job, programmeOf(config, job)),
        finished: true,
      }));
    case "remind":
      return once(ctx, job, () => ({
        message: sendClosingReminder(ctx, job, programmeOf(config, job)),
        finished: true,
      }));
    case "purge":
      return once(ctx, job, () => {
        const report = purgeExpired(ctx, { summaryKey: `${job.id}:summary` });
        return {
          finished: report.remaining === 0,
          quiet: report.applications === 0 && report.remaining === 0,
          message: `Personal data deleted for ${report.applications} applications${report.remaining ? `; ${report.remaining} left for the next run` : ""}.`,
        };
      });
  }
}

/** Runs the due jobs in order; a job waits for its prerequisites; nothing starts past the budget. */
export function runDueJobs(ctx: JobContext, due: Job[], done: ReadonlySet<string>): JobRun[] {
  const { services, config } = ctx;
  const runs: JobRun[] = [];
  const completed = new Set<string>();
  let lockBusy = false;
  for (const job of due) {
    const record = (outcome: JobOutcome, message: string) => {
      runs.push({ id: job.id, outcome, message });
      if (outcome === "done" || outcome === "skipped") completed.add(job.id);
    };
    if (!job.after.every((id) => done.has(id) || completed.has(id))) {
      record("waiting", `waits for ${job.after.join(", ")}`);
      continue;
    }
    if (elapsedMs(ctx) > JOBS_BUDGET_MS) {
      record("pending", "left for the next run (time limit)");
      continue;
    }
    let step: StepResult;
    if (lockBusy)
      step = { outcome: "busy", message: "another execution holds the lock", quiet: true };
    else {
      try {
        step = runJob(ctx, job);
      } catch (err) {
        record("failed", errorMessage(err));
        reportFailure(ctx, job.id, describeJob(config, job), err);
        continue;
      }
    }
    if (step.outcome === "busy") {
      lockBusy = true;
      // Another execution holds the lock; a deadline still cannot wait for it.
      if (job.kind === "close") {
        try {
          closeProgrammeForm(services, programmeOf(config, job), job.closes!, config.settings);
        } catch (err) {
          record("failed", errorMessage(err));
          reportFailure(ctx, job.id, describeJob(config, job), err);
          continue;
        }
        step = { ...step, message: "form closed; recorded by the next run" };
      }
    }
    record(step.outcome, step.message);
    logStep(ctx, job, step);
  }
  return runs;
}

export function runScheduledJobs(services: Services): ScheduledRun {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const startedMs = services.now().getTime();
  const run: ScheduledRun = { jobs: [], sweep: "", mail: "" };
  let config: HubConfig;
  try {
    config = requireConfig(ss);
  } catch (err) {
    // A configuration with problems is never used: nothing runs, and the Log says why.
    appendLog(ss, [
      { at: services.now(), level: "ERROR", job: "hourly", message: errorMessage(err) },
    ]);
    if (err instanceof ConfigError) alertBrokenConfiguration(services, ss, err);
    throw err;
  }
  const ctx: JobContext = { services, ss, config, startedMs };
  const marks = readMarks(services);
  const done = ledgerFrom(marks);

  // 1. Scheduled jobs. Nothing due costs nothing beyond the reads above.
  const due = dueJobs(config.programmes, config.settings, services.now(), done);
  if (due.length) run.jobs = runDueJobs(ctx, due, done);
  pruneLedger(services, done, services.now());

  // 1b. The leads' daily digests, once a London day from the digest hour. The ledger keeps the
  // other hours cheap; the mail queue's key (digest:<lead>:<date>) makes any repeat a no-op.
  let digestsQueued = 0;
  try {
    const now = services.now();
    const digestId = `digest:${formatLondon(now, "yyyy-MM-dd")}`;
    if (!done.has(digestId) && londonParts(now).hour >= config.settings.digestHour) {
      withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () => {
        if (isDone(services, digestId)) return;
        digestsQueued = queueDigests(services, ss, config).length;
        markDone(services, digestId, now);
      });
    }
  } catch (err) {
    reportFailure(ctx, "digest", "the leads' daily digests", err);
  }

  // 1c. Endorsements: requests not yet sent and reminders due. Costs nothing while nothing is
  // due (endorsement-requests.ts keeps the marks).
  let endorsementQueued = 0;
  try {
    const endorsements = hourlyEndorsements(services, ss, config, marks);
    endorsementQueued = endorsements.queued;
    run.endorsements = endorsements.message;
  } catch (err) {
    run.endorsements = `failed: ${errorMessage(err)}`;
    reportFailure(ctx, "endorsements", "endorsement answers, requests and reminders", err);
  }

  // 2. Responses the submit trigger missed (watermarks.ts keeps this cheap while nothing is new).
  try {
    if (elapsedMs(ctx) > JOBS_BUDGET_MS) run.sweep = "left for the next run (time limit)";
    else if (sweepNeeded(services, marks, ss)) {
      const sweep = processAllResponses(services, {
        config,
        sendLimit: 0,
        budgetMs: Math.max(MIN_SWEEP_BUDGET_MS, SWEEP_BUDGET_MS - elapsedMs(ctx)),
      });
      // Endorsers' answers the submit trigger missed are applied by the same sweep, in its lock,
      // once every application is in the register (else they wait for the next run).
      const e = sweep === "busy" ? undefined : sweep.endorsements;
      run.sweep =
        sweep === "busy"
          ? "busy"
          : `added ${sweep.added}, updated ${sweep.updated}, remaining ${sweep.remaining}; endorsements: ${e ? `${e.applied} applied, ${e.unchanged} unchanged, ${e.refused} refused` : "next run"}`;
    } else run.sweep = "nothing new";
  } catch (err) {
    run.sweep = `failed: ${errorMessage(err)}`;
    reportFailure(ctx, "hourly-sweep", "processing new responses", err);
  }

  // 3. The mail queue.
  try {
    // Jobs and the sweep may have queued mail since the marks were read.
    const quiet =
      run.jobs.length === 0 &&
      run.sweep === "nothing new" &&
      digestsQueued === 0 &&
      endorsementQueued === 0;
    const queued = queuedCount(quiet ? marks : readMarks(services));
    if (queued === 0) run.mail = "nothing queued";
    else {
      const s = config.settings;
      const mail = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () =>
        drainQueue(services, ss, {
          name: s.senderName,
          replyTo: s.replyTo,
          dailyBudget: s.dailyEmailBudget,
        }),
      );
      run.mail = mail.ok
        ? `sent ${mail.value.sent}, waiting ${mail.value.waiting}, failed ${mail.value.failed}`
        : "busy";
    }
  } catch (err) {
    run.mail = `failed: ${errorMessage(err)}`;
    reportFailure(ctx, "mail", "sending queued email", err);
  }
  return run;
}

// The closing reminders ("closes in 7 days") and the morning-after closing summary: each reads the
// register once, counts the programme's applications, and queues one email per recipient with a
// key naming the job, so a resumed or repeated job never sends twice.
import { closingReminder, closingSummary } from "../../domain/emails";
import { londonDaysBetween, type Job } from "../../domain/schedule";
import type { ProgrammeConfig } from "../../sheets/config";
import { readRegister } from "../../sheets/register";
import type { OutgoingEmail } from "../mail-queue";
import {
  countApplications,
  distinctEmails,
  hubLeadEmail,
  hubVoice,
  leadsFor,
  programmeRecords,
  queueEmails,
  type JobContext,
} from "./context";

function emailsTo(
  job: Job,
  kind: string,
  recipients: string[],
  text: { subject: string; body: string },
): OutgoingEmail[] {
  return recipients.map((to) => ({
    key: `${job.id}:${to.toLowerCase()}`,
    kind,
    responseId: "",
    to,
    ...text,
  }));
}

/** Reminds the programme's leads (or, when it has none, the hub lead). Call inside the lock. */
export function sendClosingReminder(ctx: JobContext, job: Job, programme: ProgrammeConfig): string {
  const { services, ss, config } = ctx;
  const counts = countApplications(programmeRecords(readRegister(ss).records, programme));
  const leads = leadsFor(config, programme.key);
  const recipients = distinctEmails(
    leads.length ? leads : [hubLeadEmail(services, ss, config.settings)],
  );
  const text = closingReminder({
    programmeTitle: programme.title,
    closes: job.closes!,
    daysLeft: londonDaysBetween(services.now(), job.closes!),
    counts,
    hub: hubVoice(config.settings),
  });
  const queued = queueEmails(services, ss, emailsTo(job, "closing-reminder", recipients, text));
  return `Reminder "${text.subject}" queued for ${recipients.join(", ")}${queued < recipients.length ? ` (${recipients.length - queued} already queued)` : ""}.`;
}

/** The closing summary to the programme's leads and the hub lead. Call inside the lock. */
export function sendClosingSummary(ctx: JobContext, job: Job, programme: ProgrammeConfig): string {
  const { services, ss, config } = ctx;
  const counts = countApplications(programmeRecords(readRegister(ss).records, programme));
  const recipients = distinctEmails([
    ...leadsFor(config, programme.key),
    hubLeadEmail(services, ss, config.settings),
  ]);
  const text = closingSummary({
    programmeTitle: programme.title,
    closes: job.closes!,
    counts,
    hub: hubVoice(config.settings),
  });
  queueEmails(services, ss, emailsTo(job, "closing-summary", recipients, text));
  return `Closing summary (${counts.total} applications, ${counts.lateUndecided.length} late) queued for ${recipients.join(", ")}.`;
}

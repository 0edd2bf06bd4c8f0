// What every scheduled job receives, and the small services they share: who the hub lead is, who
// leads a programme, counting a programme's applications, and queuing email idempotently.
import type { HubVoice, ProgrammeCounts } from "../../domain/emails";
import { reasonCodes } from "../../domain/schedule";
import type { HubConfig, ProgrammeConfig } from "../../sheets/config";
import type { ApplicationRecord } from "../../sheets/register";
import type { HubSettings } from "../../sheets/settings";
import { enqueueEmails, type OutgoingEmail } from "../mail-queue";
import type { Services } from "../services";

export interface JobContext {
  services: Services;
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet;
  config: HubConfig;
  /** When the execution started (ms): jobs stop starting new work before the 6-minute limit. */
  startedMs: number;
}

/** Apps Script kills an execution at 6 minutes; scheduled work starts nothing new after this. */
export const JOBS_BUDGET_MS = 240_000;

export function elapsedMs(ctx: JobContext): number {
  return ctx.services.now().getTime() - ctx.startedMs;
}

export function hubVoice(settings: HubSettings): HubVoice {
  return { hubName: settings.hubName, replyTo: settings.replyTo };
}

/** Settings' hub lead, else the spreadsheet's owner, else whoever the trigger runs as. */
export function hubLeadEmail(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: HubSettings,
): string {
  if (settings.hubLeadEmail) return settings.hubLeadEmail;
  try {
    const owner = ss.getOwner()?.getEmail();
    if (owner) return owner;
  } catch {
    // A shared drive has no owner.
  }
  return services.session.getEffectiveUser().getEmail();
}

/** Active leads who cover a programme (by key or "all"). */
export function leadsFor(config: HubConfig, key: string): string[] {
  return config.leads
    .filter(
      (l) => l.active && l.email && (l.programmes.includes("all") || l.programmes.includes(key)),
    )
    .map((l) => l.email);
}

/** Distinct addresses, compared case-insensitively, in first-seen order. */
export function distinctEmails(emails: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of emails) {
    const k = e.trim().toLowerCase();
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(e.trim());
    }
  }
  return out;
}

/** Applications of this programme's current academic year. */
export function programmeRecords(
  records: readonly ApplicationRecord[],
  programme: ProgrammeConfig,
): ApplicationRecord[] {
  return records.filter(
    (r) => r.programme === programme.key && (r.year === "" || r.year === programme.year),
  );
}

export function countApplications(records: readonly ApplicationRecord[]): ProgrammeCounts {
  const byVerdict: Record<string, number> = {};
  const byReason: Record<string, number> = {};
  const lateUndecided: string[] = [];
  for (const r of records) {
    byVerdict[r.verdict || "(none)"] = (byVerdict[r.verdict || "(none)"] ?? 0) + 1;
    const codes = new Set(reasonCodes(r.reasons));
    for (const code of codes) byReason[code] = (byReason[code] ?? 0) + 1;
    if (codes.has("LATE") && !r.decision) lateUndecided.push(r.responseId);
  }
  return { total: records.length, byVerdict, byReason, lateUndecided };
}

/**
 * Queues emails whose keys are new (a resumed or repeated job queues nothing twice) and tells the
 * hourly run that mail is waiting. Call inside the document lock.
 */
export function queueEmails(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  emails: OutgoingEmail[],
): number {
  return enqueueEmails(services, ss, emails, services.now()).length;
}

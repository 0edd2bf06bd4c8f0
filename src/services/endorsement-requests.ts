// Endorsement requests and reminders, built from the register in memory and queued through the
// mail queue under keys that make each one go once: a request once per application (per endorser
// address) or once per school pair, each reminder once per application or pair.
import {
  dueReminder,
  endorsementUnit,
  nextReminderAt,
  prefilledLink,
  reminderKey,
  requestKey,
  requestedUnits,
  waitingUnits,
  type EndorsementCandidate,
  type EndorsementPlan,
} from "../domain/endorsement";
import {
  endorsementDeadline,
  endorsementReminder,
  endorsementRequest,
  type EndorsementEmailArgs,
} from "../domain/endorsement-emails";
import { londonDaysBetween } from "../domain/schedule";
import { FINAL_DECISIONS } from "../sheets/layout";
import { storedAnswers, type ApplicationRecord } from "../sheets/register";
import type { HubSettings } from "../sheets/settings";
import type { AuditEntry } from "../sheets/journal";
import { hubVoice } from "./jobs/context";
import type { OutgoingEmail } from "./mail-queue";
import type { Services } from "./services";

export function candidateFrom(record: ApplicationRecord): EndorsementCandidate {
  const a = storedAnswers(record);
  const text = (s: string | undefined) => (s ?? "").trim();
  return {
    responseId: record.responseId,
    programme: record.programme,
    year: record.year,
    schoolUrn: record.schoolUrn,
    school: record.school,
    endorsement: record.endorsement,
    submitted: record.submitted,
    verdict: record.verdict,
    open: !FINAL_DECISIONS.has(record.decision),
    applicantEmail: record.email,
    applicantName: record.applicant,
    firstName: text(a.firstName),
    endorserEmail: text(a.headEmail).toLowerCase(),
    endorserName: text(a.headName),
    advocate2Name: text(a.advocate2Name),
    advocate2Email: text(a.advocate2Email).toLowerCase(),
  };
}

function emailArgs(
  plan: EndorsementPlan,
  template: string,
  settings: HubSettings,
): EndorsementEmailArgs {
  const lead = plan.lead;
  const applicants = plan.members.map((m) => m.applicantName);
  // A first advocate alone so far still names the second advocate they nominated.
  if (plan.members.length === 1 && lead.advocate2Name) applicants.push(lead.advocate2Name);
  return {
    endorserName: lead.endorserName,
    applicants,
    programme: lead.programme,
    school: lead.school,
    reference: lead.responseId,
    due: plan.due,
    link: prefilledLink(template, {
      reference: lead.responseId,
      schoolUrn: lead.schoolUrn,
      school: lead.school,
    }),
    hub: hubVoice(settings),
  };
}

/** The ENDORSER_UNVERIFIED sentence of an application, for the Audit's Flag column. */
export function unverifiedFlag(record: ApplicationRecord | undefined): string {
  const line = (record?.reasons ?? "").split("\n").find((l) => l.startsWith("ENDORSER_UNVERIFIED"));
  return line ? `Endorser not verified: ${line.slice(line.indexOf(":") + 1).trim()}` : "";
}

export interface PlannedMail {
  emails: OutgoingEmail[];
  audit: AuditEntry[];
  /** Units that still wait for a request (no form yet, or the endorser's address is held). */
  held: Array<{ plan: EndorsementPlan; why: string }>;
}

/**
 * Requests not yet queued for the waiting units among `records` (all of them when `only` is
 * absent). `template` is the Form's pre-filled link template; without one nothing is requested.
 */
export function planRequests(
  records: readonly ApplicationRecord[],
  queueKeys: ReadonlySet<string>,
  settings: HubSettings,
  template: string,
  now: Date,
  actor: string,
  only?: ReadonlySet<string>,
): PlannedMail {
  const out: PlannedMail = { emails: [], audit: [], held: [] };
  const asked = requestedUnits(queueKeys);
  const byId = new Map(records.map((r) => [r.responseId, r]));
  const wanted = only
    ? new Set(records.filter((r) => only.has(r.responseId)).map((r) => endorsementUnit(r)))
    : null;
  const plans = waitingUnits(records.map(candidateFrom), settings.endorsementDueDays).filter(
    (p) => !wanted || wanted.has(p.unit),
  );
  for (const plan of plans) {
    const key = requestKey(plan);
    const pair = plan.unit !== plan.lead.responseId;
    if (queueKeys.has(key) || (pair && asked.has(plan.unit))) continue;
    if (plan.held) {
      out.held.push({ plan, why: plan.held });
      continue;
    }
    if (!template) {
      out.held.push({ plan, why: "the hub has no Endorsement Form yet (run Set up this hub)" });
      continue;
    }
    const text = endorsementRequest(emailArgs(plan, template, settings));
    out.emails.push({
      key,
      kind: "endorsement-request",
      responseId: plan.lead.responseId,
      to: plan.lead.endorserEmail,
      ...text,
    });
    for (const m of plan.members)
      out.audit.push({
        at: now,
        actor,
        action: "Endorsement requested",
        responseId: m.responseId,
        before: "",
        after: `Requested from ${plan.lead.endorserEmail}, due ${endorsementDeadline(plan.due)}`,
        flag: unverifiedFlag(byId.get(m.responseId)),
      });
  }
  return out;
}

/** Reminders due at `now` for units already asked and still waiting. */
export function planReminders(
  records: readonly ApplicationRecord[],
  queueKeys: ReadonlySet<string>,
  settings: HubSettings,
  template: string,
  now: Date,
): OutgoingEmail[] {
  if (!template) return [];
  const asked = requestedUnits(queueKeys);
  const out: OutgoingEmail[] = [];
  for (const plan of waitingUnits(records.map(candidateFrom), settings.endorsementDueDays)) {
    if (plan.held || !asked.has(plan.unit)) continue;
    const submitted = plan.members[0]!.submitted ?? new Date(0);
    const due = dueReminder(submitted, plan.due, settings.endorsementReminderDays, now);
    if (!due) continue;
    const key = reminderKey(plan.unit, due.days);
    if (queueKeys.has(key)) continue;
    const text = endorsementReminder({
      ...emailArgs(plan, template, settings),
      daysLeft: Math.max(1, londonDaysBetween(now, plan.due)),
    });
    out.push({
      key,
      kind: "endorsement-reminder",
      responseId: plan.lead.responseId,
      to: plan.lead.endorserEmail,
      ...text,
    });
  }
  return out;
}

// ---- what the hourly run needs to know cheaply (document properties) ----

const CHECK = "endorsement.check";
const NEXT = "endorsement.next";

/** Something changed (a new request, a held one, a new Form): the next hourly run looks again. */
export function markEndorsementCheck(services: Services): void {
  services.propertiesService.getDocumentProperties().setProperty(CHECK, "1");
}

/** Whether the hourly run must read the register for endorsement requests and reminders. */
export function endorsementCheckDue(marks: Record<string, string>, now: Date): boolean {
  if (marks[CHECK] !== "0") return true;
  const next = Date.parse(marks[NEXT] ?? "");
  return Number.isFinite(next) && next <= now.getTime();
}

/** After a check: nothing to do until `next` (or until something marks a check). */
export function recordEndorsementCheck(services: Services, next: Date | null): void {
  services.propertiesService
    .getDocumentProperties()
    .setProperties({ [CHECK]: "0", [NEXT]: next ? next.toISOString() : "" });
}

/** The earliest reminder still ahead of `now` among the units already asked. */
export function nextEndorsementReminder(
  records: readonly ApplicationRecord[],
  queueKeys: ReadonlySet<string>,
  settings: HubSettings,
  now: Date,
): Date | null {
  const asked = requestedUnits(queueKeys);
  let next: Date | null = null;
  for (const plan of waitingUnits(records.map(candidateFrom), settings.endorsementDueDays)) {
    if (plan.held || !asked.has(plan.unit)) continue;
    const submitted = plan.members[0]!.submitted ?? new Date(0);
    const at = nextReminderAt(submitted, plan.due, settings.endorsementReminderDays, now);
    if (at && (!next || at.getTime() < next.getTime())) next = at;
  }
  return next;
}

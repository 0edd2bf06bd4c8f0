// Endorsement responses: each answer an endorser submits through the Endorsement Form is matched to
// the application it names (reference and school), applied to the register's Endorsement column,
// re-judged (Declined makes it INELIGIBLE), audited, and recorded in the Endorsements sheet, which
// is what makes applying idempotent: a response already recorded there is never applied again.
// A reference that does not exist, or names another school, is refused into the Log.
//
// The submit trigger applies an answer at once; "Process all responses" and the hourly sweep (the
// same processAllResponses, intake.ts) apply any the trigger missed, once the applications are in.
// The hourly run also sends requests that could not go at intake, and reminders that have fallen due.
import { declinedReason } from "../domain/eligibility/common-checks";
import {
  declinedNoticeKey,
  matchEndorsement,
  readEndorsementResponse,
  type EndorsableApplication,
  type EndorsementResponse,
} from "../domain/endorsement";
import { endorsementDeclined } from "../domain/endorsement-emails";
import { PROGRAMMES, isProgrammeKey } from "../domain/programmes/catalogue";
import type { EndorsementStatus } from "../domain/types";
import { asText, cellDate, cellText, type Cell } from "../sheets/cells";
import type { HubConfig } from "../sheets/config";
import { appendAudit, appendLog, type AuditEntry, type LogEntry } from "../sheets/journal";
import { ENDORSEMENTS_SHEET, headersOf } from "../sheets/layout";
import { readRegister, storedAnswers, type ApplicationRecord } from "../sheets/register";
import { appendRows, readTable, sheetWithHeader } from "../sheets/table";
import {
  endorsementFormInfo,
  endorsementSheetName,
  ENDORSEMENT_RESPONSE_SHEET,
} from "./endorsement-form";
import {
  endorsementCheckDue,
  nextEndorsementReminder,
  planReminders,
  planRequests,
  recordEndorsementCheck,
  unverifiedFlag,
} from "./endorsement-requests";
import { formIdFrom } from "./forms";
import {
  handleFormSubmit,
  Intake,
  type IntakeSummary,
  type OtherSubmission,
  type OtherSubmissionOutcome,
} from "./intake";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "./lock";
import { hubVoice } from "./jobs/context";
import { enqueueEmails, isSendable, readQueueKeys, type OutgoingEmail } from "./mail-queue";
import { activeUserEmail, type Services } from "./services";

export interface EndorsementRun {
  applied: number;
  unchanged: number;
  refused: number;
  emailsQueued: number;
  emailsSent: number;
}

function ledgerSheet(
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet {
  return sheetWithHeader(ss, ENDORSEMENTS_SHEET.name, headersOf(ENDORSEMENTS_SHEET));
}

/** Where a response is: sheet, row and submission time (a row rewritten by Forms is a new response). */
function responseKey(sheet: string, row: number, submitted: Date | null): string {
  return `${sheet}!${row}@${submitted ? submitted.toISOString() : ""}`;
}

interface PendingResponse {
  key: string;
  row: number;
  submitted: Date | null;
  answers: EndorsementResponse;
}

function pendingResponses(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  done: ReadonlySet<string>,
): PendingResponse[] {
  const table = readTable(sheet);
  const name = sheet.getName();
  const pending: PendingResponse[] = [];
  table.rows.forEach((row, i) => {
    const byTitle: Record<string, string> = {};
    let submitted: Date | null = null;
    let any = false;
    table.header.forEach((h, c) => {
      if (h === "") return;
      if (h.toLowerCase() === "timestamp") {
        submitted = cellDate(row[c]);
        return;
      }
      const text = cellText(row[c] ?? "");
      if (text.trim() !== "") any = true;
      byTitle[h] = text;
    });
    if (!any) return;
    const rowNumber = table.firstRow + i;
    const key = responseKey(name, rowNumber, submitted);
    if (done.has(key)) return;
    pending.push({ key, row: rowNumber, submitted, answers: readEndorsementResponse(byTitle) });
  });
  return pending;
}

function endorsable(r: ApplicationRecord): EndorsableApplication {
  return {
    responseId: r.responseId,
    programme: r.programme,
    year: r.year,
    schoolUrn: r.schoolUrn,
    school: r.school,
    endorsement: r.endorsement,
  };
}

function firstName(record: ApplicationRecord): string {
  return (storedAnswers(record).firstName ?? "").trim();
}

function launchFlag(programme: string, status: EndorsementStatus, attends: boolean | null): string {
  if (status !== "Confirmed" || !isProgrammeKey(programme)) return "";
  const need = PROGRAMMES[programme].endorsement;
  if (!need?.headAttendsLaunch) return "";
  if (attends === false)
    return `The ${need.endorserTitle} says they cannot attend the autumn launch.`;
  if (attends === null)
    return `The ${need.endorserTitle} did not say whether they can attend the autumn launch.`;
  return "";
}

/**
 * Applies every Endorsement Form response not yet in the Endorsements sheet, in the order they
 * arrived (an endorser who answers twice: the later answer wins). Call inside the document lock.
 */
export function reconcileEndorsements(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: HubConfig,
  options: { job: string; send: boolean },
): EndorsementRun {
  const run: EndorsementRun = {
    applied: 0,
    unchanged: 0,
    refused: 0,
    emailsQueued: 0,
    emailsSent: 0,
  };
  const sheet = ss.getSheetByName(endorsementSheetName(services));
  if (!sheet) return run;
  const ledger = ledgerSheet(ss);
  const ledgerTable = readTable(ledger);
  const responseCol = ledgerTable.col("Response");
  const done = new Set(ledgerTable.rows.map((r) => cellText(r[responseCol])));
  const pending = pendingResponses(sheet, done);
  if (pending.length === 0) return run;
  const now = services.now();
  const actor = activeUserEmail(services, "add-on");
  const intake = new Intake(services, ss, config, actor);
  const hub = hubVoice(config.settings);
  const ledgerRows: Cell[][] = [];
  const audit: AuditEntry[] = [];
  const log: LogEntry[] = [];
  const emails: OutgoingEmail[] = [];
  for (const p of pending) {
    const a = p.answers;
    const match = matchEndorsement(a, intake.records.map(endorsable));
    let outcome: "Applied" | "No change" | "Refused";
    let detail: string;
    if (!match.ok) {
      outcome = "Refused";
      detail = `${match.reason} The endorsement was not applied.`;
      run.refused++;
      log.push({
        at: now,
        level: "WARN",
        job: options.job,
        message: `Endorsement response ${p.key} refused: ${detail}`,
      });
    } else if (match.unchanged) {
      outcome = "No change";
      detail = `${match.covered.join(", ")} already ${match.status}.`;
      run.unchanged++;
    } else {
      outcome = "Applied";
      const results = intake.applyEndorsements(
        new Map(match.covered.map((id) => [id, match.status])),
      );
      for (const { before, after } of results) {
        const flags = [
          unverifiedFlag(after),
          launchFlag(after.programme, match.status, a.attendsLaunch),
        ].filter(Boolean);
        audit.push({
          at: now,
          actor: a.endorserName ? `${a.endorserName} (Endorsement Form)` : "Endorsement Form",
          action: `Endorsement ${match.status.toLowerCase()}: re-evaluated`,
          responseId: after.responseId,
          before: `${before.endorsement}; ${before.verdict} ${before.score ?? ""}`.trim(),
          after: `${after.endorsement}; ${after.verdict} ${after.score ?? ""}`.trim(),
          flag: flags.join(" "),
        });
        if (
          match.status === "Declined" &&
          isSendable(after.email) &&
          isProgrammeKey(after.programme)
        ) {
          const programme = PROGRAMMES[after.programme];
          emails.push({
            key: declinedNoticeKey(after.responseId),
            kind: "endorsement-declined",
            responseId: after.responseId,
            to: after.email,
            ...endorsementDeclined({
              firstName: firstName(after),
              programme: after.programme,
              endorserTitle: programme.endorsement?.endorserTitle ?? "head teacher",
              reference: after.responseId,
              hub,
            }),
          });
        }
      }
      // The code the verdict now carries (NO_HEAD_SUPPORT, or the programme's own).
      const key = results[0]?.after.programme ?? "";
      const reason =
        match.status === "Declined" && isProgrammeKey(key)
          ? declinedReason(PROGRAMMES[key], "Declined")
          : null;
      detail = `${match.status} for ${match.covered.join(", ")}${reason ? ` (${reason.code})` : ""}.`;
      run.applied++;
    }
    ledgerRows.push([
      now,
      asText(p.key),
      p.submitted ?? "",
      asText(a.reference),
      asText(a.schoolUrn),
      asText(a.school),
      match.ok ? match.status : asText(a.decision ?? ""),
      a.attendsLaunch === null ? "" : a.attendsLaunch ? "Yes" : "No",
      asText(a.endorserName),
      asText(a.endorserRole),
      outcome,
      asText(detail),
    ]);
  }
  // The register and queue first, the ledger last: a run that dies in between applies the same
  // answers again next time, which changes nothing (the statuses already match) and queues nothing
  // twice (the keys are there).
  intake.commit(emails, audit, now);
  appendRows(ledger, ledgerRows);
  log.push({
    at: now,
    level: "INFO",
    job: options.job,
    message: `Endorsement responses: ${run.applied} applied, ${run.unchanged} with no change, ${run.refused} refused.`,
  });
  appendLog(ss, log);
  run.emailsQueued = intake.summary.emailsQueued;
  if (options.send) intake.sendQueued();
  run.emailsSent = intake.summary.emailsSent;
  return run;
}

function isEndorsementTarget(
  config: HubConfig,
  target: { sheet: GoogleAppsScript.Spreadsheet.Sheet; row: number } | { formId: string },
): boolean {
  const configured = config.settings.endorsementForm.trim();
  const id = configured ? formIdFrom(configured) : "";
  if ("formId" in target)
    return id !== "" && (configured.includes(target.formId) || id === target.formId);
  if (target.sheet.getName() === ENDORSEMENT_RESPONSE_SHEET) return true;
  const url = target.sheet.getFormUrl() ?? "";
  return id !== "" && url.includes(id);
}

/** Hands the Endorsement Form's submissions to the endorsement handler, inside intake's lock. */
export function endorsementSubmission(services: Services): OtherSubmission {
  return (ss, config, target) => {
    if (!isEndorsementTarget(config, target)) return null;
    const run = reconcileEndorsements(services, ss, config, { job: "endorsement", send: true });
    return { handled: "endorsement", counts: { ...run } };
  };
}

/** The installable onFormSubmit trigger: applications to intake, endorsements here. */
export function handleSubmission(
  services: Services,
  e: Parameters<typeof handleFormSubmit>[1],
): IntakeSummary | OtherSubmissionOutcome | "busy" | "ignored" {
  return handleFormSubmit(services, e, endorsementSubmission(services));
}

/**
 * The hourly run's requests and reminders: requests that could not go at intake and reminders that
 * have fallen due. Reads the register only when the marks say something is due.
 */
export function hourlyEndorsements(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: HubConfig,
  marks: Record<string, string>,
): { message: string; queued: number } {
  const now = services.now();
  const parts: string[] = [];
  let queued = 0;
  if (endorsementCheckDue(marks, now)) {
    const result = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () => {
      const records = readRegister(ss).records;
      const keys = readQueueKeys(ss);
      const template = endorsementFormInfo(services, ss, config.settings)?.template ?? "";
      const requests = planRequests(records, keys, config.settings, template, now, "add-on");
      const reminders = planReminders(records, keys, config.settings, template, now);
      const fresh = enqueueEmails(services, ss, [...requests.emails, ...reminders], now, keys);
      // planRequests skipped every key already queued, so each request here is new.
      appendAudit(ss, requests.audit);
      recordEndorsementCheck(
        services,
        nextEndorsementReminder(records, keys, config.settings, now),
      );
      return {
        requests: requests.emails.length,
        reminders: reminders.length,
        queued: fresh.length,
      };
    });
    if (!result.ok) parts.push("requests and reminders: busy");
    else {
      queued += result.value.queued;
      parts.push(`${result.value.requests} requests, ${result.value.reminders} reminders queued`);
    }
  }
  return { message: parts.join("; ") || "nothing due", queued };
}

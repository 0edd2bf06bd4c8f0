// Intake: every form response becomes exactly one row of the Applications register, with a
// verdict, score and reasons, and an acknowledgement is queued. The submit trigger and "Process all
// responses" share this code path. Keyed by Response ID (response sheet + row, which a Forms edit
// keeps), so a duplicate fire, a re-run or an overlapping execution never adds a second row.
import { acknowledgement } from "../domain/emails";
import { declinedNoticeKey, initialEndorsement } from "../domain/endorsement";
import { endorsementDeclined } from "../domain/endorsement-emails";
import { crossApplicationReasons } from "../domain/eligibility/cross-application";
import { indexEngagement, type EngagementIndex } from "../domain/eligibility/engagement";
import { evaluateApplication, type Evaluation } from "../domain/eligibility/evaluate";
import { formatReasons, worstVerdict } from "../domain/eligibility/verdict";
import { answersByField, mapQuestionTitles, type QuestionMapping } from "../domain/form-binding";
import { answersHash, fnv1a } from "../domain/hash";
import { PROGRAMMES } from "../domain/programmes/catalogue";
import { buildSchoolLookup, type SchoolLookup } from "../domain/schools/register";
import type { EndorsementStatus, ProgrammeKey, RawAnswers } from "../domain/types";
import { cellDate, cellText, type Cell } from "../sheets/cells";
import { ConfigError, requireConfig, type HubConfig, type ProgrammeConfig } from "../sheets/config";
import { appendAudit, appendLog, type AuditEntry } from "../sheets/journal";
import { readEngagement, readSchools } from "../sheets/reference";
import {
  emptyRecord,
  readRegister,
  upsert,
  writeRegister,
  type ApplicationRecord,
  type Register,
} from "../sheets/register";
import { readTable } from "../sheets/table";
import { hubVoice } from "./jobs/context";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "./lock";
import { reconcileEndorsements } from "./endorsement";
import { endorsementFormInfo } from "./endorsement-form";
import { markEndorsementCheck, planRequests } from "./endorsement-requests";
import {
  drainQueue,
  enqueueEmails,
  isSendable,
  readQueueKeys,
  type OutgoingEmail,
} from "./mail-queue";
import { routeRegister } from "./routing";
import { activeUserEmail, type Services } from "./services";
import { markDirty, readMarks, recordRow, recordSweep } from "./watermarks";

export interface IncomingResponse {
  programme: ProgrammeKey;
  responseId: string;
  /** "Responses: sec-specialist!5" */
  source: string;
  submittedAt: Date;
  /** Answers keyed by question title, as the response sheet has them. */
  byTitle: Record<string, string>;
}

export interface IntakeSummary {
  added: number;
  updated: number;
  unchanged: number;
  emailsQueued: number;
  emailsSent: number;
  /** Responses left for the next run (time budget reached); none are lost. */
  remaining: number;
  byVerdict: Record<string, number>;
  /** Endorsement Form answers reconciled by "Process all responses" (absent when not looked at). */
  endorsements?: { applied: number; unchanged: number; refused: number };
}

/** Stop starting new chunks after this long: Apps Script kills an execution at 6 minutes. */
export const SWEEP_BUDGET_MS = 270_000;
export const CHUNK_SIZE = 250;

/** A short, stable id: programme key, a tag of the response sheet, and the row. */
export function responseIdFor(programme: ProgrammeKey, sheetId: number, row: number): string {
  const tag = fnv1a(String(sheetId)).slice(0, 4);
  return `${programme}-${tag}-${row}`;
}

/** Reads one response-sheet row into an incoming response. Empty rows give null. */
export function incomingFromRow(
  programme: ProgrammeKey,
  sheet: { name: string; id: number },
  header: readonly Cell[],
  row: readonly Cell[],
  rowNumber: number,
  fallbackTime: Date,
): IncomingResponse | null {
  const byTitle: Record<string, string> = {};
  let submittedAt: Date | null = null;
  let any = false;
  header.forEach((h, i) => {
    const title = cellText(h).trim();
    if (title === "") return;
    const v = row[i] ?? "";
    if (title.toLowerCase() === "timestamp") {
      submittedAt = cellDate(v);
      return;
    }
    const text = cellText(v);
    if (text.trim() !== "") any = true;
    byTitle[title] = text;
  });
  if (!any) return null;
  return {
    programme,
    responseId: responseIdFor(programme, sheet.id, rowNumber),
    source: `${sheet.name}!${rowNumber}`,
    submittedAt: submittedAt ?? fallbackTime,
    byTitle,
  };
}

/** Everything an intake run reads once and keeps in memory across chunks. */
export class Intake {
  private readonly register: Register;
  private readonly schools: SchoolLookup;
  private readonly engagement: EngagementIndex;
  private readonly queueKeys: Set<string>;
  private readonly mappings = new Map<ProgrammeKey, QuestionMapping>();
  readonly summary: IntakeSummary = {
    added: 0,
    updated: 0,
    unchanged: 0,
    emailsQueued: 0,
    emailsSent: 0,
    remaining: 0,
    byVerdict: {},
  };
  private readonly queuedKeys: string[] = [];
  /** The Endorsement Form's pre-filled link template, read once per run when first needed. */
  private endorsementTemplate: string | null = null;

  constructor(
    private readonly services: Services,
    private readonly ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
    readonly config: HubConfig,
    private readonly actor: string,
  ) {
    this.register = readRegister(ss);
    this.schools = buildSchoolLookup(readSchools(ss));
    this.engagement = indexEngagement(readEngagement(ss));
    this.queueKeys = readQueueKeys(ss);
  }

  programmeConfig(key: ProgrammeKey): ProgrammeConfig | undefined {
    return this.config.programmes.find((p) => p.key === key);
  }

  private mappingFor(key: ProgrammeKey, titles: string[]): QuestionMapping {
    let m = this.mappings.get(key);
    if (!m) {
      m = mapQuestionTitles(PROGRAMMES[key], titles);
      this.mappings.set(key, m);
    }
    return m;
  }

  isCurrent(r: IncomingResponse): boolean {
    const at = this.register.byId.get(r.responseId);
    return at !== undefined && this.register.records[at]!.answersHash === answersHash(r.byTitle);
  }

  private evaluate(
    record: ApplicationRecord,
    answers: RawAnswers,
    programme: ProgrammeConfig,
  ): Evaluation {
    const s = this.config.settings;
    return evaluateApplication(
      {
        responseId: record.responseId,
        programme: programme.key,
        submittedAt: record.submitted ?? this.services.now(),
        answers,
        endorsement: (record.endorsement || "Not needed") as EndorsementStatus,
        statementScore: record.statementScore,
      },
      {
        year: programme.year,
        closesAt: programme.closes,
        schools: this.schools,
        hubLas: s.localAuthorities,
        priorityLas: s.priorityLocalAuthorities,
        priorityUrns: s.priorityUrns,
        engagement: this.engagement,
        weights: s.weights,
      },
    );
  }

  /** Evaluates a batch, queues acknowledgements, and writes the register. Call inside the lock. */
  processBatch(batch: IncomingResponse[]): void {
    const now = this.services.now();
    const audit: AuditEntry[] = [];
    const emails: OutgoingEmail[] = [];
    const touched = new Set<ProgrammeKey>();
    const endorse = new Set<string>();
    for (const r of batch) {
      const programme = this.programmeConfig(r.programme);
      if (!programme) continue;
      const hash = answersHash(r.byTitle);
      const at = this.register.byId.get(r.responseId);
      const before = at !== undefined ? this.register.records[at]! : null;
      if (before && before.answersHash === hash) {
        this.summary.unchanged++;
        continue;
      }
      const mapping = this.mappingFor(r.programme, Object.keys(r.byTitle));
      const answers = answersByField(mapping, r.byTitle);
      const record: ApplicationRecord = before ? { ...before } : emptyRecord(r.responseId);
      record.submitted = r.submittedAt;
      record.programme = r.programme;
      record.source = r.source;
      record.year = programme.year;
      record.answersHash = hash;
      record.answers = JSON.stringify(answers);
      record.updated = now;
      if (!before) record.reviewStatus = "New";
      const evaluation = this.evaluate(record, answers, programme);
      applyEvaluation(record, evaluation);
      // The second advocate of a school whose head has already answered shares that answer.
      if (!before) {
        record.endorsement = initialEndorsement(record, this.register.records);
        if (record.endorsement === "Confirmed" || record.endorsement === "Declined")
          audit.push({
            at: now,
            actor: this.actor,
            action: `Endorsement ${record.endorsement.toLowerCase()}: shared with the school's other advocate`,
            responseId: r.responseId,
            before: "",
            after: record.endorsement,
          });
      }
      if (record.endorsement === "Requested") endorse.add(r.responseId);
      upsert(this.register, record);
      touched.add(r.programme);
      if (before) {
        this.summary.updated++;
        audit.push({
          at: now,
          actor: this.actor,
          action: "Response edited: re-evaluated",
          responseId: r.responseId,
          before: `${before.verdict} ${before.score ?? ""}`.trim(),
          after: `${record.verdict} ${record.score ?? ""}`.trim(),
        });
      } else this.summary.added++;
      // A malformed address would only bounce and be retried until it failed: the row's
      // BAD_EMAIL reason is how the hub learns of it instead.
      if (isSendable(evaluation.email)) {
        const text = acknowledgement({
          firstName: answers.firstName ?? "",
          programmeTitle: PROGRAMMES[r.programme].title,
          reference: r.responseId,
          closes: programme.closes,
          hub: hubVoice(this.config.settings),
          edited: before !== null,
        });
        emails.push({
          key: before ? `ack:${r.responseId}:${hash}` : `ack:${r.responseId}`,
          kind: "acknowledgement",
          responseId: r.responseId,
          to: evaluation.email,
          ...text,
        });
      }
      // A second advocate who inherits the head's "no" is told as kindly as the first advocate
      // was, once (the key is the one the Endorsement Form's answer would have used).
      if (!before && record.endorsement === "Declined" && isSendable(evaluation.email)) {
        emails.push({
          key: declinedNoticeKey(r.responseId),
          kind: "endorsement-declined",
          responseId: r.responseId,
          to: evaluation.email,
          ...endorsementDeclined({
            firstName: answers.firstName ?? "",
            programme: r.programme,
            endorserTitle: PROGRAMMES[r.programme].endorsement?.endorserTitle ?? "head teacher",
            reference: r.responseId,
            hub: hubVoice(this.config.settings),
          }),
        });
      }
    }
    this.applyCrossApplicationReasons(touched);
    if (touched.size > 0) {
      for (const i of routeRegister(this.register.records, this.config.leads))
        this.register.changed.add(i);
    }
    // After the verdicts are final: an application that is invalid or ineligible is not sent.
    if (endorse.size > 0) this.requestEndorsements(endorse, now, emails, audit);
    this.commit(emails, audit, now);
  }

  /** Endorsement requests for these new or edited applications (once per application or pair). */
  private requestEndorsements(
    ids: ReadonlySet<string>,
    now: Date,
    emails: OutgoingEmail[],
    audit: AuditEntry[],
  ): void {
    if (this.endorsementTemplate === null)
      this.endorsementTemplate =
        endorsementFormInfo(this.services, this.ss, this.config.settings)?.template ?? "";
    const planned = planRequests(
      this.register.records,
      this.queueKeys,
      this.config.settings,
      this.endorsementTemplate,
      now,
      this.actor,
      ids,
    );
    emails.push(...planned.emails);
    audit.push(...planned.audit);
    for (const { plan, why } of planned.held) {
      for (const m of plan.members) {
        if (!ids.has(m.responseId)) continue;
        audit.push({
          at: now,
          actor: this.actor,
          action: "Endorsement request held",
          responseId: m.responseId,
          before: "",
          after: "Requested",
          flag: `Not sent: ${why}.`,
        });
      }
    }
    // The hourly run looks again (the next reminder) only when told to.
    if (planned.emails.length || planned.held.length) markEndorsementCheck(this.services);
  }

  /**
   * Queues the emails and writes the register and the Audit. Emails are queued before the register
   * is written: if the execution dies in between, the rerun finds the response unprocessed and the
   * email keys already queued, so nothing is lost and nothing is sent twice.
   */
  commit(emails: OutgoingEmail[], audit: AuditEntry[], now: Date = this.services.now()): void {
    const queued = enqueueEmails(this.services, this.ss, emails, now, this.queueKeys);
    // Endorsement requests go with the hourly run's sending (within the hour, well inside the
    // endorser's two weeks), which keeps a submission's own execution short.
    const later = new Set(emails.filter((e) => e.kind === "endorsement-request").map((e) => e.key));
    this.queuedKeys.push(...queued.filter((k) => !later.has(k)));
    this.summary.emailsQueued += queued.length;
    writeRegister(this.register);
    appendAudit(this.ss, audit);
  }

  /** The register as read (and changed) by this run. */
  get records(): readonly ApplicationRecord[] {
    return this.register.records;
  }

  /**
   * Sets the Endorsement of some applications and re-judges their programmes (a declined
   * endorsement makes an application INELIGIBLE; a confirmed one counts in the score). Returns each
   * changed application before and after. Call inside the lock, then commit().
   */
  applyEndorsements(
    changes: ReadonlyMap<string, EndorsementStatus>,
  ): Array<{ before: ApplicationRecord; after: ApplicationRecord }> {
    const now = this.services.now();
    const touched = new Set<ProgrammeKey>();
    const changed: Array<{ index: number; before: ApplicationRecord }> = [];
    for (const [id, status] of changes) {
      const i = this.register.byId.get(id);
      if (i === undefined) continue;
      const record = this.register.records[i]!;
      if (record.endorsement === status) continue;
      changed.push({ index: i, before: { ...record } });
      record.endorsement = status;
      record.updated = now;
      this.register.changed.add(i);
      touched.add(record.programme as ProgrammeKey);
    }
    this.applyCrossApplicationReasons(touched);
    return changed.map(({ index, before }) => ({ before, after: this.register.records[index]! }));
  }

  /** Re-judges every application of the touched programmes whose DUPLICATE / SCHOOL_LIMIT reasons changed. */
  private applyCrossApplicationReasons(touched: Set<ProgrammeKey>): void {
    if (touched.size === 0) return;
    const indexes: number[] = [];
    this.register.records.forEach((r, i) => {
      if (touched.has(r.programme as ProgrammeKey) && r.answers) indexes.push(i);
    });
    const summaries = indexes.map((i) => {
      const r = this.register.records[i]!;
      return {
        responseId: r.responseId,
        programme: r.programme as ProgrammeKey,
        email: r.email,
        schoolUrn: r.schoolUrn,
        submittedAt: r.submitted ?? new Date(0),
        active: r.decision !== "Withdrawn",
      };
    });
    const cross = crossApplicationReasons(
      summaries,
      (key) => this.programmeConfig(key)?.maxPerSchool ?? PROGRAMMES[key].maxPerSchool,
    );
    for (const i of indexes) {
      const record = this.register.records[i]!;
      const extra = cross.get(record.responseId) ?? [];
      const programme = this.programmeConfig(record.programme as ProgrammeKey);
      if (!programme) continue;
      const evaluation = this.evaluate(record, JSON.parse(record.answers) as RawAnswers, programme);
      const reasons = [...evaluation.reasons, ...extra];
      // The verdict is the worst effect of every reason, these included (DUPLICATE is INVALID).
      const verdict = worstVerdict(reasons);
      const text = formatReasons(reasons);
      if (
        text !== record.reasons ||
        verdict !== record.verdict ||
        evaluation.score !== record.score
      ) {
        applyEvaluation(record, { ...evaluation, reasons, verdict });
        this.register.changed.add(i);
      }
    }
  }

  /** Sends what this run queued (within quota and budget); the hourly run sends the rest. */
  sendQueued(limit?: number): void {
    if (this.queuedKeys.length === 0) return;
    const s = this.config.settings;
    const result = drainQueue(
      this.services,
      this.ss,
      { name: s.senderName, replyTo: s.replyTo, dailyBudget: s.dailyEmailBudget },
      { onlyKeys: new Set(this.queuedKeys), limit },
    );
    this.summary.emailsSent += result.sent;
  }

  tally(): void {
    const byVerdict: Record<string, number> = {};
    for (const r of this.register.records)
      byVerdict[r.verdict || "(none)"] = (byVerdict[r.verdict || "(none)"] ?? 0) + 1;
    this.summary.byVerdict = byVerdict;
  }
}

function applyEvaluation(record: ApplicationRecord, e: Evaluation): void {
  record.applicant = e.applicantName;
  record.email = e.email;
  record.schoolUrn = e.schoolUrn;
  record.school = e.schoolName;
  record.localAuthority = e.school?.la ?? "";
  record.verdict = e.verdict;
  record.score = e.score;
  record.reasons = formatReasons(e.reasons);
}

/** Reads a response sheet in one call and returns its responses that the register lacks or has stale. */
function pendingFrom(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  intake: Intake,
  programme: ProgrammeConfig,
  lastRows?: Record<string, number>,
): IncomingResponse[] {
  const sheet = programme.responseSheet ? ss.getSheetByName(programme.responseSheet) : null;
  if (!sheet) return [];
  const table = readTable(sheet);
  if (lastRows) lastRows[programme.responseSheet] = table.firstRow + table.rows.length - 1;
  const now = services.now();
  const out: IncomingResponse[] = [];
  // Read once, outside the loop over rows: each is a service call.
  const where = { name: sheet.getName(), id: sheet.getSheetId() };
  table.rows.forEach((row, i) => {
    const r = incomingFromRow(programme.key, where, table.header, row, table.firstRow + i, now);
    if (r && !intake.isCurrent(r)) out.push(r);
  });
  return out;
}

/**
 * "Process all responses" and the hourly sweep: reconciles every response not yet in the register,
 * in chunks, stopping cleanly before the execution time limit; the next run resumes where it stopped.
 * Unless limited to one programme, it then applies the Endorsement Form answers the submit trigger
 * missed, through the same idempotent path as the submit trigger (the Endorsements ledger).
 */
export function processAllResponses(
  services: Services,
  options: {
    programme?: ProgrammeKey;
    budgetMs?: number;
    sendLimit?: number;
    /** The configuration the caller has just read (the hourly run), to save reading it again. */
    config?: HubConfig;
  } = {},
): IntakeSummary | "busy" {
  const started = services.now().getTime();
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const result = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () => {
    const intake = new Intake(
      services,
      ss,
      options.config ?? requireConfig(ss),
      activeUserEmail(services, "add-on"),
    );
    const lastRows: Record<string, number> = {};
    const pending = intake.config.programmes
      .filter((p) => p.active && (!options.programme || p.key === options.programme))
      .flatMap((p) => pendingFrom(services, ss, intake, p, lastRows));
    let done = 0;
    while (done < pending.length) {
      if (services.now().getTime() - started > (options.budgetMs ?? SWEEP_BUDGET_MS)) break;
      intake.processBatch(pending.slice(done, done + CHUNK_SIZE));
      done = Math.min(done + CHUNK_SIZE, pending.length);
    }
    intake.summary.remaining = pending.length - done;
    if (!options.programme) recordSweep(services, lastRows, intake.summary.remaining === 0);
    intake.sendQueued(options.sendLimit);
    // Only once every application is in the register: an answer naming one still waiting would be
    // refused into the ledger, and a refusal is never looked at again. After the applications'
    // batches, which wrote the register the endorsement run reads afresh.
    let endorsements = "";
    // Missed endorsement answers too, when every programme was processed.
    if (!options.programme && intake.summary.remaining === 0) {
      const run = reconcileEndorsements(services, ss, intake.config, {
        job: "process-all",
        // From the menu (no limit) a declined applicant is told at once, as by the submit trigger;
        // the hourly run sends with the rest of the queue.
        send: options.sendLimit === undefined,
      });
      intake.summary.endorsements = {
        applied: run.applied,
        unchanged: run.unchanged,
        refused: run.refused,
      };
      intake.summary.emailsQueued += run.emailsQueued;
      intake.summary.emailsSent += run.emailsSent;
      endorsements = `; endorsement answers: ${run.applied} applied, ${run.unchanged} with no change, ${run.refused} refused`;
    }
    intake.tally();
    appendLog(ss, [
      {
        at: services.now(),
        level: intake.summary.remaining ? "WARN" : "INFO",
        job: "process-all",
        message: `Added ${intake.summary.added}, updated ${intake.summary.updated}, unchanged ${intake.summary.unchanged}; ${intake.summary.emailsQueued} emails queued, ${intake.summary.emailsSent} sent${intake.summary.remaining ? `; ${intake.summary.remaining} left for the next run` : ""}${endorsements}.`,
      },
    ]);
    return intake.summary;
  });
  return result.ok ? result.value : "busy";
}

type SubmitEvent = {
  range?: GoogleAppsScript.Spreadsheet.Range;
  source?: { getId(): string };
  response?: unknown;
};

/** What a handler of another form's submissions (the Endorsement Form's) reports. */
export interface OtherSubmissionOutcome {
  handled: string;
  counts: Record<string, number>;
}

/**
 * Handles a submission to a sheet or Form that is no programme's, inside the same lock and with
 * the configuration already read; null when it is not its own either.
 */
export type OtherSubmission = (
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: HubConfig,
  target: { sheet: GoogleAppsScript.Spreadsheet.Sheet; row: number } | { formId: string },
) => OtherSubmissionOutcome | null;

/**
 * The installable onFormSubmit trigger. From a response sheet it processes that row; from a Form it
 * reconciles that Form's response sheet. If the lock cannot be had, the response stays in the
 * response sheet for the hourly sweep: it is never dropped.
 */
export function handleFormSubmit(
  services: Services,
  e: SubmitEvent,
  other?: OtherSubmission,
): IntakeSummary | OtherSubmissionOutcome | "busy" | "ignored" {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  let result: ReturnType<
    typeof withDocumentLock<IntakeSummary | OtherSubmissionOutcome | "ignored">
  >;
  try {
    result = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () =>
      submitInLock(services, ss, e, other),
    );
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // The response is safe in its response sheet; the hub lead sees why it waits.
    markDirty(services);
    appendLog(ss, [
      {
        at: services.now(),
        level: "ERROR",
        job: "form-submit",
        message: `A response is waiting until the configuration is fixed. ${err.message}`,
      },
    ]);
    throw err;
  }
  if (!result.ok) {
    markDirty(services);
    appendLog(ss, [
      {
        at: services.now(),
        level: "WARN",
        job: "form-submit",
        message: "Another run held the lock; this response will be processed by the hourly sweep.",
      },
    ]);
    return "busy";
  }
  return result.value;
}

function submitInLock(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  e: SubmitEvent,
  other?: OtherSubmission,
): IntakeSummary | OtherSubmissionOutcome | "ignored" {
  const config = requireConfig(ss);
  let incoming: IncomingResponse[] = [];
  let intake: Intake;
  if (e.range) {
    const sheet = e.range.getSheet();
    const where = { name: sheet.getName(), id: sheet.getSheetId() };
    const programme = config.programmes.find((p) => p.responseSheet === where.name);
    if (!programme) return other?.(ss, config, { sheet, row: e.range.getRow() }) ?? "ignored";
    const rowNumber = e.range.getRow();
    const width = sheet.getLastColumn();
    const header = sheet.getRange(1, 1, 1, width).getValues()[0]!;
    const row = sheet.getRange(rowNumber, 1, 1, width).getValues()[0]!;
    intake = new Intake(services, ss, config, activeUserEmail(services, "add-on"));
    const r = incomingFromRow(programme.key, where, header, row, rowNumber, services.now());
    if (r) incoming = [r];
    recordRow(services, where.name, rowNumber, readMarks(services));
  } else if (e.source) {
    const formId = e.source.getId();
    const programme = config.programmes.find((p) => p.form.includes(formId));
    if (!programme) return other?.(ss, config, { formId }) ?? "ignored";
    intake = new Intake(services, ss, config, activeUserEmail(services, "add-on"));
    incoming = pendingFrom(services, ss, intake, programme);
  } else return "ignored";
  intake.processBatch(incoming);
  intake.sendQueued();
  return intake.summary;
}

// Allocation of places and Work Group seats: a dry-run preview the lead can adjust with written
// overrides, then a confirmation that writes decisions, cohort sheets and a frozen record of the
// run, and queues the decision emails. Nothing is written and no email is queued by a preview.
import {
  allocate,
  servesLa,
  type AllocationCandidate,
  type AllocationGroup,
  type AllocationParams,
  type AllocationResult,
  type Override,
} from "../domain/allocation";
import {
  allocationInput,
  defaultSeed,
  HOLDS_PLACE,
  TIER_NEVER_ENGAGED,
  TIER_PRIORITY_AREA,
  type ApplicationForAllocation,
} from "../domain/allocation/from-register";
import { formatLondon } from "../domain/calendar";
import { ALLOCATION_SOURCE_PREFIX, engagementChanges } from "../domain/allocation/engagement-sync";
import { notThisTimeEmail, offerEmail, waitlistEmail } from "../domain/decision-emails";
import { fnv1a } from "../domain/hash";
import { PROGRAMMES } from "../domain/programmes/catalogue";
import { reasonCodes } from "../domain/schedule";
import type { EngagementRow, ProgrammeKey } from "../domain/types";
import type {
  AllocationConfirmation,
  AllocationPreview,
  AllocationProgrammeChoice,
  AllocationProgress,
  AllocationRequest,
  AllocationRow,
  ConfirmRequest,
  GroupUse,
  OfferNextRequest,
  OfferNextResult,
} from "../ui/allocation-bridge";
import {
  latestRunSheet,
  readSnapshot,
  runSheetName,
  snapshotRows,
  writeSnapshot,
  type RunSnapshot,
} from "../sheets/allocation-runs";
import { writeCohortSheets, type CohortMember } from "../sheets/cohorts";
import { requireConfig, type HubConfig, type ProgrammeConfig } from "../sheets/config";
import { appendAudit, appendLog, type AuditEntry } from "../sheets/journal";
import { engagementRows, readEngagementTable, readSchools } from "../sheets/reference";
import { asText } from "../sheets/cells";
import { ENGAGEMENT_SHEET, headersOf } from "../sheets/layout";
import {
  appendRows,
  consecutiveRuns,
  readTable,
  sheetWithHeader,
  writeBlock,
  type Table,
} from "../sheets/table";
import {
  readRegister,
  storedAnswers,
  writeRegister,
  type ApplicationRecord,
  type Register,
} from "../sheets/register";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "./lock";
import { hubVoice, queueEmails } from "./jobs/context";
import { isSendable, readQueueKeys, type OutgoingEmail } from "./mail-queue";
import { activeUserEmail, type Services } from "./services";

const PROGRESS_SECONDS = 600;
const STAGES = 4;

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

function actorOf(services: Services, by?: string): string {
  return (by ?? activeUserEmail(services, "hub lead")) || "hub lead";
}

function reportProgress(
  services: Services,
  token: string | undefined,
  stage: string,
  done: number,
): void {
  if (!token) return;
  const progress: AllocationProgress = { stage, done, total: STAGES };
  // Progress is a courtesy: a cache failure must never stop an allocation.
  try {
    services.cacheService
      .getUserCache()
      ?.put(`allocation.progress.${token}`, JSON.stringify(progress), PROGRESS_SECONDS);
  } catch {
    /* ignore */
  }
}

export function allocationProgress(services: Services, token: string): AllocationProgress | null {
  if (typeof token !== "string" || token === "") return null;
  const raw = services.cacheService.getUserCache()?.get(`allocation.progress.${token}`);
  return raw ? (JSON.parse(raw) as AllocationProgress) : null;
}

function programmeOf(config: HubConfig, key: string): ProgrammeConfig {
  const programme = config.programmes.find((p) => p.key === key);
  if (!programme) {
    const known = config.programmes.map((p) => p.key).join(", ");
    throw new Error(
      `There is no programme "${key}" on the Programmes sheet; choose one of ${known}.`,
    );
  }
  return programme;
}

function isOpen(programme: ProgrammeConfig, now: Date): boolean {
  if (!programme.active) return false;
  if (programme.opens && now < programme.opens) return false;
  return !programme.closes || now < programme.closes;
}

export function allocationProgrammes(services: Services): AllocationProgrammeChoice[] {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const config = requireConfig(ss);
  const records = readRegister(ss).records;
  const now = services.now();
  return config.programmes
    .filter((p) => p.active || records.some((r) => r.programme === p.key))
    .map((p) => {
      const mine = records.filter((r) => r.programme === p.key);
      return {
        key: p.key,
        title: p.title,
        year: p.year,
        closes: p.closes ? p.closes.toISOString() : null,
        open: isOpen(p, now),
        applications: mine.length,
        confirmed: mine.some((r) => r.decision !== "" && r.decision !== "Withdrawn"),
      };
    });
}

// ---- the optimizer's input, from the sheets -------------------------------------------------

interface Prepared {
  config: HubConfig;
  programme: ProgrammeConfig;
  register: Register;
  mine: ApplicationRecord[];
  candidates: AllocationCandidate[];
  params: AllocationParams;
  holding: Array<{ responseId: string; group: string }>;
  fullGroups: AllocationGroup[];
  result: AllocationResult;
  token: string;
  /** The Engagement sheet as read for the tiers; confirmation updates it from this same read. */
  engagementTable: Table | null;
}

function engagedUrns(ss: Spreadsheet, engagement: readonly EngagementRow[]): Set<string> {
  const engaged = new Set(engagement.map((e) => e.urn).filter((urn) => urn !== ""));
  // History recorded under a school's old URN belongs to today's school too.
  const successor = new Map<string, string>();
  for (const s of readSchools(ss)) if (s.successorUrn) successor.set(s.urn, s.successorUrn);
  for (const urn of [...engaged]) {
    let next = successor.get(urn);
    for (let hops = 0; next && hops < 10; hops++) {
      engaged.add(next);
      next = successor.get(next);
    }
  }
  return engaged;
}

function groupsOf(config: HubConfig, programme: string): AllocationGroup[] {
  return config.groups
    .filter((g) => g.programme === programme)
    .map((g) => ({ id: g.id, capacity: g.capacity, localAuthorities: g.localAuthorities }));
}

function overridesFrom(request: AllocationRequest, by: string): Override[] {
  if (!Array.isArray(request.overrides)) return [];
  return request.overrides.map((o) => ({
    responseId: String(o.responseId ?? ""),
    action: o.action,
    reason: String(o.reason ?? ""),
    by,
  }));
}

function forAllocation(r: ApplicationRecord): ApplicationForAllocation {
  return {
    responseId: r.responseId,
    verdict: r.verdict,
    score: r.score,
    reviewStatus: r.reviewStatus,
    decision: r.decision,
    endorsement: r.endorsement,
    schoolUrn: r.schoolUrn,
    localAuthority: r.localAuthority,
    group: r.group,
    reasonCodes: reasonCodes(r.reasons),
  };
}

function prepare(services: Services, request: AllocationRequest, by: string): Prepared {
  if (!request || typeof request.programme !== "string") {
    throw new Error("Choose a programme to allocate.");
  }
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const config = requireConfig(ss);
  const programme = programmeOf(config, request.programme);
  reportProgress(services, request.progressToken, "Reading the applications", 1);
  const register = readRegister(ss);
  const engagementTable = readEngagementTable(ss);
  const engagement = engagementTable ? engagementRows(engagementTable) : [];
  const mine = register.records.filter((r) => r.programme === programme.key && r.responseId !== "");
  const fullGroups = groupsOf(config, programme.key);
  const catalogue = PROGRAMMES[programme.key as ProgrammeKey];
  const seed =
    typeof request.seed === "number" && Number.isFinite(request.seed)
      ? Math.trunc(request.seed)
      : defaultSeed(programme.key, programme.year);
  const input = allocationInput({
    programme: {
      key: programme.key,
      unit: catalogue.unit,
      places: programme.places,
      maxPerSchool: programme.maxPerSchool,
    },
    applications: mine.map(forAllocation),
    groups: fullGroups,
    facts: {
      engagedUrns: engagedUrns(ss, engagement),
      priorityLocalAuthorities: config.settings.priorityLocalAuthorities,
      priorityUrns: config.settings.priorityUrns,
    },
    tierWeights: {
      [TIER_NEVER_ENGAGED]: config.settings.allocationNeverEngaged,
      [TIER_PRIORITY_AREA]: config.settings.allocationPriorityArea,
    },
    distancePenalty: config.settings.allocationDistancePenalty,
    seed,
    overrides: overridesFrom(request, by),
  });
  reportProgress(services, request.progressToken, "Finding the best allocation", 2);
  const result = allocate(input.candidates, input.params);
  const token = fnv1a(
    JSON.stringify({
      c: input.candidates,
      p: input.params.places,
      g: input.params.groups,
      m: input.params.maxPerSchool,
      w: input.params.tierWeights,
      d: input.params.distancePenalty,
      s: input.params.seed,
      o: input.params.overrides.map((o) => [o.responseId, o.action, o.reason]),
      h: input.holding,
      r: [result.placed, result.waitlist],
    }),
  );
  return {
    config,
    programme,
    register,
    mine,
    candidates: input.candidates,
    params: input.params,
    holding: input.holding,
    fullGroups,
    result,
    token,
    engagementTable,
  };
}

// ---- preview ----------------------------------------------------------------------------------

function rowOf(r: ApplicationRecord, candidate: AllocationCandidate | undefined): AllocationRow {
  return {
    responseId: r.responseId,
    applicant: r.applicant,
    email: r.email,
    school: r.school,
    schoolUrn: r.schoolUrn,
    localAuthority: r.localAuthority,
    verdict: r.verdict,
    score: r.score,
    endorsement: r.endorsement,
    reviewStatus: r.reviewStatus,
    decision: r.decision,
    lead: r.lead,
    tiers: candidate ? [...candidate.tiers] : [],
    unit: candidate?.unitKey ?? "",
  };
}

function leadName(config: HubConfig, email: string): string {
  const lead = config.leads.find((l) => l.email.toLowerCase() === email.toLowerCase());
  return lead ? lead.name : email;
}

function groupUses(p: Prepared, placedNow: Map<string, number>): GroupUse[] {
  const held = new Map<string, number>();
  for (const h of p.holding) held.set(h.group, (held.get(h.group) ?? 0) + 1);
  if (p.fullGroups.length === 0) {
    return [
      {
        id: "",
        label: p.programme.title,
        lead: "",
        localAuthorities: [],
        used: (held.get("") ?? 0) + (placedNow.get("") ?? 0),
        capacity: p.programme.places,
      },
    ];
  }
  return p.fullGroups.map((g) => ({
    id: g.id,
    ...groupLabel(p.config, p.programme.key, g.id),
    localAuthorities: [...g.localAuthorities],
    used: (held.get(g.id) ?? 0) + (placedNow.get(g.id) ?? 0),
    capacity: g.capacity,
  }));
}

function warningsOf(p: Prepared, now: Date): string[] {
  const warnings: string[] = [];
  if (isOpen(p.programme, now)) {
    warnings.push(
      `${p.programme.title} is still open${p.programme.closes ? ` until ${formatLondon(p.programme.closes, "HH:mm 'on' d MMMM yyyy")}` : ""}: applications may still arrive after you confirm.`,
    );
  }
  const unreviewed = p.mine.filter(
    (r) =>
      r.verdict === "REVIEW" &&
      r.reviewStatus !== "Recommend" &&
      r.reviewStatus !== "Not recommended",
  ).length;
  if (unreviewed > 0) {
    warnings.push(
      `${unreviewed} application${unreviewed === 1 ? " needs" : "s need"} a lead's review before ${unreviewed === 1 ? "it" : "they"} can be placed.`,
    );
  }
  const waiting = p.result.notConsidered.filter((n) => /^Endorsement /.test(n.why)).length;
  if (waiting > 0) {
    warnings.push(
      `${waiting} application${waiting === 1 ? " is" : "s are"} waiting for the school's endorsement; ${waiting === 1 ? "it is" : "they are"} left undecided, with no email, until it arrives or a lead waives it.`,
    );
  }
  if (p.holding.length > 0) {
    warnings.push(
      `${p.holding.length} place${p.holding.length === 1 ? " is" : "s are"} already offered and kept as ${p.holding.length === 1 ? "it is" : "they are"}; this run fills what is left.`,
    );
  }
  for (const pin of p.result.infeasiblePins)
    warnings.push(`Pin on ${pin.responseId} could not be met: ${pin.why}`);
  if (!p.result.exact) {
    warnings.push(
      "The search stopped at its limit: this allocation is good but not proven the best possible.",
    );
  }
  return warnings;
}

export function previewAllocation(
  services: Services,
  request: AllocationRequest,
  by?: string,
): AllocationPreview {
  const actor = actorOf(services, by);
  const p = prepare(services, request, actor);
  reportProgress(services, request.progressToken, "Preparing the preview", 3);
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const preview = previewOf(p, ss, services.now());
  const plan = planDecisions(p);
  const queued = readQueueKeys(ss);
  let emailsQueued = 0;
  for (const change of plan.changes) {
    const r = p.register.records[change.index]!;
    const key = `decision:${r.responseId}:${change.decision}`;
    if (isSendable(r.email) && !queued.has(key)) emailsQueued++;
  }
  preview.onConfirm = {
    offered: plan.offered,
    waitlisted: plan.waitlisted,
    notOffered: plan.notOffered,
    undecided: plan.undecided,
    emailsQueued,
  };
  reportProgress(services, request.progressToken, "Done", STAGES);
  return preview;
}

function previewOf(p: Prepared, ss: Spreadsheet, now: Date): AllocationPreview {
  const byId = new Map(p.mine.map((r) => [r.responseId, r]));
  const candidate = new Map(p.candidates.map((c) => [c.responseId, c]));
  const row = (id: string) => rowOf(byId.get(id)!, candidate.get(id));
  const placedNow = new Map<string, number>();
  for (const pl of p.result.placed) placedNow.set(pl.group, (placedNow.get(pl.group) ?? 0) + 1);
  const run = latestRunSheet(ss, p.programme.key);
  const last = run ? readSnapshot(run) : null;
  return {
    programme: {
      key: p.programme.key,
      title: p.programme.title,
      year: p.programme.year,
      closes: p.programme.closes ? p.programme.closes.toISOString() : null,
    },
    at: now.toISOString(),
    token: p.token,
    seed: p.params.seed,
    tieBreak: p.result.tieBreak,
    method: p.result.method,
    exact: p.result.exact,
    objective: p.result.objective,
    placesUsed: {
      used: p.holding.length + p.result.placesUsed.used,
      capacity: p.programme.places,
    },
    groups: groupUses(p, placedNow),
    placed: [
      ...p.holding.map((h) => ({
        ...row(h.responseId),
        group: h.group,
        why: `Already offered a place (${byId.get(h.responseId)!.decision}); kept.`,
      })),
      ...p.result.placed.map((pl) => ({ ...row(pl.responseId), group: pl.group, why: pl.why })),
    ],
    waitlist: p.result.waitlist.map((w) => ({
      ...row(w.responseId),
      position: w.position,
      why: w.why,
    })),
    notConsidered: p.result.notConsidered.map((n) => ({ ...row(n.responseId), why: n.why })),
    overrides: [
      ...p.result.overrides.map((o) => ({
        responseId: o.responseId,
        action: o.action,
        reason: o.reason,
        by: o.by,
        effect: o.effect,
        accepted: true,
      })),
      ...p.result.rejectedOverrides.map((r) => ({
        responseId: r.override.responseId,
        action: r.override.action,
        reason: r.override.reason,
        by: r.override.by,
        effect: r.why,
        accepted: false,
      })),
    ],
    warnings: warningsOf(p, now),
    confirmed: last
      ? {
          run: last.sheetName,
          at: Number.isNaN(last.meta.confirmedAt.getTime())
            ? ""
            : last.meta.confirmedAt.toISOString(),
          by: last.meta.confirmedBy,
        }
      : null,
  };
}

// ---- confirmation -----------------------------------------------------------------------------

function firstNameOf(r: ApplicationRecord): string {
  return storedAnswers(r).firstName?.trim() || r.applicant.trim().split(/\s+/)[0] || "";
}

/** Plain sentences a "not this time" email can share: the blocking reasons, without codes. */
function shareableReasons(r: ApplicationRecord): string[] {
  const internal = new Set(["URN_SUPERSEDED", "UNASSIGNED", "ENDORSER_UNVERIFIED", "SCHOOL_LIMIT"]);
  if (r.verdict !== "INELIGIBLE" && r.verdict !== "INVALID") return [];
  return r.reasons
    .split(/\n+/)
    .map((line) => /^\s*([A-Z][A-Z0-9_]+):\s*(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !internal.has(m[1]!) && m[2]!.trim() !== "")
    .map((m) => m[2]!.trim());
}

function groupLabel(
  config: HubConfig,
  programme: string,
  id: string,
): { label: string; lead: string } {
  if (!id) return { label: "", lead: "" };
  const g = config.groups.find((c) => c.id === id && c.programme === programme);
  return {
    label: g?.location ? `${id} (${g.location})` : id,
    lead: g ? leadName(config, g.leadEmail) : "",
  };
}

function decisionEmail(
  config: HubConfig,
  programme: ProgrammeConfig,
  r: ApplicationRecord,
  decision: "Offered" | "Waitlisted" | "Not offered",
  position: number | null,
): OutgoingEmail | null {
  // A malformed address would only fail: the register's BAD_EMAIL reason tells the hub instead.
  if (!isSendable(r.email)) return null;
  const hub = hubVoice(config.settings);
  const base = {
    firstName: firstNameOf(r),
    programmeTitle: programme.title,
    reference: r.responseId,
    hub,
  };
  const text =
    decision === "Offered"
      ? offerEmail({
          ...base,
          ...(() => {
            const g = groupLabel(config, programme.key, r.group);
            return { group: g.label, groupLead: g.lead };
          })(),
        })
      : decision === "Waitlisted"
        ? waitlistEmail({ ...base, position: position ?? 1 })
        : notThisTimeEmail({ ...base, reasons: shareableReasons(r) });
  return {
    key: `decision:${r.responseId}:${decision}`,
    kind: decision === "Offered" ? "offer" : decision === "Waitlisted" ? "waitlist" : "not-offered",
    responseId: r.responseId,
    to: r.email,
    subject: text.subject,
    body: text.body,
  };
}

function cohortMember(r: ApplicationRecord, config: HubConfig): CohortMember {
  const a = storedAnswers(r);
  return {
    responseId: r.responseId,
    applicant: r.applicant,
    email: r.email,
    role: a.role ?? "",
    schoolUrn: r.schoolUrn,
    school: r.school,
    localAuthority: r.localAuthority,
    advocate2Name: a.advocate2Name ?? "",
    advocate2Email: a.advocate2Email ?? "",
    endorsement: r.endorsement,
    lead: r.lead ? leadName(config, r.lead) : "",
    group: r.group,
    decision: r.decision,
  };
}

/** Rebuilds the programme's cohort sheets from the register (one write per sheet). */
function rebuildCohorts(
  ss: Spreadsheet,
  config: HubConfig,
  programme: ProgrammeConfig,
  records: readonly ApplicationRecord[],
): string[] {
  const groups = groupsOf(config, programme.key);
  const cohorts = new Map<string, CohortMember[]>(
    groups.length ? groups.map((g) => [g.id, []]) : [["", []]],
  );
  for (const r of records) {
    if (r.programme !== programme.key || !HOLDS_PLACE.has(r.decision)) continue;
    const key = cohorts.has(r.group) ? r.group : groups.length ? r.group || "(no group)" : "";
    if (!cohorts.has(key)) cohorts.set(key, []);
    cohorts.get(key)!.push(cohortMember(r, config));
  }
  return writeCohortSheets(ss, programme.key, cohorts);
}

/** The register's Notified column: which email went into the mail queue, and when (UK time). */
function notifiedNote(decision: Decision, at: Date): string {
  const what =
    decision === "Offered" ? "Offer" : decision === "Waitlisted" ? "Waiting list" : "Not offered";
  return `${what} email queued ${formatLondon(at, "d MMM yyyy HH:mm")}`;
}

/** Brings the Engagement sheet up to date with the programme's cohort (one read, few writes). */
function recordEngagement(
  ss: Spreadsheet,
  programme: ProgrammeConfig,
  records: readonly ApplicationRecord[],
  run: string,
  /** The sheet as read earlier under the same lock, to save reading it again. */
  readEarlier?: Table | null,
): void {
  const sheet = sheetWithHeader(ss, ENGAGEMENT_SHEET.name, headersOf(ENGAGEMENT_SHEET));
  const table = readEarlier ?? readTable(sheet);
  const changes = engagementChanges({
    rows: engagementRows(table),
    programme: programme.key,
    year: programme.year,
    holders: records
      .filter((r) => r.programme === programme.key && HOLDS_PLACE.has(r.decision))
      .map((r) => ({ schoolUrn: r.schoolUrn, decision: r.decision })),
    source: `${ALLOCATION_SOURCE_PREFIX}${run}`,
  });
  const statusColumn = table.col("Status") + 1;
  for (const runOfRows of consecutiveRuns([...changes.updates.keys()])) {
    writeBlock(
      sheet,
      table.firstRow + runOfRows[0]!,
      statusColumn,
      runOfRows.map((i) => [changes.updates.get(i)!.status]),
    );
  }
  appendRows(
    sheet,
    changes.appended.map((e) => [
      asText(e.urn),
      e.programme,
      asText(e.year),
      e.status,
      asText(e.source),
    ]),
  );
}

/** After a withdrawal or an offer: cohort sheets and Engagement follow the register. */
function refreshCohort(
  ss: Spreadsheet,
  config: HubConfig,
  programme: ProgrammeConfig,
  records: readonly ApplicationRecord[],
  run: string,
): void {
  rebuildCohorts(ss, config, programme, records);
  recordEngagement(ss, programme, records, run);
}

function stampOf(now: Date): string {
  return formatLondon(now, "yyyy-MM-dd HH:mm:ss");
}

type Decision = "Offered" | "Waitlisted" | "Not offered";

interface DecisionChange {
  index: number;
  decision: Decision;
  group: string;
  position: number | null;
}

interface DecisionPlan {
  /** Register rows whose Decision or Group confirming would change. */
  changes: DecisionChange[];
  offered: number;
  waitlisted: number;
  notOffered: number;
  /** Left without a decision: waiting for an endorsement, a review or information, withdrawn, duplicates. */
  undecided: number;
}

/** What confirming would write: the same for the preview's promise and the confirmation itself. */
function planDecisions(p: Prepared): DecisionPlan {
  const byId = p.register.byId;
  const changes: DecisionChange[] = [];
  const set = (id: string, decision: Decision, group: string, position: number | null) => {
    const index = byId.get(id);
    if (index === undefined) return;
    const r = p.register.records[index]!;
    if (r.decision === decision && r.group === group) return;
    changes.push({ index, decision, group, position });
  };
  for (const pl of p.result.placed) set(pl.responseId, "Offered", pl.group, null);
  for (const w of p.result.waitlist) set(w.responseId, "Waitlisted", "", w.position);
  const candidate = new Map(p.candidates.map((c) => [c.responseId, c]));
  let notOffered = 0;
  let undecided = 0;
  for (const n of p.result.notConsidered) {
    const r = p.register.records[byId.get(n.responseId)!]!;
    const c = candidate.get(n.responseId);
    const pending =
      r.decision === "Withdrawn" ||
      reasonCodes(r.reasons).includes("DUPLICATE") ||
      /^Endorsement Requested/.test(n.why) ||
      (c?.allocatable === false &&
        (r.reviewStatus === "Needs info" ||
          (r.verdict === "REVIEW" && r.reviewStatus !== "Not recommended")));
    if (pending) {
      undecided++;
      continue;
    }
    set(n.responseId, "Not offered", "", null);
    notOffered++;
  }
  return {
    changes,
    offered: p.result.placed.length,
    waitlisted: p.result.waitlist.length,
    notOffered,
    undecided,
  };
}

export function confirmAllocation(
  services: Services,
  request: ConfirmRequest,
  by?: string,
): AllocationConfirmation {
  const actor = actorOf(services, by);
  return underLock(services, () => confirmLocked(services, request, actor));
}

/** Runs `work` holding the document lock; the sidebar shows a busy lock as a plain sentence. */
function underLock<T>(services: Services, work: () => T): T {
  const locked = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, work);
  if (!locked.ok) {
    throw new Error(
      "Another run is updating the register. Nothing was changed; please try again in a minute.",
    );
  }
  return locked.value;
}

function confirmLocked(
  services: Services,
  request: ConfirmRequest,
  actor: string,
): AllocationConfirmation {
  const p = prepare(services, request, actor);
  if (typeof request.token !== "string" || request.token !== p.token) {
    throw new Error(
      "The applications or the settings have changed since your preview, so it no longer shows what would happen. Nothing was changed; please preview again, check it, then confirm.",
    );
  }
  const now = services.now();
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  reportProgress(services, request.progressToken, "Writing decisions", 3);

  const plan = planDecisions(p);
  const audit: AuditEntry[] = [];
  const emails: OutgoingEmail[] = [];
  for (const change of plan.changes) {
    const r = p.register.records[change.index]!;
    const before = `${r.decision || "(none)"}${r.group ? ` in ${r.group}` : ""}`;
    r.decision = change.decision;
    r.group = change.group;
    r.updated = now;
    p.register.changed.add(change.index);
    audit.push({
      at: now,
      actor,
      action: "Decision",
      responseId: r.responseId,
      before,
      after: `${change.decision}${change.group ? ` in ${change.group}` : ""}${change.position ? ` (waiting list ${change.position})` : ""}`,
    });
    const email = decisionEmail(p.config, p.programme, r, change.decision, change.position);
    if (email) {
      emails.push(email);
      r.notified = notifiedNote(change.decision, now);
    }
  }
  const { offered, waitlisted, notOffered } = plan;

  const sheetName = runSheetName(p.programme.key, stampOf(now));
  const snapshot = snapshotRows(
    {
      programme: p.programme.key,
      programmeTitle: p.programme.title,
      year: p.programme.year,
      confirmedAt: now,
      confirmedBy: actor,
      token: p.token,
      holding: p.holding,
      fullGroups: p.fullGroups,
      fullPlaces: p.programme.places,
    },
    p.candidates,
    p.params,
    p.result,
  );
  // Order for a run stopped half-way: the frozen record, then the emails (idempotent keys), then
  // the register. Stopped before the register is written, the lead's next preview and
  // confirmation find the same decisions to make and queue nothing twice; emails queued after
  // the register could be lost, since a re-run would find no decision left to make.
  writeSnapshot(ss, ss.getSheetByName(sheetName) ? `${sheetName} (2)` : sheetName, snapshot);
  const queued = queueEmails(services, ss, emails);
  writeRegister(p.register);
  for (const o of p.result.overrides) {
    audit.push({
      at: now,
      actor,
      action: `Allocation override: ${o.action}`,
      responseId: o.responseId,
      before: "",
      after: `${o.reason.trim()} → ${o.effect}`,
    });
  }
  appendAudit(ss, audit);
  reportProgress(services, request.progressToken, "Writing cohort sheets", 4);
  const cohortSheets = rebuildCohorts(ss, p.config, p.programme, p.register.records);
  recordEngagement(ss, p.programme, p.register.records, sheetName, p.engagementTable);
  const message =
    `${p.programme.title}: ${offered} offered, ${waitlisted} on the waiting list, ${notOffered} not offered. ` +
    `${queued} decision email${queued === 1 ? "" : "s"} queued; they go out with the next hourly run. ` +
    `The run is recorded in "${sheetName}".`;
  appendLog(ss, [{ at: now, level: "INFO", job: "allocation", message }]);
  return {
    run: sheetName,
    offered,
    waitlisted,
    notOffered,
    emailsQueued: queued,
    cohortSheets,
    message,
  };
}

/**
 * After a lead types a Decision in the sheet (Accepted, Withdrawn…): the cohort sheets and
 * Engagement of each confirmed programme among `programmes` follow the register at once.
 */
export function cohortsFollowDecisions(
  ss: Spreadsheet,
  config: HubConfig,
  programmes: ReadonlySet<string>,
): string[] {
  const refreshed: string[] = [];
  let records: ApplicationRecord[] | null = null;
  for (const programme of config.programmes) {
    if (!programmes.has(programme.key)) continue;
    const run = latestRunSheet(ss, programme.key);
    if (!run) continue;
    records ??= readRegister(ss).records;
    refreshCohort(ss, config, programme, records, run.getName());
    refreshed.push(programme.key);
  }
  return refreshed;
}

// ---- offer next on the waiting list -----------------------------------------------------------

export function offerNext(
  services: Services,
  request: OfferNextRequest,
  by?: string,
): OfferNextResult {
  const actor = actorOf(services, by);
  return underLock(services, () => offerNextLocked(services, request, actor));
}

function offerNextLocked(
  services: Services,
  request: OfferNextRequest,
  actor: string,
): OfferNextResult {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const config = requireConfig(ss);
  const programme = programmeOf(config, String(request?.programme ?? ""));
  const run = latestRunSheet(ss, programme.key);
  const snapshot: RunSnapshot | null = run ? readSnapshot(run) : null;
  if (!snapshot) {
    return {
      offered: null,
      message: `${programme.title} has no confirmed allocation yet: allocate places first.`,
    };
  }
  const register = readRegister(ss);
  const mine = register.records.filter((r) => r.programme === programme.key);
  const holders = mine.filter((r) => HOLDS_PLACE.has(r.decision));
  const placesFree = programme.places === null ? Infinity : programme.places - holders.length;
  const groups = groupsOf(config, programme.key);
  const seatsFree = new Map(
    groups.map((g) => [g.id, g.capacity - holders.filter((h) => h.group === g.id).length]),
  );
  const perSchool = new Map<string, number>();
  for (const h of holders)
    if (h.schoolUrn) perSchool.set(h.schoolUrn, (perSchool.get(h.schoolUrn) ?? 0) + 1);
  if (placesFree <= 0 || (groups.length > 0 && [...seatsFree.values()].every((n) => n <= 0))) {
    refreshCohort(ss, config, programme, register.records, snapshot.sheetName);
    return {
      offered: null,
      message: `Every place on ${programme.title} is taken. When someone withdraws, set their Decision to Withdrawn, then offer the next place.`,
    };
  }

  const waiting = snapshot.outcomes
    .filter((o) => o.outcome === "Waitlisted" && o.position !== null)
    .sort((a, b) => a.position! - b.position! || (a.responseId < b.responseId ? -1 : 1));
  const penalty = config.settings.allocationDistancePenalty;
  for (const w of waiting) {
    const index = register.byId.get(w.responseId);
    if (index === undefined) continue;
    const r = register.records[index]!;
    if (r.decision !== "Waitlisted") continue;
    if (
      programme.maxPerSchool !== null &&
      r.schoolUrn &&
      (perSchool.get(r.schoolUrn) ?? 0) >= programme.maxPerSchool
    )
      continue;
    let group = "";
    if (groups.length > 0) {
      const open = groups.filter((g) => (seatsFree.get(g.id) ?? 0) > 0);
      const near = open.find((g) => servesLa(g, r.localAuthority));
      const chosen = near ?? (penalty !== null ? open[0] : undefined);
      if (!chosen) continue;
      group = chosen.id;
    }
    const now = services.now();
    const before = r.decision;
    r.decision = "Offered";
    r.group = group;
    r.updated = now;
    register.changed.add(index);
    // The email before the register, as in confirmation: a stopped run never loses the offer.
    const email = decisionEmail(config, programme, r, "Offered", null);
    const queued = email ? queueEmails(services, ss, [email]) : 0;
    if (email) r.notified = notifiedNote("Offered", now);
    writeRegister(register);
    appendAudit(ss, [
      {
        at: now,
        actor,
        action: "Decision",
        responseId: r.responseId,
        before,
        after: `Offered${group ? ` in ${group}` : ""} (next on the waiting list, number ${w.position})`,
      },
    ]);
    refreshCohort(ss, config, programme, register.records, snapshot.sheetName);
    const where = group ? ` in ${group}` : "";
    return {
      offered: { responseId: r.responseId, applicant: r.applicant, group },
      message: `${r.applicant || r.responseId} (number ${w.position} on the waiting list) is offered a place${where}. ${queued ? "Their offer email is queued." : "No email was queued: the application has no usable address."}`,
    };
  }
  // The cohort sheets still list whoever withdrew until they are rebuilt.
  refreshCohort(ss, config, programme, register.records, snapshot.sheetName);
  return {
    offered: null,
    message: `Nobody on the waiting list for ${programme.title} can take the free place${groups.length ? " (no one waiting is in an area a group with a free seat serves)" : ""}.`,
  };
}

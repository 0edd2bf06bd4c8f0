// A confirmed allocation is frozen in its own sheet: the parameters, the seed, every candidate as
// the optimizer saw it, and what became of each. Reading it back gives the exact optimizer input,
// so a run can be reproduced and explained long after the register has moved on.
import type {
  AllocationCandidate,
  AllocationGroup,
  AllocationParams,
  AllocationResult,
  Override,
} from "../domain/allocation/types";
import { asText, cellDate, cellNumber, cellText, type Cell } from "./cells";
import { writeBlock } from "./table";

export const RUN_SHEET_PREFIX = "Run – ";

export interface RunMeta {
  programme: string;
  programmeTitle: string;
  year: string;
  confirmedAt: Date;
  confirmedBy: string;
  token: string;
  /** Applications that already held a place before this run, by group. */
  holding: Array<{ responseId: string; group: string }>;
  /** The groups' full capacities (params.groups hold what was left after `holding`). */
  fullGroups: AllocationGroup[];
  /** The programme's places before `holding` (params.places holds what was left). */
  fullPlaces: number | null;
}

export interface RunOutcome {
  responseId: string;
  outcome: "Placed" | "Waitlisted" | "Not considered";
  group: string;
  position: number | null;
  why: string;
}

export interface RunSnapshot {
  sheetName: string;
  meta: RunMeta;
  candidates: AllocationCandidate[];
  params: AllocationParams;
  outcomes: RunOutcome[];
}

const CANDIDATE_HEADER = [
  "Response ID",
  "School URN",
  "Local authority",
  "Verdict",
  "Score",
  "Tiers",
  "Endorsement",
  "Allocatable",
  "Not allocatable because",
  "Unit",
  "Outcome",
  "Group",
  "Position",
  "Why",
];

/** "Run – sec-specialist – 2024-06-03 10:15:02": names sort in time order. */
export function runSheetName(programme: string, stamp: string): string {
  return `${RUN_SHEET_PREFIX}${programme} – ${stamp}`;
}

export function outcomesOf(result: AllocationResult): RunOutcome[] {
  return [
    ...result.placed.map((p) => ({
      responseId: p.responseId,
      outcome: "Placed" as const,
      group: p.group,
      position: null,
      why: p.why,
    })),
    ...result.waitlist.map((w) => ({
      responseId: w.responseId,
      outcome: "Waitlisted" as const,
      group: "",
      position: w.position,
      why: w.why,
    })),
    ...result.notConsidered.map((n) => ({
      responseId: n.responseId,
      outcome: "Not considered" as const,
      group: "",
      position: null,
      why: n.why,
    })),
  ];
}

export function snapshotRows(
  meta: RunMeta,
  candidates: readonly AllocationCandidate[],
  params: AllocationParams,
  result: AllocationResult,
): Cell[][] {
  const facts: Array<[string, Cell]> = [
    ["Programme", asText(meta.programme)],
    ["Programme name", asText(meta.programmeTitle)],
    ["Academic year", asText(meta.year)],
    ["Confirmed at", meta.confirmedAt],
    ["Confirmed by", asText(meta.confirmedBy)],
    ["Seed", params.seed],
    ["Tie-break rule", asText(result.tieBreak)],
    ["Method", asText(result.method)],
    ["Optimum proven", result.exact ? "Yes" : "No"],
    ["Total priority", result.objective],
    ["Places left", params.places === null ? "" : params.places],
    ["Places in all", meta.fullPlaces === null ? "" : meta.fullPlaces],
    ["Max per school", params.maxPerSchool === null ? "" : params.maxPerSchool],
    ["Distance penalty", params.distancePenalty === null ? "" : params.distancePenalty],
    ["Tier weights", asText(JSON.stringify(params.tierWeights))],
    ["Groups (seats left)", asText(JSON.stringify(params.groups))],
    ["Groups (full)", asText(JSON.stringify(meta.fullGroups))],
    ["Already holding a place", asText(JSON.stringify(meta.holding))],
    ["Overrides", asText(JSON.stringify(params.overrides))],
    [
      "Override effects",
      asText(JSON.stringify([...result.overrides, ...result.rejectedOverrides])),
    ],
    ["Preview token", asText(meta.token)],
  ];
  const byId = new Map(outcomesOf(result).map((o) => [o.responseId, o]));
  const rows: Cell[][] = [
    ["Allocation run", "(frozen: do not edit)"],
    ...facts,
    [],
    CANDIDATE_HEADER,
  ];
  for (const c of candidates) {
    const o = byId.get(c.responseId);
    rows.push([
      asText(c.responseId),
      asText(c.schoolUrn),
      asText(c.localAuthority),
      c.verdict,
      c.score,
      asText(c.tiers.join("; ")),
      c.endorsement,
      c.allocatable ? "Yes" : "No",
      asText(c.notAllocatableReason ?? ""),
      asText(c.unitKey),
      o?.outcome ?? "Not considered",
      asText(o?.group ?? ""),
      o?.position ?? "",
      asText(o?.why ?? ""),
    ]);
  }
  return rows;
}

export function writeSnapshot(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  name: string,
  rows: Cell[][],
): GoogleAppsScript.Spreadsheet.Sheet {
  const sheet = spreadsheet.insertSheet(name);
  writeBlock(sheet, 1, 1, rows);
  sheet.setFrozenRows(1);
  // Frozen: anyone editing it is warned that the record of the run would no longer be true.
  sheet.protect().setDescription("Allocation run: a record, not for editing").setWarningOnly(true);
  return sheet;
}

function json<T>(text: string, fallback: T): T {
  try {
    return text ? (JSON.parse(text) as T) : fallback;
  } catch {
    return fallback;
  }
}

/** Reads a run sheet back (one read); null when it is not a run sheet. */
export function readSnapshot(sheet: GoogleAppsScript.Spreadsheet.Sheet): RunSnapshot | null {
  const values = sheet.getDataRange().getValues() as Cell[][];
  return snapshotFromValues(sheet.getName(), values);
}

export function snapshotFromValues(sheetName: string, values: Cell[][]): RunSnapshot | null {
  if (cellText(values[0]?.[0]) !== "Allocation run") return null;
  const fact = new Map<string, Cell>();
  let i = 1;
  for (; i < values.length && cellText(values[i]?.[0]) !== ""; i++) {
    fact.set(cellText(values[i]![0]), values[i]![1] ?? "");
  }
  while (i < values.length && cellText(values[i]?.[0]) !== "Response ID") i++;
  const header = (values[i] ?? []).map((h) => cellText(h));
  const col = (h: string) => header.indexOf(h);
  const text = (k: string) => cellText(fact.get(k));
  const num = (k: string) => cellNumber(fact.get(k));
  const candidates: AllocationCandidate[] = [];
  const outcomes: RunOutcome[] = [];
  for (const row of values.slice(i + 1)) {
    const id = cellText(row[col("Response ID")]);
    if (!id) continue;
    const reason = cellText(row[col("Not allocatable because")]);
    const tiers = cellText(row[col("Tiers")]);
    candidates.push({
      responseId: id,
      schoolUrn: cellText(row[col("School URN")]),
      localAuthority: cellText(row[col("Local authority")]),
      verdict: cellText(row[col("Verdict")]) as AllocationCandidate["verdict"],
      allocatable: cellText(row[col("Allocatable")]) === "Yes",
      ...(reason ? { notAllocatableReason: reason } : {}),
      score: cellNumber(row[col("Score")]) ?? 0,
      tiers: tiers ? tiers.split("; ") : [],
      endorsement: cellText(row[col("Endorsement")]) as AllocationCandidate["endorsement"],
      unitKey: cellText(row[col("Unit")]),
    });
    outcomes.push({
      responseId: id,
      outcome: cellText(row[col("Outcome")]) as RunOutcome["outcome"],
      group: cellText(row[col("Group")]),
      position: cellNumber(row[col("Position")]),
      why: cellText(row[col("Why")]),
    });
  }
  const confirmedAt = fact.get("Confirmed at");
  return {
    sheetName,
    meta: {
      programme: text("Programme"),
      programmeTitle: text("Programme name"),
      year: text("Academic year"),
      // A Date from Sheets may come from another realm, so never `instanceof Date` (cells.ts).
      confirmedAt: cellDate(confirmedAt) ?? new Date(NaN),
      confirmedBy: text("Confirmed by"),
      token: text("Preview token"),
      holding: json(text("Already holding a place"), []),
      fullGroups: json(text("Groups (full)"), []),
      fullPlaces: num("Places in all"),
    },
    candidates,
    params: {
      places: num("Places left"),
      groups: json<AllocationGroup[]>(text("Groups (seats left)"), []),
      maxPerSchool: num("Max per school"),
      tierWeights: json<Record<string, number>>(text("Tier weights"), {}),
      distancePenalty: num("Distance penalty"),
      seed: num("Seed") ?? 0,
      overrides: json<Override[]>(text("Overrides"), []),
    },
    outcomes,
  };
}

/** The most recent confirmed run of a programme: names sort by time, so one listing, one read. */
export function latestRunSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  programme: string,
): GoogleAppsScript.Spreadsheet.Sheet | null {
  const prefix = `${RUN_SHEET_PREFIX}${programme} – `;
  const runs = spreadsheet
    .getSheets()
    .map((s) => ({ sheet: s, name: s.getName() }))
    .filter((s) => s.name.startsWith(prefix))
    .sort((a, b) => (a.name < b.name ? 1 : -1));
  return runs[0]?.sheet ?? null;
}

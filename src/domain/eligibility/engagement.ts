// The hub's history with schools (the Engagement sheet), indexed by URN so that each
// evaluation looks up only the schools it needs, through their predecessor URNs.
import { academicYearStart, normaliseAcademicYear } from "../calendar";
import { PROGRAMMES, isProgrammeKey } from "../programmes/catalogue";
import type { EngagementQuery } from "../programmes/rules";
import type { EngagementRecord } from "../types";

export interface EngagementIndex {
  readonly kind: "engagement-index";
  /** Records for any of these URNs that show the school took part, years normalised. */
  recordsFor(urns: readonly string[]): readonly EngagementRecord[];
}

// Hubs import earlier years' lists by hand, so a programme may be written as its title.
const TITLE_TO_KEY = new Map(
  Object.values(PROGRAMMES).map((p) => [p.title.toLowerCase(), p.key] as const),
);

function programmeKeyOf(text: string): string {
  const t = text.trim().toLowerCase();
  if (isProgrammeKey(t)) return t;
  return TITLE_TO_KEY.get(t) ?? t;
}

/** A school that withdrew, declined or was cancelled did not take part. */
export function tookPart(status: string): boolean {
  return !/withdr|declin|cancel|rejected|not\s+(?:taking|taken|started)/i.test(status);
}

export function indexEngagement(records: readonly EngagementRecord[]): EngagementIndex {
  const byUrn = new Map<string, EngagementRecord[]>();
  for (const record of records) {
    const year = normaliseAcademicYear(String(record.year));
    const urn = String(record.urn).trim();
    if (!year || !urn || !tookPart(String(record.status ?? ""))) continue;
    const clean: EngagementRecord = {
      urn,
      programme: programmeKeyOf(String(record.programme)),
      year,
      status: String(record.status ?? ""),
    };
    const list = byUrn.get(urn);
    if (list) list.push(clean);
    else byUrn.set(urn, [clean]);
  }
  return {
    kind: "engagement-index",
    recordsFor(urns) {
      return [...new Set(urns.map((u) => u.trim()))].flatMap((u) => byUrn.get(u) ?? []);
    },
  };
}

export function asEngagementIndex(
  engagement: readonly EngagementRecord[] | EngagementIndex,
): EngagementIndex {
  return "kind" in engagement && engagement.kind === "engagement-index"
    ? engagement
    : indexEngagement(engagement as readonly EngagementRecord[]);
}

/** The academic year `offset` years from `year` ("2024/25", -1 → "2023/24"). */
export function shiftYear(year: string, offset: number): string {
  const start = academicYearStart(year) + offset;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

export function matchesQuery(
  index: EngagementIndex,
  urns: readonly string[],
  query: EngagementQuery,
  year: string,
): boolean {
  const years = new Set(query.yearOffsets.map((o) => shiftYear(year, o)));
  const programmes = new Set(query.programmes);
  return index
    .recordsFor(urns)
    .some((r) => programmes.has(String(r.programme)) && years.has(r.year));
}

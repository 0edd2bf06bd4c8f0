// The hub's Engagement history is filled from its confirmed cohorts: a school offered a place gets
// a row for that programme and year; if it withdraws, the row says so (rules then ignore it). Rows
// the hub imported or typed are never touched: only rows whose Source names an allocation.

import { tookPart } from "../eligibility/engagement";
import type { EngagementRow } from "../types";

export type { EngagementRow };

export const ALLOCATION_SOURCE_PREFIX = "Allocation: ";

export interface CohortHolder {
  schoolUrn: string;
  /** "Offered" or "Accepted". */
  decision: string;
}

export interface EngagementChanges {
  /** Index in `rows` → the row as it should now read. */
  updates: Map<number, EngagementRow>;
  appended: EngagementRow[];
}

function statusOf(decisions: readonly string[]): string {
  return decisions.includes("Accepted") ? "participating" : "offered a place";
}

export function engagementChanges(args: {
  rows: readonly EngagementRow[];
  programme: string;
  year: string;
  holders: readonly CohortHolder[];
  /** Names the run, e.g. "Allocation: Run – sec-development – 2024-06-18 10:00:02". */
  source: string;
}): EngagementChanges {
  const { programme, year } = args;
  const byUrn = new Map<string, string[]>();
  for (const h of args.holders) {
    const urn = h.schoolUrn.trim();
    if (!urn) continue;
    byUrn.set(urn, [...(byUrn.get(urn) ?? []), h.decision]);
  }
  const updates = new Map<number, EngagementRow>();
  const covered = new Set<string>();
  args.rows.forEach((row, i) => {
    if (row.programme !== programme || row.year !== year) return;
    const urn = row.urn.trim();
    const decisions = byUrn.get(urn);
    const ours = row.source.startsWith(ALLOCATION_SOURCE_PREFIX);
    // A hub's own row covers the school only if it says the school took part.
    if (decisions && (ours || tookPart(row.status))) covered.add(urn);
    if (!ours) return;
    const status = decisions ? statusOf(decisions) : "withdrew";
    if (status !== row.status) updates.set(i, { ...row, status });
  });
  const appended = [...byUrn]
    .filter(([urn]) => !covered.has(urn))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([urn, decisions]) => ({
      urn,
      programme,
      year,
      status: statusOf(decisions),
      source: args.source,
    }));
  return { updates, appended };
}

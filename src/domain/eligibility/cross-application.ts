// Reasons that come from looking at applications together rather than one at a time: the
// same person applying twice, and more applications from a school than the programme takes.
import { isProgrammeKey, PROGRAMMES, programmeTitle } from "../programmes/catalogue";
import type { ProgrammeKey, Reason } from "../types";

export interface ApplicationSummary {
  responseId: string;
  programme: ProgrammeKey;
  email: string;
  /** The resolved URN ("" when no school was found). */
  schoolUrn: string;
  submittedAt: Date;
  /** Inactive rows (withdrawn, purged) are neither judged nor counted. */
  active: boolean;
}

// Earliest first; equal times fall back to the response ID so that every input order agrees.
function chronological(a: ApplicationSummary, b: ApplicationSummary): number {
  const dt = a.submittedAt.getTime() - b.submittedAt.getTime();
  if (dt !== 0 && !Number.isNaN(dt)) return dt;
  return a.responseId < b.responseId ? -1 : a.responseId > b.responseId ? 1 : 0;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | null): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === null) continue;
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/**
 * DUPLICATE on every earlier application by the same email address (trimmed, any case) to the
 * same programme; the latest is judged as normal. SCHOOL_LIMIT (information) on every
 * application from a school that exceeds `maxPerSchool` (null: no limit), counting only
 * non-duplicates, and for school-pair programmes counting each two applications as one pair.
 * Every response ID appears in the result, in ID order, whatever order the input came in.
 */
export function crossApplicationReasons(
  apps: readonly ApplicationSummary[],
  maxPerSchool: (key: ProgrammeKey) => number | null,
): Map<string, Reason[]> {
  const reasons = new Map<string, Reason[]>();
  for (const id of [...new Set(apps.map((a) => a.responseId))].sort()) reasons.set(id, []);
  const add = (id: string, reason: Reason) => reasons.get(id)!.push(reason);

  const active = apps.filter((a) => a.active);
  const superseded = new Set<string>();
  const byPerson = groupBy(active, (a) => {
    const email = a.email.trim().toLowerCase();
    return email ? `${a.programme}\u0000${email}` : null;
  });
  for (const group of byPerson.values()) {
    const ordered = [...group].sort(chronological);
    const latest = ordered[ordered.length - 1]!;
    for (const earlier of ordered.slice(0, -1)) {
      superseded.add(earlier.responseId);
      add(earlier.responseId, {
        code: "DUPLICATE",
        effect: "INVALID",
        message: `The same person applied again to ${programmeTitle(earlier.programme)} (response ${latest.responseId}); the later application is the one judged.`,
      });
    }
  }

  const counted = active.filter((a) => !superseded.has(a.responseId));
  const bySchool = groupBy(counted, (a) => {
    const urn = a.schoolUrn.trim();
    return urn ? `${a.programme}\u0000${urn}` : null;
  });
  for (const group of bySchool.values()) {
    const { programme, schoolUrn } = group[0]!;
    const limit = maxPerSchool(programme);
    if (limit === null || !Number.isFinite(limit)) continue;
    const pairs = isProgrammeKey(programme) && PROGRAMMES[programme].unit === "school-pair";
    const units = pairs ? Math.ceil(group.length / 2) : group.length;
    if (units <= limit) continue;
    const what = pairs ? `${limit === 1 ? "pair" : "pairs"} of advocates` : "";
    const limitText = pairs ? `${limit} ${what}` : String(limit);
    for (const app of [...group].sort(chronological)) {
      add(app.responseId, {
        code: "SCHOOL_LIMIT",
        effect: "INFO",
        message: `${group.length} applications to ${programmeTitle(programme)} come from the school with URN ${schoolUrn.trim()}; the limit is ${limitText} per school.`,
      });
    }
  }
  return reasons;
}

// Finding the school an applicant means. They quote a URN (often the one their school had before
// it became an academy), or only a name and postcode; the register answers with the open school
// to judge and how it got there.
import type { School } from "../types";
import { nameKey, namesClose } from "./names";
import { normalisePostcode, normaliseUrn } from "./normalise";

export { normalisePostcode, normaliseUrn } from "./normalise";

export interface SchoolLookup {
  resolve(answers: {
    schoolUrn?: string;
    schoolName?: string;
    schoolPostcode?: string;
  }): SchoolResolution;
  byUrn(urn: string): School | undefined;
  /** This URN plus every predecessor URN (reverse successor links), for engagement history. */
  lineage(urn: string): string[];
}

export type SchoolResolution =
  | {
      found: true;
      school: School;
      via: "urn" | "name-postcode";
      quotedUrn: string;
      /** The closed URNs followed, oldest first, to reach `school`; empty when none was. */
      supersededFrom: string[];
      /** The school is closed and no successor link leads to an open school in the register. */
      closedWithoutSuccessor: boolean;
    }
  | { found: false; quotedUrn: string };

// Real chains are at most five links long (April 2025); anything longer is bad data.
const MAX_HOPS = 10;

/** "Open" and "Open, but proposed to close": the school still teaches. */
export function isOpen(school: School): boolean {
  return /^open\b/i.test(school.status.trim());
}

function isClosed(school: School): boolean {
  return /^closed\b/i.test(school.status.trim());
}

export function buildSchoolLookup(schools: School[]): SchoolLookup {
  const byUrn = new Map<string, School>();
  const atPostcode = new Map<string, School[]>();
  const predecessors = new Map<string, string[]>();
  for (const school of schools) {
    // The first record of a URN wins, as on import.
    if (byUrn.has(school.urn)) continue;
    byUrn.set(school.urn, school);
    const postcode = normalisePostcode(school.postcode);
    if (postcode !== "") pushTo(atPostcode, postcode, school);
    if (school.successorUrn !== "") pushTo(predecessors, school.successorUrn, school.urn);
  }

  const find = (urn: string): School | undefined =>
    byUrn.get(normaliseUrn(urn) ?? String(urn).trim());

  /** Follows successor links from a school that is not open until an open school is reached. */
  function settle(
    start: School,
    via: "urn" | "name-postcode",
    quotedUrn: string,
  ): SchoolResolution {
    if (isOpen(start)) {
      return {
        found: true,
        school: start,
        via,
        quotedUrn,
        supersededFrom: [],
        closedWithoutSuccessor: false,
      };
    }
    const followed: string[] = [];
    const seen = new Set([start.urn]);
    let current = start;
    for (let hop = 0; hop < MAX_HOPS; hop++) {
      const next = byUrn.get(current.successorUrn);
      if (next === undefined || seen.has(next.urn)) break;
      followed.push(current.urn);
      seen.add(next.urn);
      current = next;
      if (isOpen(current)) {
        return {
          found: true,
          school: current,
          via,
          quotedUrn,
          supersededFrom: followed,
          closedWithoutSuccessor: false,
        };
      }
    }
    return {
      found: true,
      school: start,
      via,
      quotedUrn,
      supersededFrom: [],
      closedWithoutSuccessor: isClosed(start),
    };
  }

  function byNameAndPostcode(name: string, postcode: string): School | undefined {
    const candidates = atPostcode.get(normalisePostcode(postcode)) ?? [];
    if (candidates.length === 0 || nameKey(name) === "") return undefined;
    const key = nameKey(name);
    const same = candidates.filter((s) => nameKey(s.name) === key);
    if (same.length > 0) return same.find(isOpen) ?? same[0];
    // Otherwise accept a near miss only when it is the one open school at that postcode that fits.
    const close = candidates.filter((s) => isOpen(s) && namesClose(name, s.name));
    return close.length === 1 ? close[0] : undefined;
  }

  return {
    byUrn: find,

    resolve(answers) {
      const typedUrn = String(answers.schoolUrn ?? "").trim();
      const urn = normaliseUrn(typedUrn);
      const quotedUrn = urn ?? typedUrn;
      const known = urn === null ? undefined : byUrn.get(urn);
      if (known !== undefined) return settle(known, "urn", quotedUrn);
      const named = byNameAndPostcode(
        String(answers.schoolName ?? ""),
        String(answers.schoolPostcode ?? ""),
      );
      if (named !== undefined) return settle(named, "name-postcode", quotedUrn);
      return { found: false, quotedUrn };
    },

    lineage(urn) {
      const start = normaliseUrn(urn) ?? String(urn).trim();
      const result = [start];
      const seen = new Set(result);
      for (let i = 0; i < result.length; i++) {
        for (const older of predecessors.get(result[i]) ?? []) {
          if (!seen.has(older)) {
            seen.add(older);
            result.push(older);
          }
        }
      }
      return result;
    },
  };
}

function pushTo<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

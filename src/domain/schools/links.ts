// GIAS "links": when a school converts to an academy, merges or splits it gets a new URN, and the
// old establishment carries a "Successor" link to the new one. Applicants often quote the old URN.
import type { School } from "../types";
import { locateColumns, type ColumnSpec } from "./columns";
import { normaliseUrn } from "./normalise";

const LINK_COLUMNS: Readonly<Record<string, ColumnSpec>> = {
  urn: { headers: ["URN"], purpose: "names the school the link starts from", required: true },
  linkUrn: { headers: ["LinkURN", "Link URN"], purpose: "names the linked school", required: true },
  linkType: {
    headers: ["LinkType", "Link type"],
    purpose: "says which links are successors",
    required: true,
  },
  date: {
    headers: ["LinkEstablishedDate", "Link established date"],
    purpose: "orders several successors",
    required: false,
  },
};

/** Thrown when a links file lacks a column it cannot do without; the message says which. */
export class LinksFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LinksFileError";
  }
}

export interface LinksImport {
  add(row: readonly string[]): void;
  /** URN -> the URN of its successor. */
  finish(): Map<string, string>;
}

/** "31-08-2021" (or 31/08/2021) as 20210831, so later links sort higher; 0 when there is none. */
function dateOrder(text: string): number {
  const match = /^(\d{1,2})[-/](\d{1,2})[-/](\d{4})$/.exec(text.trim());
  return match ? Number(match[3]) * 10000 + Number(match[2]) * 100 + Number(match[1]) : 0;
}

interface Candidate {
  urn: string;
  date: number;
}

/**
 * A school split in two has two successors (80 URNs in the April 2025 file). One must be chosen
 * whatever the order of rows: the most recent link, then the higher URN, since GIAS numbers new
 * establishments upwards.
 */
function better(a: Candidate, b: Candidate): boolean {
  if (a.date !== b.date) return a.date > b.date;
  return Number(a.urn) > Number(b.urn);
}

export function startLinksImport(header: readonly string[]): LinksImport {
  const { positions, problems } = locateColumns(header, LINK_COLUMNS);
  if (problems.length > 0) throw new LinksFileError(`Not a GIAS links file. ${problems[0]}`);
  const at = (field: string) => positions.get(field) ?? -1;
  const [urnAt, linkAt, typeAt, dateAt] = [at("urn"), at("linkUrn"), at("linkType"), at("date")];
  const chosen = new Map<string, Candidate>();

  return {
    add(row) {
      if (!/^successor/i.test((row[typeAt] ?? "").trim())) return;
      const from = normaliseUrn(row[urnAt] ?? "");
      const to = normaliseUrn(row[linkAt] ?? "");
      if (from === null || to === null || from === to) return;
      const candidate = { urn: to, date: dateAt < 0 ? 0 : dateOrder(row[dateAt] ?? "") };
      const current = chosen.get(from);
      if (current === undefined || better(candidate, current)) chosen.set(from, candidate);
    },
    finish() {
      return new Map([...chosen].map(([from, candidate]) => [from, candidate.urn]));
    },
  };
}

/** URN -> successor URN from the rows of a GIAS links file ("Successor", "Successor - merged"...). */
export function successorsFromLinks(header: string[], rows: string[][]): Map<string, string> {
  const run = startLinksImport(header);
  for (const row of rows) run.add(row);
  return run.finish();
}

/** The schools with each one's successor set from the links (a school without a link keeps its own). */
export function applySuccessors(
  schools: readonly School[],
  links: ReadonlyMap<string, string>,
): School[] {
  return schools.map((school) => {
    const successorUrn = links.get(school.urn);
    return successorUrn === undefined || successorUrn === school.successorUrn
      ? school
      : { ...school, successorUrn };
  });
}

// Where each School field lives in the files hubs import. GIAS has renamed its columns over the
// years, so columns are found by name (any of several spellings), never by position.
import type { School } from "../types";

export type SchoolField = keyof School;

export interface ColumnSpec {
  /** Header spellings, preferred first: today's download, the 2017 EduBase style, our sheet. */
  headers: readonly string[];
  /** What the field is for, to explain a missing column. */
  purpose: string;
  required: boolean;
}

export const SCHOOL_COLUMNS: Readonly<Record<SchoolField, ColumnSpec>> = {
  urn: { headers: ["URN"], purpose: "identifies the school", required: true },
  name: {
    headers: ["EstablishmentName", "Establishment name", "School name", "Name"],
    purpose: "names the school",
    required: true,
  },
  type: {
    headers: ["TypeOfEstablishment (name)", "Type of establishment", "Type"],
    purpose: "decides whether the school is state-funded",
    required: true,
  },
  typeGroup: {
    headers: ["EstablishmentTypeGroup (name)", "Establishment type group", "Type group"],
    purpose: "groups the types",
    required: false,
  },
  status: {
    headers: ["EstablishmentStatus (name)", "Establishment status", "Status"],
    purpose: "says whether the school is open",
    required: false,
  },
  phase: {
    headers: ["PhaseOfEducation (name)", "Phase of education", "Phase"],
    purpose: "decides which programmes fit the school",
    required: true,
  },
  lowAge: {
    headers: ["StatutoryLowAge", "Statutory lowest age", "Statutory low age", "Low age"],
    purpose: "gives the youngest pupils' age",
    required: false,
  },
  highAge: {
    headers: ["StatutoryHighAge", "Statutory highest age", "Statutory high age", "High age"],
    purpose: "gives the oldest pupils' age",
    required: false,
  },
  la: {
    headers: ["LA (name)", "Local authority (name)", "Local authority", "LA"],
    purpose: "places the school in a hub's area",
    required: true,
  },
  postcode: {
    headers: ["Postcode"],
    purpose: "finds a school when the URN is unknown",
    required: true,
  },
  region: {
    headers: ["GOR (name)", "Region", "Government office region (name)"],
    purpose: "tells English from Welsh schools",
    required: false,
  },
  trust: {
    headers: ["Trusts (name)", "Trust", "Trusts"],
    purpose: "names the multi-academy trust",
    required: false,
  },
  successorUrn: {
    headers: ["Successor URN"],
    purpose: "follows a closed school to its successor",
    required: false,
  },
};

/** A header as compared: case, spacing and a stray byte-order mark do not matter. */
export function headerKey(header: string): string {
  return String(header)
    .replace(/^\ufeff/, "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/**
 * The position of each field's column in this header (the first spelling found wins), and a
 * problem sentence for each required column that is missing.
 */
export function locateColumns(
  header: readonly string[],
  columns: Readonly<Record<string, ColumnSpec>>,
): { positions: Map<string, number>; problems: string[] } {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    const key = headerKey(name);
    if (!index.has(key)) index.set(key, i);
  });
  const positions = new Map<string, number>();
  const problems: string[] = [];
  for (const [field, spec] of Object.entries(columns)) {
    const found = spec.headers.map((h) => index.get(headerKey(h))).find((i) => i !== undefined);
    if (found !== undefined) positions.set(field, found);
    else if (spec.required) problems.push(missingColumn(spec));
  }
  return { positions, problems };
}

function missingColumn(spec: ColumnSpec): string {
  const [first, ...others] = spec.headers.map((h) => `"${h}"`);
  const alternatives = others.length > 0 ? ` (or ${others.join(", ")})` : "";
  return `The file has no ${first} column${alternatives}; it is needed because it ${spec.purpose}.`;
}

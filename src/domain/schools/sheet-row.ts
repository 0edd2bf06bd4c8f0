// The Schools sheet: the register reduced to what the rules need, one row per school, so the
// add-on can read it back in one batched call. "State-funded" is written for people reading the
// sheet; it is derived, so reading ignores it.
import type { School } from "../types";
import { stateFundedLabel } from "./classify";
import { normalisePostcode, normaliseUrn } from "./normalise";

export const SCHOOL_SHEET_HEADERS = [
  "URN",
  "Name",
  "Type",
  "Type group",
  "Status",
  "Phase",
  "Low age",
  "High age",
  "Local authority",
  "Postcode",
  "Region",
  "Trust",
  "Successor URN",
  "State-funded",
] as const;

export type SchoolSheetRow = [
  string,
  string,
  string,
  string,
  string,
  string,
  number | "",
  number | "",
  string,
  string,
  string,
  string,
  string,
  "Yes" | "No" | "Review",
];

export function schoolToRow(s: School): SchoolSheetRow {
  return [
    s.urn,
    s.name,
    s.type,
    s.typeGroup,
    s.status,
    s.phase,
    s.lowAge ?? "",
    s.highAge ?? "",
    s.la,
    s.postcode,
    s.region,
    s.trust,
    s.successorUrn,
    stateFundedLabel(s),
  ];
}

/** A sheet cell as text: Sheets hands back numbers for URNs and ages. */
function text(cell: unknown): string {
  if (cell === null || cell === undefined) return "";
  return String(cell).trim();
}

function age(cell: unknown): number | null {
  const value = text(cell);
  return /^\d{1,3}$/.test(value) ? Number(value) : null;
}

/** A row of the Schools sheet (as getValues returns it) back as a School; null for a row without a URN. */
export function schoolFromRow(row: readonly unknown[]): School | null {
  const urn = normaliseUrn(text(row[0]));
  if (urn === null) return null;
  return {
    urn,
    name: text(row[1]),
    type: text(row[2]),
    typeGroup: text(row[3]),
    status: text(row[4]) || "Open",
    phase: text(row[5]),
    lowAge: age(row[6]),
    highAge: age(row[7]),
    la: text(row[8]),
    postcode: normalisePostcode(text(row[9])),
    region: text(row[10]),
    trust: text(row[11]),
    successorUrn: normaliseUrn(text(row[12])) ?? "",
  };
}

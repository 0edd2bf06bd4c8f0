// Turning a GIAS download, a 2017-style EduBase extract or our own Schools sheet into School
// records. Rows arrive one at a time so that a 60 MB national file can be streamed through with
// only the reduced records kept.
import type { School } from "../types";
import { locateColumns, SCHOOL_COLUMNS, type SchoolField } from "./columns";
import { canonicalType, groupForType, typeKey } from "./establishment-types";
import { normalisePostcode, normaliseUrn } from "./normalise";

export { successorsFromLinks, applySuccessors, startLinksImport } from "./links";
export { SCHOOL_SHEET_HEADERS, schoolToRow, schoolFromRow } from "./sheet-row";

export interface ImportResult {
  schools: School[];
  /** Plain sentences for the person importing: missing columns, skipped or doubtful rows. */
  problems: string[];
}

export interface SchoolImport {
  /** Takes the next data row (the header is row 1, so the first data row is row 2). */
  add(row: readonly string[]): void;
  finish(): ImportResult;
}

// Enough to show what is wrong with a file without burying the person importing it.
const MAX_ROW_PROBLEMS = 50;

const STATUSES = ["Open", "Closed", "Open, but proposed to close", "Proposed to open"];
const PHASES = [
  "Not applicable",
  "Nursery",
  "Primary",
  "Middle deemed primary",
  "Secondary",
  "Middle deemed secondary",
  "16 plus",
  "All-through",
];
const STATUS_BY_KEY = new Map(STATUSES.map((s) => [typeKey(s), s]));
const PHASE_BY_KEY = new Map(PHASES.map((p) => [typeKey(p), p]));

/** The 2017 extract was written by R, which marks an empty cell "NA". */
function clean(cell: string | undefined): string {
  const text = (cell ?? "").trim();
  return text === "NA" ? "" : text;
}

function age(text: string): number | null {
  return /^\d{1,3}$/.test(text) ? Number(text) : null;
}

/** Starts an import for a file with this header row. */
export function startSchoolImport(header: readonly string[]): SchoolImport {
  const { positions, problems } = locateColumns(header, SCHOOL_COLUMNS);
  const usable = problems.length === 0;
  const schools: School[] = [];
  const firstRowOf = new Map<string, number>();
  const unknownTypes = new Map<string, number>();
  let rowNumber = 1;
  let unlisted = 0;

  const note = (problem: string) => {
    if (problems.length < MAX_ROW_PROBLEMS) problems.push(problem);
    else unlisted++;
  };
  const cell = (row: readonly string[], field: SchoolField) => {
    const at = positions.get(field);
    return at === undefined ? "" : clean(row[at]);
  };

  return {
    add(row) {
      rowNumber++;
      if (!usable) return;
      if (row.every((c) => clean(c) === "")) return;
      const quoted = cell(row, "urn");
      const urn = normaliseUrn(quoted);
      if (urn === null) {
        note(
          quoted === ""
            ? `Row ${rowNumber} has no URN, so it was skipped.`
            : `Row ${rowNumber}: "${quoted}" is not a URN, so the row was skipped.`,
        );
        return;
      }
      const first = firstRowOf.get(urn);
      if (first !== undefined) {
        note(
          `Row ${rowNumber}: URN ${urn} already appeared on row ${first}; this row was ignored.`,
        );
        return;
      }
      firstRowOf.set(urn, rowNumber);

      const rawType = cell(row, "type");
      const type = canonicalType(rawType) ?? rawType;
      const typeGroup = cell(row, "typeGroup") || groupForType(type);
      if (typeGroup === "" && rawType !== "") {
        unknownTypes.set(rawType, (unknownTypes.get(rawType) ?? 0) + 1);
      }
      const status = cell(row, "status");
      const phase = cell(row, "phase");
      schools.push({
        urn,
        name: cell(row, "name"),
        type,
        typeGroup,
        // The 2017 extract lists open schools only and has no status column.
        status: status === "" ? "Open" : (STATUS_BY_KEY.get(typeKey(status)) ?? status),
        phase: PHASE_BY_KEY.get(typeKey(phase)) ?? phase,
        lowAge: age(cell(row, "lowAge")),
        highAge: age(cell(row, "highAge")),
        la: cell(row, "la"),
        postcode: normalisePostcode(cell(row, "postcode")),
        region: cell(row, "region"),
        trust: cell(row, "trust"),
        successorUrn: normaliseUrn(cell(row, "successorUrn")) ?? "",
      });
    },

    finish() {
      const all = [...problems];
      if (unlisted > 0) all.push(`${unlisted} more rows had problems that are not listed here.`);
      for (const [type, count] of unknownTypes) {
        all.push(
          `${count} ${count === 1 ? "school has" : "schools have"} the type "${type}", which is not ` +
            `a GIAS establishment type; whether ${count === 1 ? "it is" : "they are"} state-funded ` +
            `will need review.`,
        );
      }
      return { schools, problems: all };
    },
  };
}

/** Reads a whole table already in memory (a sheet, a small CSV). */
export function schoolsFromTable(header: string[], rows: string[][]): ImportResult {
  const run = startSchoolImport(header);
  for (const row of rows) run.add(row);
  return run.finish();
}

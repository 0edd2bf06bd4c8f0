// What a person does by hand in the hub's spreadsheet (typing into Settings, pasting schools),
// done by the runner without charging the add-on's executions.
import { schoolToRow, SCHOOL_SHEET_HEADERS } from "../../src/domain/schools/import";
import type { School } from "../../src/domain/types";
import { columnLetter } from "../services/spreadsheet/a1";
import type { HubEnvironment, RunResult } from "./environment";

type Value = string | number | boolean | Date;

function sheet(env: HubEnvironment, name: string) {
  const s = env.spreadsheet.getSheetByName(name);
  if (!s) throw new Error(`The hub has no sheet "${name}".`);
  return s;
}

/** Values of a sheet as objects keyed by header (dates stay Dates). */
export function sheetObjects(env: HubEnvironment, name: string): Array<Record<string, Value>> {
  return env.rt.uncharged(() => {
    const values = sheet(env, name).getDataRange().getValues() as Value[][];
    const header = (values[0] ?? []).map(String);
    return values
      .slice(1)
      .filter((r) => r.some((v) => v !== ""))
      .map((r) =>
        Object.fromEntries(header.map((h, i) => [h, r[i] ?? ""]).filter(([h]) => h !== "")),
      );
  });
}

export function sheetValues(env: HubEnvironment, name: string): Value[][] {
  return env.rt.uncharged(() => sheet(env, name).getDataRange().getValues() as Value[][]);
}

/** `user` calls a server function from the sidebar; its error is thrown, prefixed by its name. */
export function callSidebar<T>(
  env: HubEnvironment,
  fn: string,
  arg: unknown,
  user: string = env.hubLead,
): T {
  const run = env.run<T>(fn, [arg], { kind: "sidebar", user });
  if (run.error) throw new Error(`${fn}: ${run.error.message}`);
  return run.value as T;
}

/**
 * `user` types `value` into the Applications row of `responseId`, in the column `header`, in the
 * Sheets UI: the add-on's onEdit fires as it would.
 */
export function editApplication(
  env: HubEnvironment,
  responseId: string,
  header: string,
  value: Value,
  user: string,
): RunResult {
  const values = sheetValues(env, "Applications");
  const headers = (values[0] ?? []).map(String);
  const c = headers.indexOf(header);
  if (c < 0) throw new Error(`The Applications sheet has no column "${header}".`);
  const id = headers.indexOf("Response ID");
  const row = values.findIndex((r, i) => i > 0 && r[id] === responseId);
  if (row < 0) throw new Error(`The Applications sheet has no application ${responseId}.`);
  return env.edit("Applications", `${columnLetter(c + 1)}${row + 1}`, [[value]], { user });
}

/** The index of the Settings row whose Setting is `label` (case and spaces aside), or -1. */
function settingRow(values: unknown[][], label: string): number {
  return values.findIndex((r) => String(r[0]).trim().toLowerCase() === label.toLowerCase());
}

/** The text in Settings' Value column for the row whose Setting is `label` ("" when none). */
export function getSetting(env: HubEnvironment, label: string): string {
  const values = sheetValues(env, "Settings");
  const row = settingRow(values, label);
  return row < 0 ? "" : String(values[row]![1] ?? "").trim();
}

/** Types a value into Settings' Value column for the row whose Setting is `label`. */
export function setSetting(env: HubEnvironment, label: string, value: Value): void {
  env.rt.uncharged(() => {
    const s = sheet(env, "Settings");
    const values = s.getDataRange().getValues();
    const row = settingRow(values, label);
    if (row < 0) s.appendRow([label, value, ""]);
    else s.getRange(row + 1, 2).setValue(value);
  });
}

/** Types values into the Programmes row of `key`, by header. */
export function setProgramme(env: HubEnvironment, key: string, cells: Record<string, Value>): void {
  env.rt.uncharged(() => {
    const s = sheet(env, "Programmes");
    const values = s.getDataRange().getValues();
    const header = values[0]!.map(String);
    const row = values.findIndex((r) => String(r[0]) === key);
    if (row < 0) throw new Error(`The Programmes sheet has no row for ${key}.`);
    for (const [h, v] of Object.entries(cells)) {
      const c = header.indexOf(h);
      if (c < 0) throw new Error(`The Programmes sheet has no column "${h}".`);
      s.getRange(row + 1, c + 1).setValue(v);
    }
  });
}

/** Appends rows to a sheet below its header (a person pasting a list). */
export function appendSheetRows(env: HubEnvironment, name: string, rows: Value[][]): void {
  if (rows.length === 0) return;
  env.rt.uncharged(() => {
    const s = sheet(env, name);
    const first = s.getLastRow() + 1;
    const width = Math.max(...rows.map((r) => r.length));
    if (s.getMaxRows() < first + rows.length - 1)
      s.insertRowsAfter(s.getMaxRows(), first + rows.length - 1 - s.getMaxRows());
    s.getRange(first, 1, rows.length, width).setValues(
      rows.map((r) => [...r, ...new Array<Value>(width - r.length).fill("")]),
    );
  });
}

/** Writes the school register into the Schools sheet (replacing what is there). URNs stay text. */
export function writeSchools(env: HubEnvironment, schools: readonly School[]): void {
  env.rt.uncharged(() => {
    const s = sheet(env, "Schools");
    if (s.getLastRow() > 1) s.getRange(2, 1, s.getLastRow() - 1, s.getLastColumn()).clearContent();
    s.getRange(1, 1, 1, SCHOOL_SHEET_HEADERS.length).setValues([[...SCHOOL_SHEET_HEADERS]]);
  });
  // Apostrophes keep URNs and postcodes exactly as text, as the add-on expects.
  appendSheetRows(
    env,
    "Schools",
    schools.map((school) =>
      schoolToRow(school).map((v) => (typeof v === "string" && v !== "" ? `'${v}` : v)),
    ),
  );
}

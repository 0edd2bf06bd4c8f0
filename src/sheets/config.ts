// Reads and validates the hub's configuration sheets. Every problem in every sheet is reported at
// once, by cell, with the fix; a config with any problem is never used, so nothing half-runs.
import { isProgrammeKey } from "../domain/programmes/catalogue";
import { editDistance } from "../domain/schools/names";
import { PROGRAMME_KEYS, type ProgrammeKey } from "../domain/types";
import { cellRef, cellText, type Cell } from "./cells";
import {
  academicYear,
  describeProblem,
  email,
  list,
  londonDateTime,
  parseCell,
  showLondon,
  text,
  wholeNumber,
  yesNo,
  type CellParser,
  type ConfigProblem,
} from "./config-cells";
import { GROUPS_SHEET, LEADS_SHEET, PROGRAMMES_SHEET, SETTINGS_SHEET } from "./layout";
import { readSettings, type HubSettings } from "./settings";
import { readTable, type Table } from "./table";
import { z } from "../domain/zod";

export interface ProgrammeConfig {
  key: ProgrammeKey;
  title: string;
  year: string;
  opens: Date | null;
  closes: Date | null;
  places: number | null;
  maxPerSchool: number | null;
  form: string;
  responseSheet: string;
  active: boolean;
  cohortStarts: Date | null;
  blindReview: boolean;
  /** Sheet row, for messages. */
  row: number;
}

export type LeadConfig = {
  name: string;
  email: string;
  /** Programme keys, or ["all"]. */
  programmes: string[];
  /** Local authority names, or ["all"]. */
  localAuthorities: string[];
  maxLoad: number;
  ownSchoolUrn: string;
  active: boolean;
};

export type GroupConfig = {
  id: string;
  programme: ProgrammeKey;
  leadEmail: string;
  capacity: number;
  location: string;
  localAuthorities: string[];
};

export interface HubConfig {
  programmes: ProgrammeConfig[];
  leads: LeadConfig[];
  groups: GroupConfig[];
  settings: HubSettings;
}

export type ConfigResult =
  { ok: true; config: HubConfig } | { ok: false; problems: ConfigProblem[] };

export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `The hub's configuration has ${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was changed.\n` +
        problems.map(describeProblem).join("\n"),
    );
    this.name = "ConfigError";
  }
}

function programmeKey(label: string): CellParser<ProgrammeKey> {
  return z.custom<Cell>().transform((v, ctx) => {
    const typed = cellText(v).trim();
    const s = typed.toLowerCase();
    if (isProgrammeKey(s)) return s;
    const near = closest(s, PROGRAMME_KEYS);
    ctx.addIssue({
      code: "custom",
      message:
        typed === ""
          ? `${label} is empty; write a programme key, one of ${PROGRAMME_KEYS.join(", ")}`
          : `${label} "${typed}" is not a programme key; write ${near ?? `one of ${PROGRAMME_KEYS.join(", ")}`}`,
    });
    return z.NEVER;
  });
}

/** The candidate with the smallest edit distance, if it is plausibly a typo. */
function closest(s: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const d = editDistance(s, c);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  return best !== null && bestD <= Math.max(2, Math.floor(best.length / 3)) ? best : null;
}

interface Field<T> {
  header: string;
  parser: CellParser<T>;
}

/** Parses every row of a table; a missing header is itself a problem (reported once, on row 1). */
function parseRows<R extends object>(
  table: Table,
  fields: { [K in keyof R]: Field<R[K]> },
  problems: ConfigProblem[],
): Array<R & { row: number }> {
  const columns = new Map<string, number>();
  for (const [name, field] of Object.entries(fields) as Array<[string, Field<unknown>]>) {
    const c = table.col(field.header);
    if (c < 0)
      problems.push({
        cell: `${table.sheetName}!1:1`,
        message: `the column "${field.header}" is missing; add a column headed ${field.header}`,
      });
    else columns.set(name, c);
  }
  if (columns.size < Object.keys(fields).length) return [];
  const out: Array<R & { row: number }> = [];
  table.rows.forEach((cells, i) => {
    if (cells.every((c) => cellText(c).trim() === "")) return;
    const row = table.firstRow + i;
    const before = problems.length;
    const record: Record<string, unknown> = { row };
    for (const [name, field] of Object.entries(fields) as Array<[string, Field<unknown>]>) {
      const column = columns.get(name)!;
      record[name] = parseCell(
        field.parser,
        cells[column] ?? "",
        { sheet: table.sheetName, row, column: column + 1 },
        problems,
      );
    }
    if (problems.length === before) out.push(record as R & { row: number });
  });
  return out;
}

export function configFromTables(tables: {
  programmes: Table;
  leads: Table;
  groups: Table;
  settings: Table;
}): ConfigResult {
  const problems: ConfigProblem[] = [];
  const settingsProblems: ConfigProblem[] = [];
  const settings = readSettings(tables.settings, settingsProblems);

  const programmes = parseRows<Omit<ProgrammeConfig, "row">>(
    tables.programmes,
    {
      key: { header: "Key", parser: programmeKey("key") },
      title: { header: "Programme", parser: text({ label: "programme name", required: true }) },
      year: { header: "Academic year", parser: academicYear({ label: "academic year" }) },
      opens: {
        header: "Opens",
        parser: londonDateTime({
          label: "opening time",
          required: false,
          example: "2024-01-08 09:00",
        }),
      },
      closes: {
        header: "Closes",
        parser: londonDateTime({
          label: "closing time",
          required: false,
          example: "2024-03-29 17:00",
        }),
      },
      places: {
        header: "Places",
        parser: wholeNumber({
          label: "places",
          min: 0,
          blankAs: null,
          blankMeans: "no limit",
          unit: "places",
        }),
      },
      maxPerSchool: {
        header: "Max per school",
        parser: wholeNumber({
          label: "max per school",
          min: 1,
          blankAs: null,
          blankMeans: "no limit",
          unit: "places",
        }),
      },
      form: { header: "Form", parser: text({ label: "form", required: false }) },
      responseSheet: {
        header: "Response sheet",
        parser: text({ label: "response sheet", required: false }),
      },
      active: { header: "Active", parser: yesNo({ label: "active", blankAs: true }) },
      cohortStarts: {
        header: "Cohort starts",
        parser: londonDateTime({ label: "cohort start", required: false, example: "2024-09-01" }),
      },
      blindReview: {
        header: "Blind review",
        parser: yesNo({ label: "blind review", blankAs: false }),
      },
    },
    problems,
  );
  const seen = new Map<string, number>();
  const programmesSheet = tables.programmes.sheetName;
  for (const p of programmes) {
    const first = seen.get(p.key);
    if (first !== undefined) {
      problems.push({
        cell: cellRef(programmesSheet, p.row, tables.programmes.col("Key") + 1),
        message: `${p.key} is listed twice (first on row ${first}); delete this row, or change its key`,
      });
    } else seen.set(p.key, p.row);
    if (p.opens && p.closes && p.closes.getTime() <= p.opens.getTime()) {
      problems.push({
        cell: cellRef(programmesSheet, p.row, tables.programmes.col("Closes") + 1),
        message: `closing time ${showLondon(p.closes)} is not after the opening time ${showLondon(p.opens)}; write a closing time after ${showLondon(p.opens)}`,
      });
    }
  }

  const leads = parseRows<LeadConfig>(
    tables.leads,
    {
      name: { header: "Name", parser: text({ label: "lead's name", required: true }) },
      email: { header: "Email", parser: email({ label: "lead's email", required: true }) },
      programmes: { header: "Programmes", parser: programmeList() },
      localAuthorities: { header: "Local authorities", parser: list(/;/) },
      maxLoad: {
        header: "Max load",
        parser: wholeNumber({
          label: "max load",
          min: 0,
          blankAs: 30,
          unit: "applications",
        }) as CellParser<number>,
      },
      ownSchoolUrn: { header: "Own school URN", parser: urnCell() },
      active: { header: "Active", parser: yesNo({ label: "active", blankAs: true }) },
    },
    problems,
  );

  const groups = parseRows<GroupConfig>(
    tables.groups,
    {
      id: { header: "Work Group", parser: text({ label: "Work Group id", required: true }) },
      programme: { header: "Programme", parser: programmeKey("programme") },
      leadEmail: {
        header: "Lead",
        parser: email({ label: "group lead's email", required: false }),
      },
      capacity: {
        header: "Capacity",
        parser: wholeNumber({ label: "capacity", min: 1, blankAs: null, unit: "schools" }).refine(
          (n) => n !== null,
          { message: "capacity is empty; write how many schools the group takes" },
        ) as CellParser<number>,
      },
      location: { header: "Location", parser: text({ label: "location", required: false }) },
      localAuthorities: { header: "Local authorities", parser: list(/;/) },
    },
    problems,
  );
  const groupIds = new Map<string, number>();
  for (const g of groups) {
    const first = groupIds.get(g.id);
    if (first !== undefined)
      problems.push({
        cell: cellRef(tables.groups.sheetName, g.row, tables.groups.col("Work Group") + 1),
        message: `Work Group ${g.id} is listed twice (first on row ${first}); give each group its own id`,
      });
    else groupIds.set(g.id, g.row);
  }

  if (problems.length > 0 || settingsProblems.length > 0)
    return {
      ok: false,
      problems: inSheetOrder(
        [...problems, ...settingsProblems],
        [
          programmesSheet,
          tables.leads.sheetName,
          tables.groups.sheetName,
          tables.settings.sheetName,
        ],
      ),
    };
  return { ok: true, config: { programmes, leads, groups, settings } };
}

/**
 * Problems sorted by sheet (in the given order), then row, then column, so that a hub lead can
 * work down the list sheet by sheet. A whole-row reference ("Programmes!1:1") sorts as its row.
 */
function inSheetOrder(problems: ConfigProblem[], sheets: string[]): ConfigProblem[] {
  const key = (p: ConfigProblem): [number, number, string] => {
    const bang = p.cell.lastIndexOf("!");
    const sheet = bang < 0 ? p.cell : p.cell.slice(0, bang);
    const ref = bang < 0 ? "" : p.cell.slice(bang + 1);
    const m = /^([A-Z]*)(\d+)/.exec(ref);
    const column = m?.[1] ?? "";
    const sheetIndex = sheets.indexOf(sheet);
    return [sheetIndex < 0 ? -1 : sheetIndex, m ? Number(m[2]) : 0, column.padStart(3, " ")];
  };
  return problems
    .map((p, i) => ({ p, i, k: key(p) }))
    .sort(
      (a, b) =>
        a.k[0] - b.k[0] ||
        a.k[1] - b.k[1] ||
        (a.k[2] < b.k[2] ? -1 : a.k[2] > b.k[2] ? 1 : 0) ||
        a.i - b.i,
    )
    .map((x) => x.p);
}

function programmeList(): CellParser<string[]> {
  return list(/[,;]/).transform((items, ctx) => {
    const out: string[] = [];
    for (const raw of items) {
      const s = raw.toLowerCase();
      if (s === "all" || isProgrammeKey(s)) out.push(s);
      else {
        const near = closest(s, PROGRAMME_KEYS);
        ctx.addIssue({
          code: "custom",
          message: near
            ? `programme "${raw}" is not a programme key; write ${near} in its place`
            : `programme "${raw}" is not a programme key; write programme keys separated by commas (such as sec-specialist, sktm-ta), or all`,
        });
      }
    }
    return out.length ? out : ["all"];
  });
}

function urnCell(): CellParser<string> {
  return z.custom<Cell>().transform((v, ctx) => {
    const s = cellText(v).trim();
    if (s === "") return "";
    if (/^\d{5,7}$/.test(s)) return s;
    ctx.addIssue({
      code: "custom",
      message: `own school URN "${s}" is not a URN; write the school's six-digit URN from Get Information About Schools, or leave it blank`,
    });
    return z.NEVER;
  });
}

/** Reads the four config sheets (one read each). A missing sheet is a problem, not a crash. */
export function readConfig(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): ConfigResult {
  const problems: ConfigProblem[] = [];
  const tables: Partial<Record<"programmes" | "leads" | "groups" | "settings", Table>> = {};
  for (const [key, def] of [
    ["programmes", PROGRAMMES_SHEET],
    ["leads", LEADS_SHEET],
    ["groups", GROUPS_SHEET],
    ["settings", SETTINGS_SHEET],
  ] as const) {
    const sheet = spreadsheet.getSheetByName(def.name);
    if (!sheet)
      problems.push({
        cell: def.name,
        message: `the sheet "${def.name}" is missing; run Set up this hub from the add-on menu`,
      });
    else tables[key] = readTable(sheet);
  }
  if (problems.length) return { ok: false, problems };
  return configFromTables(tables as Required<typeof tables>);
}

export function requireConfig(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): HubConfig {
  const result = readConfig(spreadsheet);
  if (!result.ok) throw new ConfigError(result.problems);
  return result.config;
}

// "Set up this hub": creates the sheets the add-on owns, fills in defaults, creates or binds each
// active programme's Form, and installs the triggers. Safe to run again: it only adds what is missing.
import { academicYearOf } from "../domain/calendar";
import { PROGRAMMES } from "../domain/programmes/catalogue";
import { PROGRAMME_KEYS } from "../domain/types";
import { SCHOOL_SHEET_HEADERS } from "../domain/schools/import";
import { asText, cellText, type Cell } from "../sheets/cells";
import { readConfig, type ProgrammeConfig } from "../sheets/config";
import { describeProblem } from "../sheets/config-cells";
import {
  OWNED_SHEETS,
  PROGRAMMES_SHEET,
  SCHOOLS_SHEET_NAME,
  SETTINGS_SHEET,
} from "../sheets/layout";
import { ensureSheet, type SheetSetupResult } from "../sheets/setup-sheets";
import { defaultSettingsRows } from "../sheets/settings";
import { readTable, writeBlock } from "../sheets/table";
import { appendLog } from "../sheets/journal";
import { ensureEndorsementForm } from "./endorsement-form";
import { markEndorsementCheck } from "./endorsement-requests";
import { bindExistingForm, createProgrammeForm } from "./forms";
import { holdFormUntilOpen } from "./jobs/close";
import type { Services } from "./services";
import { ensureTriggers } from "./triggers";
import { markDirty } from "./watermarks";

export interface SetupReport {
  ok: boolean;
  sheetsCreated: string[];
  columnsAdded: string[];
  formsCreated: string[];
  formsBound: string[];
  unpublished: string[];
  triggersCreated: string[];
  /** The Endorsement Form: "created", "bound", or "" when it could not be set up. */
  endorsementForm: string;
  problems: string[];
}

export function defaultProgrammeRows(year: string): Cell[][] {
  return PROGRAMME_KEYS.map((key) => {
    const p = PROGRAMMES[key];
    return [
      key,
      p.title,
      asText(year),
      "",
      "",
      p.defaultPlaces,
      p.maxPerSchool ?? "",
      "",
      "",
      "Yes",
      "",
      "No",
    ];
  });
}

export function setUpHub(
  services: Services,
  options: { hubName?: string; year?: string } = {},
): SetupReport {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const sheets: SheetSetupResult = { created: [], columnsAdded: [] };
  const report: SetupReport = {
    ok: false,
    sheetsCreated: [],
    columnsAdded: [],
    formsCreated: [],
    formsBound: [],
    unpublished: [],
    triggersCreated: [],
    endorsementForm: "",
    problems: [],
  };

  for (const def of OWNED_SHEETS) ensureSheet(services.spreadsheetApp, ss, def, sheets);
  ensureSheet(
    services.spreadsheetApp,
    ss,
    { name: SCHOOLS_SHEET_NAME, columns: SCHOOL_SHEET_HEADERS.map((h) => ({ header: h })) },
    sheets,
  );
  report.sheetsCreated = sheets.created;
  report.columnsAdded = sheets.columnsAdded;

  const programmesSheet = ss.getSheetByName(PROGRAMMES_SHEET.name)!;
  if (programmesSheet.getLastRow() < 2) {
    writeBlock(
      programmesSheet,
      2,
      1,
      defaultProgrammeRows(options.year ?? academicYearOf(services.now())),
    );
  }
  const settingsSheet = ss.getSheetByName(SETTINGS_SHEET.name)!;
  if (settingsSheet.getLastRow() < 2) {
    writeBlock(settingsSheet, 2, 1, defaultSettingsRows(options.hubName ?? ss.getName()));
  }

  const config = readConfig(ss);
  if (!config.ok) {
    report.problems = config.problems.map(describeProblem);
    appendLog(ss, [
      {
        at: services.now(),
        level: "ERROR",
        job: "setup",
        message: `Set up stopped before creating forms: ${report.problems.join(" | ")}`,
      },
    ]);
    return report;
  }

  const formCells = bindForms(
    services,
    ss,
    config.config.programmes,
    config.config.settings.hubName,
    report,
  );
  // A programme that opens later waits closed until its opening time (the hourly run opens it).
  const now = services.now();
  for (const p of config.config.programmes) {
    const bound = formCells.get(p.row);
    const form = bound?.form ?? p.form;
    if (!p.active || !form || !p.opens || p.opens <= now) continue;
    if (p.closes && p.closes <= p.opens) continue;
    holdFormUntilOpen(services, { ...p, form }, config.config.settings);
  }
  const table = readTable(programmesSheet);
  const formCol = table.col("Form");
  const sheetCol = table.col("Response sheet");
  if (formCells.size > 0 && formCol >= 0 && sheetCol === formCol + 1) {
    const rows = table.rows.map((r, i) => {
      const update = formCells.get(table.firstRow + i);
      return update
        ? [asText(update.form), asText(update.sheet)]
        : [asText(cellText(r[formCol])), asText(cellText(r[sheetCol]))];
    });
    writeBlock(programmesSheet, table.firstRow, formCol + 1, rows);
  }

  // The Endorsement Form (its responses reach onFormSubmit through the same trigger).
  const endorsement = ensureEndorsementForm(services, ss, config.config.settings);
  report.problems.push(...endorsement.problems);
  if (endorsement.responseSheet) report.endorsementForm = endorsement.created ? "created" : "bound";
  markEndorsementCheck(services);

  report.triggersCreated = ensureTriggers(services.scriptApp, ss).created;
  // Forms or response sheets may have changed: the next hourly run reconciles everything.
  markDirty(services);
  report.ok = report.problems.length === 0;
  appendLog(ss, [
    {
      at: services.now(),
      level: report.ok ? "INFO" : "WARN",
      job: "setup",
      message:
        `Sheets created: ${report.sheetsCreated.length}; forms created: ${report.formsCreated.length}; forms bound: ${report.formsBound.length}; Endorsement Form ${report.endorsementForm || "not set up"}; triggers created: ${report.triggersCreated.join(", ") || "none"}.` +
        (report.problems.length ? ` Problems: ${report.problems.join(" | ")}` : ""),
    },
  ]);
  return report;
}

function bindForms(
  services: Services,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
  programmes: ProgrammeConfig[],
  hubName: string,
  report: SetupReport,
): Map<number, { form: string; sheet: string }> {
  const updates = new Map<number, { form: string; sheet: string }>();
  for (const p of programmes) {
    if (!p.active) continue;
    const programme = PROGRAMMES[p.key];
    const bound = p.form
      ? bindExistingForm(services, ss, programme, p.form)
      : createProgrammeForm(services, ss, programme, hubName, true);
    (bound.created ? report.formsCreated : report.formsBound).push(p.key);
    if (!bound.published) {
      report.unpublished.push(p.key);
      report.problems.push(
        `The ${programme.title} form is not published, so applicants cannot open it; open the form and choose Publish.`,
      );
    }
    report.problems.push(...bound.problems);
    if (bound.formId !== p.form || bound.responseSheet !== p.responseSheet) {
      updates.set(p.row, { form: bound.formId, sheet: bound.responseSheet });
    }
  }
  return updates;
}

// Plain-JSON snapshots of spreadsheets, for saving a hub (state, hub.xlsx) and loading it again.
//
// Conventions:
// - Dates are {"$date": ISO-8601 instant}; a Range inside a validation rule is {"$range": "Sheet!A1:B2"}.
// - Cell keys of the sparse maps are A1 cell references on that sheet ("B3").
// - `values` is trimmed to the data extent (last row / last column with content); every row has
//   the same width. A formula cell's value is "#ERROR!" (formulas are not evaluated) and its
//   text is in `formulas`.
// - `index` is 1-based like Sheet.getIndex().
// toSnapshot → fromSnapshot → toSnapshot gives an identical object (tested).
import { cellA1, rangeA1 } from "./a1";
import type { ChartOptionValue, ChartPosition } from "./charts";
import type { ConditionalFormatStyle } from "./conditional";
import type { DeveloperMetadataVisibilityName } from "./devmeta";
import type { ProtectionTypeName } from "./protection";
import type { EmuRange } from "./range";
import type { EmuSheet } from "./sheet";
import type { EmuSpreadsheet } from "./spreadsheet";
import type { CellFormat } from "./store";
import type { EmuDataValidation } from "./validation";
import { type CellValue, isDate } from "./values";

export type SnapshotDate = { $date: string };
/** A cell value: text, number, boolean or a date. */
export type SnapshotValue = string | number | boolean | SnapshotDate;
/** An argument of a validation rule. */
export type SnapshotArg =
  string | number | boolean | null | SnapshotDate | { $range: string } | SnapshotArg[];

export type CellFormatSnapshot = CellFormat;

export interface ValidationSnapshot {
  /** A1 range on this sheet, e.g. "H2:H1000". */
  range: string;
  /** DataValidationCriteria name, e.g. "VALUE_IN_LIST". */
  criteria: string;
  /** As getCriteriaValues(): e.g. [["Yes","No"], true] for a dropdown list. */
  values: SnapshotArg[];
  allowInvalid: boolean;
  helpText: string | null;
}

export interface ProtectionSnapshot {
  type: ProtectionTypeName;
  /** A1 on this sheet for RANGE protections; null for SHEET. */
  range: string | null;
  description: string;
  warningOnly: boolean;
  domainEdit: boolean;
  /** null: the editors mirror the spreadsheet's (never changed by the script). */
  editors: string[] | null;
  unprotectedRanges: string[];
}

export interface ChartSnapshot {
  chartId: number;
  /** Charts.ChartType name, e.g. "COLUMN". */
  type: string;
  /** Source ranges with their sheet, e.g. "Dashboard!A1:B8". */
  ranges: string[];
  position: ChartPosition;
  options: Record<string, ChartOptionValue>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

export interface ConditionalFormatSnapshot {
  /** A1 ranges on this sheet. */
  ranges: string[];
  /** SpreadsheetApp.BooleanCriteria name, e.g. "TEXT_EQUAL_TO"; null for a rule without one. */
  criteria: string | null;
  /** Criteria values; dates as ms since the epoch. */
  values: Array<string | number>;
  style: ConditionalFormatStyle;
}

export interface BandingSnapshot {
  range: string;
  theme: string;
  showHeader: boolean;
  showFooter: boolean;
  colors: { header?: string; firstRow?: string; secondRow?: string; footer?: string };
}

export interface DeveloperMetadataSnapshot {
  id: number;
  key: string;
  value: string | null;
  visibility: DeveloperMetadataVisibilityName;
}

export interface SheetSnapshot {
  name: string;
  id: number;
  index: number;
  hidden: boolean;
  frozenRows: number;
  frozenColumns: number;
  maxRows: number;
  maxColumns: number;
  values: SnapshotValue[][];
  formulas: Record<string, string>;
  numberFormats: Record<string, string>;
  notes: Record<string, string>;
  formats: Record<string, CellFormatSnapshot>;
  /** Rich-text links: cell → URL. */
  links: Record<string, string>;
  validations: ValidationSnapshot[];
  protections: ProtectionSnapshot[];
  charts: ChartSnapshot[];
  /** Column number (1-based, as a string key) → width in pixels; only columns not at the default 100. */
  columnWidths: Record<string, number>;
  rowHeights: Record<string, number>;
  hiddenColumns: number[];
  hiddenRows: number[];
  tabColor: string | null;
  formUrl: string | null;
  /** Merged ranges, A1 on this sheet. */
  merges: string[];
  /** A basic filter's range, or null. */
  filter: { range: string } | null;
  developerMetadata: DeveloperMetadataSnapshot[];
  conditionalFormats: ConditionalFormatSnapshot[];
  bandings: BandingSnapshot[];
  hiddenGridlines: boolean;
}

export interface NamedRangeSnapshot {
  name: string;
  /** With the sheet, e.g. "Settings!B2". */
  range: string;
}

export interface SpreadsheetSnapshot {
  version: 1;
  id: string;
  name: string;
  timeZone: string;
  locale: string;
  owner: string;
  editors: string[];
  viewers: string[];
  activeSheetId: number | null;
  sheets: SheetSnapshot[];
  namedRanges: NamedRangeSnapshot[];
  developerMetadata: DeveloperMetadataSnapshot[];
  chartSeq: number;
  devMetaSeq: number;
}

export function toSnapshotValue(v: CellValue): SnapshotValue {
  return isDate(v) ? { $date: v.toISOString() } : v;
}

export function fromSnapshotValue(v: SnapshotValue): CellValue {
  if (v !== null && typeof v === "object") return new Date(v.$date);
  return v ?? "";
}

function argToSnapshot(v: unknown): SnapshotArg {
  if (isDate(v)) return { $date: v.toISOString() };
  if (Array.isArray(v)) return v.map(argToSnapshot);
  if (v && typeof v === "object" && typeof (v as EmuRange)._fullA1 === "function") {
    return { $range: (v as EmuRange)._fullA1() };
  }
  if (v === undefined) return null;
  if (typeof v === "object" && v !== null) return String(v);
  return v as string | number | boolean | null;
}

export function validationRuleToSnapshot(
  rule: EmuDataValidation,
): Omit<ValidationSnapshot, "range"> {
  const d = rule._data;
  return {
    criteria: d.criteria,
    values: d.args.map(argToSnapshot),
    allowInvalid: d.allowInvalid,
    helpText: d.helpText,
  };
}

function validationsOf(sheet: EmuSheet): ValidationSnapshot[] {
  const data = sheet._data;
  // Column runs of identical rules, then merged sideways into rectangles.
  const byCol = new Map<
    number,
    Array<{ r1: number; r2: number; key: string; rule: Omit<ValidationSnapshot, "range"> }>
  >();
  const keyCache = new Map<
    EmuDataValidation,
    { key: string; rule: Omit<ValidationSnapshot, "range"> }
  >();
  for (let r = 0; r < data.meta.length; r++) {
    const row = data.meta[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const v = row[c]?.validation;
      if (!v) continue;
      let k = keyCache.get(v);
      if (!k) {
        const rule = validationRuleToSnapshot(v);
        k = { key: JSON.stringify(rule), rule };
        keyCache.set(v, k);
      }
      const runs = byCol.get(c) ?? [];
      byCol.set(c, runs);
      const last = runs[runs.length - 1];
      if (last && last.r2 === r - 1 && last.key === k.key) last.r2 = r;
      else runs.push({ r1: r, r2: r, key: k.key, rule: k.rule });
    }
  }
  const rects: Array<{
    r1: number;
    r2: number;
    c1: number;
    c2: number;
    key: string;
    rule: Omit<ValidationSnapshot, "range">;
  }> = [];
  const open = new Map<string, (typeof rects)[number]>();
  for (const c of [...byCol.keys()].sort((a, b) => a - b)) {
    for (const run of byCol.get(c) ?? []) {
      const id = `${run.r1}:${run.r2}:${run.key}`;
      const rect = open.get(id);
      if (rect && rect.c2 === c - 1) rect.c2 = c;
      else {
        const fresh = { r1: run.r1, r2: run.r2, c1: c, c2: c, key: run.key, rule: run.rule };
        rects.push(fresh);
        open.set(id, fresh);
      }
    }
  }
  return rects.map((x) => ({
    range: rangeA1(x.r1 + 1, x.c1 + 1, x.r2 - x.r1 + 1, x.c2 - x.c1 + 1),
    ...JSON.parse(x.key),
  }));
}

export function sheetToSnapshot(sheet: EmuSheet): SheetSnapshot {
  const data = sheet._data;
  const { lastRow, lastCol } = data.lastRowCol();
  const values: SnapshotValue[][] = [];
  for (let r = 0; r < lastRow; r++) {
    const src = data.rows[r];
    const row: SnapshotValue[] = new Array<SnapshotValue>(lastCol);
    for (let c = 0; c < lastCol; c++) {
      const v = src?.[c];
      row[c] = v === undefined ? "" : toSnapshotValue(v);
    }
    values.push(row);
  }
  const formulas: Record<string, string> = {};
  const numberFormats: Record<string, string> = {};
  const notes: Record<string, string> = {};
  const formats: Record<string, CellFormatSnapshot> = {};
  const links: Record<string, string> = {};
  for (let r = 0; r < data.meta.length; r++) {
    const row = data.meta[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) {
      const m = row[c];
      if (!m) continue;
      const key = cellA1(r + 1, c + 1);
      if (m.formula !== undefined) formulas[key] = m.formula;
      if (m.numberFormat !== undefined) numberFormats[key] = m.numberFormat;
      if (m.note !== undefined) notes[key] = m.note;
      if (m.format !== undefined) formats[key] = { ...m.format };
      if (m.link !== undefined) links[key] = m.link;
    }
  }
  const sortedEntries = <V>(m: Map<number, V>): Record<string, V> =>
    Object.fromEntries(
      [...m.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v]),
    );
  return {
    name: sheet._name,
    id: sheet._id,
    index: sheet._spreadsheet()._sheets.indexOf(sheet) + 1,
    hidden: sheet._hidden,
    frozenRows: sheet._frozenRows,
    frozenColumns: sheet._frozenColumns,
    maxRows: data.maxRows,
    maxColumns: data.maxCols,
    values,
    formulas,
    numberFormats,
    notes,
    formats,
    links,
    validations: validationsOf(sheet),
    protections: sheet._protections
      .filter((p) => !p._removed)
      .map((p) => ({
        type: p._type,
        range: p._range ? p._range._a1() : null,
        description: p._description,
        warningOnly: p._warningOnly,
        domainEdit: p._domainEdit,
        editors: p._editors ? [...p._editors] : null,
        unprotectedRanges: p._unprotected.map((u) => u._a1()),
      })),
    charts: sheet._charts.map((c) => ({
      chartId: c.chartId ?? 0,
      type: c.type,
      ranges: c.ranges.map((r) => r._fullA1()),
      position: { ...c.position },
      options: JSON.parse(JSON.stringify(c.options)) as Record<string, ChartOptionValue>,
      numHeaders: c.numHeaders,
      transpose: c.transpose,
      mergeStrategy: c.mergeStrategy,
      hiddenDimensionStrategy: c.hiddenDimensionStrategy,
    })),
    columnWidths: sortedEntries(sheet._columnWidths),
    rowHeights: sortedEntries(sheet._rowHeights),
    hiddenColumns: [...sheet._hiddenColumns].sort((a, b) => a - b),
    hiddenRows: [...sheet._hiddenRows].sort((a, b) => a - b),
    tabColor: sheet._tabColor,
    formUrl: sheet._formUrl,
    merges: sheet._merges.map((m) => m._a1()),
    filter: sheet._filter ? { range: sheet._filter._range._a1() } : null,
    developerMetadata: sheet._devMeta.map((d) => ({ ...d })),
    conditionalFormats: sheet._conditionalRules.map((c) => ({
      ranges: c.ranges.map((r) => r._a1()),
      criteria: c.criteria,
      values: [...c.values],
      style: { ...c.style },
    })),
    bandings: sheet._bandings.map((b) => ({
      range: b.range._a1(),
      theme: b.theme,
      showHeader: b.showHeader,
      showFooter: b.showFooter,
      colors: { ...b.colors },
    })),
    hiddenGridlines: sheet._hiddenGridlines,
  };
}

export function spreadsheetToSnapshot(ss: EmuSpreadsheet): SpreadsheetSnapshot {
  return {
    version: 1,
    id: ss._id,
    name: ss._name,
    timeZone: ss._timeZone,
    locale: ss._locale,
    owner: ss._owner,
    editors: [...ss._editors],
    viewers: [...ss._viewers],
    activeSheetId: ss._activeSheet && !ss._activeSheet._deleted ? ss._activeSheet._id : null,
    sheets: ss._sheets.map(sheetToSnapshot),
    namedRanges: ss._namedRanges.map((e) => ({ name: e.name, range: e.range._fullA1() })),
    developerMetadata: ss._devMeta.map((d) => ({ ...d })),
    chartSeq: ss._chartSeq,
    devMetaSeq: ss._devMetaSeq,
  };
}

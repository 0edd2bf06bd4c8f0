// Builds spreadsheets back from snapshots (see snapshot.ts). Uncharged: emulator-internal.
import { parseA1, quoteSheetName } from "./a1";
import { newChartData } from "./charts";
import type { BooleanCriteriaName } from "./conditional";
import type { SheetsContext } from "./context";
import { EmuProtection } from "./protection";
import type { EmuRange } from "./range";
import type { EmuSheet } from "./sheet";
import {
  fromSnapshotValue,
  type SheetSnapshot,
  type SnapshotArg,
  sheetToSnapshot,
} from "./snapshot";
import type { EmuSpreadsheet } from "./spreadsheet";
import type { CellMeta } from "./store";
import { EmuDataValidation, type DataValidationCriteriaName } from "./validation";

function cellOf(key: string): { r: number; c: number } {
  const p = parseA1(key);
  if (!p || p.startRow === null || p.startColumn === null)
    throw new Error(`Bad cell key in snapshot: ${key}`);
  return { r: p.startRow - 1, c: p.startColumn - 1 };
}

function eachCell<V>(
  sheet: EmuSheet,
  map: Record<string, V>,
  fn: (m: CellMeta, v: V) => void,
): void {
  for (const [key, v] of Object.entries(map ?? {})) {
    const { r, c } = cellOf(key);
    fn(sheet._data.metaFor(r, c), v);
  }
}

function argFromSnapshot(ss: EmuSpreadsheet, v: SnapshotArg): unknown {
  if (Array.isArray(v)) return v.map((x) => argFromSnapshot(ss, x));
  if (v !== null && typeof v === "object") {
    if ("$date" in v) return new Date(v.$date);
    if ("$range" in v) return ss._resolveA1(v.$range);
  }
  return v;
}

export function restoreSheetCells(sheet: EmuSheet, s: SheetSnapshot): void {
  const data = sheet._data;
  data.rows = s.values.map((row) => row.map(fromSnapshotValue));
  eachCell(sheet, s.formulas, (m, v) => (m.formula = v));
  eachCell(sheet, s.numberFormats, (m, v) => (m.numberFormat = v));
  eachCell(sheet, s.notes, (m, v) => (m.note = v));
  eachCell(sheet, s.formats, (m, v) => (m.format = { ...v }));
  eachCell(sheet, s.links, (m, v) => (m.link = v));
  data.touch();
  sheet._hidden = s.hidden;
  sheet._frozenRows = s.frozenRows;
  sheet._frozenColumns = s.frozenColumns;
  for (const [k, v] of Object.entries(s.columnWidths ?? {})) sheet._columnWidths.set(Number(k), v);
  for (const [k, v] of Object.entries(s.rowHeights ?? {})) sheet._rowHeights.set(Number(k), v);
  for (const c of s.hiddenColumns ?? []) sheet._hiddenColumns.add(c);
  for (const r of s.hiddenRows ?? []) sheet._hiddenRows.add(r);
  sheet._tabColor = s.tabColor;
  sheet._formUrl = s.formUrl;
  sheet._devMeta = (s.developerMetadata ?? []).map((d) => ({ ...d }));
  sheet._hiddenGridlines = s.hiddenGridlines ?? false;
}

export function restoreSheetLinks(
  ctx: SheetsContext,
  ss: EmuSpreadsheet,
  sheet: EmuSheet,
  s: SheetSnapshot,
): void {
  const range = (a1: string): EmuRange => sheet._rangeFromA1(a1);
  for (const v of s.validations ?? []) {
    const rule = new EmuDataValidation(ctx, {
      criteria: v.criteria as DataValidationCriteriaName,
      args: v.values.map((a) => argFromSnapshot(ss, a)),
      allowInvalid: v.allowInvalid,
      helpText: v.helpText,
    });
    const r = range(v.range);
    for (let i = 0; i < r._numRows; i++) {
      for (let j = 0; j < r._numCols; j++)
        sheet._data.metaFor(r._row - 1 + i, r._col - 1 + j).validation = rule;
    }
  }
  for (const p of s.protections ?? []) {
    const prot = new EmuProtection(ctx, sheet, p.type, p.range === null ? null : range(p.range));
    prot._description = p.description;
    prot._warningOnly = p.warningOnly;
    prot._domainEdit = p.domainEdit;
    prot._editors = p.editors === null ? null : new Set(p.editors);
    prot._unprotected = p.unprotectedRanges.map(range);
    sheet._protections.push(prot);
  }
  sheet._charts = (s.charts ?? []).map((c) => ({
    ...newChartData(),
    chartId: c.chartId,
    type: c.type as ReturnType<typeof newChartData>["type"],
    ranges: c.ranges.map((a1) => ss._resolveA1(a1)),
    position: { ...c.position },
    options: JSON.parse(JSON.stringify(c.options)) as ReturnType<typeof newChartData>["options"],
    numHeaders: c.numHeaders,
    transpose: c.transpose,
    mergeStrategy: c.mergeStrategy,
    hiddenDimensionStrategy: c.hiddenDimensionStrategy,
  }));
  sheet._merges = (s.merges ?? []).map(range);
  sheet._conditionalRules = (s.conditionalFormats ?? []).map((c) => ({
    ranges: c.ranges.map(range),
    criteria: c.criteria as BooleanCriteriaName | null,
    values: [...c.values],
    style: { ...c.style },
  }));
  sheet._bandings = (s.bandings ?? []).map((b) => ({
    range: range(b.range),
    theme: b.theme,
    showHeader: b.showHeader,
    showFooter: b.showFooter,
    colors: { ...b.colors },
  }));
  if (s.filter) sheet._createFilter(range(s.filter.range));
}

/** Sheet.copyTo: a copy named "Copy of <name>" at the end of the destination, without protections. */
export function copySheet(source: EmuSheet, destination: EmuSpreadsheet): EmuSheet {
  const snap = sheetToSnapshot(source);
  let name = `Copy of ${source._name}`;
  for (let n = 2; destination._sheetNamed(name); n++) name = `Copy of ${source._name} ${n}`;
  const oldPrefix = `${quoteSheetName(source._name)}!`;
  const newPrefix = `${quoteSheetName(name)}!`;
  const repoint = (a1: string): string =>
    a1.startsWith(oldPrefix) ? newPrefix + a1.slice(oldPrefix.length) : a1;
  const repointArg = (v: SnapshotArg): SnapshotArg => {
    if (Array.isArray(v)) return v.map(repointArg);
    if (v && typeof v === "object" && "$range" in v) return { $range: repoint(v.$range) };
    return v;
  };
  const copy: SheetSnapshot = {
    ...snap,
    name,
    protections: [],
    formUrl: null,
    developerMetadata: [],
    validations: snap.validations.map((v) => ({ ...v, values: v.values.map(repointArg) })),
    charts: snap.charts.map((c) => ({
      ...c,
      chartId: destination._nextChartId(),
      ranges: c.ranges.map(repoint),
    })),
  };
  const sheet = destination._addSheet(name, undefined, undefined, snap.maxRows, snap.maxColumns);
  restoreSheetCells(sheet, copy);
  restoreSheetLinks(destination._ctx, destination, sheet, copy);
  return sheet;
}

// The emulated Spreadsheet service. See app.ts for the entry point and snapshot.ts for saving.
//
// What is deliberately NOT emulated (documented limits):
// - Formulas are stored but never evaluated: getValues() returns "#ERROR!" for a formula cell.
// - Data validation is not enforced on script writes (neither is it by Google); `_accepts` on a
//   rule checks a value the way the UI would.
// - Formatting (fonts, colours, borders, alignment, wrap), conditional format rules and row
//   banding are recorded for saving only (never applied to display values); images, pivot
//   tables, data sources, comments and blobs are not emulated.
// - Inserted rows do not inherit the formatting of their neighbours.
export {
  BorderStyle,
  CopyPasteType,
  Dimension,
  Direction,
  EmuSpreadsheetApp,
  type EmuSpreadsheetAppOptions,
  restoreSpreadsheet,
  SheetType,
  WrapStrategy,
} from "./app";
export { Charts, EmuEmbeddedChart, EmuEmbeddedChartBuilder } from "./charts";
export {
  BandingTheme,
  BooleanCriteria,
  type ConditionalFormatStyle,
  EmuBanding,
  EmuConditionalFormatRule,
  EmuConditionalFormatRuleBuilder,
} from "./conditional";
export { EmuUser, type SheetsContext } from "./context";
export { DeveloperMetadataVisibility, EmuDeveloperMetadata } from "./devmeta";
export { EmuProtection, PROTECTED_MESSAGE, ProtectionType } from "./protection";
export { EmuRange, EmuRichTextValue, EmuRichTextValueBuilder, EmuTextFinder } from "./range";
export { EmuFilter, EmuRangeList, EmuSheet, MAX_CELLS, MESSAGES } from "./sheet";
export type {
  BandingSnapshot,
  CellFormatSnapshot,
  ConditionalFormatSnapshot,
  ChartSnapshot,
  DeveloperMetadataSnapshot,
  NamedRangeSnapshot,
  ProtectionSnapshot,
  SheetSnapshot,
  SnapshotArg,
  SnapshotDate,
  SnapshotValue,
  SpreadsheetSnapshot,
  ValidationSnapshot,
} from "./snapshot";
export { EmuNamedRange, EmuSpreadsheet, type Toast } from "./spreadsheet";
export { DataValidationCriteria, EmuDataValidation, EmuDataValidationBuilder } from "./validation";
export { type CellValue, FORMULA_VALUE, isDate } from "./values";

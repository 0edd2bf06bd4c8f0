// Data validation rules and their builder.
// https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
// https://developers.google.com/apps-script/reference/spreadsheet/data-validation
//
// Apps Script does NOT enforce a rule on values written by a script: setValue(s) stores a value
// that fails a rule even with setAllowInvalid(false) (only people typing in the UI are
// rejected; the cell then shows the "invalid" marker). The emulator does the same; `_accepts`
// lets the runner check a value the way the UI would.
import { enumOf, SHARED_COMPARISONS, type SheetsContext } from "./context";
import { isDate } from "./values";

export const DataValidationCriteria = enumOf(
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_BETWEEN",
  "DATE_EQUAL_TO",
  "DATE_IS_VALID_DATE",
  "DATE_NOT_BETWEEN",
  "DATE_ON_OR_AFTER",
  "DATE_ON_OR_BEFORE",
  ...SHARED_COMPARISONS,
  "TEXT_IS_VALID_EMAIL",
  "TEXT_IS_VALID_URL",
  "VALUE_IN_LIST",
  "VALUE_IN_RANGE",
  "CUSTOM_FORMULA",
  "CHECKBOX",
);
export type DataValidationCriteriaName = keyof typeof DataValidationCriteria;

/** Google: a list rule holds at most 500 items ("Use the 'List from a range' criteria instead"). */
export const MAX_LIST_ITEMS = 500;

interface RuleData {
  criteria: DataValidationCriteriaName;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/** Anything that behaves like a Range for requireValueInRange (kept by reference). */
export interface RangeLike {
  getA1Notation(): string;
}

function copyArg(v: unknown): unknown {
  if (isDate(v)) return new Date(v.getTime());
  if (Array.isArray(v)) return v.map(copyArg);
  return v;
}

export class EmuDataValidation {
  /** @internal */
  readonly _data: Readonly<RuleData>;
  constructor(
    private readonly ctx: SheetsContext,
    data: RuleData,
  ) {
    this._data = Object.freeze({ ...data, args: data.args.map(copyArg) });
  }
  private rt(method: string): void {
    this.ctx.rt.call(`DataValidation.${method}`);
  }
  getCriteriaType(): DataValidationCriteriaName {
    this.rt("getCriteriaType");
    return this._data.criteria;
  }
  /** E.g. requireValueInList(["a","b"]) → [["a","b"], true]. Dates are handed out as copies. */
  getCriteriaValues(): unknown[] {
    this.rt("getCriteriaValues");
    const out = (v: unknown): unknown =>
      isDate(v) ? this.ctx.newDate(v.getTime()) : Array.isArray(v) ? v.map(out) : v;
    return this._data.args.map(out);
  }
  getAllowInvalid(): boolean {
    this.rt("getAllowInvalid");
    return this._data.allowInvalid;
  }
  /** null when no help text was set. */
  getHelpText(): string | null {
    this.rt("getHelpText");
    return this._data.helpText;
  }
  copy(): EmuDataValidationBuilder {
    this.rt("copy");
    return new EmuDataValidationBuilder(this.ctx, { ...this._data, args: [...this._data.args] });
  }

  /** Emulator-internal: would the Sheets UI accept this value? (Scripts are never checked.) */
  _accepts(value: unknown, resolveRange?: (range: RangeLike) => unknown[]): boolean {
    const { criteria, args } = this._data;
    if (value === "" || value === null || value === undefined) return true;
    const num = typeof value === "number" ? value : isDate(value) ? value.getTime() : NaN;
    const a = args.map((x) => (isDate(x) ? x.getTime() : x)) as Array<number | string | unknown>;
    const text = String(value);
    switch (criteria) {
      case "VALUE_IN_LIST":
        return (args[0] as unknown[]).map(String).includes(text);
      case "VALUE_IN_RANGE":
        return resolveRange
          ? resolveRange(args[0] as RangeLike)
              .map(String)
              .includes(text)
          : true;
      case "CHECKBOX":
        if (args.length === 0) return typeof value === "boolean";
        return value === args[0] || value === args[1];
      case "NUMBER_BETWEEN":
      case "DATE_BETWEEN":
        return num >= (a[0] as number) && num <= (a[1] as number);
      case "NUMBER_NOT_BETWEEN":
      case "DATE_NOT_BETWEEN":
        return !Number.isNaN(num) && (num < (a[0] as number) || num > (a[1] as number));
      case "NUMBER_EQUAL_TO":
      case "DATE_EQUAL_TO":
        return num === a[0];
      case "NUMBER_NOT_EQUAL_TO":
        return !Number.isNaN(num) && num !== a[0];
      case "NUMBER_GREATER_THAN":
      case "DATE_AFTER":
        return num > (a[0] as number);
      case "NUMBER_GREATER_THAN_OR_EQUAL_TO":
      case "DATE_ON_OR_AFTER":
        return num >= (a[0] as number);
      case "NUMBER_LESS_THAN":
      case "DATE_BEFORE":
        return num < (a[0] as number);
      case "NUMBER_LESS_THAN_OR_EQUAL_TO":
      case "DATE_ON_OR_BEFORE":
        return num <= (a[0] as number);
      case "DATE_IS_VALID_DATE":
        return isDate(value);
      case "TEXT_CONTAINS":
        return text.includes(String(args[0]));
      case "TEXT_DOES_NOT_CONTAIN":
        return !text.includes(String(args[0]));
      case "TEXT_EQUAL_TO":
        return text === String(args[0]);
      case "TEXT_IS_VALID_EMAIL":
        return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text);
      case "TEXT_IS_VALID_URL":
        return /^https?:\/\/\S+$/i.test(text);
      case "CUSTOM_FORMULA":
        return true;
    }
  }
}

export class EmuDataValidationBuilder {
  private data: RuleData;
  constructor(
    private readonly ctx: SheetsContext,
    data?: RuleData,
  ) {
    // A new rule allows invalid input (shows a warning) until setAllowInvalid(false).
    this.data = data ?? {
      criteria: "" as DataValidationCriteriaName,
      args: [],
      allowInvalid: true,
      helpText: null,
    };
  }
  private set(method: string, criteria: DataValidationCriteriaName, args: unknown[]): this {
    this.ctx.rt.call(`DataValidationBuilder.${method}`);
    this.data = { ...this.data, criteria, args };
    return this;
  }
  build(): EmuDataValidation {
    this.ctx.rt.call("DataValidationBuilder.build");
    if (!this.data.criteria)
      throw new Error("A data validation rule needs criteria (e.g. requireValueInList).");
    return new EmuDataValidation(this.ctx, this.data);
  }
  copy(): EmuDataValidationBuilder {
    this.ctx.rt.call("DataValidationBuilder.copy");
    return new EmuDataValidationBuilder(this.ctx, { ...this.data });
  }
  getCriteriaType(): DataValidationCriteriaName {
    this.ctx.rt.call("DataValidationBuilder.getCriteriaType");
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    this.ctx.rt.call("DataValidationBuilder.getCriteriaValues");
    return this.data.args.map(copyArg);
  }
  getAllowInvalid(): boolean {
    this.ctx.rt.call("DataValidationBuilder.getAllowInvalid");
    return this.data.allowInvalid;
  }
  getHelpText(): string | null {
    this.ctx.rt.call("DataValidationBuilder.getHelpText");
    return this.data.helpText;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.ctx.rt.call("DataValidationBuilder.setAllowInvalid");
    this.data = { ...this.data, allowInvalid: Boolean(allowInvalidData) };
    return this;
  }
  setHelpText(helpText: string): this {
    this.ctx.rt.call("DataValidationBuilder.setHelpText");
    this.data = { ...this.data, helpText: String(helpText) };
    return this;
  }
  withCriteria(criteria: DataValidationCriteriaName, args: unknown[]): this {
    return this.set("withCriteria", criteria, [...args]);
  }
  requireValueInList(values: unknown[], showDropdown = true): this {
    if (!Array.isArray(values))
      throw new Error(
        "The parameters don't match the method signature for DataValidationBuilder.requireValueInList.",
      );
    return this.set("requireValueInList", "VALUE_IN_LIST", [values.map(String), showDropdown]);
  }
  requireValueInRange(range: RangeLike, showDropdown = true): this {
    return this.set("requireValueInRange", "VALUE_IN_RANGE", [range, showDropdown]);
  }
  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.set("requireCheckbox", "CHECKBOX", args);
  }
  requireDate(): this {
    return this.set("requireDate", "DATE_IS_VALID_DATE", []);
  }
  requireDateAfter(date: Date): this {
    return this.set("requireDateAfter", "DATE_AFTER", [date]);
  }
  requireDateBefore(date: Date): this {
    return this.set("requireDateBefore", "DATE_BEFORE", [date]);
  }
  requireDateBetween(start: Date, end: Date): this {
    return this.set("requireDateBetween", "DATE_BETWEEN", [start, end]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    return this.set("requireDateNotBetween", "DATE_NOT_BETWEEN", [start, end]);
  }
  requireDateEqualTo(date: Date): this {
    return this.set("requireDateEqualTo", "DATE_EQUAL_TO", [date]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this.set("requireDateOnOrAfter", "DATE_ON_OR_AFTER", [date]);
  }
  requireDateOnOrBefore(date: Date): this {
    return this.set("requireDateOnOrBefore", "DATE_ON_OR_BEFORE", [date]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.set("requireNumberBetween", "NUMBER_BETWEEN", [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this.set("requireNumberNotBetween", "NUMBER_NOT_BETWEEN", [start, end]);
  }
  requireNumberEqualTo(n: number): this {
    return this.set("requireNumberEqualTo", "NUMBER_EQUAL_TO", [n]);
  }
  requireNumberNotEqualTo(n: number): this {
    return this.set("requireNumberNotEqualTo", "NUMBER_NOT_EQUAL_TO", [n]);
  }
  requireNumberGreaterThan(n: number): this {
    return this.set("requireNumberGreaterThan", "NUMBER_GREATER_THAN", [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.set("requireNumberGreaterThanOrEqualTo", "NUMBER_GREATER_THAN_OR_EQUAL_TO", [n]);
  }
  requireNumberLessThan(n: number): this {
    return this.set("requireNumberLessThan", "NUMBER_LESS_THAN", [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.set("requireNumberLessThanOrEqualTo", "NUMBER_LESS_THAN_OR_EQUAL_TO", [n]);
  }
  requireTextContains(text: string): this {
    return this.set("requireTextContains", "TEXT_CONTAINS", [String(text)]);
  }
  requireTextDoesNotContain(text: string): this {
    return this.set("requireTextDoesNotContain", "TEXT_DOES_NOT_CONTAIN", [String(text)]);
  }
  requireTextEqualTo(text: string): this {
    return this.set("requireTextEqualTo", "TEXT_EQUAL_TO", [String(text)]);
  }
  requireTextIsEmail(): this {
    return this.set("requireTextIsEmail", "TEXT_IS_VALID_EMAIL", []);
  }
  requireTextIsUrl(): this {
    return this.set("requireTextIsUrl", "TEXT_IS_VALID_URL", []);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.set("requireFormulaSatisfied", "CUSTOM_FORMULA", [String(formula)]);
  }
}

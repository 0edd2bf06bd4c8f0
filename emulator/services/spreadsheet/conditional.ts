// Conditional format rules and row banding, kept as data (for saving to hub.xlsx); the emulator
// does not apply them to display values.
// https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
// https://developers.google.com/apps-script/reference/spreadsheet/banding
import { enumOf, SHARED_COMPARISONS, type SheetsContext } from "./context";
import type { EmuRange } from "./range";
import { isDate } from "./values";

export const BooleanCriteria = enumOf(
  "CELL_EMPTY",
  "CELL_NOT_EMPTY",
  "DATE_AFTER",
  "DATE_BEFORE",
  "DATE_EQUAL_TO",
  "DATE_AFTER_RELATIVE",
  "DATE_BEFORE_RELATIVE",
  "DATE_EQUAL_TO_RELATIVE",
  ...SHARED_COMPARISONS,
  "TEXT_STARTS_WITH",
  "TEXT_ENDS_WITH",
  "CUSTOM_FORMULA",
);
export type BooleanCriteriaName = keyof typeof BooleanCriteria;

export const BandingTheme = enumOf(
  "LIGHT_GREY",
  "CYAN",
  "GREEN",
  "YELLOW",
  "ORANGE",
  "BLUE",
  "TEAL",
  "GREY",
  "BROWN",
  "LIGHT_GREEN",
  "INDIGO",
  "PINK",
);

export interface ConditionalFormatStyle {
  background?: string;
  fontColor?: string;
  bold?: boolean;
  italic?: boolean;
  strikethrough?: boolean;
  underline?: boolean;
}

export interface ConditionalRuleData {
  ranges: EmuRange[];
  criteria: BooleanCriteriaName | null;
  /** Numbers, text, or ms since the epoch for dates (kept JSON-able). */
  values: Array<string | number>;
  style: ConditionalFormatStyle;
}

function cloneRule(d: ConditionalRuleData): ConditionalRuleData {
  return {
    ranges: [...d.ranges],
    criteria: d.criteria,
    values: [...d.values],
    style: { ...d.style },
  };
}

export class EmuConditionalFormatRule {
  constructor(
    private readonly ctx: SheetsContext,
    /** @internal */ readonly _data: ConditionalRuleData,
  ) {}
  getRanges(): EmuRange[] {
    this.ctx.rt.call("ConditionalFormatRule.getRanges");
    return [...this._data.ranges];
  }
  getBooleanCondition(): {
    getCriteriaType(): BooleanCriteriaName | null;
    getCriteriaValues(): Array<string | number>;
    getBackground(): string | null;
    getFontColor(): string | null;
    getBold(): boolean | null;
  } | null {
    this.ctx.rt.call("ConditionalFormatRule.getBooleanCondition");
    const d = cloneRule(this._data);
    if (!d.criteria) return null;
    return {
      getCriteriaType: () => d.criteria,
      getCriteriaValues: () => [...d.values],
      getBackground: () => d.style.background ?? null,
      getFontColor: () => d.style.fontColor ?? null,
      getBold: () => d.style.bold ?? null,
    };
  }
  copy(): EmuConditionalFormatRuleBuilder {
    this.ctx.rt.call("ConditionalFormatRule.copy");
    return new EmuConditionalFormatRuleBuilder(this.ctx, cloneRule(this._data));
  }
}

export class EmuConditionalFormatRuleBuilder {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly d: ConditionalRuleData = { ranges: [], criteria: null, values: [], style: {} },
  ) {}
  private call(m: string): void {
    this.ctx.rt.call(`ConditionalFormatRuleBuilder.${m}`);
  }
  private when(m: string, criteria: BooleanCriteriaName, values: unknown[]): this {
    this.call(m);
    this.d.criteria = criteria;
    this.d.values = values.map((v) =>
      isDate(v) ? v.getTime() : typeof v === "number" ? v : String(v),
    );
    return this;
  }
  private style<K extends keyof ConditionalFormatStyle>(
    m: string,
    key: K,
    v: ConditionalFormatStyle[K] | null,
  ): this {
    this.call(m);
    if (v === null || v === undefined) delete this.d.style[key];
    else this.d.style[key] = v;
    return this;
  }
  build(): EmuConditionalFormatRule {
    this.call("build");
    return new EmuConditionalFormatRule(this.ctx, cloneRule(this.d));
  }
  copy(): EmuConditionalFormatRuleBuilder {
    this.call("copy");
    return new EmuConditionalFormatRuleBuilder(this.ctx, cloneRule(this.d));
  }
  getRanges(): EmuRange[] {
    this.call("getRanges");
    return [...this.d.ranges];
  }
  setRanges(ranges: EmuRange[]): this {
    this.call("setRanges");
    this.d.ranges = [...ranges];
    return this;
  }
  setBackground(color: string | null): this {
    return this.style("setBackground", "background", color);
  }
  setFontColor(color: string | null): this {
    return this.style("setFontColor", "fontColor", color);
  }
  setBold(bold: boolean | null): this {
    return this.style("setBold", "bold", bold);
  }
  setItalic(italic: boolean | null): this {
    return this.style("setItalic", "italic", italic);
  }
  setStrikethrough(strikethrough: boolean | null): this {
    return this.style("setStrikethrough", "strikethrough", strikethrough);
  }
  setUnderline(underline: boolean | null): this {
    return this.style("setUnderline", "underline", underline);
  }
  whenCellEmpty(): this {
    return this.when("whenCellEmpty", "CELL_EMPTY", []);
  }
  whenCellNotEmpty(): this {
    return this.when("whenCellNotEmpty", "CELL_NOT_EMPTY", []);
  }
  whenDateAfter(date: Date): this {
    return this.when("whenDateAfter", "DATE_AFTER", [date]);
  }
  whenDateBefore(date: Date): this {
    return this.when("whenDateBefore", "DATE_BEFORE", [date]);
  }
  whenDateEqualTo(date: Date): this {
    return this.when("whenDateEqualTo", "DATE_EQUAL_TO", [date]);
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when("whenFormulaSatisfied", "CUSTOM_FORMULA", [formula]);
  }
  whenNumberBetween(start: number, end: number): this {
    return this.when("whenNumberBetween", "NUMBER_BETWEEN", [start, end]);
  }
  whenNumberNotBetween(start: number, end: number): this {
    return this.when("whenNumberNotBetween", "NUMBER_NOT_BETWEEN", [start, end]);
  }
  whenNumberEqualTo(n: number): this {
    return this.when("whenNumberEqualTo", "NUMBER_EQUAL_TO", [n]);
  }
  whenNumberNotEqualTo(n: number): this {
    return this.when("whenNumberNotEqualTo", "NUMBER_NOT_EQUAL_TO", [n]);
  }
  whenNumberGreaterThan(n: number): this {
    return this.when("whenNumberGreaterThan", "NUMBER_GREATER_THAN", [n]);
  }
  whenNumberGreaterThanOrEqualTo(n: number): this {
    return this.when("whenNumberGreaterThanOrEqualTo", "NUMBER_GREATER_THAN_OR_EQUAL_TO", [n]);
  }
  whenNumberLessThan(n: number): this {
    return this.when("whenNumberLessThan", "NUMBER_LESS_THAN", [n]);
  }
  whenNumberLessThanOrEqualTo(n: number): this {
    return this.when("whenNumberLessThanOrEqualTo", "NUMBER_LESS_THAN_OR_EQUAL_TO", [n]);
  }
  whenTextContains(text: string): this {
    return this.when("whenTextContains", "TEXT_CONTAINS", [text]);
  }
  whenTextDoesNotContain(text: string): this {
    return this.when("whenTextDoesNotContain", "TEXT_DOES_NOT_CONTAIN", [text]);
  }
  whenTextEqualTo(text: string): this {
    return this.when("whenTextEqualTo", "TEXT_EQUAL_TO", [text]);
  }
  whenTextStartsWith(text: string): this {
    return this.when("whenTextStartsWith", "TEXT_STARTS_WITH", [text]);
  }
  whenTextEndsWith(text: string): this {
    return this.when("whenTextEndsWith", "TEXT_ENDS_WITH", [text]);
  }
}

export interface BandingData {
  range: EmuRange;
  theme: string;
  showHeader: boolean;
  showFooter: boolean;
  colors: { header?: string; firstRow?: string; secondRow?: string; footer?: string };
}

/** https://developers.google.com/apps-script/reference/spreadsheet/banding (a subset). */
export class EmuBanding {
  constructor(
    private readonly ctx: SheetsContext,
    /** @internal */ readonly _data: BandingData,
    private readonly owner: BandingData[],
  ) {}
  private color(m: string, key: keyof BandingData["colors"], color: string | null): this {
    this.ctx.rt.call(`Banding.${m}`);
    if (color === null) delete this._data.colors[key];
    else this._data.colors[key] = String(color);
    return this;
  }
  getRange(): EmuRange {
    this.ctx.rt.call("Banding.getRange");
    return this._data.range;
  }
  setHeaderRowColor(color: string | null): this {
    return this.color("setHeaderRowColor", "header", color);
  }
  setFirstRowColor(color: string | null): this {
    return this.color("setFirstRowColor", "firstRow", color);
  }
  setSecondRowColor(color: string | null): this {
    return this.color("setSecondRowColor", "secondRow", color);
  }
  setFooterRowColor(color: string | null): this {
    return this.color("setFooterRowColor", "footer", color);
  }
  remove(): void {
    this.ctx.rt.call("Banding.remove");
    const i = this.owner.indexOf(this._data);
    if (i >= 0) this.owner.splice(i, 1);
  }
}

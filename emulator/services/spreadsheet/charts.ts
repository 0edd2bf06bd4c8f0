// Embedded charts as data: type, source ranges, position and options, so a hub's Dashboard can
// be saved (hub.xlsx / state) and rendered later. Nothing is drawn here.
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart-builder
// https://developers.google.com/apps-script/reference/spreadsheet/embedded-chart
// https://developers.google.com/apps-script/reference/charts/charts
import { enumOf, type SheetsContext } from "./context";
import type { EmuRange } from "./range";

/** The global `Charts` service's enums (no service calls: enums are plain properties). */
export const Charts = Object.freeze({
  ChartType: enumOf(
    "AREA",
    "BAR",
    "BUBBLE",
    "CANDLESTICK",
    "COLUMN",
    "COMBO",
    "GAUGE",
    "GEO",
    "HISTOGRAM",
    "RADAR",
    "LINE",
    "ORG",
    "PIE",
    "SCATTER",
    "SPARKLINE",
    "STEPPED_AREA",
    "TABLE",
    "TIMELINE",
    "TREEMAP",
    "WATERFALL",
  ),
  Position: enumOf("TOP", "RIGHT", "BOTTOM", "NONE"),
  ChartMergeStrategy: enumOf("MERGE_COLUMNS", "MERGE_ROWS"),
  ChartHiddenDimensionStrategy: enumOf("IGNORE_BOTH", "IGNORE_ROWS", "IGNORE_COLUMNS", "SHOW_BOTH"),
  CurveStyle: enumOf("NORMAL", "SMOOTH"),
  PointStyle: enumOf("NONE", "TINY", "MEDIUM", "LARGE", "HUGE"),
  ColumnType: enumOf("DATE", "NUMBER", "STRING"),
  Orientation: enumOf("HORIZONTAL", "VERTICAL"),
  PickerValuesLayout: enumOf("ASIDE", "BELOW", "BELOW_STACKED", "BELOW_WRAPPING"),
  MatchType: enumOf("EXACT", "PREFIX", "ANY"),
});

export type ChartTypeName = keyof typeof Charts.ChartType;

/** A JSON-able option value (dates are not expected in chart options). */
export type ChartOptionValue =
  string | number | boolean | null | ChartOptionValue[] | { [k: string]: ChartOptionValue };

export interface ChartPosition {
  anchorRow: number;
  anchorColumn: number;
  offsetX: number;
  offsetY: number;
}

export interface ChartData {
  chartId: number | null;
  type: ChartTypeName;
  ranges: EmuRange[];
  position: ChartPosition;
  options: Record<string, ChartOptionValue>;
  numHeaders: number;
  transpose: boolean;
  mergeStrategy: string;
  hiddenDimensionStrategy: string;
}

function jsonOption(v: unknown): ChartOptionValue {
  if (v === undefined) return null;
  return JSON.parse(JSON.stringify(v)) as ChartOptionValue;
}

export class EmuEmbeddedChart {
  constructor(
    private readonly ctx: SheetsContext,
    /** @internal */ readonly _data: ChartData,
  ) {}
  private call(m: string): void {
    this.ctx.rt.call(`EmbeddedChart.${m}`);
  }
  /** null until the chart is inserted into a sheet. */
  getChartId(): number | null {
    this.call("getChartId");
    return this._data.chartId;
  }
  getId(): string {
    this.call("getId");
    return this._data.chartId === null ? "" : `u${this._data.chartId}`;
  }
  getType(): ChartTypeName {
    this.call("getType");
    return this._data.type;
  }
  getRanges(): EmuRange[] {
    this.call("getRanges");
    return [...this._data.ranges];
  }
  getOptions(): { get(option: string): unknown; getOrDefault(option: string): unknown } {
    this.call("getOptions");
    const options = this._data.options;
    return {
      get: (option: string) => (option in options ? options[option] : null),
      getOrDefault: (option: string) => (option in options ? options[option] : null),
    };
  }
  getNumHeaders(): number {
    this.call("getNumHeaders");
    return this._data.numHeaders;
  }
  getTransposeRowsAndColumns(): boolean {
    this.call("getTransposeRowsAndColumns");
    return this._data.transpose;
  }
  getMergeStrategy(): string {
    this.call("getMergeStrategy");
    return this._data.mergeStrategy;
  }
  getHiddenDimensionStrategy(): string {
    this.call("getHiddenDimensionStrategy");
    return this._data.hiddenDimensionStrategy;
  }
  getContainerInfo(): {
    getAnchorRow(): number;
    getAnchorColumn(): number;
    getOffsetX(): number;
    getOffsetY(): number;
  } {
    this.call("getContainerInfo");
    const p = { ...this._data.position };
    return {
      getAnchorRow: () => p.anchorRow,
      getAnchorColumn: () => p.anchorColumn,
      getOffsetX: () => p.offsetX,
      getOffsetY: () => p.offsetY,
    };
  }
  /** A builder holding this chart's settings; build() then Sheet.updateChart(chart). */
  modify(): EmuEmbeddedChartBuilder {
    this.call("modify");
    return new EmuEmbeddedChartBuilder(this.ctx, cloneChartData(this._data));
  }
  getAs(): never {
    this.call("getAs");
    throw new Error("The emulator does not render charts (EmbeddedChart.getAs).");
  }
  getBlob(): never {
    this.call("getBlob");
    throw new Error("The emulator does not render charts (EmbeddedChart.getBlob).");
  }
}

export function cloneChartData(d: ChartData): ChartData {
  return {
    ...d,
    ranges: [...d.ranges],
    position: { ...d.position },
    options: JSON.parse(JSON.stringify(d.options)) as Record<string, ChartOptionValue>,
  };
}

export function newChartData(): ChartData {
  return {
    chartId: null,
    type: "COLUMN",
    ranges: [],
    position: { anchorRow: 1, anchorColumn: 1, offsetX: 0, offsetY: 0 },
    options: {},
    numHeaders: -1,
    transpose: false,
    mergeStrategy: "MERGE_COLUMNS",
    hiddenDimensionStrategy: "IGNORE_BOTH",
  };
}

/**
 * One builder serves EmbeddedChartBuilder and its typed variants (asBarChart() etc.): the typed
 * setters are stored as the equivalent Google Charts options ("title", "hAxis.title", ...).
 */
export class EmuEmbeddedChartBuilder {
  constructor(
    private readonly ctx: SheetsContext,
    private readonly data: ChartData = newChartData(),
  ) {}
  private call(m: string): void {
    this.ctx.rt.call(`EmbeddedChartBuilder.${m}`);
  }
  private option(method: string, key: string, value: unknown): this {
    this.call(method);
    this.data.options[key] = jsonOption(value);
    return this;
  }
  private as(method: string, type: ChartTypeName): this {
    this.call(method);
    this.data.type = type;
    return this;
  }
  addRange(range: EmuRange): this {
    this.call("addRange");
    this.data.ranges.push(range);
    return this;
  }
  removeRange(range: EmuRange): this {
    this.call("removeRange");
    const a1 = range._fullA1();
    this.data.ranges = this.data.ranges.filter((r) => r._fullA1() !== a1);
    return this;
  }
  clearRanges(): this {
    this.call("clearRanges");
    this.data.ranges = [];
    return this;
  }
  getRanges(): EmuRange[] {
    this.call("getRanges");
    return [...this.data.ranges];
  }
  setChartType(type: ChartTypeName): this {
    this.call("setChartType");
    if (!(String(type) in Charts.ChartType)) throw new Error(`Invalid argument: type`);
    this.data.type = String(type) as ChartTypeName;
    return this;
  }
  getChartType(): ChartTypeName {
    this.call("getChartType");
    return this.data.type;
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): this {
    this.call("setPosition");
    this.data.position = { anchorRow: anchorRowPos, anchorColumn: anchorColPos, offsetX, offsetY };
    return this;
  }
  setOption(option: string, value: unknown): this {
    return this.option("setOption", String(option), value);
  }
  setNumHeaders(headers: number): this {
    this.call("setNumHeaders");
    this.data.numHeaders = headers;
    return this;
  }
  setTransposeRowsAndColumns(transpose: boolean): this {
    this.call("setTransposeRowsAndColumns");
    this.data.transpose = Boolean(transpose);
    return this;
  }
  setMergeStrategy(strategy: string): this {
    this.call("setMergeStrategy");
    this.data.mergeStrategy = String(strategy);
    return this;
  }
  setHiddenDimensionStrategy(strategy: string): this {
    this.call("setHiddenDimensionStrategy");
    this.data.hiddenDimensionStrategy = String(strategy);
    return this;
  }
  asAreaChart(): this {
    return this.as("asAreaChart", "AREA");
  }
  asBarChart(): this {
    return this.as("asBarChart", "BAR");
  }
  asColumnChart(): this {
    return this.as("asColumnChart", "COLUMN");
  }
  asComboChart(): this {
    return this.as("asComboChart", "COMBO");
  }
  asHistogramChart(): this {
    return this.as("asHistogramChart", "HISTOGRAM");
  }
  asLineChart(): this {
    return this.as("asLineChart", "LINE");
  }
  asPieChart(): this {
    return this.as("asPieChart", "PIE");
  }
  asScatterChart(): this {
    return this.as("asScatterChart", "SCATTER");
  }
  asTableChart(): this {
    return this.as("asTableChart", "TABLE");
  }
  setTitle(title: string): this {
    return this.option("setTitle", "title", String(title));
  }
  setXAxisTitle(title: string): this {
    return this.option("setXAxisTitle", "hAxis.title", String(title));
  }
  setYAxisTitle(title: string): this {
    return this.option("setYAxisTitle", "vAxis.title", String(title));
  }
  setLegendPosition(position: string): this {
    return this.option("setLegendPosition", "legend.position", String(position).toLowerCase());
  }
  setColors(cssValues: string[]): this {
    return this.option("setColors", "colors", [...cssValues]);
  }
  setStacked(): this {
    return this.option("setStacked", "isStacked", true);
  }
  set3D(): this {
    return this.option("set3D", "is3D", true);
  }
  reverseCategories(): this {
    return this.option("reverseCategories", "reverseCategories", true);
  }
  setBackgroundColor(cssValue: string): this {
    return this.option("setBackgroundColor", "backgroundColor", String(cssValue));
  }
  build(): EmuEmbeddedChart {
    this.call("build");
    return new EmuEmbeddedChart(this.ctx, cloneChartData(this.data));
  }
}

// Form items, choices and item responses: GAS-like handles over the form's plain state.
//
// https://developers.google.com/apps-script/reference/forms/item — a generic Item is cast to its
//   type-specific class with asTextItem(), asCheckboxItem()...; casting to the wrong class throws.
// https://developers.google.com/apps-script/reference/forms/multiple-choice-item#createResponse(String)
//   and .../checkbox-item#createResponse(String[]) — createResponse throws when a value is not one of
//   the item's choices, unless the item shows the "Other" option.
// https://developers.google.com/apps-script/reference/forms/item-response#getResponse() — a
//   CheckboxItem's response is a String[]; text, paragraph, multiple-choice, list and scale responses
//   are a String.
import type { Runtime } from "../../core/runtime";
import { gasEnum, type GasEnumValue } from "../utilities/enum";

export const ItemType = gasEnum([
  "CHECKBOX",
  "CHECKBOX_GRID",
  "DATE",
  "DATETIME",
  "DURATION",
  "GRID",
  "IMAGE",
  "LIST",
  "MULTIPLE_CHOICE",
  "PAGE_BREAK",
  "PARAGRAPH_TEXT",
  "SCALE",
  "SECTION_HEADER",
  "TEXT",
  "TIME",
  "VIDEO",
  "FILE_UPLOAD",
] as const);

/** The item types the emulator implements. */
export type SupportedItemType =
  | "TEXT"
  | "PARAGRAPH_TEXT"
  | "MULTIPLE_CHOICE"
  | "CHECKBOX"
  | "LIST"
  | "SCALE"
  | "SECTION_HEADER"
  | "PAGE_BREAK";

export const QUESTION_TYPES: ReadonlySet<SupportedItemType> = new Set([
  "TEXT",
  "PARAGRAPH_TEXT",
  "MULTIPLE_CHOICE",
  "CHECKBOX",
  "LIST",
  "SCALE",
]);

export interface ItemState {
  id: number;
  type: SupportedItemType;
  title: string;
  helpText: string;
  required: boolean;
  /** Choice values (MULTIPLE_CHOICE, CHECKBOX, LIST). */
  choices: string[];
  /** The "Other" option (MULTIPLE_CHOICE, CHECKBOX). */
  hasOther: boolean;
  /** SCALE bounds and labels. */
  lower: number;
  upper: number;
  leftLabel: string;
  rightLabel: string;
}

export type AnswerValue = string | string[];

/** What items need from the form that owns them. */
export interface ItemHost {
  readonly rt: Runtime;
  _item(formId: string, itemId: number): ItemState;
  _items(formId: string): ItemState[];
}

const CLASS_OF: Record<SupportedItemType, string> = {
  TEXT: "TextItem",
  PARAGRAPH_TEXT: "ParagraphTextItem",
  MULTIPLE_CHOICE: "MultipleChoiceItem",
  CHECKBOX: "CheckboxItem",
  LIST: "ListItem",
  SCALE: "ScaleItem",
  SECTION_HEADER: "SectionHeaderItem",
  PAGE_BREAK: "PageBreakItem",
};

export function newItemState(id: number, type: SupportedItemType): ItemState {
  return {
    id,
    type,
    title: "",
    helpText: "",
    required: false,
    choices: [],
    hasOther: false,
    lower: 1,
    upper: 5,
    leftLabel: "",
    rightLabel: "",
  };
}

/** The typed handle for an item (what addTextItem() and asTextItem() return). */
export function typedItem(host: ItemHost, formId: string, st: ItemState): BaseItem {
  switch (st.type) {
    case "TEXT":
      return new EmuTextItem(host, formId, st.id);
    case "PARAGRAPH_TEXT":
      return new EmuParagraphTextItem(host, formId, st.id);
    case "MULTIPLE_CHOICE":
      return new EmuMultipleChoiceItem(host, formId, st.id);
    case "CHECKBOX":
      return new EmuCheckboxItem(host, formId, st.id);
    case "LIST":
      return new EmuListItem(host, formId, st.id);
    case "SCALE":
      return new EmuScaleItem(host, formId, st.id);
    case "SECTION_HEADER":
      return new EmuSectionHeaderItem(host, formId, st.id);
    case "PAGE_BREAK":
      return new EmuPageBreakItem(host, formId, st.id);
  }
}

/**
 * Checks an answer against an item and returns it normalised (checkbox answers in choice order,
 * "Other" text last). Throws a clear Error for an invalid answer. A checkbox answer given as one
 * string (as a CSV export carries it, joined by ", ") is split back into choices.
 */
export function normaliseAnswer(item: ItemState, value: unknown): AnswerValue {
  const label = `"${item.title}"`;
  switch (item.type) {
    case "TEXT":
    case "PARAGRAPH_TEXT": {
      if (typeof value === "number") return String(value);
      if (typeof value !== "string") throw new Error(`The answer to ${label} must be text.`);
      return value;
    }
    case "MULTIPLE_CHOICE":
    case "LIST": {
      if (typeof value !== "string") throw new Error(`The answer to ${label} must be one choice.`);
      if (!item.choices.includes(value) && !(item.type === "MULTIPLE_CHOICE" && item.hasOther)) {
        throw new Error(
          `"${value}" is not one of the choices of ${label} (${item.choices.map((c) => `"${c}"`).join(", ")}).`,
        );
      }
      return value;
    }
    case "CHECKBOX": {
      const values =
        typeof value === "string"
          ? splitCheckboxAnswer(value, item)
          : Array.isArray(value)
            ? value
            : null;
      if (!values || values.some((v) => typeof v !== "string")) {
        throw new Error(`The answer to ${label} must be a list of choices.`);
      }
      const chosen = item.choices.filter((c) => values.includes(c));
      const others = values.filter((v) => !item.choices.includes(v) && v !== "");
      if (others.length > 0 && !item.hasOther) {
        throw new Error(
          `"${others[0]}" is not one of the choices of ${label} (${item.choices.map((c) => `"${c}"`).join(", ")}).`,
        );
      }
      if (others.length > 1) throw new Error(`${label} accepts only one "Other" answer.`);
      return [...chosen, ...others];
    }
    case "SCALE": {
      const n =
        typeof value === "number" ? value : typeof value === "string" ? Number(value.trim()) : NaN;
      if (!Number.isInteger(n) || n < item.lower || n > item.upper) {
        throw new Error(
          `The answer to ${label} must be a whole number from ${item.lower} to ${item.upper}.`,
        );
      }
      return String(n);
    }
    default:
      throw new Error(`${label} is a ${item.type} item and takes no answer.`);
  }
}

/** An empty answer: "", whitespace, or no choices. */
export function isEmptyAnswer(v: AnswerValue | undefined | null): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return v.trim() === "";
}

/**
 * "A, B, Something else" → ["A", "B", "Something else"], matching the longest choice first so a
 * choice that itself contains ", " survives; the remainder is the "Other" text when allowed.
 */
export function splitCheckboxAnswer(text: string, item: ItemState): string[] {
  if (text.trim() === "") return [];
  const parts = text.split(", ");
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    let matched = false;
    for (let j = parts.length; j > i; j--) {
      const candidate = parts.slice(i, j).join(", ");
      if (item.choices.includes(candidate)) {
        out.push(candidate);
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) {
      // Not a choice: with "Other" enabled the rest is the free text; otherwise let validation fail.
      out.push(item.hasOther ? parts.slice(i).join(", ") : parts[i]);
      if (item.hasOther) break;
      i++;
    }
  }
  return out;
}

export class EmuChoice {
  constructor(
    private readonly rt: Runtime,
    private readonly value: string,
  ) {}
  getValue(): string {
    this.rt.call("Choice.getValue");
    return this.value;
  }
  isCorrectAnswer(): boolean {
    this.rt.call("Choice.isCorrectAnswer");
    return false;
  }
  /** Emulator-internal. */
  _value(): string {
    return this.value;
  }
}

export class EmuItemResponse {
  constructor(
    private readonly host: ItemHost,
    private readonly formId: string,
    private readonly itemId: number,
    private readonly value: AnswerValue,
  ) {}
  getItem(): EmuItem {
    this.host.rt.call("ItemResponse.getItem");
    return new EmuItem(this.host, this.formId, this.itemId);
  }
  /** String, or String[] for a checkbox item. */
  getResponse(): string | string[] {
    this.host.rt.call("ItemResponse.getResponse");
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
  /** Emulator-internal. */
  _itemId(): number {
    return this.itemId;
  }
  _formId(): string {
    return this.formId;
  }
  _value(): AnswerValue {
    return Array.isArray(this.value) ? [...this.value] : this.value;
  }
}

export abstract class BaseItem {
  /** The Apps Script class name each call is charged under. */
  protected abstract readonly cls: string;
  constructor(
    protected readonly host: ItemHost,
    protected readonly formId: string,
    protected readonly itemId: number,
  ) {}
  protected charge(method: string): void {
    this.host.rt.call(`${this.cls}.${method}`);
  }
  protected st(): ItemState {
    return this.host._item(this.formId, this.itemId);
  }
  getId(): number {
    this.charge("getId");
    return this.st().id;
  }
  getIndex(): number {
    this.charge("getIndex");
    return this.host._items(this.formId).findIndex((i) => i.id === this.itemId);
  }
  getTitle(): string {
    this.charge("getTitle");
    return this.st().title;
  }
  setTitle(title: string): this {
    this.charge("setTitle");
    this.st().title = String(title);
    return this;
  }
  getHelpText(): string {
    this.charge("getHelpText");
    return this.st().helpText;
  }
  setHelpText(text: string): this {
    this.charge("setHelpText");
    this.st().helpText = String(text);
    return this;
  }
  getType(): GasEnumValue {
    this.charge("getType");
    return ItemType[this.st().type];
  }
  /** Emulator-internal. */
  _id(): number {
    return this.itemId;
  }
  _formId(): string {
    return this.formId;
  }
}

/** The generic Item that Form.getItems() returns. */
export class EmuItem extends BaseItem {
  protected readonly cls = "Item";
  private cast<T>(method: string, type: SupportedItemType): T {
    this.charge(method);
    const st = this.st();
    if (st.type !== type) {
      throw new Error(
        `Item ${st.id} ("${st.title}") is a ${st.type} item, not a ${CLASS_OF[type]}: ${method}() cannot cast it.`,
      );
    }
    return typedItem(this.host, this.formId, st) as T;
  }
  asTextItem(): EmuTextItem {
    return this.cast("asTextItem", "TEXT");
  }
  asParagraphTextItem(): EmuParagraphTextItem {
    return this.cast("asParagraphTextItem", "PARAGRAPH_TEXT");
  }
  asMultipleChoiceItem(): EmuMultipleChoiceItem {
    return this.cast("asMultipleChoiceItem", "MULTIPLE_CHOICE");
  }
  asCheckboxItem(): EmuCheckboxItem {
    return this.cast("asCheckboxItem", "CHECKBOX");
  }
  asListItem(): EmuListItem {
    return this.cast("asListItem", "LIST");
  }
  asScaleItem(): EmuScaleItem {
    return this.cast("asScaleItem", "SCALE");
  }
  asSectionHeaderItem(): EmuSectionHeaderItem {
    return this.cast("asSectionHeaderItem", "SECTION_HEADER");
  }
  asPageBreakItem(): EmuPageBreakItem {
    return this.cast("asPageBreakItem", "PAGE_BREAK");
  }
}

/** A question item; `A` is what its createResponse takes. */
abstract class QuestionItem<A = string> extends BaseItem {
  isRequired(): boolean {
    this.charge("isRequired");
    return this.st().required;
  }
  setRequired(enabled: boolean): this {
    this.charge("setRequired");
    this.st().required = Boolean(enabled);
    return this;
  }
  createResponse(response: A): EmuItemResponse {
    this.charge("createResponse");
    return this.response(response);
  }
  protected response(value: unknown): EmuItemResponse {
    const normalised = normaliseAnswer(this.st(), value);
    return new EmuItemResponse(this.host, this.formId, this.itemId, normalised);
  }
}

export class EmuTextItem extends QuestionItem {
  protected readonly cls = "TextItem";
}

export class EmuParagraphTextItem extends QuestionItem {
  protected readonly cls = "ParagraphTextItem";
}

abstract class ChoiceItem<A = string> extends QuestionItem<A> {
  createChoice(value: string): EmuChoice {
    this.charge("createChoice");
    return new EmuChoice(this.host.rt, String(value));
  }
  getChoices(): EmuChoice[] {
    this.charge("getChoices");
    return this.st().choices.map((c) => new EmuChoice(this.host.rt, c));
  }
  setChoices(choices: EmuChoice[]): this {
    this.charge("setChoices");
    if (!Array.isArray(choices) || choices.length === 0) {
      throw new Error("Choices must be a non-empty array."); // Google: a choice item needs a choice.
    }
    this.st().choices = choices.map((c) => c._value());
    return this;
  }
  setChoiceValues(values: string[]): this {
    this.charge("setChoiceValues");
    if (!Array.isArray(values) || values.length === 0) {
      throw new Error("Choice values must be a non-empty array.");
    }
    this.st().choices = values.map(String);
    return this;
  }
}

/** Multiple-choice and checkbox items can show an "Other" option; a list item cannot. */
abstract class OtherChoiceItem<A = string> extends ChoiceItem<A> {
  showOtherOption(enabled: boolean): this {
    this.charge("showOtherOption");
    this.st().hasOther = Boolean(enabled);
    return this;
  }
  hasOtherOption(): boolean {
    this.charge("hasOtherOption");
    return this.st().hasOther;
  }
}

export class EmuMultipleChoiceItem extends OtherChoiceItem {
  protected readonly cls = "MultipleChoiceItem";
}

export class EmuCheckboxItem extends OtherChoiceItem<string[]> {
  protected readonly cls = "CheckboxItem";
  // normaliseAnswer would split a string like a CSV cell; the Apps Script method only takes an array.
  override createResponse(responses: string[]): EmuItemResponse {
    this.charge("createResponse");
    if (!Array.isArray(responses))
      throw new Error("CheckboxItem.createResponse takes an array of strings.");
    return this.response(responses);
  }
}

export class EmuListItem extends ChoiceItem {
  protected readonly cls = "ListItem";
}

export class EmuScaleItem extends QuestionItem<number> {
  protected readonly cls = "ScaleItem";
  /** Lower bound 0 or 1, upper bound 3 to 10 (reference/forms/scale-item#setBounds). */
  setBounds(lower: number, upper: number): this {
    this.charge("setBounds");
    if (!(lower === 0 || lower === 1) || !Number.isInteger(upper) || upper < 3 || upper > 10) {
      throw new Error("Scale bounds must be 0 or 1 (lower) and 3 to 10 (upper).");
    }
    const st = this.st();
    st.lower = lower;
    st.upper = upper;
    return this;
  }
  getLowerBound(): number {
    this.charge("getLowerBound");
    return this.st().lower;
  }
  getUpperBound(): number {
    this.charge("getUpperBound");
    return this.st().upper;
  }
  setLabels(lower: string, upper: string): this {
    this.charge("setLabels");
    const st = this.st();
    st.leftLabel = String(lower);
    st.rightLabel = String(upper);
    return this;
  }
  getLeftLabel(): string {
    this.charge("getLeftLabel");
    return this.st().leftLabel;
  }
  getRightLabel(): string {
    this.charge("getRightLabel");
    return this.st().rightLabel;
  }
}

export class EmuSectionHeaderItem extends BaseItem {
  protected readonly cls = "SectionHeaderItem";
}

export class EmuPageBreakItem extends BaseItem {
  protected readonly cls = "PageBreakItem";
}

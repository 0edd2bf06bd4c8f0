// FormApp: forms, items, responses and the response spreadsheet, in memory.
//
// Behaviour and where Google documents it:
// - https://developers.google.com/apps-script/reference/forms/form#ispublished and
//   https://developers.google.com/workspace/forms/api/guides/api-changes-to-google-forms — forms
//   created by the API are published by default through 30 June 2026; forms created after that start
//   UNPUBLISHED and "won't receive responses" until published (Form.setPublished(true)). The exact
//   cut-over instant is not documented; the emulator uses 2026-07-01T00:00:00Z.
// - https://developers.google.com/workspace/forms/api/reference/rest/v1/forms#publishstate —
//   isAcceptingResponses "is forced to false" while the form is unpublished.
// - https://developers.google.com/apps-script/reference/forms/form#setacceptingresponsesenabled and
//   #setcustomclosedformmessagemessage — a closed form shows its custom message and takes no responses.
// - https://developers.google.com/apps-script/reference/forms/form#setdestinationtype,-id — responses
//   go to a spreadsheet; Google adds a sheet "Form Responses N" whose header row is Timestamp,
//   "Email Address" when the form collects emails, then one column per question; a question added
//   later gets a new column at the end; deleting a question keeps its column.
// - https://developers.google.com/apps-script/reference/forms/form#getresponsestimestamp,
//   #getresponseresponseid, https://developers.google.com/apps-script/reference/forms/form-response
//   — responses have opaque IDs ("2_ABaOnud..."); an edited response keeps its ID (the edit URL
//   carries it as edit2=) and the destination row is overwritten in place with the new timestamp.
// - https://developers.google.com/apps-script/guides/triggers/installable#restrictions —
//   FormResponse.submit() from a script does NOT run form-submit triggers; only a respondent's
//   submission (the runner's _submit) does. The runner decides which triggers to fire.
// - https://developers.google.com/apps-script/reference/forms/form-app#openbyidid — an unknown ID
//   throws "No item with the given ID could be found, or you do not have permission to access it."
//
// Emulator choices (no Google documentation; stated so they can be revisited):
// - getResponses(since) includes responses whose timestamp equals `since` (never loses one).
// - A question answered with a plain decimal number ("136278") is written to the sheet as a number,
//   as Sheets parses typed input (other text is written as typed, so the spreadsheet may still read
//   it as a date or number); an answer starting with "=", "+", "-", "@" or "'" that is not a plain
//   number is written as literal text ("'" prefix), never as a formula.
// - On an edit, e.values / e.namedValues carry only the answers that changed ("" elsewhere), as
//   community reports describe Google doing; option editEventValues: "all" gives every answer.
import type { Runtime } from "../../core/runtime";
import { gasEnum, enumValue, type GasEnumValue } from "../utilities/enum";
import {
  driveId,
  itemId as makeItemId,
  publishedFormId,
  responseId as makeResponseId,
} from "./ids";
import {
  EmuCheckboxItem,
  EmuItem,
  EmuItemResponse,
  EmuListItem,
  EmuMultipleChoiceItem,
  EmuPageBreakItem,
  EmuParagraphTextItem,
  EmuScaleItem,
  EmuSectionHeaderItem,
  EmuTextItem,
  ItemType,
  QUESTION_TYPES,
  isEmptyAnswer,
  newItemState,
  normaliseAnswer,
  type AnswerValue,
  type BaseItem,
  type ItemHost,
  type ItemState,
  type SupportedItemType,
} from "./items";
import { decodeDates, encodeDates } from "./snapshot-json";
import {
  ensureGrid,
  formatSheetDateTime,
  type SheetLike,
  type SpreadsheetLike,
  type SpreadsheetRegistry,
} from "./spreadsheet-like";

export const DestinationType = gasEnum(["SPREADSHEET"] as const);

/** Forms created at or after this instant start unpublished (see the header). */
export const UNPUBLISHED_BY_DEFAULT_FROM = new Date("2026-07-01T00:00:00Z");

export const NO_SUCH_FORM_MESSAGE =
  "No item with the given ID could be found, or you do not have permission to access it.";
export const NO_DESTINATION_MESSAGE = "This form does not currently have a response destination.";

export interface AnswerState {
  itemId: number;
  value: AnswerValue;
}

export interface ResponseState {
  id: string;
  /** Last submission (an edit moves it). */
  timestamp: Date;
  /** First submission. */
  createdAt: Date;
  email: string;
  answers: AnswerState[];
  /** Row in the destination sheet, once written. */
  row: number | null;
  edits: number;
}

export interface ColumnState {
  kind: "timestamp" | "email" | "item";
  itemId?: number;
  title: string;
}

export interface DestinationState {
  spreadsheetId: string;
  sheetName: string;
  columns: ColumnState[];
}

export interface FormState {
  id: string;
  publishedId: string;
  title: string;
  description: string;
  confirmationMessage: string;
  customClosedFormMessage: string;
  acceptingResponses: boolean;
  published: boolean;
  collectEmail: boolean;
  allowResponseEdits: boolean;
  limitOneResponsePerUser: boolean;
  createdAt: Date;
  items: ItemState[];
  responses: ResponseState[];
  destination: DestinationState | null;
  /** Seed counter for item and response IDs. */
  seq: number;
}

export interface FormsSnapshot {
  version: 1;
  seq: number;
  forms: unknown[];
}

export interface EmuFormAppOptions {
  now: () => Date;
  spreadsheets: SpreadsheetRegistry;
  /** The form the script is bound to; null (the default) in a spreadsheet-bound add-on. */
  activeFormId?: () => string | null;
  /** Zone for e.values' timestamp text when the spreadsheet does not say; default Europe/London. */
  timeZone?: () => string;
  /** Edit events: "changed" (default) blanks unchanged answers in values/namedValues; "all" doesn't. */
  editEventValues?: "changed" | "all";
}

export interface SubmitOptions {
  at: Date;
  email?: string;
  /** ID of the response being edited: its answers are replaced in place, its ID kept. */
  editOf?: string;
}

export interface SubmitDestination {
  spreadsheetId: string;
  sheetName: string;
  row: number;
  /** As e.values gives them: strings in column order; the timestamp as the sheet displays it. */
  values: string[];
  /** As e.namedValues gives them: header → [value] (several values when headers repeat). */
  namedValues: Record<string, string[]>;
}

export interface SubmitResult {
  formId: string;
  response: EmuFormResponse;
  responseId: string;
  /** True when this submission edited an earlier response. */
  edit: boolean;
  /** Item IDs whose answers changed (every answered item for a new response). */
  changedItemIds: number[];
  destination?: SubmitDestination;
}

export interface QuestionDescription {
  id: number;
  title: string;
  type: SupportedItemType;
  required: boolean;
  choices: string[];
  hasOther: boolean;
}

const EDIT_URL = (id: string) => `https://docs.google.com/forms/d/${id}/edit`;
const VIEW_URL = (publishedId: string) =>
  `https://docs.google.com/forms/d/e/${publishedId}/viewform`;

/** A value as the destination sheet stores it (see the header for the rules). */
function sheetCellValue(text: string): string | number {
  if (/^-?(0|[1-9]\d{0,14})(\.\d+)?$/.test(text)) return Number(text);
  // Never a formula: Sheets reads typed "=…" (and "+…"/"-…" that is not a number) as one.
  if (/^[=+\-'@]/.test(text)) return `'${text}`;
  return text;
}

/** Header text, never read as a formula or number-like input. */
function headerCell(title: string): string {
  return /^[=+\-'@]/.test(title) ? `'${title}` : title;
}

function answerText(v: AnswerValue | undefined): string {
  if (v === undefined) return "";
  return Array.isArray(v) ? v.join(", ") : v;
}

function sameAnswer(a: AnswerValue | undefined, b: AnswerValue | undefined): boolean {
  return answerText(a) === answerText(b) && Array.isArray(a) === Array.isArray(b);
}

export class EmuFormApp implements ItemHost {
  readonly ItemType = ItemType;
  readonly DestinationType = DestinationType;
  private forms = new Map<string, FormState>();
  private seq = 0;

  constructor(
    readonly rt: Runtime,
    private readonly options: EmuFormAppOptions,
  ) {}

  // ---- FormApp (https://developers.google.com/apps-script/reference/forms/form-app) ----

  create(title: string): EmuForm {
    this.rt.call("FormApp.create");
    const createdAt = this.options.now();
    const seed = `${this.seq++}:${title}:${createdAt.toISOString()}`;
    let id = driveId(`form:${seed}`);
    while (this.forms.has(id)) id = driveId(`form:${seed}:${this.seq++}`);
    const state: FormState = {
      id,
      publishedId: publishedFormId(id),
      title: String(title),
      description: "",
      confirmationMessage: "",
      customClosedFormMessage: "",
      acceptingResponses: true,
      published: createdAt.getTime() < UNPUBLISHED_BY_DEFAULT_FROM.getTime(),
      collectEmail: false,
      allowResponseEdits: false,
      limitOneResponsePerUser: false,
      createdAt,
      items: [],
      responses: [],
      destination: null,
      seq: 0,
    };
    this.forms.set(id, state);
    return new EmuForm(this, id);
  }

  openById(id: string): EmuForm {
    this.rt.call("FormApp.openById");
    if (!this.forms.has(String(id))) throw new Error(NO_SUCH_FORM_MESSAGE);
    return new EmuForm(this, String(id));
  }

  /** Accepts the edit URL (".../d/<id>/edit") or the responder URL (".../d/e/<publishedId>/viewform"). */
  openByUrl(url: string): EmuForm {
    this.rt.call("FormApp.openByUrl");
    const id = this._idFromUrl(String(url));
    if (!id) throw new Error(NO_SUCH_FORM_MESSAGE);
    return new EmuForm(this, id);
  }

  /** Null outside a form-bound script, e.g. in the hub's spreadsheet add-on. */
  getActiveForm(): EmuForm | null {
    this.rt.call("FormApp.getActiveForm");
    const id = this.options.activeFormId?.() ?? null;
    return id && this.forms.has(id) ? new EmuForm(this, id) : null;
  }

  // ---- emulator-internal (uncharged) ----

  /** Every form, as handles. */
  _all(): EmuForm[] {
    return [...this.forms.keys()].map((id) => new EmuForm(this, id));
  }

  _now(): Date {
    return this.options.now();
  }

  _has(formId: string): boolean {
    return this.forms.has(formId);
  }

  _form(formId: string): FormState {
    const f = this.forms.get(formId);
    if (!f) throw new Error(NO_SUCH_FORM_MESSAGE);
    return f;
  }

  _item(formId: string, itemId: number): ItemState {
    const it = this._form(formId).items.find((i) => i.id === itemId);
    if (!it) throw new Error(`Item ${itemId} has been deleted from the form.`);
    return it;
  }

  _items(formId: string): ItemState[] {
    return this._form(formId).items;
  }

  /** The questions of a form, for `mhr forms`. */
  _questions(formId: string): QuestionDescription[] {
    return this._form(formId)
      .items.filter((i) => QUESTION_TYPES.has(i.type))
      .map((i) => ({
        id: i.id,
        title: i.title,
        type: i.type,
        required: i.required,
        choices: [...i.choices],
        hasOther: i.hasOther,
      }));
  }

  _spreadsheet(id: string): SpreadsheetLike | undefined {
    return this.options.spreadsheets.byId(id);
  }

  _idFromUrl(url: string): string | null {
    const pub = /\/forms\/d\/e\/([A-Za-z0-9_-]+)/.exec(url);
    if (pub) {
      for (const f of this.forms.values()) if (f.publishedId === pub[1]) return f.id;
      return null;
    }
    const m = /\/forms\/d\/([A-Za-z0-9_-]+)/.exec(url);
    return m && this.forms.has(m[1]) ? m[1] : null;
  }

  _newItem(formId: string, type: SupportedItemType): ItemState {
    const f = this._form(formId);
    let id = makeItemId(`${f.id}:${f.seq++}`);
    while (f.items.some((i) => i.id === id)) id = makeItemId(`${f.id}:${f.seq++}`);
    const st = newItemState(id, type);
    f.items.push(st);
    return st;
  }

  /** Unique: the per-form counter only grows (and is in the snapshot), and the hash is SHA-256. */
  _newResponseId(f: FormState): string {
    return makeResponseId(`${f.id}:${f.seq++}`);
  }

  /**
   * A respondent submits (or, with editOf, edits) a response through the form's web page.
   * Answers are keyed by question title. Throws a clear Error when Google would refuse it.
   */
  _submit(
    formId: string,
    answers: Record<string, AnswerValue>,
    options: SubmitOptions,
  ): SubmitResult {
    const f = this.forms.get(formId);
    if (!f) throw new Error(`No form with ID ${formId}.`);
    if (!f.published) {
      throw new Error(`The form "${f.title}" is not published, so it cannot accept responses.`);
    }
    if (!f.acceptingResponses) {
      const message =
        f.customClosedFormMessage ||
        `The form ${f.title} is no longer accepting responses. Try contacting the owner of the form if you think this is a mistake.`;
      throw new Error(`The form "${f.title}" is closed: ${message}`);
    }
    const email = (options.email ?? "").trim();
    if (f.collectEmail && !email) {
      throw new Error(`The form "${f.title}" collects email addresses: the response needs one.`);
    }
    let editing: ResponseState | undefined;
    if (options.editOf !== undefined) {
      editing = f.responses.find((r) => r.id === options.editOf);
      if (!editing)
        throw new Error(`The form "${f.title}" has no response ${options.editOf} to edit.`);
      if (!f.allowResponseEdits) {
        throw new Error(
          `The form "${f.title}" does not allow respondents to edit their responses.`,
        );
      }
    } else if (f.limitOneResponsePerUser && email) {
      if (f.responses.some((r) => r.email.toLowerCase() === email.toLowerCase())) {
        throw new Error(
          `${email} has already responded to "${f.title}", which takes one response per person.`,
        );
      }
    }

    const byItem = new Map<number, AnswerValue>();
    for (const [title, value] of Object.entries(answers)) {
      const item = f.items.find((i) => i.title === title && QUESTION_TYPES.has(i.type));
      if (!item) throw new Error(`The form "${f.title}" has no question titled "${title}".`);
      if (value === undefined || value === null) continue;
      const normalised = normaliseAnswer(item, value);
      if (!isEmptyAnswer(normalised)) byItem.set(item.id, normalised);
    }
    for (const item of f.items) {
      if (item.required && QUESTION_TYPES.has(item.type) && !byItem.has(item.id)) {
        throw new Error(`Question "${item.title}" of "${f.title}" is required.`);
      }
    }
    const ordered: AnswerState[] = f.items
      .filter((i) => byItem.has(i.id))
      .map((i) => ({ itemId: i.id, value: byItem.get(i.id)! }));

    return this._record(f, ordered, email, options.at, editing);
  }

  /** Records a response (new, or an edit of `editing`) and writes the destination row. */
  _record(
    f: FormState,
    answers: AnswerState[],
    email: string,
    at: Date,
    editing?: ResponseState,
  ): SubmitResult {
    let response: ResponseState;
    let changed: number[];
    if (editing) {
      const before = new Map(editing.answers.map((a) => [a.itemId, a.value]));
      const after = new Map(answers.map((a) => [a.itemId, a.value]));
      const ids = new Set([...before.keys(), ...after.keys()]);
      changed = f.items
        .map((i) => i.id)
        .filter((id) => ids.has(id) && !sameAnswer(before.get(id), after.get(id)));
      editing.answers = answers.map((a) => ({ itemId: a.itemId, value: copyAnswer(a.value) }));
      editing.timestamp = new Date(at.getTime());
      if (email) editing.email = email;
      editing.edits++;
      response = editing;
      // Keep getResponses() in timestamp order: an edited response moves to its new time.
      f.responses = [...f.responses.filter((r) => r !== editing), editing].sort(
        (a, b) => a.timestamp.getTime() - b.timestamp.getTime(),
      );
    } else {
      response = {
        id: this._newResponseId(f),
        timestamp: new Date(at.getTime()),
        createdAt: new Date(at.getTime()),
        email: f.collectEmail ? email : "",
        answers: answers.map((a) => ({ itemId: a.itemId, value: copyAnswer(a.value) })),
        row: null,
        edits: 0,
      };
      changed = answers.map((a) => a.itemId);
      // Insert in timestamp order (a replayed CSV may carry earlier times).
      const last = f.responses[f.responses.length - 1];
      const idx =
        !last || last.timestamp.getTime() <= at.getTime()
          ? -1
          : f.responses.findIndex((r) => r.timestamp.getTime() > at.getTime());
      if (idx < 0) f.responses.push(response);
      else f.responses.splice(idx, 0, response);
    }
    const result: SubmitResult = {
      formId: f.id,
      response: new EmuFormResponse(this, f.id, response.id, response),
      responseId: response.id,
      edit: Boolean(editing),
      changedItemIds: changed,
    };
    const destination = this.writeRow(f, response, editing ? new Set(changed) : null);
    if (destination) result.destination = destination;
    return result;
  }

  /** Writes (or overwrites) the response's row in the destination sheet; uncharged. */
  private writeRow(
    f: FormState,
    response: ResponseState,
    changedOnly: Set<number> | null,
  ): SubmitDestination | undefined {
    const dest = f.destination;
    if (!dest) return undefined;
    const ss = this._spreadsheet(dest.spreadsheetId);
    if (!ss) return undefined;
    return this.rt.uncharged(() => {
      // Forms follows its response sheet by its link, not its name: a hub may rename the sheet.
      const linked = ss.getSheets?.().find((sh) => sh.getFormUrl?.() === EDIT_URL(f.id));
      const sheet = linked ?? ss.getSheetByName(dest.sheetName);
      if (!sheet) return undefined; // The response sheet was deleted: the form still keeps the response.
      if (linked) dest.sheetName = linked.getName();
      this.extendColumns(f, dest, sheet);
      const answers = new Map(response.answers.map((a) => [a.itemId, a.value]));
      const cells: unknown[] = [];
      const values: string[] = [];
      const blankUnchanged =
        changedOnly !== null && (this.options.editEventValues ?? "changed") === "changed";
      const zone = ss.getSpreadsheetTimeZone?.() ?? this.options.timeZone?.() ?? "Europe/London";
      const locale = ss.getSpreadsheetLocale?.() ?? "en_GB";
      for (const col of dest.columns) {
        if (col.kind === "timestamp") {
          cells.push(new Date(response.timestamp.getTime()));
          values.push(formatSheetDateTime(response.timestamp, zone, locale));
        } else if (col.kind === "email") {
          cells.push(response.email);
          values.push(response.email);
        } else {
          const text = answerText(answers.get(col.itemId!));
          cells.push(text === "" ? "" : sheetCellValue(text));
          values.push(blankUnchanged && !changedOnly!.has(col.itemId!) ? "" : text);
        }
      }
      const row = response.row ?? Math.max(sheet.getLastRow(), 1) + 1;
      ensureGrid(sheet, row, cells.length);
      sheet.getRange(row, 1, 1, cells.length).setValues([cells]);
      response.row = row;
      const header = sheet.getRange(1, 1, 1, cells.length).getValues()[0] ?? [];
      const namedValues: Record<string, string[]> = {};
      dest.columns.forEach((col, i) => {
        const name = header[i] === undefined || header[i] === "" ? col.title : String(header[i]);
        (namedValues[name] ??= []).push(values[i]);
      });
      return {
        spreadsheetId: dest.spreadsheetId,
        sheetName: dest.sheetName,
        row,
        values,
        namedValues,
      };
    });
  }

  /** New questions (and a newly enabled email column) get columns at the end, with headers. */
  private extendColumns(f: FormState, dest: DestinationState, sheet: SheetLike): void {
    const add: ColumnState[] = [];
    if (f.collectEmail && !dest.columns.some((c) => c.kind === "email")) {
      add.push({ kind: "email", title: "Email Address" });
    }
    for (const item of f.items) {
      if (!QUESTION_TYPES.has(item.type)) continue;
      if (!dest.columns.some((c) => c.kind === "item" && c.itemId === item.id)) {
        add.push({ kind: "item", itemId: item.id, title: item.title });
      }
    }
    if (add.length === 0) return;
    const start = dest.columns.length + 1;
    dest.columns.push(...add);
    ensureGrid(sheet, 1, dest.columns.length);
    sheet.getRange(1, start, 1, add.length).setValues([add.map((c) => headerCell(c.title))]);
  }

  /** Links the form to a spreadsheet: a new "Form Responses N" sheet holding every response so far. */
  _setDestination(formId: string, spreadsheetId: string): void {
    const f = this._form(formId);
    const ss = this._spreadsheet(spreadsheetId);
    if (!ss) throw new Error(NO_SUCH_FORM_MESSAGE);
    this._removeDestination(formId);
    this.rt.uncharged(() => {
      let n = 1;
      while (ss.getSheetByName(`Form Responses ${n}`)) n++;
      const sheetName = `Form Responses ${n}`;
      const sheet = ss.insertSheet(sheetName);
      const columns: ColumnState[] = [{ kind: "timestamp", title: "Timestamp" }];
      if (f.collectEmail) columns.push({ kind: "email", title: "Email Address" });
      for (const item of f.items) {
        if (QUESTION_TYPES.has(item.type))
          columns.push({ kind: "item", itemId: item.id, title: item.title });
      }
      ensureGrid(sheet, 1, columns.length);
      sheet.getRange(1, 1, 1, columns.length).setValues([columns.map((c) => headerCell(c.title))]);
      sheet._setFormUrl?.(EDIT_URL(f.id));
      f.destination = { spreadsheetId, sheetName, columns };
      for (const r of f.responses) r.row = null;
    });
    for (const r of f.responses) this.writeRow(f, r, null);
  }

  _removeDestination(formId: string): void {
    const f = this._form(formId);
    const dest = f.destination;
    if (!dest) return;
    f.destination = null;
    for (const r of f.responses) r.row = null;
    const ss = this._spreadsheet(dest.spreadsheetId);
    if (ss) {
      this.rt.uncharged(() => ss.getSheetByName(dest.sheetName)?._setFormUrl?.(null));
    }
  }

  toSnapshot(): FormsSnapshot {
    return {
      version: 1,
      seq: this.seq,
      forms: [...this.forms.values()].map((f) => encodeDates(f)),
    };
  }

  fromSnapshot(snapshot: FormsSnapshot): void {
    if (!snapshot || snapshot.version !== 1) throw new Error("Unsupported forms snapshot version.");
    this.seq = snapshot.seq;
    this.forms = new Map();
    for (const raw of snapshot.forms) {
      const f = decodeDates(raw) as FormState;
      this.forms.set(f.id, f);
    }
  }
}

function copyAnswer(v: AnswerValue): AnswerValue {
  return Array.isArray(v) ? [...v] : v;
}

// ---- Form (https://developers.google.com/apps-script/reference/forms/form) ----

export class EmuForm {
  constructor(
    private readonly app: EmuFormApp,
    private readonly id: string,
  ) {}

  private c(method: string): FormState {
    this.app.rt.call(`Form.${method}`);
    return this.app._form(this.id);
  }

  getId(): string {
    return this.c("getId").id;
  }
  getTitle(): string {
    return this.c("getTitle").title;
  }
  setTitle(title: string): this {
    this.c("setTitle").title = String(title);
    return this;
  }
  getDescription(): string {
    return this.c("getDescription").description;
  }
  setDescription(description: string): this {
    this.c("setDescription").description = String(description);
    return this;
  }
  getConfirmationMessage(): string {
    return this.c("getConfirmationMessage").confirmationMessage;
  }
  setConfirmationMessage(message: string): this {
    this.c("setConfirmationMessage").confirmationMessage = String(message);
    return this;
  }
  getCustomClosedFormMessage(): string {
    return this.c("getCustomClosedFormMessage").customClosedFormMessage;
  }
  setCustomClosedFormMessage(message: string): this {
    this.c("setCustomClosedFormMessage").customClosedFormMessage = String(message);
    return this;
  }
  /** False while unpublished, whatever setAcceptingResponses said (Forms API PublishState). */
  isAcceptingResponses(): boolean {
    const f = this.c("isAcceptingResponses");
    return f.published && f.acceptingResponses;
  }
  setAcceptingResponses(enabled: boolean): this {
    this.c("setAcceptingResponses").acceptingResponses = Boolean(enabled);
    return this;
  }
  isPublished(): boolean {
    return this.c("isPublished").published;
  }
  setPublished(enabled: boolean): this {
    this.c("setPublished").published = Boolean(enabled);
    return this;
  }
  collectsEmail(): boolean {
    return this.c("collectsEmail").collectEmail;
  }
  setCollectEmail(collect: boolean): this {
    this.c("setCollectEmail").collectEmail = Boolean(collect);
    return this;
  }
  canEditResponse(): boolean {
    return this.c("canEditResponse").allowResponseEdits;
  }
  setAllowResponseEdits(enabled: boolean): this {
    this.c("setAllowResponseEdits").allowResponseEdits = Boolean(enabled);
    return this;
  }
  hasLimitOneResponsePerUser(): boolean {
    return this.c("hasLimitOneResponsePerUser").limitOneResponsePerUser;
  }
  setLimitOneResponsePerUser(enabled: boolean): this {
    this.c("setLimitOneResponsePerUser").limitOneResponsePerUser = Boolean(enabled);
    return this;
  }
  getEditUrl(): string {
    return EDIT_URL(this.c("getEditUrl").id);
  }
  getPublishedUrl(): string {
    return VIEW_URL(this.c("getPublishedUrl").publishedId);
  }
  getSummaryUrl(): string {
    return `https://docs.google.com/forms/d/${this.c("getSummaryUrl").id}/viewanalytics`;
  }

  // -- items --

  getItems(itemType?: unknown): EmuItem[] {
    const f = this.c("getItems");
    let items = f.items;
    if (itemType !== undefined) {
      const t = enumValue(ItemType, itemType);
      if (!t) throw new Error(`Invalid argument: itemType (${String(itemType)})`);
      items = items.filter((i) => i.type === t.name);
    }
    return items.map((i) => new EmuItem(this.app, this.id, i.id));
  }
  /** Null when no item has that ID (reference/forms/form#getitembyidid). */
  getItemById(id: number): EmuItem | null {
    const f = this.c("getItemById");
    const item = f.items.find((i) => i.id === Number(id));
    return item ? new EmuItem(this.app, this.id, item.id) : null;
  }
  private add<T extends BaseItem>(
    method: string,
    type: SupportedItemType,
    ctor: new (h: EmuFormApp, f: string, i: number) => T,
  ): T {
    this.c(method);
    const st = this.app._newItem(this.id, type);
    return new ctor(this.app, this.id, st.id);
  }
  addTextItem(): EmuTextItem {
    return this.add("addTextItem", "TEXT", EmuTextItem);
  }
  addParagraphTextItem(): EmuParagraphTextItem {
    return this.add("addParagraphTextItem", "PARAGRAPH_TEXT", EmuParagraphTextItem);
  }
  addMultipleChoiceItem(): EmuMultipleChoiceItem {
    return this.add("addMultipleChoiceItem", "MULTIPLE_CHOICE", EmuMultipleChoiceItem);
  }
  addCheckboxItem(): EmuCheckboxItem {
    return this.add("addCheckboxItem", "CHECKBOX", EmuCheckboxItem);
  }
  addListItem(): EmuListItem {
    return this.add("addListItem", "LIST", EmuListItem);
  }
  addScaleItem(): EmuScaleItem {
    return this.add("addScaleItem", "SCALE", EmuScaleItem);
  }
  addSectionHeaderItem(): EmuSectionHeaderItem {
    return this.add("addSectionHeaderItem", "SECTION_HEADER", EmuSectionHeaderItem);
  }
  addPageBreakItem(): EmuPageBreakItem {
    return this.add("addPageBreakItem", "PAGE_BREAK", EmuPageBreakItem);
  }
  private indexOf(f: FormState, itemOrIndex: number | BaseItem, what: string): number {
    const index =
      typeof itemOrIndex === "number"
        ? itemOrIndex
        : f.items.findIndex((i) => i.id === itemOrIndex._id());
    if (!Number.isInteger(index) || index < 0 || index >= f.items.length) {
      throw new Error(`Invalid argument: ${what} (no such item).`);
    }
    return index;
  }
  deleteItem(itemOrIndex: number | BaseItem): void {
    const f = this.c("deleteItem");
    f.items.splice(this.indexOf(f, itemOrIndex, "item"), 1);
  }
  moveItem(from: number | BaseItem, toIndex: number): EmuItem {
    const f = this.c("moveItem");
    const i = this.indexOf(f, from, "from");
    if (!Number.isInteger(toIndex) || toIndex < 0 || toIndex >= f.items.length) {
      throw new Error("Invalid argument: toIndex (out of range).");
    }
    const [item] = f.items.splice(i, 1);
    f.items.splice(toIndex, 0, item);
    return new EmuItem(this.app, this.id, item.id);
  }

  // -- destination --

  setDestination(type: unknown, id: string): this {
    this.c("setDestination");
    if (enumValue(DestinationType, type)?.name !== "SPREADSHEET") {
      throw new Error("Invalid argument: type (only FormApp.DestinationType.SPREADSHEET exists).");
    }
    this.app._setDestination(this.id, String(id));
    return this;
  }
  getDestinationId(): string {
    const f = this.c("getDestinationId");
    if (!f.destination) throw new Error(NO_DESTINATION_MESSAGE);
    return f.destination.spreadsheetId;
  }
  getDestinationType(): GasEnumValue {
    const f = this.c("getDestinationType");
    if (!f.destination) throw new Error(NO_DESTINATION_MESSAGE);
    return DestinationType.SPREADSHEET;
  }
  removeDestination(): this {
    this.c("removeDestination");
    this.app._removeDestination(this.id);
    return this;
  }

  // -- responses --

  getResponses(timestamp?: Date): EmuFormResponse[] {
    const f = this.c("getResponses");
    const since = timestamp instanceof Date ? timestamp.getTime() : Number.NEGATIVE_INFINITY;
    return f.responses
      .filter((r) => r.timestamp.getTime() >= since)
      .map((r) => new EmuFormResponse(this.app, this.id, r.id, r));
  }
  getResponse(responseId: string): EmuFormResponse {
    const f = this.c("getResponse");
    if (!f.responses.some((r) => r.id === responseId)) {
      throw new Error(`No response with ID ${responseId} exists in this form.`);
    }
    return new EmuFormResponse(this.app, this.id, responseId);
  }
  /** A new, unsubmitted response: a builder for submit() or toPrefilledUrl(). */
  createResponse(): EmuFormResponse {
    this.c("createResponse");
    return new EmuFormResponse(this.app, this.id, null);
  }
  deleteAllResponses(): this {
    this.c("deleteAllResponses").responses = [];
    return this;
  }
  deleteResponse(responseId: string): this {
    const f = this.c("deleteResponse");
    const before = f.responses.length;
    f.responses = f.responses.filter((r) => r.id !== responseId);
    if (f.responses.length === before)
      throw new Error(`No response with ID ${responseId} exists in this form.`);
    return this;
  }

  /** Emulator-internal. */
  _id(): string {
    return this.id;
  }
}

// ---- FormResponse (https://developers.google.com/apps-script/reference/forms/form-response) ----

export class EmuFormResponse {
  /** Answers of an unsubmitted response, by item ID. */
  private readonly draft = new Map<number, AnswerValue>();

  constructor(
    private readonly app: EmuFormApp,
    private readonly formId: string,
    private id: string | null,
    /** The stored response, when known (edits change it in place, so the handle stays current). */
    private state?: ResponseState,
  ) {}

  private c(method: string): void {
    this.app.rt.call(`FormResponse.${method}`);
  }
  private stored(): ResponseState | null {
    if (this.id === null) return null;
    if (!this.state) {
      const r = this.app._form(this.formId).responses.find((x) => x.id === this.id);
      if (!r) throw new Error(`Response ${this.id} has been deleted.`);
      this.state = r;
    }
    return this.state;
  }
  private answers(): AnswerState[] {
    const r = this.stored();
    if (r) return r.answers;
    const items = this.app._form(this.formId).items;
    return items
      .filter((i) => this.draft.has(i.id))
      .map((i) => ({ itemId: i.id, value: this.draft.get(i.id)! }));
  }

  /** Null until submitted. */
  getId(): string | null {
    this.c("getId");
    return this.stored()?.id ?? null;
  }
  getTimestamp(): Date | null {
    this.c("getTimestamp");
    const r = this.stored();
    return r ? new Date(r.timestamp.getTime()) : null;
  }
  getRespondentEmail(): string {
    this.c("getRespondentEmail");
    return this.stored()?.email ?? "";
  }
  getItemResponses(): EmuItemResponse[] {
    this.c("getItemResponses");
    const items = new Set(this.app._form(this.formId).items.map((i) => i.id));
    return this.answers()
      .filter((a) => items.has(a.itemId))
      .map((a) => new EmuItemResponse(this.app, this.formId, a.itemId, a.value));
  }
  getResponseForItem(item: BaseItem): EmuItemResponse | null {
    this.c("getResponseForItem");
    const a = this.answers().find((x) => x.itemId === item._id());
    return a ? new EmuItemResponse(this.app, this.formId, a.itemId, a.value) : null;
  }
  getEditResponseUrl(): string {
    this.c("getEditResponseUrl");
    const r = this.stored();
    if (!r) throw new Error("The response has not been submitted yet.");
    return `${VIEW_URL(this.app._form(this.formId).publishedId)}?edit2=${r.id}`;
  }
  withItemResponse(response: EmuItemResponse): this {
    this.c("withItemResponse");
    if (this.id !== null) {
      throw new Error("The emulator does not support changing a submitted response from a script.");
    }
    if (response._formId() !== this.formId)
      throw new Error("That item response belongs to another form.");
    this.draft.set(response._itemId(), response._value());
    return this;
  }
  /**
   * Records the response (and writes the destination row). Form-submit triggers do NOT fire for it:
   * https://developers.google.com/apps-script/guides/triggers/installable#restrictions
   */
  submit(): this {
    this.c("submit");
    if (this.id !== null) throw new Error("This response has already been submitted.");
    const f = this.app._form(this.formId);
    const result = this.app._record(f, this.answers(), "", this.app._now());
    this.id = result.responseId;
    this.draft.clear();
    return this;
  }
  /** The responder URL with each answer pre-filled as entry.<itemId>=value (a checkbox repeats it). */
  toPrefilledUrl(): string {
    this.c("toPrefilledUrl");
    const f = this.app._form(this.formId);
    const params = new URLSearchParams({ usp: "pp_url" });
    for (const a of this.answers()) {
      for (const v of Array.isArray(a.value) ? a.value : [a.value])
        params.append(`entry.${a.itemId}`, v);
    }
    return `${VIEW_URL(f.publishedId)}?${params.toString()}`;
  }

  /** Emulator-internal. */
  _formId(): string {
    return this.formId;
  }
  _responseId(): string | null {
    return this.id;
  }
  _form(): EmuForm {
    return new EmuForm(this.app, this.formId);
  }
  _app(): EmuFormApp {
    return this.app;
  }
}

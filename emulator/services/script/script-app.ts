// ScriptApp: installable triggers, with the limits Google enforces.
//
// https://developers.google.com/apps-script/reference/script/script-app — newTrigger,
//   getProjectTriggers ("all installable triggers associated with the current project and current
//   user"), getUserTriggers(document) ("owned by this user in the given file, for this script or
//   add-on only"), deleteTrigger.
// https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions — in an
//   add-on: "Each add-on can only have one trigger of each type, per user, per document";
//   "Add-ons can only create triggers for the file in which the add-on is used";
//   "Time-driven triggers cannot run more frequently than once per hour".
// https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers —
//   "an add-on can use a time-driven trigger once per hour at most"; installable triggers run as the
//   user who created them, and one account cannot see another's triggers.
// https://developers.google.com/apps-script/guides/services/quotas — "Triggers: 20 / user / script".
// https://developers.google.com/apps-script/reference/script/clock-trigger-builder#everyminutesn —
//   n "must be 1, 5, 10, 15 or 30".
//
// Error texts: where Google's exact wording is only known from users' reports it is marked
// [observed]; where unknown the emulator says plainly what is wrong [E].
//
// Every builder's create() is counted as "TriggerBuilder.create" (whatever the builder class), so the
// latency model's entry for it applies to all trigger kinds.
import type { Runtime } from "../../core/runtime";
import { gasEnum, enumValue, type GasEnumValue } from "../utilities/enum";
import { hash32, triggerUid } from "../forms/ids";
import { decodeDates, encodeDates } from "../forms/snapshot-json";
import { isoDate, localHourInstant, localParts, nextFire, type Schedule } from "./schedule";

export const AuthMode = gasEnum(["NONE", "CUSTOM_FUNCTION", "LIMITED", "FULL"] as const);
export const AuthorizationStatus = gasEnum(["REQUIRED", "NOT_REQUIRED"] as const);
export const EventType = gasEnum([
  "CLOCK",
  "ON_OPEN",
  "ON_EDIT",
  "ON_FORM_SUBMIT",
  "ON_CHANGE",
  "ON_EVENT_UPDATED",
] as const);
export const TriggerSource = gasEnum([
  "SPREADSHEETS",
  "CLOCK",
  "FORMS",
  "DOCUMENTS",
  "CALENDAR",
] as const);
export const WeekDay = gasEnum([
  "MONDAY",
  "TUESDAY",
  "WEDNESDAY",
  "THURSDAY",
  "FRIDAY",
  "SATURDAY",
  "SUNDAY",
] as const);
export const InstallationSource = gasEnum([
  "APPS_MARKETPLACE_DOMAIN_ADD_ON",
  "NONE",
  "WEB_STORE_ADD_ON",
] as const);

export type EventTypeName = keyof typeof EventType;
export type TriggerSourceName = keyof typeof TriggerSource;

/** [observed] The quota page's 20 triggers per user per script. */
export const MAX_TRIGGERS_PER_USER = 20;
export const TOO_MANY_TRIGGERS_MESSAGE =
  "This script has too many triggers. Triggers must be deleted from the script before more can be added.";
/** [E] Editor-triggers page: add-ons may only create triggers for the file they are used in. */
export const OTHER_FILE_MESSAGE =
  "Add-ons can only create triggers for the file in which the add-on is used.";
/** [E] Editor-triggers page: add-on time-driven triggers run at most once per hour. */
export const SUB_HOURLY_MESSAGE =
  "Add-ons can only create time-driven triggers that run at most once per hour: use everyHours(n), everyDays(n) or everyWeeks(n).";

const EVENT_LABEL: Record<EventTypeName, string> = {
  CLOCK: "time-based",
  ON_OPEN: "open",
  ON_EDIT: "edit",
  ON_FORM_SUBMIT: "form submit",
  ON_CHANGE: "change",
  ON_EVENT_UPDATED: "calendar",
};

/**
 * [observed] (github.com/ljay79/jira-tools/issues/53: "This add-on has created too many time-based
 * triggers in this document for this Google user account").
 */
export function tooManyOfTypeMessage(eventType: EventTypeName): string {
  return `This add-on has created too many ${EVENT_LABEL[eventType]} triggers in this document for this Google user account.`;
}

export interface TriggerState {
  id: string;
  handler: string;
  eventType: EventTypeName;
  source: TriggerSourceName;
  /** The spreadsheet or form ID; null for a clock trigger. */
  sourceId: string | null;
  /** The user who created it (the trigger runs as them). */
  user: string;
  /** The document it belongs to (an add-on's per-document limits count by this). */
  documentId: string | null;
  createdAt: Date;
  schedule: Schedule | null;
  nextFireAt: Date | null;
  lastFiredAt: Date | null;
  fired: number;
}

export interface ScriptSnapshot {
  version: 1;
  seq: number;
  triggers: unknown[];
}

export interface EmuScriptAppOptions {
  /** True for the published add-on: its extra trigger limits apply. */
  addOn: boolean;
  now: () => Date;
  /** The document the script runs in (the hub spreadsheet), or null. */
  activeDocumentId: () => string | null;
  /** The user the script runs as; triggers are created for and listed by this user. */
  effectiveUser: () => string;
  /** The script's time zone (appsscript.json); default Europe/London. */
  timeZone?: () => string;
  scriptId?: string;
}

/** Something with getId(): a Spreadsheet, Form or Document (its ID is read uncharged). */
interface HasId {
  getId(): string;
}

export class EmuScriptApp {
  readonly AuthMode = AuthMode;
  readonly AuthorizationStatus = AuthorizationStatus;
  readonly EventType = EventType;
  readonly TriggerSource = TriggerSource;
  readonly WeekDay = WeekDay;
  readonly InstallationSource = InstallationSource;
  private triggers: TriggerState[] = [];
  private seq = 0;

  constructor(
    readonly rt: Runtime,
    readonly options: EmuScriptAppOptions,
  ) {}

  newTrigger(functionName: string): EmuTriggerBuilder {
    this.rt.call("ScriptApp.newTrigger");
    if (typeof functionName !== "string" || functionName === "") {
      throw new Error("Invalid argument: functionName");
    }
    return new EmuTriggerBuilder(this, functionName);
  }

  getProjectTriggers(): EmuTrigger[] {
    this.rt.call("ScriptApp.getProjectTriggers");
    const user = this.options.effectiveUser();
    return this.triggers.filter((t) => t.user === user).map((t) => new EmuTrigger(this, t.id));
  }

  /** The user's triggers in the given spreadsheet, form or document, for this script only. */
  getUserTriggers(file: HasId): EmuTrigger[] {
    this.rt.call("ScriptApp.getUserTriggers");
    const id = this.rt.uncharged(() => file.getId());
    const user = this.options.effectiveUser();
    return this.triggers
      .filter((t) => t.user === user && (t.documentId === id || t.sourceId === id))
      .map((t) => new EmuTrigger(this, t.id));
  }

  /** Removes the trigger; a trigger that no longer exists (or is another user's) is left alone. */
  deleteTrigger(trigger: EmuTrigger): void {
    this.rt.call("ScriptApp.deleteTrigger");
    if (!(trigger instanceof EmuTrigger)) throw new Error("Invalid argument: trigger");
    const user = this.options.effectiveUser();
    this.triggers = this.triggers.filter((t) => !(t.id === trigger._id() && t.user === user));
  }

  getAuthorizationInfo(authMode: unknown): EmuAuthorizationInfo {
    this.rt.call("ScriptApp.getAuthorizationInfo");
    if (!enumValue(AuthMode, authMode)) throw new Error("Invalid argument: authMode");
    return new EmuAuthorizationInfo(this.rt);
  }

  getInstallationSource(): GasEnumValue {
    this.rt.call("ScriptApp.getInstallationSource");
    return this.options.addOn ? InstallationSource.WEB_STORE_ADD_ON : InstallationSource.NONE;
  }

  getScriptId(): string {
    this.rt.call("ScriptApp.getScriptId");
    return this.options.scriptId ?? "1MathsHubRecruitmentEmulatedScriptId000000000000000";
  }

  /** Not emulated: the add-on calls no Google API by URL. */
  getOAuthToken(): string {
    this.rt.call("ScriptApp.getOAuthToken");
    throw new Error("ScriptApp.getOAuthToken() is not available in the emulator.");
  }

  // ---- emulator-internal (uncharged) ----

  _timeZone(): string {
    return this.options.timeZone?.() ?? "Europe/London";
  }

  _state(id: string): TriggerState | undefined {
    return this.triggers.find((t) => t.id === id);
  }

  /** Validates Google's limits and installs the trigger. */
  _install(spec: {
    handler: string;
    eventType: EventTypeName;
    source: TriggerSourceName;
    sourceId: string | null;
    schedule: Schedule | null;
    seedOffset?: (id: string) => Schedule;
  }): EmuTrigger {
    const user = this.options.effectiveUser();
    const activeDoc = this.options.activeDocumentId();
    const documentId = spec.sourceId ?? activeDoc;
    if (this.options.addOn) {
      if (spec.sourceId !== null && activeDoc !== null && spec.sourceId !== activeDoc) {
        throw new Error(OTHER_FILE_MESSAGE);
      }
      const sameType = this.triggers.some(
        (t) => t.user === user && t.documentId === documentId && t.eventType === spec.eventType,
      );
      if (sameType) throw new Error(tooManyOfTypeMessage(spec.eventType));
    }
    if (this.triggers.filter((t) => t.user === user).length >= MAX_TRIGGERS_PER_USER) {
      throw new Error(TOO_MANY_TRIGGERS_MESSAGE);
    }
    const createdAt = this.options.now();
    let id = triggerUid(`${this.seq++}:${spec.handler}:${createdAt.toISOString()}`);
    while (this._state(id)) id = triggerUid(`${this.seq++}:${spec.handler}`);
    const schedule = spec.seedOffset ? spec.seedOffset(id) : spec.schedule;
    const next = schedule ? nextFire(schedule, createdAt.getTime()) : null;
    this.triggers.push({
      id,
      handler: spec.handler,
      eventType: spec.eventType,
      source: spec.source,
      sourceId: spec.sourceId,
      user,
      documentId,
      createdAt,
      schedule,
      nextFireAt: next === null ? null : new Date(next),
      lastFiredAt: null,
      fired: 0,
    });
    return new EmuTrigger(this, id);
  }

  /** Every trigger of every user (the runner fires them as their creators). */
  _triggers(): EmuTrigger[] {
    return this.triggers.map((t) => new EmuTrigger(this, t.id));
  }

  /**
   * Time-driven triggers whose next fire time is at or before `now`, earliest first. A trigger
   * returned here and then passed to _markFired is not returned again until its next window.
   */
  _due(now: Date): EmuTrigger[] {
    return this.triggers
      .filter(
        (t) =>
          t.eventType === "CLOCK" &&
          t.nextFireAt !== null &&
          t.nextFireAt.getTime() <= now.getTime(),
      )
      .sort((a, b) => a.nextFireAt!.getTime() - b.nextFireAt!.getTime() || (a.id < b.id ? -1 : 1))
      .map((t) => new EmuTrigger(this, t.id));
  }

  /** When the trigger fires next (null: never again, or not a clock trigger). */
  _nextFireTime(trigger: EmuTrigger): Date | null {
    const t = this._state(trigger._id());
    return t?.nextFireAt ? new Date(t.nextFireAt.getTime()) : null;
  }

  /** The earliest next fire time of any clock trigger, for a runner stepping the clock. */
  _nextFireTimeOfAll(): Date | null {
    let best: number | null = null;
    for (const t of this.triggers) {
      if (
        t.eventType === "CLOCK" &&
        t.nextFireAt &&
        (best === null || t.nextFireAt.getTime() < best)
      ) {
        best = t.nextFireAt.getTime();
      }
    }
    return best === null ? null : new Date(best);
  }

  /** Records a firing; the next fire time moves to the first window after `at` (see schedule.ts). */
  _markFired(trigger: EmuTrigger, at: Date): void {
    const t = this._state(trigger._id());
    if (!t) return; // Deleted while it ran.
    t.lastFiredAt = new Date(at.getTime());
    t.fired++;
    if (t.schedule) {
      const after = Math.max(at.getTime(), t.nextFireAt?.getTime() ?? at.getTime());
      const next = nextFire(t.schedule, after);
      t.nextFireAt = next === null ? null : new Date(next);
    }
  }

  _eventTriggersFor(eventType: EventTypeName, sourceId: string): EmuTrigger[] {
    return this.triggers
      .filter((t) => t.eventType === eventType && t.sourceId === sourceId)
      .map((t) => new EmuTrigger(this, t.id));
  }

  /** Form-submit triggers installed on a spreadsheet (forSpreadsheet) or a form (forForm) with this ID. */
  _formSubmitTriggersFor(sourceId: string): EmuTrigger[] {
    return this._eventTriggersFor("ON_FORM_SUBMIT", sourceId);
  }

  _editTriggersFor(spreadsheetId: string): EmuTrigger[] {
    return this._eventTriggersFor("ON_EDIT", spreadsheetId);
  }

  _openTriggersFor(sourceId: string): EmuTrigger[] {
    return this._eventTriggersFor("ON_OPEN", sourceId);
  }

  _changeTriggersFor(spreadsheetId: string): EmuTrigger[] {
    return this._eventTriggersFor("ON_CHANGE", spreadsheetId);
  }

  toSnapshot(): ScriptSnapshot {
    return { version: 1, seq: this.seq, triggers: this.triggers.map((t) => encodeDates(t)) };
  }

  fromSnapshot(snapshot: ScriptSnapshot): void {
    if (!snapshot || snapshot.version !== 1)
      throw new Error("Unsupported script snapshot version.");
    this.seq = snapshot.seq;
    this.triggers = snapshot.triggers.map((t) => decodeDates(t) as TriggerState);
  }
}

// ---- Trigger (https://developers.google.com/apps-script/reference/script/trigger) ----

export class EmuTrigger {
  constructor(
    private readonly app: EmuScriptApp,
    private readonly id: string,
  ) {}
  private st(method: string): TriggerState {
    this.app.rt.call(`Trigger.${method}`);
    const t = this.app._state(this.id);
    if (!t) throw new Error("This trigger has been deleted.");
    return t;
  }
  getUniqueId(): string {
    this.app.rt.call("Trigger.getUniqueId");
    return this.id;
  }
  getHandlerFunction(): string {
    return this.st("getHandlerFunction").handler;
  }
  getEventType(): GasEnumValue {
    return EventType[this.st("getEventType").eventType];
  }
  getTriggerSource(): GasEnumValue {
    return TriggerSource[this.st("getTriggerSource").source];
  }
  /** The spreadsheet or form ID; null for a time-driven trigger. */
  getTriggerSourceId(): string | null {
    return this.st("getTriggerSourceId").sourceId;
  }
  /** Emulator-internal. */
  _id(): string {
    return this.id;
  }
  _state(): TriggerState {
    const t = this.app._state(this.id);
    if (!t) throw new Error("This trigger has been deleted.");
    return t;
  }
}

export class EmuAuthorizationInfo {
  constructor(private readonly rt: Runtime) {}
  getAuthorizationStatus(): GasEnumValue {
    this.rt.call("AuthorizationInfo.getAuthorizationStatus");
    return AuthorizationStatus.NOT_REQUIRED;
  }
  getAuthorizationUrl(): string | null {
    this.rt.call("AuthorizationInfo.getAuthorizationUrl");
    return null;
  }
}

// ---- Builders (https://developers.google.com/apps-script/reference/script/trigger-builder) ----

function idOf(rt: Runtime, x: unknown, what: string): string {
  if (typeof x === "string" && x !== "") return x;
  if (x && typeof (x as HasId).getId === "function")
    return rt.uncharged(() => (x as HasId).getId());
  throw new Error(`Invalid argument: ${what}`);
}

export class EmuTriggerBuilder {
  constructor(
    private readonly app: EmuScriptApp,
    private readonly handler: string,
  ) {}
  forSpreadsheet(spreadsheet: HasId | string): EmuSpreadsheetTriggerBuilder {
    this.app.rt.call("TriggerBuilder.forSpreadsheet");
    return new EmuSpreadsheetTriggerBuilder(
      this.app,
      this.handler,
      idOf(this.app.rt, spreadsheet, "sheet"),
    );
  }
  forForm(form: HasId | string): EmuFormTriggerBuilder {
    this.app.rt.call("TriggerBuilder.forForm");
    return new EmuFormTriggerBuilder(this.app, this.handler, idOf(this.app.rt, form, "form"));
  }
  forDocument(document: HasId | string): EmuDocumentTriggerBuilder {
    this.app.rt.call("TriggerBuilder.forDocument");
    return new EmuDocumentTriggerBuilder(
      this.app,
      this.handler,
      idOf(this.app.rt, document, "document"),
    );
  }
  timeBased(): EmuClockTriggerBuilder {
    this.app.rt.call("TriggerBuilder.timeBased");
    return new EmuClockTriggerBuilder(this.app, this.handler);
  }
}

abstract class EventTriggerBuilder {
  protected eventType: EventTypeName | null = null;
  constructor(
    protected readonly app: EmuScriptApp,
    protected readonly handler: string,
    protected readonly sourceId: string,
    private readonly cls: string,
    private readonly source: TriggerSourceName,
  ) {}
  protected on(method: string, type: EventTypeName): this {
    this.app.rt.call(`${this.cls}.${method}`);
    this.eventType = type;
    return this;
  }
  create(): EmuTrigger {
    this.app.rt.call("TriggerBuilder.create");
    if (!this.eventType)
      throw new Error(`${this.cls}: choose the event (e.g. onFormSubmit()) before create().`);
    return this.app._install({
      handler: this.handler,
      eventType: this.eventType,
      source: this.source,
      sourceId: this.sourceId,
      schedule: null,
    });
  }
}

export class EmuSpreadsheetTriggerBuilder extends EventTriggerBuilder {
  constructor(app: EmuScriptApp, handler: string, sourceId: string) {
    super(app, handler, sourceId, "SpreadsheetTriggerBuilder", "SPREADSHEETS");
  }
  onOpen(): this {
    return this.on("onOpen", "ON_OPEN");
  }
  onEdit(): this {
    return this.on("onEdit", "ON_EDIT");
  }
  onChange(): this {
    return this.on("onChange", "ON_CHANGE");
  }
  onFormSubmit(): this {
    return this.on("onFormSubmit", "ON_FORM_SUBMIT");
  }
}

export class EmuFormTriggerBuilder extends EventTriggerBuilder {
  constructor(app: EmuScriptApp, handler: string, sourceId: string) {
    super(app, handler, sourceId, "FormTriggerBuilder", "FORMS");
  }
  onOpen(): this {
    return this.on("onOpen", "ON_OPEN");
  }
  onFormSubmit(): this {
    return this.on("onFormSubmit", "ON_FORM_SUBMIT");
  }
}

export class EmuDocumentTriggerBuilder extends EventTriggerBuilder {
  constructor(app: EmuScriptApp, handler: string, sourceId: string) {
    super(app, handler, sourceId, "DocumentTriggerBuilder", "DOCUMENTS");
  }
  onOpen(): this {
    return this.on("onOpen", "ON_OPEN");
  }
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const EVERY_MINUTES_ALLOWED = [1, 5, 10, 15, 30];

/** https://developers.google.com/apps-script/reference/script/clock-trigger-builder */
export class EmuClockTriggerBuilder {
  private intervalMs: number | null = null;
  private unit: "day" | "week" | "month" | null = null;
  private every = 1;
  private hour: number | null = null;
  private minute: number | null = null;
  private weekDay: number | null = null;
  private monthDay: number | null = null;
  private timeZone: string | null = null;
  private onceAtMs: number | null = null;
  /** after(ms): counted from the moment create() runs. */
  private afterMs: number | null = null;
  private onceAtDate: { year: number; month: number; day: number } | null = null;

  constructor(
    private readonly app: EmuScriptApp,
    private readonly handler: string,
  ) {}

  private c(method: string): void {
    this.app.rt.call(`ClockTriggerBuilder.${method}`);
  }
  private positiveInt(n: unknown, what: string): number {
    if (typeof n !== "number" || !Number.isInteger(n) || n < 1)
      throw new Error(`Invalid argument: ${what}`);
    return n;
  }

  everyMinutes(n: number): this {
    this.c("everyMinutes");
    if (this.app.options.addOn) throw new Error(SUB_HOURLY_MESSAGE);
    if (!EVERY_MINUTES_ALLOWED.includes(n)) {
      throw new Error("Invalid argument: minutes. everyMinutes(n) accepts 1, 5, 10, 15 or 30.");
    }
    this.intervalMs = n * MINUTE_MS;
    return this;
  }
  everyHours(n: number): this {
    this.c("everyHours");
    this.intervalMs = this.positiveInt(n, "hours") * HOUR_MS;
    return this;
  }
  everyDays(n: number): this {
    this.c("everyDays");
    this.unit = "day";
    this.every = this.positiveInt(n, "days");
    return this;
  }
  everyWeeks(n: number): this {
    this.c("everyWeeks");
    this.unit = "week";
    this.every = this.positiveInt(n, "weeks");
    return this;
  }
  onWeekDay(day: unknown): this {
    this.c("onWeekDay");
    const d = enumValue(WeekDay, day);
    if (!d) throw new Error("Invalid argument: day");
    this.weekDay = d.ordinal() + 1;
    if (this.unit === null) this.unit = "week";
    return this;
  }
  onMonthDay(day: number): this {
    this.c("onMonthDay");
    if (!Number.isInteger(day) || day < 1 || day > 31) throw new Error("Invalid argument: day");
    this.unit = "month";
    this.monthDay = day;
    return this;
  }
  atHour(hour: number): this {
    this.c("atHour");
    if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new Error("Invalid argument: hour");
    this.hour = hour;
    return this;
  }
  nearMinute(minute: number): this {
    this.c("nearMinute");
    if (!Number.isInteger(minute) || minute < 0 || minute > 59)
      throw new Error("Invalid argument: minute");
    this.minute = minute;
    return this;
  }
  inTimezone(timezone: string): this {
    this.c("inTimezone");
    try {
      new Intl.DateTimeFormat("en-GB", { timeZone: timezone });
    } catch {
      throw new Error(`Invalid argument: timezone (${timezone})`);
    }
    this.timeZone = timezone;
    return this;
  }
  after(durationMilliseconds: number): this {
    this.c("after");
    if (typeof durationMilliseconds !== "number" || !(durationMilliseconds >= 0)) {
      throw new Error("Invalid argument: durationMilliseconds");
    }
    this.afterMs = Math.floor(durationMilliseconds);
    return this;
  }
  at(date: Date): this {
    this.c("at");
    if (!(date instanceof Date) || Number.isNaN(date.getTime()))
      throw new Error("Invalid argument: date");
    this.onceAtMs = date.getTime();
    this.afterMs = null;
    return this;
  }
  atDate(year: number, month: number, day: number): this {
    this.c("atDate");
    if (
      ![year, month, day].every(Number.isInteger) ||
      month < 1 ||
      month > 12 ||
      day < 1 ||
      day > 31
    ) {
      throw new Error("Invalid argument: date");
    }
    this.onceAtDate = { year, month, day };
    return this;
  }

  create(): EmuTrigger {
    this.app.rt.call("TriggerBuilder.create");
    const tz = this.timeZone ?? this.app._timeZone();
    const now = this.app.options.now().getTime();
    let seedOffset: (id: string) => Schedule;
    if (this.afterMs !== null) {
      const atMs = now + this.afterMs;
      seedOffset = () => ({ kind: "once", atMs });
    } else if (this.onceAtMs !== null) {
      const at = this.onceAtMs;
      seedOffset = () => ({ kind: "once", atMs: at });
    } else if (this.onceAtDate !== null) {
      const { year, month, day } = this.onceAtDate;
      seedOffset = (id) => ({
        kind: "once",
        atMs: localHourInstant(year, month, day, 0, tz) + plusMinus15(id),
      });
    } else if (this.intervalMs !== null) {
      if (this.unit !== null || this.hour !== null) {
        throw new Error(
          "everyMinutes/everyHours cannot be combined with everyDays, everyWeeks or atHour.",
        );
      }
      const every = this.intervalMs;
      seedOffset = (id) => ({
        kind: "interval",
        everyMs: every,
        offsetMs: (hash32(id) % (every / 1000)) * 1000,
      });
    } else if (this.unit !== null) {
      const local = localParts(now, tz);
      const hour = this.hour ?? local.hour;
      const unit = this.unit;
      const every = unit === "month" ? 1 : this.every;
      const weekDay = this.weekDay ?? local.weekDay;
      const monthDay = this.monthDay ?? local.day;
      const minute = this.minute;
      seedOffset = (id) => ({
        kind: "calendar",
        unit,
        every,
        hour,
        offsetMs:
          minute === null ? (hash32(id) % 3600) * 1000 : minute * MINUTE_MS + plusMinus15(id),
        weekDay: unit === "week" ? weekDay : undefined,
        monthDay: unit === "month" ? monthDay : undefined,
        timeZone: tz,
        anchor: isoDate(local.year, local.month, local.day),
      });
    } else if (this.hour !== null) {
      throw new Error("atHour(hour) needs everyDays(n) or everyWeeks(n).");
    } else {
      throw new Error(
        "A time-based trigger needs a schedule: everyHours(n), everyDays(n), after(ms), at(date)...",
      );
    }
    return this.app._install({
      handler: this.handler,
      eventType: "CLOCK",
      source: "CLOCK",
      sourceId: null,
      schedule: null,
      seedOffset,
    });
  }
}

/** A deterministic offset in [-15 min, +15 min), whole seconds. */
function plusMinus15(id: string): number {
  return ((hash32(`${id}:near`) % 1800) - 900) * 1000;
}

// Event objects the runner passes to trigger functions, as Google's events guide lists them:
// https://developers.google.com/apps-script/guides/triggers/events
//
// - Sheets "Form submit" (installable): authMode, namedValues, range, triggerUid, values. `values`
//   are the row's values "in the same order as they appear in the spreadsheet", as text; `range` is
//   the response row. `source` (the Spreadsheet) is not in the table but Google sets it; the
//   emulator passes it too.
// - Forms "Form submit" (installable): authMode, response (FormResponse), source (Form), triggerUid.
// - Time-driven: authMode, day-of-month, day-of-week (1 Monday … 7 Sunday), hour, minute, month
//   (1–12), second, timezone, triggerUid, week-of-year, year. The guide's example gives timezone
//   "UTC" and the fields are UTC; the emulator does the same.
// Installable triggers run with AuthMode.FULL.
import type { EmuForm, EmuFormResponse, SubmitResult } from "../forms/form-app";
import type { RangeLike, SpreadsheetLike } from "../forms/spreadsheet-like";
import { AuthMode, type EmuTrigger } from "./script-app";
import type { GasEnumValue } from "../utilities/enum";

export interface SheetFormSubmitEvent {
  authMode: GasEnumValue;
  values: string[];
  namedValues: Record<string, string[]>;
  range: RangeLike;
  source?: SpreadsheetLike;
  triggerUid: string;
}

export interface FormFormSubmitEvent {
  authMode: GasEnumValue;
  response: EmuFormResponse;
  source: EmuForm;
  triggerUid: string;
}

export interface TimeDrivenEvent {
  authMode: GasEnumValue;
  triggerUid: string;
  year: number;
  month: number;
  "day-of-month": number;
  hour: number;
  minute: number;
  second: number;
  timezone: string;
  "week-of-year": number;
  "day-of-week": number;
}

/** A trigger (or its unique ID) for triggerUid. */
type TriggerRef = EmuTrigger | string;
const uidOf = (t: TriggerRef): string => (typeof t === "string" ? t : t._id());

/** The event for a spreadsheet's onFormSubmit trigger; throws if the form wrote no row. */
export function formSubmitEventFromSheet(
  result: SubmitResult,
  trigger: TriggerRef,
): SheetFormSubmitEvent {
  const dest = result.destination;
  if (!dest) {
    throw new Error(
      `Form ${result.formId} has no response spreadsheet: a spreadsheet form-submit trigger cannot fire.`,
    );
  }
  const app = result.response._app();
  const ss = app._spreadsheet(dest.spreadsheetId);
  if (!ss) throw new Error(`Spreadsheet ${dest.spreadsheetId} no longer exists.`);
  const range = app.rt.uncharged(() => {
    const sheet = ss.getSheetByName(dest.sheetName);
    if (!sheet) throw new Error(`The response sheet "${dest.sheetName}" no longer exists.`);
    return sheet.getRange(dest.row, 1, 1, dest.values.length);
  });
  return {
    authMode: AuthMode.FULL,
    values: [...dest.values],
    namedValues: Object.fromEntries(Object.entries(dest.namedValues).map(([k, v]) => [k, [...v]])),
    range,
    source: ss,
    triggerUid: uidOf(trigger),
  };
}

/** The event for a form's onFormSubmit trigger. */
export function formSubmitEventFromForm(
  result: SubmitResult,
  trigger: TriggerRef,
): FormFormSubmitEvent {
  return {
    authMode: AuthMode.FULL,
    response: result.response,
    source: result.response._form(),
    triggerUid: uidOf(trigger),
  };
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeek(date: Date): number {
  const d = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  const day = (d.getUTCDay() + 6) % 7; // Monday 0
  d.setUTCDate(d.getUTCDate() - day + 3); // Thursday of this week
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const firstDay = (firstThursday.getUTCDay() + 6) % 7;
  firstThursday.setUTCDate(firstThursday.getUTCDate() - firstDay + 3);
  return 1 + Math.round((d.getTime() - firstThursday.getTime()) / (7 * 86_400_000));
}

/** The event for a time-driven trigger firing at `at`. */
export function timeDrivenEvent(trigger: TriggerRef, at: Date): TimeDrivenEvent {
  return {
    authMode: AuthMode.FULL,
    triggerUid: uidOf(trigger),
    year: at.getUTCFullYear(),
    month: at.getUTCMonth() + 1,
    "day-of-month": at.getUTCDate(),
    hour: at.getUTCHours(),
    minute: at.getUTCMinutes(),
    second: at.getUTCSeconds(),
    timezone: "UTC",
    "week-of-year": isoWeek(at),
    "day-of-week": ((at.getUTCDay() + 6) % 7) + 1,
  };
}

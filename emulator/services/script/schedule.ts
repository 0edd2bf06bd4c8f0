// When time-driven triggers fire.
//
// Google: "The time may be slightly randomized — for example, if you create a recurring 9 a.m.
// trigger, Apps Script chooses a time between 9 a.m. and 10 a.m., then keeps that timing consistent
// from day to day so that 24 hours elapse before the trigger fires again."
// (https://developers.google.com/apps-script/guides/triggers/installable#time-driven_triggers)
// ClockTriggerBuilder: nearMinute(m) is "plus or minus 15 minutes"; atDate(y, m, d) fires "near
// midnight (+/- 15 minutes)"; after(ms) runs no sooner than ms from now
// (https://developers.google.com/apps-script/reference/script/clock-trigger-builder).
//
// The emulator's model, deterministic so runs are reproducible:
// - Each trigger gets a fixed pseudo-random offset seeded by its unique ID (FNV-1a hash), in whole
//   seconds: within its interval for everyMinutes/everyHours (windows aligned to the epoch, i.e.
//   to the top of the UTC hour); within the hour for everyDays/everyWeeks/onMonthDay at atHour(h)
//   in the trigger's time zone; ±15 minutes around nearMinute(m) or around midnight for atDate.
// - A recurring trigger fires once per window. If the clock jumps over several windows before the
//   runner fires it, it fires ONCE and the next fire time is the first one after that firing:
//   missed windows are coalesced, never replayed as a burst.
// - A one-off trigger (after, at, atDate) fires once and stays listed until deleted.
import { TZDate } from "@date-fns/tz";

export type Schedule =
  | { kind: "interval"; everyMs: number; offsetMs: number }
  | {
      kind: "calendar";
      unit: "day" | "week" | "month";
      every: number;
      hour: number;
      offsetMs: number;
      /** ISO weekday 1 (Monday) … 7 (Sunday), for unit "week". */
      weekDay?: number;
      /** 1 … 31, for unit "month". */
      monthDay?: number;
      timeZone: string;
      /** The local date the schedule counts "every n" from, "YYYY-MM-DD". */
      anchor: string;
    }
  | { kind: "once"; atMs: number };

const DAY_MS = 86_400_000;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ISO weekday 1 (Monday) … 7 (Sunday). */
  weekDay: number;
}

const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

export function localParts(ms: number, timeZone: string): LocalParts {
  let fmt = FORMATTERS.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
      hourCycle: "h23",
    });
    FORMATTERS.set(timeZone, fmt);
  }
  const parts = fmt.formatToParts(new Date(ms));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const year = get("year");
  const month = get("month");
  const day = get("day");
  const weekDay = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return {
    year,
    month,
    day,
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
    weekDay,
  };
}

/** Days since 1970-01-01 of a local calendar date. */
function dayNumber(year: number, month: number, day: number): number {
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/** The instant local wall-clock `hour`:00 on the given date in `timeZone` (DST-safe). */
export function localHourInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  timeZone: string,
): number {
  return new TZDate(year, month - 1, day, hour, 0, 0, timeZone).getTime();
}

/** The first fire time strictly after `afterMs`, or null when the schedule has no more. */
export function nextFire(s: Schedule, afterMs: number): number | null {
  if (s.kind === "once") return s.atMs > afterMs ? s.atMs : null;
  if (s.kind === "interval") {
    const k = Math.floor((afterMs - s.offsetMs) / s.everyMs) + 1;
    return k * s.everyMs + s.offsetMs;
  }
  const [ay, am, ad] = s.anchor.split("-").map(Number);
  const anchorDay = dayNumber(ay, am, ad);
  const start = localParts(afterMs, s.timeZone);
  const firstDay = dayNumber(start.year, start.month, start.day) - 1;
  const horizon = s.unit === "month" ? 31 * 14 : s.unit === "week" ? 7 * s.every + 14 : s.every + 3;
  for (let n = Math.max(firstDay, anchorDay); n <= firstDay + horizon + 1; n++) {
    const date = new Date(n * DAY_MS);
    const y = date.getUTCFullYear();
    const m = date.getUTCMonth() + 1;
    const d = date.getUTCDate();
    const weekDay = ((date.getUTCDay() + 6) % 7) + 1;
    let matches: boolean;
    if (s.unit === "day") matches = (n - anchorDay) % s.every === 0;
    else if (s.unit === "week") {
      // Count whole weeks between the Mondays of the anchor's week and this date's week.
      const anchorMonday = anchorDay - ((new Date(anchorDay * DAY_MS).getUTCDay() + 6) % 7);
      const monday = n - (weekDay - 1);
      matches = weekDay === s.weekDay && ((monday - anchorMonday) / 7) % s.every === 0;
    } else matches = d === s.monthDay;
    if (!matches) continue;
    const at = localHourInstant(y, m, d, s.hour, s.timeZone) + s.offsetMs;
    if (at > afterMs) return at;
  }
  return null;
}

// Wall-clock arithmetic in a spreadsheet's time zone.
//
// Google Sheets stores a date-time as a serial number of days since 1899-12-30 in the
// spreadsheet's wall clock; Apps Script turns it into a JavaScript Date (an instant) using the
// spreadsheet's time zone (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getSpreadsheetTimeZone()).
// The emulator keeps instants and converts to and from wall clock here.
import { tzOffset } from "@date-fns/tz";

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** 1899-12-30T00:00Z: serial day 0 of Sheets (and Excel's 1900 system, corrected). */
export const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

const offsetCache = new Map<string, Map<number, number>>();

/** Offset of the zone from UTC at an instant, in minutes (e.g. 60 in British Summer Time). */
export function offsetMinutes(timeZone: string, ms: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  // Offsets change on the hour or half hour in every zone we care about; cache per quarter hour.
  const bucket = Math.floor(ms / (HOUR_MS / 4));
  let off = zone.get(bucket);
  if (off === undefined) {
    off = tzOffset(timeZone, new Date(ms));
    if (Number.isNaN(off)) off = 0;
    if (zone.size > 200_000) zone.clear();
    zone.set(bucket, off);
  }
  return off;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** English month names, January first: Sheets' formats and Java's patterns print the same ones. */
export const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
] as const;
/** English weekday names, Sunday first (as Date.getUTCDay counts). */
export const DAY_NAMES = [
  "Sunday",
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
] as const;

export interface WallParts {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  weekday: number; // 0 = Sunday
}

/** The wall-clock milliseconds (as if UTC) shown by clocks in the zone at the instant. */
export function wallMs(timeZone: string, ms: number): number {
  return ms + offsetMinutes(timeZone, ms) * MINUTE_MS;
}

export function partsOfWallMs(wall: number): WallParts {
  const d = new Date(wall);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
    weekday: d.getUTCDay(),
  };
}

export function wallParts(timeZone: string, ms: number): WallParts {
  return partsOfWallMs(wallMs(timeZone, ms));
}

/**
 * The instant at which clocks in the zone show the wall-clock time (as "UTC" ms). When a time
 * happens twice (autumn), the first occurrence; when it never happens (spring gap), it is read
 * with the offset in force before the change (moved forward by the gap).
 */
export function instantOfWall(timeZone: string, wall: number): number {
  const before = offsetMinutes(timeZone, wall - DAY_MS);
  const after = offsetMinutes(timeZone, wall + DAY_MS);
  const candidates: number[] = [];
  for (const off of before === after ? [before] : [before, after]) {
    const at = wall - off * MINUTE_MS;
    if (offsetMinutes(timeZone, at) === off) candidates.push(at);
  }
  if (candidates.length === 0) return wall - before * MINUTE_MS;
  return Math.min(...candidates);
}

export function instantOf(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return instantOfWall(timeZone, Date.UTC(year, month - 1, day, hour, minute, second));
}

/** The serial number Sheets stores for an instant in the zone (days since 1899-12-30). */
export function serialOf(timeZone: string, ms: number): number {
  return (wallMs(timeZone, ms) - SERIAL_EPOCH_MS) / DAY_MS;
}

/** Wall-clock ms of a serial number (no zone involved: a serial is already wall clock). */
export function wallOfSerial(serial: number): number {
  return Math.round(SERIAL_EPOCH_MS + serial * DAY_MS);
}

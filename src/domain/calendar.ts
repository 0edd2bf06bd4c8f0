// Europe/London wall-clock times and academic years.
//
// Hubs type closing times as London wall-clock text ("2024-03-29 17:00"), Google Sheets hands
// back instants, and the clocks change twice a year, so every conversion goes through the
// IANA zone rather than a fixed offset.
import { format } from "date-fns";
import { tz, tzOffset, TZDate } from "@date-fns/tz";

export const LONDON = "Europe/London";

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The instant at which London clocks show the given wall-clock time (month 1–12).
 *
 * Twice a year a wall-clock time is not a single instant:
 * - autumn (clocks go back, e.g. 2024-10-27 01:30 happens twice): the FIRST occurrence (BST) is
 *   chosen, so a deadline typed in that hour never silently moves an hour later;
 * - spring (clocks go forward, e.g. 2024-03-31 01:30 never happens): the time is read with the
 *   offset in force before the change, i.e. moved forward by the gap (01:30 → 02:30 BST).
 * These are the "compatible" rules of Temporal and of most calendar software.
 */
export function londonInstant(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = tzOffset(LONDON, new Date(wall - DAY_MS));
  const after = tzOffset(LONDON, new Date(wall + DAY_MS));
  const candidates = [...new Set([before, after])]
    .map((offset) => ({ offset, at: wall - offset * MINUTE_MS }))
    .filter(({ offset, at }) => tzOffset(LONDON, new Date(at)) === offset)
    .map(({ at }) => at);
  if (candidates.length === 0) return new Date(wall - before * MINUTE_MS);
  return new Date(Math.min(...candidates));
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validParts(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return (
    mo >= 1 &&
    mo <= 12 &&
    d >= 1 &&
    d <= daysInMonth(y, mo) &&
    h >= 0 &&
    h <= 23 &&
    mi >= 0 &&
    mi <= 59 &&
    s >= 0 &&
    s <= 59
  );
}

const ISO_LIKE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const BRITISH = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/**
 * Reads a London wall-clock time as people type it in the Programmes sheet:
 * "YYYY-MM-DD HH:MM" (also with "T" or seconds), "DD/MM/YYYY HH:MM", or a date alone.
 *
 * A date alone means 00:00 at the START of that day. A closing date of "2024-03-29" therefore
 * closes as 29 March begins; hubs that mean the end of the day should type "2024-03-29 23:59".
 * Start-of-day is the only reading that agrees with how Sheets stores a date-only cell.
 * Returns null for anything else, including impossible dates such as 31/02/2024.
 */
export function parseLondonWallClock(text: string): Date | null {
  const t = text.trim().replace(/\s+/g, " ");
  let parts: number[] | null = null;
  const iso = ISO_LIKE.exec(t);
  if (iso) {
    parts = [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]].map((p) => Number(p ?? 0));
  } else {
    const gb = BRITISH.exec(t);
    if (gb) parts = [gb[3], gb[2], gb[1], gb[4], gb[5], gb[6]].map((p) => Number(p ?? 0));
  }
  if (!parts) return null;
  const [y, mo, d, h, mi, s] = parts as [number, number, number, number, number, number];
  if (!validParts(y, mo, d, h, mi, s)) return null;
  return londonInstant(y, mo, d, h, mi, s);
}

/** Formats an instant as London clocks showed it, with a date-fns pattern. */
export function formatLondon(d: Date, pattern: string): string {
  return format(d, pattern, { in: tz(LONDON) });
}

/** "29 March 2024 at 17:04": how dates appear in reasons and emails. */
export function describeLondon(d: Date): string {
  return formatLondon(d, "d MMMM yyyy 'at' HH:mm");
}

/** Calendar fields of an instant in London (month 1–12). */
export function londonParts(d: Date): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const z = new TZDate(d.getTime(), LONDON);
  return {
    year: z.getFullYear(),
    month: z.getMonth() + 1,
    day: z.getDate(),
    hour: z.getHours(),
    minute: z.getMinutes(),
    second: z.getSeconds(),
  };
}

/** Submitted strictly after the closing instant; no closing time means never late. */
export function isLate(submittedAt: Date, closesAt: Date | null): boolean {
  return closesAt !== null && submittedAt.getTime() > closesAt.getTime();
}

// ---- academic years ("2024/25" runs from 1 September 2024 to 31 August 2025) ----

function yearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`;
}

/**
 * "2024/25" from the spellings hubs use: "2024/25", "2024-25", "2024/2025", "2024 - 2025".
 * Null when the text is not a year followed by the next one.
 */
export function normaliseAcademicYear(text: string): string | null {
  const m = /^\s*(\d{4})\s*[/-]\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const expected = m[2]!.length === 2 ? (start + 1) % 100 : start + 1;
  return end === expected ? yearLabel(start) : null;
}

/** normaliseAcademicYear, throwing on text that is not an academic year. */
export function requireAcademicYear(year: string): string {
  const normal = normaliseAcademicYear(year);
  if (normal === null) throw new RangeError(`"${year}" is not an academic year like 2024/25.`);
  return normal;
}

/** First calendar year of an academic year; throws on text that is not one. */
export function academicYearStart(year: string): number {
  return Number(requireAcademicYear(year).slice(0, 4));
}

/** The academic year containing an instant, judged by the London date (1 September starts one). */
export function academicYearOf(d: Date): string {
  const { year, month } = londonParts(d);
  return yearLabel(month >= 9 ? year : year - 1);
}

export function previousAcademicYear(year: string): string {
  return yearLabel(academicYearStart(year) - 1);
}

export function nextAcademicYear(year: string): string {
  return yearLabel(academicYearStart(year) + 1);
}

/** Negative, zero or positive as a is before, the same as, or after b. */
export function compareAcademicYears(a: string, b: string): number {
  return academicYearStart(a) - academicYearStart(b);
}

/** Reminder offsets as hubs list them: whole numbers of days ≥ 1, each once, largest first. */
export function distinctReminderDays(days: readonly number[]): number[] {
  return [...new Set(days)].filter((n) => Number.isInteger(n) && n >= 1).sort((a, b) => b - a);
}

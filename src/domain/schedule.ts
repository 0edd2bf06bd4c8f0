// What the hourly dispatcher must do, and when: pure scheduling over the hub's configuration.
//
// Every job has a stable id that names the instant it belongs to, so a job that ran is recognised
// by its id in the ledger of done jobs, and a changed closing time gives new jobs rather than
// silently re-using old ones:
//   close:<programme>:<closing instant>    stop the form accepting responses
//   sweep:<programme>:<closing instant>    a final reconcile of that programme's responses
//   summary:<programme>:<closing instant>  the closing summary, the next morning at the digest hour
//   remind<N>:<programme>:<closing instant> "closes in N days" to the programme's leads
//   purge:<London date>                    the daily retention check
// Instants are written in UTC to the minute ("2024-03-29T17:00Z"). Calendar arithmetic ("7 days
// before", "the next morning at 07:00", "24 months after") is done on London wall-clock time with
// @date-fns/tz, so a 17:00 deadline keeps its 17:00 reminder across a clock change.
import { addDays, addMonths, startOfDay, subDays } from "date-fns";
import { tz } from "@date-fns/tz";
import {
  academicYearOf,
  academicYearStart,
  formatLondon,
  LONDON,
  londonInstant,
  normaliseAcademicYear,
  distinctReminderDays,
} from "./calendar";

export type JobKind = "open" | "close" | "sweep" | "summary" | "remind" | "purge";

export interface ScheduleProgramme {
  key: string;
  opens: Date | null;
  closes: Date | null;
  active: boolean;
}

export interface ScheduleSettings {
  /** Days before closing when leads are reminded (0 and duplicates are ignored). */
  closingReminderDays: readonly number[];
  /** Hour of the day (London) for the morning-after summary. */
  digestHour: number;
}

export interface Job {
  id: string;
  kind: JobKind;
  /** Programme key; "" for hub-wide jobs (purge). */
  programme: string;
  /** The closing instant a programme job belongs to. */
  closes: Date | null;
  /** For reminders: the N of "closes in N days". */
  days: number | null;
  /** Due from this instant… */
  at: Date;
  /** …until just before this one; after it the job is stale and never runs. */
  until: Date;
  /** Ids of jobs that must be done first (in the ledger, or earlier in the same run). */
  after: string[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const london = tz(LONDON);

/** A missed close or sweep is still done up to a year late (the dispatcher was not installed, say). */
export const CLOSE_LOOKBACK_MS = 365 * DAY_MS;
/** A closing summary more than two weeks late is news to nobody: it is dropped. */
export const SUMMARY_LOOKBACK_MS = 14 * DAY_MS;
/** Ledger entries are kept this long after their job can no longer be due, then pruned. */
export const LEDGER_GRACE_MS = 30 * DAY_MS;

/** "2024-03-29T17:00Z" (seconds only when the instant has them). */
export function instantTag(d: Date): string {
  const iso = d.toISOString();
  const seconds = iso.slice(17, 19);
  const ms = iso.slice(20, 23);
  if (ms !== "000") return iso;
  return seconds === "00" ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}

function fromTag(tag: string): Date | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(?::(\d{2}(?:\.\d{3})?))?Z$/.exec(tag);
  if (!m) return null;
  const d = new Date(`${m[1]}:${m[2] ?? "00"}Z`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The same London wall-clock time `n` calendar days earlier (23 or 25 hours across a change). */
export function londonDaysBefore(d: Date, n: number): Date {
  return new Date(subDays(d, n, { in: london }).getTime());
}

/** `hour`:00 London on the calendar day after the London date of `d`. */
export function nextMorning(d: Date, hour: number): Date {
  const day = addDays(startOfDay(d, { in: london }), 1, { in: london });
  const parts = formatLondon(new Date(day.getTime()), "yyyy-MM-dd").split("-").map(Number);
  return londonInstant(parts[0]!, parts[1]!, parts[2]!, hour, 0, 0);
}

/** 00:00 London of the day containing `d`, and of the next day. */
export function londonDayBounds(d: Date): { start: Date; end: Date } {
  const start = startOfDay(d, { in: london });
  return {
    start: new Date(start.getTime()),
    end: new Date(addDays(start, 1, { in: london }).getTime()),
  };
}

/** The London calendar date of `d`, "YYYY-MM-DD". */
export function londonDate(d: Date): string {
  return formatLondon(d, "yyyy-MM-dd");
}

/** Whole London calendar days from the date of `from` to the date of `to` (0 = same day). */
export function londonDaysBetween(from: Date, to: Date): number {
  const a = londonDate(from).split("-").map(Number);
  const b = londonDate(to).split("-").map(Number);
  return Math.round(
    (Date.UTC(b[0]!, b[1]! - 1, b[2]!) - Date.UTC(a[0]!, a[1]! - 1, a[2]!)) / DAY_MS,
  );
}

/** Every job of one programme's closing, whatever the time. */
export function programmeJobs(p: ScheduleProgramme, settings: ScheduleSettings): Job[] {
  if (!p.active || !p.closes) return [];
  const closes = p.closes;
  const tag = `${p.key}:${instantTag(closes)}`;
  const yearLate = new Date(closes.getTime() + CLOSE_LOOKBACK_MS);
  const base = { programme: p.key, closes, days: null };
  const jobs: Job[] = [];
  // A form set up before its programme opens waits closed; it opens in the first run from then.
  if (p.opens && p.opens.getTime() < closes.getTime()) {
    jobs.push({
      ...base,
      id: `open:${p.key}:${instantTag(p.opens)}`,
      kind: "open",
      at: p.opens,
      until: closes,
      after: [],
    });
  }
  jobs.push(
    { ...base, id: `close:${tag}`, kind: "close", at: closes, until: yearLate, after: [] },
    {
      ...base,
      id: `sweep:${tag}`,
      kind: "sweep",
      at: closes,
      until: yearLate,
      after: [`close:${tag}`],
    },
  );
  const morning = nextMorning(closes, settings.digestHour);
  jobs.push({
    ...base,
    id: `summary:${tag}`,
    kind: "summary",
    at: morning,
    until: new Date(morning.getTime() + SUMMARY_LOOKBACK_MS),
    after: [`sweep:${tag}`],
  });
  for (const n of distinctReminderDays(settings.closingReminderDays)) {
    let at = londonDaysBefore(closes, n);
    // Never before the programme opens: the first reminder then goes out as it opens.
    if (p.opens && at.getTime() < p.opens.getTime()) at = p.opens;
    if (at.getTime() >= closes.getTime()) continue;
    jobs.push({
      ...base,
      id: `remind${n}:${tag}`,
      kind: "remind",
      days: n,
      at,
      until: closes,
      after: [],
    });
  }
  return jobs;
}

/** The retention check of the London day containing `now`. */
export function purgeJob(now: Date): Job {
  const { start, end } = londonDayBounds(now);
  return {
    id: `purge:${londonDate(now)}`,
    kind: "purge",
    programme: "",
    closes: null,
    days: null,
    at: start,
    until: end,
    after: [],
  };
}

const KIND_ORDER: Record<JobKind, number> = {
  open: 0,
  close: 1,
  sweep: 2,
  summary: 3,
  remind: 4,
  purge: 5,
};

/**
 * The jobs due at `now` that the ledger does not hold, in the order to run them: each is due from
 * its instant until it goes stale; a reminder is dropped once a nearer one is due (nobody needs
 * "closes in 7 days" and "closes tomorrow" in the same hour); a job whose prerequisite is neither
 * done nor due is held back.
 */
export function dueJobs(
  programmes: readonly ScheduleProgramme[],
  settings: ScheduleSettings,
  now: Date,
  done: ReadonlySet<string>,
): Job[] {
  const t = now.getTime();
  const candidates: Job[] = [];
  for (const p of programmes) {
    const jobs = programmeJobs(p, settings);
    const inWindow = (j: Job) => j.at.getTime() <= t && t < j.until.getTime();
    const reminders = jobs.filter((j) => j.kind === "remind" && inWindow(j));
    const nearest = reminders.length
      ? Math.min(...reminders.map((j) => j.days ?? Number.POSITIVE_INFINITY))
      : null;
    for (const j of jobs) {
      if (!inWindow(j) || done.has(j.id)) continue;
      if (j.kind === "remind" && j.days !== nearest) continue;
      candidates.push(j);
    }
  }
  const purge = purgeJob(now);
  if (!done.has(purge.id)) candidates.push(purge);
  const ids = new Set(candidates.map((j) => j.id));
  const ready = candidates.filter((j) => j.after.every((a) => done.has(a) || ids.has(a)));
  // Closing first (deadlines), the heavy purge last. A prerequisite is always of an earlier kind,
  // so this is also a topological order.
  return ready.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      a.at.getTime() - b.at.getTime() ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/**
 * Ledger ids that can be forgotten: their job can no longer be due (its window ended more than
 * LEDGER_GRACE_MS ago), so dropping them never makes a job due again.
 */
export function prunableLedgerIds(ids: Iterable<string>, now: Date): string[] {
  const out: string[] = [];
  for (const id of ids) {
    // The daily jobs (retention, and the leads' digests the dispatcher runs) are kept a day.
    const purge = /^(?:purge|digest):(\d{4})-(\d{2})-(\d{2})$/.exec(id);
    if (purge) {
      const start = londonInstant(Number(purge[1]), Number(purge[2]), Number(purge[3]));
      // The day ends at most 25 hours after it starts.
      if (start.getTime() + 25 * HOUR_MS + LEDGER_GRACE_MS < now.getTime()) out.push(id);
      continue;
    }
    const m = /^(close|sweep|summary|remind\d+):[a-z0-9-]+:(.+)$/.exec(id);
    const closes = m ? fromTag(m[2]!) : null;
    // No job of a closing is due later than a year after it (summary: a day and two weeks).
    if (closes && closes.getTime() + CLOSE_LOOKBACK_MS + LEDGER_GRACE_MS < now.getTime())
      out.push(id);
  }
  return out;
}

// ---- retention ----

/**
 * When an application's cohort started. The Programmes row holds this year's cohort start; an
 * application from another academic year is moved by whole years from it. Without a cohort start,
 * 1 September of the application's academic year is used.
 */
export function cohortStartFor(
  applicationYear: string,
  programme: { year: string; cohortStarts: Date | null } | null,
  submitted: Date | null,
): Date | null {
  const year =
    normaliseAcademicYear(applicationYear) ??
    (programme ? normaliseAcademicYear(programme.year) : null) ??
    (submitted ? academicYearOf(submitted) : null);
  if (!year) return null;
  const start = academicYearStart(year);
  const programmeYear = programme ? normaliseAcademicYear(programme.year) : null;
  if (programme?.cohortStarts && programmeYear) {
    const shift = start - academicYearStart(programmeYear);
    return new Date(addMonths(programme.cohortStarts, 12 * shift, { in: london }).getTime());
  }
  return londonInstant(start, 9, 1);
}

/** The instant personal data is deleted: `months` calendar months after the cohort started. */
export function retentionEnds(cohortStart: Date, months: number): Date {
  return new Date(addMonths(cohortStart, months, { in: london }).getTime());
}

/** Reason codes of a Reasons cell ("CODE: sentence" a line), without the sentences. */
export function reasonCodes(reasons: string): string[] {
  const out: string[] = [];
  for (const line of reasons.split(/\n+/)) {
    const m = /^\s*([A-Z][A-Z0-9_]+)\b/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

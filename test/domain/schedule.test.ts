// The pure schedule: which jobs are due when, in Europe/London, on both sides of both clock
// changes, and each exactly once over any sequence of hourly runs.
import fc from "fast-check";
import { formatLondon, londonInstant } from "../../src/domain/calendar";
import {
  cohortStartFor,
  dueJobs,
  instantTag,
  londonDaysBefore,
  nextMorning,
  programmeJobs,
  prunableLedgerIds,
  purgeJob,
  reasonCodes,
  retentionEnds,
  type Job,
  type ScheduleProgramme,
  type ScheduleSettings,
} from "../../src/domain/schedule";

const SETTINGS: ScheduleSettings = { closingReminderDays: [7, 1], digestHour: 7 };
const iso = (d: Date) => d.toISOString();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function programme(closes: Date | null, extra: Partial<ScheduleProgramme> = {}): ScheduleProgramme {
  return { key: "sec-specialist", opens: null, closes, active: true, ...extra };
}

function byKind(jobs: Job[]): Record<string, Job> {
  return Object.fromEntries(jobs.map((j) => [j.id.split(":")[0]!, j]));
}

describe("job instants in Europe/London", () => {
  it("closes cohort 9 at 17:00 GMT on 29 March 2024 (17:00Z), before the spring change", () => {
    const closes = londonInstant(2024, 3, 29, 17);
    const jobs = byKind(programmeJobs(programme(closes), SETTINGS));
    expect(jobs.close!.id).toBe("close:sec-specialist:2024-03-29T17:00Z");
    expect(iso(jobs.close!.at)).toBe("2024-03-29T17:00:00.000Z");
    expect(jobs.sweep!.id).toBe("sweep:sec-specialist:2024-03-29T17:00Z");
    expect(jobs.sweep!.after).toEqual(["close:sec-specialist:2024-03-29T17:00Z"]);
    expect(jobs.remind7!.id).toBe("remind7:sec-specialist:2024-03-29T17:00Z");
    expect(iso(jobs.remind7!.at)).toBe("2024-03-22T17:00:00.000Z");
    expect(iso(jobs.remind1!.at)).toBe("2024-03-28T17:00:00.000Z");
    // The next morning is Saturday 30 March, still GMT.
    expect(jobs.summary!.id).toBe("summary:sec-specialist:2024-03-29T17:00Z");
    expect(iso(jobs.summary!.at)).toBe("2024-03-30T07:00:00.000Z");
    expect(jobs.summary!.after).toEqual(["sweep:sec-specialist:2024-03-29T17:00Z"]);
  });

  it("closes at 17:00 BST on 1 April 2024 (16:00Z), with the 7-day reminder at 17:00 GMT before the change", () => {
    const closes = londonInstant(2024, 4, 1, 17);
    const jobs = byKind(programmeJobs(programme(closes), SETTINGS));
    expect(jobs.close!.id).toBe("close:sec-specialist:2024-04-01T16:00Z");
    expect(iso(jobs.close!.at)).toBe("2024-04-01T16:00:00.000Z");
    // 25 March is GMT: the same 17:00 on the wall is 17:00Z, 7 days less one hour earlier.
    expect(iso(jobs.remind7!.at)).toBe("2024-03-25T17:00:00.000Z");
    expect(iso(jobs.remind1!.at)).toBe("2024-03-31T16:00:00.000Z");
    expect(iso(jobs.summary!.at)).toBe("2024-04-02T06:00:00.000Z");
  });

  it("sends the summary at 07:00 BST on the morning the clocks go forward", () => {
    const closes = londonInstant(2024, 3, 30, 17);
    expect(iso(nextMorning(closes, 7))).toBe("2024-03-31T06:00:00.000Z");
    // An hour that does not exist that night moves forward with the clocks.
    expect(iso(nextMorning(closes, 1))).toBe("2024-03-31T01:00:00.000Z");
  });

  it("is right on both sides of the autumn change (27 October 2024)", () => {
    const before = londonInstant(2024, 10, 25, 17);
    expect(iso(before)).toBe("2024-10-25T16:00:00.000Z");
    const b = byKind(programmeJobs(programme(before), SETTINGS));
    expect(b.close!.id).toBe("close:sec-specialist:2024-10-25T16:00Z");
    expect(iso(b.summary!.at)).toBe("2024-10-26T06:00:00.000Z");

    const eve = londonInstant(2024, 10, 26, 17);
    expect(iso(byKind(programmeJobs(programme(eve), SETTINGS)).summary!.at)).toBe(
      "2024-10-27T07:00:00.000Z",
    );

    const after = londonInstant(2024, 10, 28, 17);
    const a = byKind(programmeJobs(programme(after), SETTINGS));
    expect(a.close!.id).toBe("close:sec-specialist:2024-10-28T17:00Z");
    // 21 October is BST: 17:00 on the wall is 16:00Z, 7 days and one hour earlier.
    expect(iso(a.remind7!.at)).toBe("2024-10-21T16:00:00.000Z");
    expect(iso(a.remind1!.at)).toBe("2024-10-27T17:00:00.000Z");
    expect(iso(a.summary!.at)).toBe("2024-10-29T07:00:00.000Z");
  });

  it("keeps a reminder's wall-clock time for any closing time (the spring gap aside)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2023, max: 2030 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 1, max: 30 }),
        (y, mo, d, h, mi, n) => {
          const closes = londonInstant(y, mo, d, h, mi);
          const at = londonDaysBefore(closes, n);
          const want = formatLondon(closes, "HH:mm");
          const got = formatLondon(at, "HH:mm");
          if (got !== want) {
            // Only a time that does not exist on a spring-forward day may move, by the gap.
            expect(formatLondon(at, "MM")).toBe("03");
            expect(formatLondon(closes, "HH")).toBe("01");
          }
          const days = Math.round((closes.getTime() - at.getTime()) / DAY);
          expect(days).toBe(n);
        },
      ),
    );
  });

  it("writes instants to the minute, or to the second when they have seconds", () => {
    expect(instantTag(new Date("2024-03-29T17:00:00Z"))).toBe("2024-03-29T17:00Z");
    expect(instantTag(new Date("2024-03-29T17:00:30Z"))).toBe("2024-03-29T17:00:30Z");
    expect(instantTag(new Date("2024-03-29T17:00:30.250Z"))).toBe("2024-03-29T17:00:30.250Z");
  });
});

describe("opening", () => {
  const closes = londonInstant(2024, 5, 17, 17);
  const opens = londonInstant(2024, 4, 8, 9);
  const due = (now: Date, done: string[] = []) =>
    dueJobs([programme(closes, { opens })], SETTINGS, now, new Set(done)).map((j) => j.id);

  it("opens at 09:00 UK time (08:00Z in BST), first of the hour's jobs, until the closing time", () => {
    const open = byKind(programmeJobs(programme(closes, { opens }), SETTINGS)).open!;
    expect(open.id).toBe("open:sec-specialist:2024-04-08T08:00Z");
    expect(iso(open.at)).toBe("2024-04-08T08:00:00.000Z");
    expect(open.until).toEqual(closes);
    expect(due(new Date("2024-04-08T07:59:59Z"))).not.toContain(open.id);
    expect(due(new Date("2024-04-08T08:00:00Z"))[0]).toBe(open.id);
    expect(due(new Date("2024-04-08T09:00:00Z"), [open.id])).not.toContain(open.id);
    expect(due(new Date("2024-05-17T17:00:00Z"))).not.toContain(open.id);
  });

  it("has no opening job without an opening time, or when it is not before the closing time", () => {
    expect(programmeJobs(programme(closes), SETTINGS).some((j) => j.kind === "open")).toBe(false);
    expect(
      programmeJobs(programme(closes, { opens: closes }), SETTINGS).some((j) => j.kind === "open"),
    ).toBe(false);
  });
});

describe("dueJobs", () => {
  const closes = londonInstant(2024, 3, 29, 17);
  const p = [programme(closes)];
  const ids = (now: string, done: string[] = []) =>
    dueJobs(p, SETTINGS, new Date(now), new Set(done))
      .map((j) => j.id)
      .filter((id) => !id.startsWith("purge:"));

  it("has nothing for the programme before its first reminder", () => {
    expect(ids("2024-03-22T16:59:59Z")).toEqual([]);
  });

  it("reminds 7 days before, then 1 day before, and never after closing", () => {
    expect(ids("2024-03-22T17:10:00Z")).toEqual(["remind7:sec-specialist:2024-03-29T17:00Z"]);
    expect(ids("2024-03-28T17:10:00Z", ["remind7:sec-specialist:2024-03-29T17:00Z"])).toEqual([
      "remind1:sec-specialist:2024-03-29T17:00Z",
    ]);
  });

  it("sends only the nearer reminder when both are due (the 7-day one was missed)", () => {
    expect(ids("2024-03-28T18:00:00Z")).toEqual(["remind1:sec-specialist:2024-03-29T17:00Z"]);
  });

  it("drops a reminder nobody sent before the closing time", () => {
    expect(ids("2024-03-29T17:20:00Z", ["close:sec-specialist:2024-03-29T17:00Z"])).toEqual([
      "sweep:sec-specialist:2024-03-29T17:00Z",
    ]);
  });

  it("closes and sweeps in the first run at or after the closing instant, in that order", () => {
    expect(ids("2024-03-29T16:59:59Z", ["remind1:sec-specialist:2024-03-29T17:00Z"])).toEqual([]);
    expect(ids("2024-03-29T17:00:00Z")).toEqual([
      "close:sec-specialist:2024-03-29T17:00Z",
      "sweep:sec-specialist:2024-03-29T17:00Z",
    ]);
  });

  it("holds the summary until the morning, and until the sweep is done or due", () => {
    const closed = ["close:sec-specialist:2024-03-29T17:00Z"];
    expect(
      ids("2024-03-30T06:59:00Z", [...closed, "sweep:sec-specialist:2024-03-29T17:00Z"]),
    ).toEqual([]);
    expect(
      ids("2024-03-30T07:05:00Z", [...closed, "sweep:sec-specialist:2024-03-29T17:00Z"]),
    ).toEqual(["summary:sec-specialist:2024-03-29T17:00Z"]);
    // The sweep never finished: it runs first, then the summary.
    expect(ids("2024-03-30T07:05:00Z", closed)).toEqual([
      "sweep:sec-specialist:2024-03-29T17:00Z",
      "summary:sec-specialist:2024-03-29T17:00Z",
    ]);
  });

  it("drops a summary more than two weeks late, but still closes a form a month late", () => {
    expect(ids("2024-04-30T12:00:00Z")).toEqual([
      "close:sec-specialist:2024-03-29T17:00Z",
      "sweep:sec-specialist:2024-03-29T17:00Z",
    ]);
  });

  it("schedules nothing for an inactive programme or one without a closing time", () => {
    const none = [programme(closes, { active: false }), programme(null, { key: "pd-lead" })];
    expect(
      dueJobs(none, SETTINGS, new Date("2024-03-29T18:00:00Z"), new Set()).map((j) => j.kind),
    ).toEqual(["purge"]);
  });

  it("follows a changed closing time: new ids, the old ones left alone", () => {
    const extended = [programme(londonInstant(2024, 4, 5, 17))];
    const done = new Set(["close:sec-specialist:2024-03-29T17:00Z"]);
    // 17:00 BST is 16:00Z; the day before it, the leads hear it closes tomorrow.
    expect(
      dueJobs(extended, SETTINGS, new Date("2024-04-05T15:30:00Z"), done).map((j) => j.id),
    ).toEqual(["remind1:sec-specialist:2024-04-05T16:00Z", "purge:2024-04-05"]);
    expect(
      dueJobs(extended, SETTINGS, new Date("2024-04-05T16:00:00Z"), done).map((j) => j.id),
    ).toEqual([
      "close:sec-specialist:2024-04-05T16:00Z",
      "sweep:sec-specialist:2024-04-05T16:00Z",
      "purge:2024-04-05",
    ]);
  });

  it("never reminds before the programme opens: the first reminder goes as it opens", () => {
    const opens = londonInstant(2024, 3, 25, 9);
    const jobs = byKind(programmeJobs(programme(closes, { opens }), SETTINGS));
    expect(iso(jobs.remind7!.at)).toBe(iso(opens));
    expect(
      dueJobs(
        [programme(closes, { opens })],
        SETTINGS,
        new Date("2024-03-24T12:00:00Z"),
        new Set(),
      ).map((j) => j.kind),
    ).toEqual(["purge"]);
  });

  it("ignores a reminder of 0 days and repeated days", () => {
    const kinds = programmeJobs(programme(closes), {
      closingReminderDays: [0, 7, 7, 1],
      digestHour: 7,
    }).map((j) => j.id.split(":")[0]);
    expect(kinds.sort()).toEqual(["close", "remind1", "remind7", "summary", "sweep"]);
  });
});

describe("the daily retention job", () => {
  it("has one id per London day: purge:YYYY-MM-DD", () => {
    expect(purgeJob(new Date("2026-11-23T12:00:00Z")).id).toBe("purge:2026-11-23");
    // 23:30Z on 30 June is 00:30 BST on 1 July.
    expect(purgeJob(new Date("2024-06-30T23:30:00Z")).id).toBe("purge:2024-07-01");
  });

  it.each([
    [
      "the 23-hour spring day",
      "2024-03-31",
      "2024-03-31T00:00:00.000Z",
      "2024-03-31T23:00:00.000Z",
    ],
    [
      "the 25-hour autumn day",
      "2024-10-27",
      "2024-10-26T23:00:00.000Z",
      "2024-10-28T00:00:00.000Z",
    ],
  ])("spans %s exactly", (_label, day, start, end) => {
    const job = purgeJob(new Date(`${day}T12:00:00Z`));
    expect([iso(job.at), iso(job.until)]).toEqual([start, end]);
  });
});

describe("the ledger", () => {
  it("prunes only entries whose job can never be due again", () => {
    const now = new Date("2026-06-01T00:00:00Z");
    expect(
      prunableLedgerIds(
        [
          "close:sec-specialist:2025-03-29T17:00Z", // 14 months ago: a close is due for a year
          "close:sec-specialist:2025-05-29T17:00Z", // 12 months + 3 days ago: within the grace
          "summary:pd-lead:2024-03-29T17:00Z",
          "remind7:pd-lead:2024-03-29T17:00Z",
          "purge:2026-04-01",
          "purge:2026-05-20",
          "something-else",
        ],
        now,
      ),
    ).toEqual([
      "close:sec-specialist:2025-03-29T17:00Z",
      "summary:pd-lead:2024-03-29T17:00Z",
      "remind7:pd-lead:2024-03-29T17:00Z",
      "purge:2026-04-01",
    ]);
  });
});

describe("retention arithmetic", () => {
  const programmeRow = { year: "2024/25", cohortStarts: londonInstant(2024, 9, 16) };

  it("counts from the Programmes row's cohort start in its own academic year", () => {
    expect(iso(cohortStartFor("2024/25", programmeRow, null)!)).toBe(
      iso(londonInstant(2024, 9, 16)),
    );
    expect(iso(retentionEnds(londonInstant(2024, 9, 16), 24))).toBe("2026-09-15T23:00:00.000Z");
  });

  it("moves an earlier year's application back by whole years", () => {
    expect(iso(cohortStartFor("2022/23", programmeRow, null)!)).toBe(
      iso(londonInstant(2022, 9, 16)),
    );
  });

  it("falls back to 1 September of the academic year, then to the submission's year", () => {
    expect(iso(cohortStartFor("2023/24", null, null)!)).toBe(iso(londonInstant(2023, 9, 1)));
    expect(iso(cohortStartFor("", { year: "2023/24", cohortStarts: null }, null)!)).toBe(
      iso(londonInstant(2023, 9, 1)),
    );
    expect(iso(cohortStartFor("", null, new Date("2024-02-01T10:00:00Z"))!)).toBe(
      iso(londonInstant(2023, 9, 1)),
    );
    expect(cohortStartFor("", null, null)).toBeNull();
  });

  it("keeps reason codes and drops the sentences, which can quote answers", () => {
    expect(
      reasonCodes(
        "LATE: Submitted 29 March 2024 at 17:04.\nBAD_EMAIL: 'jo@' is not an email address.",
      ),
    ).toEqual(["LATE", "BAD_EMAIL"]);
  });
});

// ---- properties: the dispatcher over any sequence of runs ----

const arbProgramme = (key: string, days = { min: 0, max: 3 * 365 }) =>
  fc
    .record({
      day: fc.integer(days),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.constantFrom(0, 0, 0, 30, 59),
      active: fc.boolean(),
      opensDaysBefore: fc.option(fc.integer({ min: 0, max: 40 }), { nil: null }),
    })
    .map(({ day, hour, minute, active, opensDaysBefore }) => {
      const base = new Date(Date.UTC(2024, 0, 1) + day * DAY);
      const closes = londonInstant(
        base.getUTCFullYear(),
        base.getUTCMonth() + 1,
        base.getUTCDate(),
        hour,
        minute,
      );
      return {
        key,
        active,
        closes,
        opens: opensDaysBefore === null ? null : new Date(closes.getTime() - opensDaysBefore * DAY),
      } satisfies ScheduleProgramme;
    });

const arbSettings: fc.Arbitrary<ScheduleSettings> = fc.record({
  closingReminderDays: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
  digestHour: fc.integer({ min: 0, max: 23 }),
});

/** Runs the schedule as the dispatcher does: whatever is due runs and goes into the ledger. */
function simulate(programmes: ScheduleProgramme[], settings: ScheduleSettings, nows: Date[]) {
  const done = new Map<string, Date>();
  const seen: Array<{ job: Job; now: Date }> = [];
  for (const now of nows) {
    for (const job of dueJobs(programmes, settings, now, new Set(done.keys()))) {
      seen.push({ job, now });
      done.set(job.id, now);
    }
  }
  return { done, seen };
}

describe("properties of the schedule", () => {
  it("over hourly runs at a fixed offset: every job at most once, never early; closes in the first run after the instant", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 0, max: 3 * 365 })
          .chain((day) =>
            fc.tuple(
              arbProgramme("sec-specialist", { min: day, max: day }),
              arbProgramme("pd-lead", { min: day - 10, max: day + 10 }),
            ),
          ),
        fc.record({
          closingReminderDays: fc.array(fc.integer({ min: 0, max: 10 }), { maxLength: 4 }),
          digestHour: fc.integer({ min: 0, max: 23 }),
        }),
        fc.integer({ min: 0, max: 3599 }),
        (programmes, settings, offsetSeconds) => {
          // Simulate the weeks around the closings, hour by hour.
          const closes = programmes.map((p) => p.closes!.getTime());
          const from = Math.floor((Math.min(...closes) - 12 * DAY) / HOUR) * HOUR;
          const to = Math.max(...closes) + 16 * DAY;
          const nows: Date[] = [];
          for (let t = from + offsetSeconds * 1000; t <= to; t += HOUR) nows.push(new Date(t));
          const { seen } = simulate(programmes, settings, nows);
          const ids = seen.map((s) => s.job.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const { job, now } of seen) {
            expect(now.getTime()).toBeGreaterThanOrEqual(job.at.getTime());
            expect(now.getTime()).toBeLessThan(job.until.getTime());
            // The first run at or after the instant does it (prerequisites are never late).
            if (job.kind !== "remind" && job.at.getTime() >= nows[0]!.getTime())
              expect(now.getTime() - job.at.getTime()).toBeLessThan(HOUR);
          }
          for (const p of programmes) {
            const jobs = programmeJobs(p, settings);
            const doneIds = new Set(ids);
            for (const j of jobs.filter((x) => x.kind !== "remind"))
              expect(doneIds.has(j.id)).toBe(p.active);
            // At most one reminder an hour, and never after closing.
            const reminders = seen.filter(
              (s) => s.job.programme === p.key && s.job.kind === "remind",
            );
            for (const r of reminders) expect(r.now.getTime()).toBeLessThan(p.closes!.getTime());
            const hours = reminders.map((r) => r.now.getTime());
            expect(new Set(hours).size).toBe(hours.length);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it("duplicate fires, irregular runs and gaps never run a job twice or early", () => {
    fc.assert(
      fc.property(
        fc.tuple(arbProgramme("sec-specialist"), arbProgramme("sktm-ta")),
        arbSettings,
        fc.array(fc.integer({ min: 0, max: 3 * 365 * 24 }), { minLength: 1, maxLength: 400 }),
        (programmes, settings, hours) => {
          const start = Date.UTC(2023, 11, 1);
          // Sorted, with repeats: a duplicate fire is the same instant twice.
          const nows = [...hours, ...hours.slice(0, 20)]
            .sort((a, b) => a - b)
            .map((h) => new Date(start + h * HOUR + 17 * 60_000));
          const { seen } = simulate(programmes, settings, nows);
          const ids = seen.map((s) => s.job.id);
          expect(new Set(ids).size).toBe(ids.length);
          for (const { job, now } of seen) {
            expect(now.getTime()).toBeGreaterThanOrEqual(job.at.getTime());
            for (const before of job.after)
              expect(ids.indexOf(before)).toBeLessThan(ids.indexOf(job.id));
            expect(ids.indexOf(job.id)).toBeGreaterThanOrEqual(0);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("one retention job per London day whatever the hour, across both clock changes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4 * 365 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 0, max: 3599 }),
        (startDay, days, offsetSeconds) => {
          const from = Date.UTC(2024, 0, 1) + startDay * DAY;
          const nows: Date[] = [];
          for (let t = from + offsetSeconds * 1000; t < from + days * DAY; t += HOUR)
            nows.push(new Date(t));
          const { seen } = simulate([], SETTINGS, nows);
          const londonDays = new Set(nows.map((n) => formatLondon(n, "yyyy-MM-dd")));
          expect(seen.map((s) => s.job.id).sort()).toEqual(
            [...londonDays].map((d) => `purge:${d}`).sort(),
          );
        },
      ),
      { numRuns: 80 },
    );
  });

  it("pruning the ledger never makes a job due again", () => {
    fc.assert(
      fc.property(
        arbProgramme("sec-specialist"),
        arbSettings,
        fc.integer({ min: 0, max: 5 * 365 }),
        (p, settings, laterDays) => {
          const jobs = programmeJobs(p, settings);
          const ids = [...jobs.map((j) => j.id), purgeJob(p.closes!).id];
          const now = new Date(p.closes!.getTime() + laterDays * DAY);
          const pruned = new Set(prunableLedgerIds(ids, now));
          const kept = new Set(ids.filter((id) => !pruned.has(id)));
          const due = dueJobs([p], settings, now, kept).map((j) => j.id);
          for (const id of pruned) expect(due).not.toContain(id);
        },
      ),
      { numRuns: 300 },
    );
  });
});

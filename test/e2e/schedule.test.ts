// Closing dates through the compiled bundle: each programme closes in the first hourly run after
// its closing instant, on both sides of both clock changes; a response stamped before the instant
// is on time and one after it is LATE; leads are reminded before and summarised the next morning.
import { sheetObjects } from "../../emulator/runner/admin";
import { failures, HUB_LEAD, LEAD, person, scheduledHub } from "./schedule-fixture";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each([
  [
    "Friday 29 March 2024, GMT, two days before the spring change",
    "2024-03-29 17:00",
    "2024-03-29T17:00:00.000Z",
    "Friday 29 March 2024",
  ],
  [
    "Monday 1 April 2024, BST, a day after the spring change",
    "2024-04-01 17:00",
    "2024-04-01T16:00:00.000Z",
    "Monday 1 April 2024",
  ],
  [
    "Friday 25 October 2024, BST, two days before the autumn change",
    "2024-10-25 17:00",
    "2024-10-25T16:00:00.000Z",
    "Friday 25 October 2024",
  ],
  [
    "Monday 28 October 2024, GMT, a day after the autumn change",
    "2024-10-28 17:00",
    "2024-10-28T17:00:00.000Z",
    "Monday 28 October 2024",
  ],
])("a programme closing at 17:00 on %s", (_label, typed, instant, day) => {
  const closes = new Date(instant);
  const tag = `${instant.slice(0, 16)}Z`;
  let hub: Awaited<ReturnType<typeof scheduledHub>>;
  let firstRunAfter: Date;

  beforeAll(async () => {
    hub = await scheduledHub(new Date(closes.getTime() - 2 * DAY), typed);
    // A second before the instant: on time.
    expect(failures(hub.env.advanceTo(new Date(closes.getTime() - 1000)))).toEqual([]);
    expect(failures(hub.apply(1, new Date(closes.getTime() - 1000)))).toEqual([]);
    expect(failures(hub.env.advanceTo(closes))).toEqual([]);
    firstRunAfter = hub.nextFire();
  });

  it("stays open until the first hourly run after the instant, and that run is within the hour", () => {
    expect(firstRunAfter.getTime()).toBeGreaterThan(closes.getTime());
    expect(firstRunAfter.getTime() - closes.getTime()).toBeLessThanOrEqual(HOUR);
    expect(hub.formAccepting()).toBe(true);
    // After the instant but before that run: Forms still takes it; the add-on marks it LATE.
    const lateAt = new Date(closes.getTime() + (firstRunAfter.getTime() - closes.getTime()) / 2);
    expect(failures(hub.apply(2, lateAt))).toEqual([]);
  });

  it("closes the form in that run, with a plain message, and Forms refuses later responses", () => {
    const runs = hub.env.advanceTo(firstRunAfter);
    expect(runs).toHaveLength(1);
    expect(failures(runs)).toEqual([]);
    expect(hub.formAccepting()).toBe(false);
    const message = hub.env.rt.uncharged(() =>
      hub.env.forms
        ._all()
        .find((f) => f.getId() === hub.formId("sec-specialist"))!
        .getCustomClosedFormMessage(),
    );
    expect(message).toContain(
      `Applications for Secondary Mastery Specialist closed at 17:00 on ${day}.`,
    );
    expect(message).toContain("please email hub@example.org");
    expect(() => hub.apply(3, new Date(firstRunAfter.getTime() + 60_000))).toThrow(/is closed/);
    const log = sheetObjects(hub.env, "Log").filter((l) => /^(close|sweep):/.test(String(l.Job)));
    expect(log.map((l) => l.Job)).toEqual([
      `close:sec-specialist:${tag}`,
      `sweep:sec-specialist:${tag}`,
    ]);
  });

  it("judges the response stamped before the instant on time, and the one after it LATE", () => {
    const rows = sheetObjects(hub.env, "Applications");
    const byEmail = new Map(rows.map((r) => [r.Email, r]));
    expect(String(byEmail.get(person(1).email)!.Reasons)).not.toContain("LATE");
    expect(byEmail.get(person(1).email)!.Verdict).toBe("ELIGIBLE");
    expect(String(byEmail.get(person(2).email)!.Reasons)).toMatch(
      /^LATE: Submitted .* after the closing time of 17:00\./m,
    );
    expect(byEmail.get(person(2).email)!.Verdict).toBe("REVIEW");
  });

  it("sends the closing summary to the lead and the hub lead the next morning, once", () => {
    expect(failures(hub.env.advanceTo(new Date(closes.getTime() + DAY + 3 * HOUR)))).toEqual([]);
    const summaries = hub.env.outbox.filter((m) => /has closed/.test(m.subject));
    expect(summaries.map((m) => m.to).sort()).toEqual([HUB_LEAD, LEAD].sort());
    const late = sheetObjects(hub.env, "Applications").find((r) => r.Email === person(2).email)!;
    for (const m of summaries) {
      expect(m.subject).toBe("Secondary Mastery Specialist has closed: 2 applications");
      expect(m.body).toContain(`closed at 17:00 on ${day}`);
      expect(m.body).toContain("- Eligible: 1\n- For review: 1");
      expect(m.body).toContain("- LATE: 1");
      expect(m.body).toContain(
        `held for your decision (marked LATE): ${String(late["Response ID"])}.`,
      );
      // Sent at or after 07:00 London on the next day, within the hour.
      const sent = new Date(m.at);
      const londonHour = Number(
        new Intl.DateTimeFormat("en-GB", {
          timeZone: "Europe/London",
          hour: "numeric",
          hourCycle: "h23",
        }).format(sent),
      );
      expect(londonHour).toBe(7);
    }
    expect(failures(hub.env.advanceTo(new Date(closes.getTime() + 5 * DAY)))).toEqual([]);
    expect(hub.env.outbox.filter((m) => /has closed/.test(m.subject))).toHaveLength(2);
  });
});

describe("closing reminders", () => {
  it("tell the programme's lead 7 days and 1 day before, at the closing time of day, once each", async () => {
    // Closing after the spring change; the 7-day reminder falls before it.
    const hub = await scheduledHub(new Date("2024-03-20T09:00:00Z"), "2024-04-01 17:00");
    expect(failures(hub.env.advanceTo(new Date("2024-04-01T18:00:00Z")))).toEqual([]);
    const reminders = hub.env.outbox.filter((m) => /closes/.test(m.subject));
    expect(reminders.map((m) => [m.to, m.subject])).toEqual([
      [LEAD, "Secondary Mastery Specialist closes in 7 days"],
      [LEAD, "Secondary Mastery Specialist closes tomorrow"],
    ]);
    // 17:00 GMT on 25 March (17:00Z), 17:00 BST on 31 March (16:00Z): each in the first run after.
    const at = reminders.map((m) => new Date(m.at).getTime());
    expect(at[0]! - Date.parse("2024-03-25T17:00:00Z")).toBeGreaterThanOrEqual(0);
    expect(at[0]! - Date.parse("2024-03-25T17:00:00Z")).toBeLessThan(HOUR);
    expect(at[1]! - Date.parse("2024-03-31T16:00:00Z")).toBeGreaterThanOrEqual(0);
    expect(at[1]! - Date.parse("2024-03-31T16:00:00Z")).toBeLessThan(HOUR);
    expect(reminders[0]!.body).toContain(
      "close in 7 days, at 17:00 on Monday 1 April 2024 (UK time)",
    );
    expect(reminders[0]!.body).toContain("No applications have arrived yet.");
    // The other lead covers another programme and hears nothing.
    expect(hub.env.outbox.filter((m) => m.to === "tom.evans@example.org")).toEqual([]);
  });

  it("follow the Settings row: reminders 3 days before only", async () => {
    const hub = await scheduledHub(new Date("2024-03-20T09:00:00Z"), "2024-03-29 17:00");
    const { setSetting } = await import("../../emulator/runner/admin");
    setSetting(hub.env, "Closing reminders (days before)", "3");
    hub.apply(1, new Date("2024-03-21T10:00:00Z"));
    expect(failures(hub.env.advanceTo(new Date("2024-03-29T18:00:00Z")))).toEqual([]);
    const reminders = hub.env.outbox.filter((m) => /closes/.test(m.subject));
    expect(reminders.map((m) => m.subject)).toEqual([
      "Secondary Mastery Specialist closes in 3 days",
    ]);
    expect(reminders[0]!.body).toContain("So far there is 1 application:\n- Eligible: 1");
  });
});

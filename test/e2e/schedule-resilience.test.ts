// Scheduled work exactly once, through the compiled bundle: duplicate fires, an overlapping
// execution started inside the first (fault "interleave"), executions killed mid-job (fault
// "kill") and failing jobs never send an email twice and never lose work; failures are logged
// and emailed to the hub lead at most once a day; a run with nothing due stays cheap.
import { setProgramme, sheetObjects } from "../../emulator/runner/admin";
import type { RunResult } from "../../emulator/runner/environment";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import {
  failures,
  HUB_LEAD,
  LEAD,
  person,
  scheduledHub,
  type ScheduledHub,
} from "./schedule-fixture";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const CLOSES = new Date("2024-03-29T17:00:00Z");
const TAG = "sec-specialist:2024-03-29T17:00Z";
/** 07:00 GMT on Saturday 30 March: the summary falls due. */
const MORNING = new Date("2024-03-30T07:00:00Z");

function ledger(hub: ScheduledHub): Record<string, string> {
  const doc = Object.values(hub.env.properties._snapshot().documents)[0] ?? {};
  return Object.fromEntries(Object.entries(doc).filter(([k]) => k.startsWith("job.done.")));
}

function summaries(hub: ScheduledHub) {
  return hub.env.outbox.filter((m) => /has closed/.test(m.subject));
}

function logOf(hub: ScheduledHub, prefix: string) {
  return sheetObjects(hub.env, "Log").filter((l) => String(l.Job).startsWith(prefix));
}

/** The first hourly fire at or after `t`. */
function fireAtOrAfter(hub: ScheduledHub, t: Date): Date {
  hub.env.advanceTo(new Date(t.getTime() - 1));
  return hub.nextFire();
}

async function hubWithApplications(): Promise<ScheduledHub> {
  const hub = await scheduledHub(new Date("2024-03-27T09:00:00Z"), CLOSES);
  hub.apply(1, new Date("2024-03-27T10:00:00Z"));
  hub.apply(2, new Date("2024-03-28T10:00:00Z"));
  return hub;
}

describe("duplicate fires", () => {
  it("a second fire at the same moment finds every job done and sends nothing", async () => {
    const hub = await hubWithApplications();
    const at = fireAtOrAfter(hub, MORNING);
    expect(failures(hub.env.advanceTo(at))).toEqual([]);
    expect(summaries(hub)).toHaveLength(2);
    const before = { outbox: hub.env.outbox.length, log: sheetObjects(hub.env, "Log").length };
    const again = hub.env.run<{ jobs: unknown[] }>("runScheduledJobs", [], {
      kind: "time-trigger",
    });
    expect(again.error).toBeUndefined();
    expect(again.value!.jobs).toEqual([]);
    expect(hub.env.outbox).toHaveLength(before.outbox);
    expect(sheetObjects(hub.env, "Log")).toHaveLength(before.log);
    expect(Object.keys(ledger(hub))).toEqual(
      expect.arrayContaining([
        `job.done.close:${TAG}`,
        `job.done.sweep:${TAG}`,
        `job.done.summary:${TAG}`,
      ]),
    );
  });
});

describe("an overlapping execution started inside the first", () => {
  it("while the first closes the form: the second closes it too (no waiting on a deadline) but records nothing", async () => {
    const hub = await hubWithApplications();
    const at = fireAtOrAfter(hub, CLOSES);
    let inner: RunResult<{ jobs: Array<{ id: string; outcome: string }> }> | null = null;
    hub.env.addFault({
      method: "Form.setAcceptingResponses",
      nth: 1,
      action: "interleave",
      run: () => {
        inner = hub.env.run("runScheduledJobs", [], { kind: "time-trigger" });
      },
    });
    const outer = hub.env.advanceTo(at);
    hub.env.rt.clearFaults();
    expect(failures(outer)).toEqual([]);
    expect(inner).not.toBeNull();
    expect(inner!.error).toBeUndefined();
    expect(inner!.value!.jobs.map((j) => [j.id, j.outcome])).toEqual(
      expect.arrayContaining([
        [`close:${TAG}`, "busy"],
        [`sweep:${TAG}`, "waiting"],
      ]),
    );
    expect(hub.formAccepting()).toBe(false);
    expect(logOf(hub, "close:").map((l) => l.Job)).toEqual([`close:${TAG}`]);
    expect(logOf(hub, "sweep:").map((l) => l.Job)).toEqual([`sweep:${TAG}`]);
    expect(Object.keys(ledger(hub))).toEqual(
      expect.arrayContaining([`job.done.close:${TAG}`, `job.done.sweep:${TAG}`]),
    );
  });

  it("while the first queues the summary: one summary each for the lead and the hub lead", async () => {
    const hub = await hubWithApplications();
    const at = fireAtOrAfter(hub, MORNING);
    let inner: RunResult<{ jobs: Array<{ id: string; outcome: string }> }> | null = null;
    // The first sheet write of the morning run is the summary going into the mail queue.
    hub.env.addFault({
      method: "Range.setValues",
      nth: 1,
      action: "interleave",
      run: () => {
        inner = hub.env.run("runScheduledJobs", [], { kind: "time-trigger" });
      },
    });
    const outer = hub.env.advanceTo(at);
    hub.env.rt.clearFaults();
    expect(failures(outer)).toEqual([]);
    expect(inner!.error).toBeUndefined();
    expect(inner!.value!.jobs).toEqual([
      expect.objectContaining({ id: `summary:${TAG}`, outcome: "busy" }),
    ]);
    expect(
      summaries(hub)
        .map((m) => m.to)
        .sort(),
    ).toEqual([HUB_LEAD, LEAD].sort());
    expect(failures(hub.env.advanceTo(new Date(at.getTime() + 3 * DAY)))).toEqual([]);
    expect(summaries(hub)).toHaveLength(2);
    expect(logOf(hub, "summary:")).toHaveLength(1);
  });
});

describe("executions killed mid-job", () => {
  it("killed after queuing the summary but before recording it: the next run records it and sends each once", async () => {
    const hub = await hubWithApplications();
    const at = fireAtOrAfter(hub, MORNING);
    // The summary job sets two properties: the mail queue's count, then its own ledger entry.
    hub.env.addFault({
      method: "Properties.setProperty",
      nth: 2,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    const killed = hub.env.advanceTo(at);
    hub.env.rt.clearFaults();
    expect(killed.map((r) => r.record.outcome)).toEqual(["killed"]);
    expect(ledger(hub)[`job.done.summary:${TAG}`]).toBeUndefined();
    expect(
      sheetObjects(hub.env, "Mail queue")
        .filter((q) => q.Kind === "closing-summary")
        .map((q) => q.Status),
    ).toEqual(["Queued", "Queued"]);
    expect(summaries(hub)).toHaveLength(0);

    expect(failures(hub.env.advanceTo(new Date(at.getTime() + HOUR)))).toEqual([]);
    expect(ledger(hub)[`job.done.summary:${TAG}`]).toBeDefined();
    expect(
      summaries(hub)
        .map((m) => m.to)
        .sort(),
    ).toEqual([HUB_LEAD, LEAD].sort());
    expect(failures(hub.env.advanceTo(new Date(at.getTime() + 2 * DAY)))).toEqual([]);
    expect(summaries(hub)).toHaveLength(2);
  });

  it("killed after closing the form but before recording it: the next run finds it closed, records it once", async () => {
    const hub = await hubWithApplications();
    const at = fireAtOrAfter(hub, CLOSES);
    // The close job's Log row is the one single-row append of that run.
    hub.env.addFault({
      method: "Sheet.appendRow",
      nth: 1,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    const killed = hub.env.advanceTo(at);
    hub.env.rt.clearFaults();
    expect(killed.map((r) => r.record.outcome)).toEqual(["killed"]);
    expect(hub.formAccepting()).toBe(false);
    expect(ledger(hub)[`job.done.close:${TAG}`]).toBeUndefined();

    expect(failures(hub.env.advanceTo(new Date(at.getTime() + HOUR)))).toEqual([]);
    expect(logOf(hub, "close:").map((l) => l.Message)).toEqual([
      "Secondary Mastery Specialist closed: its form was already not accepting responses, and stays closed.",
    ]);
    expect(Object.keys(ledger(hub))).toEqual(
      expect.arrayContaining([`job.done.close:${TAG}`, `job.done.sweep:${TAG}`]),
    );
  });

  it("killed in the final sweep: the next run resumes it, every response is taken in once, and the summary counts them all", async () => {
    const hub = await hubWithApplications();
    const at = fireAtOrAfter(hub, CLOSES);
    // Responses Forms recorded without the submit trigger firing (it failed, say), the last
    // three of them after the closing time.
    const formId = hub.formId("sec-specialist");
    for (let i = 10; i < 16; i++) {
      hub.env.forms._submit(formId, specialistAnswers(hub.secondary[i]!, person(i)), {
        at: new Date(CLOSES.getTime() + (i - 13) * 60_000 + (i < 13 ? 0 : 1000)),
      });
    }
    // The sweep's first write: the acknowledgements going into the mail queue.
    hub.env.addFault({
      method: "Range.setValues",
      nth: 1,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    const killed = hub.env.advanceTo(at);
    hub.env.rt.clearFaults();
    expect(killed.map((r) => r.record.outcome)).toEqual(["killed"]);
    expect(hub.formAccepting()).toBe(false);
    expect(ledger(hub)[`job.done.sweep:${TAG}`]).toBeUndefined();
    expect(sheetObjects(hub.env, "Applications")).toHaveLength(2);

    expect(failures(hub.env.advanceTo(new Date(MORNING.getTime() + 2 * HOUR)))).toEqual([]);
    const rows = sheetObjects(hub.env, "Applications");
    expect(rows).toHaveLength(8);
    expect(new Set(rows.map((r) => r["Response ID"])).size).toBe(8);
    expect(rows.filter((r) => String(r.Reasons).includes("LATE"))).toHaveLength(3);
    const acks = hub.env.outbox.filter((m) => /^Application received/.test(m.subject));
    expect(acks).toHaveLength(8);
    expect(new Set(acks.map((m) => m.to)).size).toBe(8);
    expect(summaries(hub)).toHaveLength(2);
    expect(summaries(hub)[0]!.subject).toBe(
      "Secondary Mastery Specialist has closed: 8 applications",
    );
    expect(summaries(hub)[0]!.body).toMatch(/3 applications arrived after the closing time/);
  });
});

describe("a job that fails", () => {
  it("is logged every hour, emailed to the hub lead once a day, holds back what depends on it, and runs once fixed", async () => {
    const hub = await hubWithApplications();
    const formCell = hub.formId("sec-specialist");
    setProgramme(hub.env, "sec-specialist", { Form: "1NoSuchFormAnywhere000000000000" });
    const runs = hub.env.advanceTo(new Date(CLOSES.getTime() + 30 * HOUR));
    expect(failures(runs)).toEqual([]);
    const errors = logOf(hub, "close:");
    expect(errors.length).toBeGreaterThanOrEqual(29);
    expect(new Set(errors.map((l) => l.Level))).toEqual(new Set(["ERROR"]));
    const emails = hub.env.outbox.filter((m) => /scheduled work failed/.test(m.subject));
    // 29 March and 30 March: one each.
    expect(emails.map((m) => [m.to, m.subject])).toEqual([
      [
        HUB_LEAD,
        "Recruitment add-on: scheduled work failed (closing Secondary Mastery Specialist)",
      ],
      [
        HUB_LEAD,
        "Recruitment add-on: scheduled work failed (closing Secondary Mastery Specialist)",
      ],
    ]);
    expect(emails[0]!.body).toContain("tried again every hour");
    expect(summaries(hub)).toHaveLength(0);
    expect(ledger(hub)[`job.done.close:${TAG}`]).toBeUndefined();

    setProgramme(hub.env, "sec-specialist", { Form: formCell });
    const next = hub.nextFire();
    expect(failures(hub.env.advanceTo(next))).toEqual([]);
    expect(hub.formAccepting()).toBe(false);
    expect(Object.keys(ledger(hub))).toEqual(
      expect.arrayContaining([
        `job.done.close:${TAG}`,
        `job.done.sweep:${TAG}`,
        `job.done.summary:${TAG}`,
      ]),
    );
    // The summary was due this morning; it follows in the same run, once.
    expect(summaries(hub)).toHaveLength(2);
  });
});

describe("cost", () => {
  it("an hourly run with nothing due reads only the four configuration sheets", async () => {
    const hub = await hubWithApplications();
    expect(failures(hub.env.advanceTo(new Date(MORNING.getTime() + 2 * DAY)))).toEqual([]);
    // The first run of a new London day (the retention check, with its watermark) and a later one.
    const day = fireAtOrAfter(hub, new Date("2024-04-02T23:00:00Z"));
    const [first] = hub.env.advanceTo(day);
    const [later] = hub.env.advanceTo(new Date(day.getTime() + HOUR));
    for (const run of [first!, later!]) {
      expect(run.error).toBeUndefined();
      expect(run.record.byMethod["Range.getValues"]).toBe(4);
      expect(run.record.byMethod["Range.setValues"]).toBeUndefined();
      expect(run.record.calls).toBeLessThan(70);
    }
    expect((first!.value as { jobs: Array<{ id: string }> }).jobs.map((j) => j.id)).toEqual([
      "purge:2024-04-03",
    ]);
  });
});

describe("the ledger in document properties", () => {
  it("keeps one small value per job and forgets jobs that can never be due again", async () => {
    const hub = await hubWithApplications();
    expect(failures(hub.env.advanceTo(new Date(MORNING.getTime() + 2 * HOUR)))).toEqual([]);
    const entries = ledger(hub);
    expect(Object.keys(entries)).toEqual(
      expect.arrayContaining([
        `job.done.remind1:${TAG}`,
        `job.done.close:${TAG}`,
        `job.done.sweep:${TAG}`,
        `job.done.summary:${TAG}`,
        "job.done.purge:2024-03-30",
      ]),
    );
    for (const v of Object.values(entries)) expect(new Date(v).toISOString()).toBe(v);
    // Fourteen months on, one hourly run (the clock jumps; this is the run after the gap).
    hub.env.rt.setNow(new Date("2025-05-30T09:00:00Z"));
    const later = hub.env.run("runScheduledJobs", [], { kind: "time-trigger" });
    expect(later.error).toBeUndefined();
    expect(Object.keys(ledger(hub))).toEqual(expect.arrayContaining(["job.done.purge:2025-05-30"]));
    expect(
      Object.keys(ledger(hub)).filter(
        (k) => k.includes(TAG) || k.startsWith("job.done.purge:2024"),
      ),
    ).toEqual([]);
  });
});

// Cost and resilience of intake, measured with the emulator's call counter and fault injection.
import { sheetObjects } from "../../emulator/runner/admin";
import type { School } from "../../src/domain/types";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import { findSchool, setUpHub, type HubFixture } from "./fixture";

function applicant(school: School, i: number) {
  return specialistAnswers(
    school,
    { email: `applicant${i}@example.org`, firstName: `Applicant${i}`, lastName: "Example" },
    { yearsTeaching: String(2 + (i % 10)), statement: "Statement." },
  );
}

/** Responses recorded by Forms without the trigger firing (e.g. while the add-on was not yet installed). */
function backlog(hub: HubFixture, schools: School[], n: number, start = 0): void {
  const formId = hub.formId("sec-specialist");
  for (let i = start; i < start + n; i++) {
    hub.env.forms._submit(formId, applicant(schools[i % schools.length]!, i), {
      at: new Date(Date.UTC(2024, 1, 1, 9, 0, 0) + i * 1000),
    });
  }
}

describe("intake cost and resilience", () => {
  let hub: HubFixture;
  let schools: School[];
  beforeEach(async () => {
    hub = await setUpHub({ now: new Date("2024-01-08T09:00:00Z") });
    schools = hub.schools.filter(
      (s) => s.la === "Hertfordshire" && s.phase === "Secondary" && s.status === "Open",
    );
  });

  function oneSubmissionCalls(existing: number): {
    calls: number;
    byMethod: Record<string, number>;
  } {
    backlog(hub, schools, existing);
    const sweep = hub.env.run("menuProcessAll");
    expect(sweep.error).toBeUndefined();
    expect(sheetObjects(hub.env, "Applications")).toHaveLength(existing);
    const { runs } = hub.env.submit(hub.formId("sec-specialist"), applicant(schools[0]!, 99_999), {
      at: new Date("2024-02-20T10:00:00Z"),
    });
    expect(runs[0]!.error).toBeUndefined();
    return { calls: runs[0]!.record.calls, byMethod: runs[0]!.record.byMethod };
  }

  it("costs a bounded number of service calls for one submission with 10 or 10,000 applications in the register", async () => {
    const small = oneSubmissionCalls(10);
    hub = await setUpHub();
    const large = oneSubmissionCalls(10_000);
    // One read of each sheet touched, never a read per row.
    expect(large.byMethod["Range.getValues"]).toBe(small.byMethod["Range.getValues"]);
    expect(large.byMethod["Range.getValues"]).toBeLessThan(15);
    // Writes: scattered register updates are capped at MAX_SEPARATE_WRITES runs (3 calls each).
    expect(Math.abs(large.calls - small.calls)).toBeLessThanOrEqual(6);
    expect(large.calls).toBeLessThan(100);
  }, 300_000);

  it("detects a read inside a loop: the count rises with the register if the code reads per row", () => {
    // The measurement itself can fail: a fault that runs an extra read per register row would show.
    backlog(hub, schools, 50);
    hub.env.run("menuProcessAll");
    const before = hub.env.submit(hub.formId("sec-specialist"), applicant(schools[0]!, 500), {
      at: new Date("2024-02-20T10:00:00Z"),
    }).runs[0]!.record.byMethod["Range.getValues"]!;
    let extra = 0;
    hub.env.addFault({
      method: "Range.getValues",
      nth: 1,
      action: "interleave",
      sticky: true,
      run: () => (extra += 1),
    });
    hub.env.submit(hub.formId("sec-specialist"), applicant(schools[0]!, 501), {
      at: new Date("2024-02-20T10:01:00Z"),
    });
    expect(extra).toBe(before);
  });

  it("loses and duplicates nothing when an execution is killed in the middle of a batch", () => {
    backlog(hub, schools, 600);
    // Killed at the second register write (after the first chunk of 250 was written).
    hub.env.addFault({
      method: "Range.setValues",
      nth: 4,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    const first = hub.env.run("menuProcessAll");
    expect(first.record.outcome).toBe("killed");
    const partial = sheetObjects(hub.env, "Applications").length;
    expect(partial).toBeLessThan(600);
    hub.env.rt.clearFaults();
    const second = hub.env.run("menuProcessAll");
    expect(second.error).toBeUndefined();
    const rows = sheetObjects(hub.env, "Applications");
    expect(rows).toHaveLength(600);
    expect(new Set(rows.map((r) => r["Response ID"])).size).toBe(600);
    const queue = sheetObjects(hub.env, "Mail queue");
    expect(new Set(queue.map((q) => q.Key)).size).toBe(queue.length);
    expect(queue.filter((q) => q.Kind === "acknowledgement")).toHaveLength(600);
  });

  it("keeps an email queued when MailApp throws, and sends it exactly once on the next hourly run", () => {
    const school = findSchool(schools, () => true);
    hub.env.addFault({
      method: "MailApp.sendEmail",
      nth: 1,
      action: "throw",
      message: "Service unavailable: Email",
    });
    hub.env.submit(hub.formId("sec-specialist"), applicant(school, 1), {
      at: new Date("2024-02-01T10:00:00Z"),
    });
    expect(hub.env.outbox).toHaveLength(0);
    expect(sheetObjects(hub.env, "Mail queue")[0]).toMatchObject({
      Status: "Queued",
      Attempts: 1,
      "Last error": "Service unavailable: Email",
    });
    // The hourly run also sends the head teacher's endorsement request (queued, not sent, at intake).
    const acks = () => hub.env.outbox.filter((m) => /^Application received/.test(m.subject));
    hub.env.advanceTo(new Date("2024-02-01T12:30:00Z"));
    expect(acks()).toHaveLength(1);
    hub.env.advanceTo(new Date("2024-02-01T18:30:00Z"));
    expect(acks()).toHaveLength(1);
    expect(sheetObjects(hub.env, "Mail queue")[0]).toMatchObject({ Status: "Sent" });
  });

  it("leaves a response for the hourly sweep when another execution holds the lock, and never drops it", () => {
    const formId = hub.formId("sec-specialist");
    // A second submission arrives while the first is suspended holding the lock.
    let inner: ReturnType<typeof hub.env.submit> | null = null;
    hub.env.addFault({
      method: "Range.setValues",
      nth: 1,
      action: "interleave",
      run: () => {
        hub.env.rt.clearFaults();
        inner = hub.env.submit(formId, applicant(schools[1]!, 2), {
          at: new Date("2024-02-01T10:00:05Z"),
        });
      },
    });
    hub.env.submit(formId, applicant(schools[0]!, 1), { at: new Date("2024-02-01T10:00:00Z") });
    expect(inner).not.toBeNull();
    expect(inner!.runs[0]!.value).toBe("busy");
    expect(sheetObjects(hub.env, "Applications")).toHaveLength(1);
    hub.env.advanceTo(new Date("2024-02-01T11:30:00Z"));
    const rows = sheetObjects(hub.env, "Applications");
    expect(rows.map((r) => r.Email).sort()).toEqual([
      "applicant1@example.org",
      "applicant2@example.org",
    ]);
  });
});

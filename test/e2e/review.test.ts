// Routing to Secondary Leads and review in the Sheet, through the compiled bundle.
import {
  appendSheetRows,
  editApplication,
  setProgramme,
  sheetObjects,
} from "../../emulator/runner/admin";
import type { School } from "../../src/domain/types";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import { answersFor, setUpHub, type HubFixture } from "./fixture";

function specialist(school: School, email: string) {
  return specialistAnswers(
    school,
    { email, firstName: "Sam", lastName: email.split("@")[0]! },
    { statement: "Statement." },
  );
}

describe("routing and review", () => {
  let hub: HubFixture;
  let herts: School[];
  beforeEach(async () => {
    hub = await setUpHub();
    herts = hub.schools.filter(
      (s) => s.la === "Hertfordshire" && s.phase === "Secondary" && /^Open/.test(s.status),
    );
    appendSheetRows(hub.env, "Leads", [
      [
        "Asha Lead",
        "asha.lead@example.org",
        "sec-specialist",
        "Hertfordshire",
        10,
        `'${herts[0]!.urn}`,
        "Yes",
      ],
      ["Ben Lead", "ben.lead@example.org", "sec-specialist, sec-development", "all", 10, "", "Yes"],
    ]);
  });

  function submit(school: School, email: string, minute: number) {
    const { runs } = hub.env.submit(hub.formId("sec-specialist"), specialist(school, email), {
      at: new Date(Date.UTC(2024, 1, 1, 10, minute)),
    });
    expect(runs[0]!.error).toBeUndefined();
  }

  it("never routes an application to the lead whose own school it is, and balances the rest", () => {
    submit(herts[0]!, "own.school@example.org", 0);
    for (let i = 1; i <= 4; i++) submit(herts[i]!, `t${i}@example.org`, i);
    const rows = sheetObjects(hub.env, "Applications");
    expect(rows.find((r) => r.Email === "own.school@example.org")!.Lead).toBe(
      "ben.lead@example.org",
    );
    const loads = new Map<string, number>();
    for (const r of rows) loads.set(String(r.Lead), (loads.get(String(r.Lead)) ?? 0) + 1);
    expect([...loads.keys()].sort()).toEqual(["asha.lead@example.org", "ben.lead@example.org"]);
    expect(
      Math.abs(loads.get("asha.lead@example.org")! - loads.get("ben.lead@example.org")!),
    ).toBeLessThanOrEqual(1);
    for (const r of rows) expect(String(r.Routing)).not.toBe("");
  });

  it("flags an application no lead covers as UNASSIGNED for the hub lead, and keeps it", () => {
    const { runs } = hub.env.submit(
      hub.formId("pd-lead"),
      answersFor("pd-lead", {
        email: "pd@example.org",
        firstName: "Pat",
        lastName: "D",
        role: "Senior leader",
        schoolUrn: herts[1]!.urn,
        schoolName: herts[1]!.name,
        schoolPostcode: herts[1]!.postcode,
        ledPdBeyondSchool: "Yes",
        consent: ["I agree"],
      }),
      { at: new Date("2024-02-01T10:00:00Z") },
    );
    expect(runs[0]!.error).toBeUndefined();
    const row = sheetObjects(hub.env, "Applications").find((r) => r.Email === "pd@example.org")!;
    expect(row.Lead).toBe("");
    expect(String(row.Routing)).toMatch(/^UNASSIGNED: /);
  });

  it("audits every edit of status, decision or lead, and flags one by someone who is not the assigned lead or the hub lead", () => {
    submit(herts[1]!, "t1@example.org", 1);
    const row = sheetObjects(hub.env, "Applications")[0]!;
    const lead = String(row.Lead);
    const id = String(row["Response ID"]);
    const byLead = editApplication(hub.env, id, "Review status", "In review", lead);
    expect(byLead.error).toBeUndefined();
    editApplication(hub.env, id, "Decision", "Offered", "someone.else@example.org");
    editApplication(hub.env, id, "Applicant", "Renamed", lead);
    const audit = sheetObjects(hub.env, "Audit").filter((a) =>
      String(a.Action).startsWith("Edited"),
    );
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      Actor: lead,
      Action: "Edited Review status",
      "Response ID": row["Response ID"],
      Before: "New",
      After: "In review",
      Flag: "",
    });
    expect(audit[1]).toMatchObject({
      Actor: "someone.else@example.org",
      Action: "Edited Decision",
      Before: "",
      After: "Offered",
    });
    expect(String(audit[1]!.Flag)).toMatch(/neither the assigned lead/);
  });

  it("reassigns the selected applications with a written reason, audited, and refuses a lead's own school", () => {
    submit(herts[0]!, "own.school@example.org", 0);
    submit(herts[1]!, "t1@example.org", 1);
    const sheet = hub.env.spreadsheet.getSheetByName("Applications")!;
    hub.env.rt.uncharged(() => hub.env.spreadsheet._setActiveRange(sheet, "A2:A3"));
    // First everything to Ben (allowed), then to Asha: t1 must move, the own-school row must not.
    const toBen = hub.env.run<{ reassigned: string[]; refused: string[] }>("menuReassignSelected", [
      { lead: "ben.lead@example.org", reason: "Asha is at capacity" },
    ]);
    expect(toBen.value!.refused).toEqual([]);
    const run = hub.env.run<{ reassigned: string[]; refused: string[] }>("menuReassignSelected", [
      { lead: "asha.lead@example.org", reason: "Ben is on leave" },
    ]);
    expect(run.value!.reassigned).toHaveLength(1);
    expect(run.error).toBeUndefined();
    expect(run.value!.refused).toHaveLength(1);
    expect(run.value!.refused[0]).toMatch(/conflict of interest/);
    const rows = sheetObjects(hub.env, "Applications");
    expect(rows.find((r) => r.Email === "own.school@example.org")!.Lead).toBe(
      "ben.lead@example.org",
    );
    expect(rows.find((r) => r.Email === "t1@example.org")!.Lead).toBe("asha.lead@example.org");
    const audit = sheetObjects(hub.env, "Audit").filter(
      (a) => a.Action === "Reassigned" && a.After === "asha.lead@example.org",
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      Before: "ben.lead@example.org",
      Flag: "Reason: Ben is on leave",
    });
  });

  it("shows each lead their own queue in a sidebar, and hides names under blind review until a decision", () => {
    for (let i = 1; i <= 4; i++) submit(herts[i]!, `t${i}@example.org`, i);
    const sidebar = hub.env.run("menuMyQueue", [], { user: "asha.lead@example.org" });
    expect(sidebar.error).toBeUndefined();
    const shown = hub.env.ui._shown().at(-1) as unknown as { kind: string; content: string };
    expect(JSON.stringify(shown)).toContain("apiMyQueue");
    expect(JSON.stringify(shown)).not.toContain("t1@example.org");
    const rows = sheetObjects(hub.env, "Applications");
    for (const lead of ["asha.lead@example.org", "ben.lead@example.org"]) {
      const queue = hub.env.run<{
        lead: string;
        items: Array<{ responseId: string; applicant: string; email: string }>;
      }>("apiMyQueue", [], { kind: "sidebar", user: lead }).value!;
      expect(queue.items.map((i) => i.responseId).sort()).toEqual(
        rows
          .filter((r) => r.Lead === lead)
          .map((r) => String(r["Response ID"]))
          .sort(),
      );
    }
    setProgramme(hub.env, "sec-specialist", { "Blind review": "Yes" });
    const blind = hub.env.run<{ items: Array<{ applicant: string; email: string }> }>(
      "apiMyQueue",
      [],
      { kind: "sidebar", user: "asha.lead@example.org" },
    ).value!;
    expect(blind.items.length).toBeGreaterThan(0);
    for (const item of blind.items)
      expect(item).toMatchObject({ applicant: "(hidden for blind review)", email: "" });
  });

  it("sends each lead a daily digest of new, long-waiting and closing-soon work, once a day", () => {
    setProgramme(hub.env, "sec-specialist", { Closes: new Date("2024-02-14T17:00:00Z") });
    for (let i = 1; i <= 4; i++) submit(herts[i]!, `t${i}@example.org`, i);
    hub.env.rt.setNow(new Date("2024-02-09T08:00:00Z"));
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistAnswers(herts[5]!, { email: "new@example.org", firstName: "Nia", lastName: "New" }),
      { at: new Date("2024-02-09T08:00:00Z") },
    );
    const sentBefore = hub.env.outbox.length;
    const run = hub.env.run<{ queued: number; sent: number }>("menuSendDigests");
    expect(run.error).toBeUndefined();
    const digests = hub.env.outbox
      .slice(sentBefore)
      .filter((m) => m.subject.startsWith("Recruitment digest"));
    expect(digests.map((d) => d.to).sort()).toEqual([
      "asha.lead@example.org",
      "ben.lead@example.org",
    ]);
    const newLead = String(
      sheetObjects(hub.env, "Applications").find((r) => r.Email === "new@example.org")!.Lead,
    );
    const theirs = digests.find((d) => d.to === newLead)!;
    expect(theirs.body).toMatch(/New in your queue \(1\):\n- Nia New/);
    expect(theirs.body).toMatch(/Waiting for review for more than 7 days \(\d\):/);
    expect(theirs.body).toContain(
      "Closing this week:\n- Secondary Mastery Specialist: 14 February 2024 at 17:00",
    );
    hub.env.run("menuSendDigests");
    expect(hub.env.outbox.filter((m) => m.subject.startsWith("Recruitment digest"))).toHaveLength(
      2,
    );
  });

  it("sends the digests from the hourly run at the digest hour, once a London day", () => {
    for (let i = 1; i <= 3; i++) submit(herts[i]!, `t${i}@example.org`, i);
    const digests = () => hub.env.outbox.filter((m) => m.subject.startsWith("Recruitment digest"));
    const leads = [
      ...new Set(sheetObjects(hub.env, "Applications").map((r) => String(r.Lead))),
    ].sort();
    // Submitted at 10:00 on 1 February, after the digest hour (7): that day's digests go out.
    hub.env.advanceTo(new Date("2024-02-01T23:30:00Z"));
    expect(
      digests()
        .map((d) => d.to)
        .sort(),
    ).toEqual(leads);
    // 06:30 on 2 February in London: before the digest hour, nothing more.
    hub.env.advanceTo(new Date("2024-02-02T06:30:00Z"));
    expect(digests()).toHaveLength(leads.length);
    // 2 February: nothing new since the last digests and nothing waiting a week: a quiet day, no email.
    hub.env.advanceTo(new Date("2024-02-02T23:30:00Z"));
    expect(digests()).toHaveLength(leads.length);
    // 9 February: the applications have waited more than 7 days unreviewed; each lead hears once.
    hub.env.advanceTo(new Date("2024-02-09T23:30:00Z"));
    const later = digests().slice(leads.length);
    expect(later.map((d) => d.to).sort()).toEqual(leads);
    expect(
      later.every(
        (d) =>
          /Waiting for review for more than 7 days/.test(d.body) &&
          !/New in your queue/.test(d.body),
      ),
    ).toBe(true);
  });
});

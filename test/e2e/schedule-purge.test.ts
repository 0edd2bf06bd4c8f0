// The retention purge through the compiled bundle: once "Data retention months" have passed since
// a cohort started, no cell of any sheet, and no Form, still holds the applicants' names or email
// addresses; the counts stay; the run is audited and the hub lead told; a killed run finishes
// next time; the menu item previews, asks, and deletes.
import {
  appendSheetRows,
  setProgramme,
  setSetting,
  sheetObjects,
  sheetValues,
} from "../../emulator/runner/admin";
import { endorsementFormId } from "../../emulator/runner/endorsement";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import { answersFor } from "./fixture";
import { formAnswers } from "./programme-answers";
import { failures, HUB_LEAD, person, scheduledHub, type ScheduledHub } from "./schedule-fixture";

const PURGED = [1, 2, 4];
const REPEAT = 3; // applied to sec-specialist (purged) and later to pd-lead (kept)
/** 00:00 BST on 16 September 2026: 24 months after the cohort started on 16 September 2024. */
const RETENTION_ENDS = new Date("2026-09-15T23:00:00Z");

function fullName(i: number) {
  const p = person(i);
  return `${p.firstName} ${p.lastName}`;
}

/** Every cell of every sheet, as text, with where it is. */
function allCells(hub: ScheduledHub): Array<{ where: string; text: string }> {
  const names = hub.env.rt.uncharged(() => hub.env.spreadsheet.getSheets().map((s) => s.getName()));
  const out: Array<{ where: string; text: string }> = [];
  for (const name of names)
    sheetValues(hub.env, name).forEach((row, r) =>
      row.forEach((v, c) => {
        if (v !== "") out.push({ where: `${name}!R${r + 1}C${c + 1}`, text: String(v) });
      }),
    );
  return out;
}

function personalStrings(i: number): string[] {
  const p = person(i);
  return [p.email, fullName(i), p.firstName, p.lastName];
}

function mentions(hub: ScheduledHub, needles: string[]): string[] {
  const lower = needles.map((n) => n.toLowerCase());
  return allCells(hub)
    .filter((c) => lower.some((n) => new RegExp(`\\b${n}\\b`, "i").test(c.text)))
    .map((c) => `${c.where}: ${c.text.slice(0, 80)}`);
}

function formsJson(hub: ScheduledHub): string {
  return JSON.stringify(hub.env.forms.toSnapshot());
}

/** A season in 2024 whose cohort started on 16 September 2024, with a later programme kept. */
async function pastSeason(): Promise<ScheduledHub> {
  const hub = await scheduledHub(new Date("2024-03-20T09:00:00Z"), "2024-03-29 17:00");
  setProgramme(hub.env, "sec-specialist", { "Cohort starts": new Date("2024-09-15T23:00:00Z") });
  setProgramme(hub.env, "pd-lead", {
    "Academic year": "'2025/26",
    "Cohort starts": new Date("2026-01-05T00:00:00Z"),
  });
  setSetting(hub.env, "Data retention months", 24);
  for (const i of [...PURGED, REPEAT]) hub.apply(i, new Date(Date.UTC(2024, 2, 20 + i, 10)));
  // Applicant 1 edits their response: the register row is re-judged, a second email goes out.
  const formId = hub.formId("sec-specialist");
  const first = hub.env.forms._all().find((f) => f.getId() === formId)!;
  const firstResponse = hub.env.rt.uncharged(() => first.getResponses()[0]!.getId()!);
  hub.env.submit(formId, specialistAnswers(hub.secondary[1]!, person(1), { yearsTeaching: "9" }), {
    at: new Date("2024-03-26T12:00:00Z"),
    editOf: firstResponse,
  });
  expect(failures(hub.env.advanceTo(new Date("2024-03-31T12:00:00Z")))).toEqual([]);
  // The repeat applicant joins a programme whose data is kept for longer.
  const pdLead = hub.formId("pd-lead");
  hub.env.submit(
    pdLead,
    answersFor("pd-lead", {
      email: person(REPEAT).email,
      firstName: person(REPEAT).firstName,
      lastName: person(REPEAT).lastName,
      role: "Senior leader",
      schoolUrn: hub.secondary[REPEAT]!.urn,
      schoolName: hub.secondary[REPEAT]!.name,
      schoolPostcode: hub.secondary[REPEAT]!.postcode,
      ledPdBeyondSchool: "Yes",
      consent: ["I agree"],
    }),
    { at: new Date("2024-04-02T10:00:00Z") },
  );
  expect(failures(hub.env.advanceTo(new Date("2024-04-02T14:00:00Z")))).toEqual([]);
  // What staff keep by hand: a cohort list, and a note in a column the hub added.
  hub.env.rt.uncharged(() => {
    const cohort = hub.env.spreadsheet.insertSheet("Cohort – sec-specialist");
    cohort.getRange(1, 1, 1, 3).setValues([["Name", "Email", "Notes"]]);
    const apps = hub.env.spreadsheet.getSheetByName("Applications")!;
    apps.getRange(1, apps.getLastColumn() + 1).setValue("Hub notes");
  });
  appendSheetRows(
    hub.env,
    "Cohort – sec-specialist",
    PURGED.map((i) => [fullName(i), person(i).email, `Spoke to ${fullName(i)} on 3 April`]),
  );
  hub.env.rt.uncharged(() => {
    const apps = hub.env.spreadsheet.getSheetByName("Applications")!;
    apps.getRange(2, apps.getLastColumn()).setValue(`Head rang about ${fullName(1)}`);
  });
  return hub;
}

/** The hourly trigger fires once after a long gap: one run at `at`. */
function runAt(hub: ScheduledHub, at: Date) {
  hub.env.rt.setNow(at);
  return hub.env.run<{ jobs: Array<{ id: string; outcome: string; message: string }> }>(
    "runScheduledJobs",
    [],
    { kind: "time-trigger" },
  );
}

describe("the retention purge, run by the hourly dispatcher", () => {
  let hub: ScheduledHub;
  let registerBefore: Array<Record<string, unknown>>;
  let responseRowsBefore: number;

  beforeAll(async () => {
    hub = await pastSeason();
    registerBefore = sheetObjects(hub.env, "Applications");
    responseRowsBefore = sheetValues(hub.env, "Responses: sec-specialist").length;
    // The data is all there to begin with (so the searches below can fail).
    for (const i of PURGED) expect(mentions(hub, [person(i).email]).length).toBeGreaterThan(2);
    expect(formsJson(hub)).toContain(person(1).email);
  });

  it("deletes nothing the day before retention ends", () => {
    const run = runAt(hub, new Date(RETENTION_ENDS.getTime() - 3_600_000));
    expect(run.error).toBeUndefined();
    expect(run.value!.jobs.map((j) => [j.id, j.outcome])).toEqual([["purge:2026-09-15", "done"]]);
    expect(sheetObjects(hub.env, "Applications")).toEqual(registerBefore);
  });

  it("deletes it in the first run after, leaving no name or address in any sheet or form", () => {
    const run = runAt(hub, new Date(RETENTION_ENDS.getTime() + 20 * 60_000));
    expect(run.error).toBeUndefined();
    expect(run.value!.jobs).toEqual([
      expect.objectContaining({ id: "purge:2026-09-16", outcome: "done" }),
    ]);
    for (const i of PURGED) expect(mentions(hub, personalStrings(i))).toEqual([]);
    expect(mentions(hub, ["Pat Head", "pat.head@example.org"])).toEqual([]);
    // Cells are written in blocks, never one call per cell: the cohort sheet's names and emails
    // of the purged applicants (two columns, consecutive rows) are one write.
    expect(run.record.byMethod["Range.setValue"] ?? 0).toBe(0);
    const forms = formsJson(hub);
    for (const i of PURGED) {
      expect(forms).not.toContain(person(i).email);
      expect(forms).not.toContain(person(i).lastName);
    }
  });

  it("keeps the counts: programme, verdict, reason codes, decision, school, local authority, month", () => {
    const after = sheetObjects(hub.env, "Applications");
    expect(after).toHaveLength(registerBefore.length);
    const specialist = after.filter((r) => r.Programme === "sec-specialist");
    expect(specialist).toHaveLength(4);
    for (const r of specialist) {
      const before = registerBefore.find((b) => b["Response ID"] === r["Response ID"])!;
      expect(r).toMatchObject({
        Applicant: "",
        Email: "",
        Answers: "",
        "Answers hash": "purged",
        Verdict: before.Verdict,
        Score: before.Score,
        Programme: "sec-specialist",
        "School URN": before["School URN"],
        School: before.School,
        "Local authority": before["Local authority"],
        "Academic year": before["Academic year"],
        "Hub notes": "",
      });
      expect(String(r.Reasons)).toBe(
        String(before.Reasons)
          .split("\n")
          .filter(Boolean)
          .map((l) => l.split(":")[0])
          .join("\n"),
      );
      // Submitted keeps its month only: 00:00 on the 1st, London time.
      expect((r.Submitted as Date).toISOString()).toBe("2024-03-01T00:00:00.000Z");
    }
  });

  it("empties the response sheet rows but keeps each row and its timestamp", () => {
    const rows = sheetValues(hub.env, "Responses: sec-specialist");
    expect(rows).toHaveLength(responseRowsBefore);
    for (const row of rows.slice(1)) {
      expect(row[0]).toBeInstanceOf(Date);
      expect(row.slice(1).every((v) => v === "")).toBe(true);
    }
  });

  it("keeps the applicant who still has a kept application, where that application is", () => {
    const kept = sheetObjects(hub.env, "Applications").filter((r) => r.Programme === "pd-lead");
    expect(kept.map((r) => r.Email)).toEqual([person(REPEAT).email]);
    expect(sheetObjects(hub.env, "Responses: pd-lead")).toHaveLength(1);
    expect(formsJson(hub)).toContain(person(REPEAT).email);
  });

  it("audits the run once and tells the hub lead once", () => {
    const audit = sheetObjects(hub.env, "Audit").filter((a) =>
      String(a.Action).startsWith("Personal data deleted"),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      Actor: "add-on (retention)",
      Action: "Personal data deleted after 24 months' retention",
    });
    expect(String(audit[0]!.After)).toMatch(
      /^4 applications \(Secondary Mastery Specialist, 2023\/24: 4\); 4 response rows emptied, 4 form responses deleted/,
    );
    const told = hub.env.outbox.filter((m) => /^Personal data deleted/.test(m.subject));
    expect(told.map((m) => [m.to, m.subject])).toEqual([
      [HUB_LEAD, "Personal data deleted: 4 applications past the retention period"],
    ]);
    expect(told[0]!.body).toContain("- Secondary Mastery Specialist, 2023/24: 4");
  });

  it("does nothing more on later runs, and Process all does not bring the data back", () => {
    const mailBefore = hub.env.outbox.length;
    for (const hours of [1, 2, 25]) {
      const run = runAt(hub, new Date(RETENTION_ENDS.getTime() + hours * 3_600_000));
      expect(run.error).toBeUndefined();
    }
    const process = hub.env.run<{ added: number; updated: number }>("menuProcessAll");
    expect(process.value).toMatchObject({ added: 0, updated: 0 });
    expect(hub.env.outbox).toHaveLength(mailBefore);
    for (const i of PURGED) expect(mentions(hub, personalStrings(i))).toEqual([]);
  });
});

describe("a purge killed half-way", () => {
  it("finishes in the next run: no personal data left, one audit row, one email", async () => {
    const hub = await pastSeason();
    hub.env.rt.setNow(new Date(RETENTION_ENDS.getTime() + 10 * 60_000));
    // Killed after the first of the Form's responses is deleted.
    hub.env.addFault({
      method: "Form.deleteResponse",
      nth: 2,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    const killed = hub.env.run("runScheduledJobs", [], { kind: "time-trigger" });
    hub.env.rt.clearFaults();
    expect(killed.record.outcome).toBe("killed");
    // The register still says what is left to do.
    expect(sheetObjects(hub.env, "Applications").filter((r) => r.Email !== "")).toHaveLength(5);

    const next = runAt(hub, new Date(RETENTION_ENDS.getTime() + 70 * 60_000));
    expect(next.error).toBeUndefined();
    expect(next.value!.jobs).toEqual([
      expect.objectContaining({ id: "purge:2026-09-16", outcome: "done" }),
    ]);
    for (const i of PURGED) expect(mentions(hub, personalStrings(i))).toEqual([]);
    for (const i of PURGED) expect(formsJson(hub)).not.toContain(person(i).email);
    expect(
      sheetObjects(hub.env, "Audit").filter((a) => String(a.Action).startsWith("Personal data")),
    ).toHaveLength(1);
    expect(hub.env.outbox.filter((m) => /^Personal data deleted/.test(m.subject))).toHaveLength(1);
  });
});

describe("Delete data past retention… (menu)", () => {
  it("previews without changing anything, then deletes when the hub lead says yes", async () => {
    const hub = await pastSeason();
    hub.env.rt.setNow(new Date(RETENTION_ENDS.getTime() + 5 * 3_600_000));
    const before = JSON.stringify(sheetObjects(hub.env, "Applications"));
    const preview = hub.env.run<{ applications: number; dryRun: boolean }>("menuPurge", [
      { dryRun: true },
    ]);
    expect(preview.error).toBeUndefined();
    expect(preview.value).toMatchObject({ applications: 4, dryRun: true });
    expect(JSON.stringify(sheetObjects(hub.env, "Applications"))).toBe(before);

    hub.env.ui._setResponder(() => "NO");
    const declined = hub.env.run("menuPurge");
    expect(declined.value).toEqual({ cancelled: true });
    expect(JSON.stringify(sheetObjects(hub.env, "Applications"))).toBe(before);

    hub.env.ui._setResponder(() => "YES");
    const done = hub.env.run<{ applications: number }>("menuPurge");
    expect(done.error).toBeUndefined();
    expect(done.value).toMatchObject({ applications: 4 });
    for (const i of PURGED) expect(mentions(hub, personalStrings(i))).toEqual([]);
    // The hourly run that follows finds nothing left.
    const run = runAt(hub, new Date(RETENTION_ENDS.getTime() + 6 * 3_600_000));
    expect(run.error).toBeUndefined();
    expect(hub.env.outbox.filter((m) => /^Personal data deleted/.test(m.subject))).toHaveLength(1);
  });
});

describe("the retention purge and the endorsers' answers", () => {
  const SUPPORT = "Do you support this application?";
  const YES = "Yes, I support this application";
  const NO = "No, I do not support this application";
  const ROLE = "Your role";
  const COMMENTS = "Anything you would like to tell us";
  /** What identifies the endorsers of applications 1 and 2 (purged), and of one kept application. */
  const GONE = [
    "Morgan Whitfield",
    "Executive head of the federation",
    "morgan.whitfield@example.net",
    "Jordan Ashby",
    "Acting deputy head",
    "Not this year, with regret",
  ];
  const KEPT = ["Robin Keepwell", "Head of school", "Kept comment about the pair"];

  function registerRow(hub: ScheduledHub, where: (r: Record<string, unknown>) => boolean) {
    const found = sheetObjects(hub.env, "Applications").find(where);
    if (!found) throw new Error("No such register row");
    return found;
  }

  /** The endorser answers through the Endorsement Form (the submit trigger applies it). */
  function endorse(
    hub: ScheduledHub,
    app: Record<string, unknown>,
    answers: Record<string, string>,
    at: Date,
  ) {
    const { runs } = hub.env.submit(
      endorsementFormId(hub.env),
      {
        "Application reference": String(app["Response ID"]),
        "School URN": String(app["School URN"]),
        School: String(app.School),
        ...answers,
      },
      { at },
    );
    expect(failures(runs)).toEqual([]);
  }

  /** pastSeason, with applications 1 and 2 endorsed (one with an address in the comments), and a
   * school pair of a programme kept for longer endorsed too. */
  async function endorsedSeason(): Promise<{ hub: ScheduledHub; purged: string[]; kept: string }> {
    const hub = await pastSeason();
    setProgramme(hub.env, "sec-development", {
      "Academic year": "'2025/26",
      "Cohort starts": new Date("2026-01-05T00:00:00Z"),
    });
    const school = hub.secondary[7]!;
    const { runs } = hub.env.submit(
      hub.formId("sec-development"),
      formAnswers("sec-development", school, {}, { first: "Kim", last: "Keeper" }),
      { at: new Date("2024-04-03T09:00:00Z") },
    );
    expect(failures(runs)).toEqual([]);
    const app = (i: number) => registerRow(hub, (r) => r.Email === person(i).email);
    const kept = registerRow(hub, (r) => r.Programme === "sec-development");
    endorse(
      hub,
      app(1),
      {
        [SUPPORT]: YES,
        "Your name": "Morgan Whitfield",
        [ROLE]: GONE[1]!,
        [COMMENTS]: `Strongly supported; any questions to ${GONE[2]}`,
      },
      new Date("2024-04-03T10:00:00Z"),
    );
    endorse(
      hub,
      app(2),
      { [SUPPORT]: NO, "Your name": "Jordan Ashby", [ROLE]: GONE[4]!, [COMMENTS]: GONE[5]! },
      new Date("2024-04-03T11:00:00Z"),
    );
    endorse(
      hub,
      kept,
      { [SUPPORT]: YES, "Your name": KEPT[0]!, [ROLE]: KEPT[1]!, [COMMENTS]: KEPT[2]! },
      new Date("2024-04-03T12:00:00Z"),
    );
    expect(failures(hub.env.advanceTo(new Date("2024-04-03T14:00:00Z")))).toEqual([]);
    return {
      hub,
      purged: [String(app(1)["Response ID"]), String(app(2)["Response ID"])],
      kept: String(kept["Response ID"]),
    };
  }

  /** Everything the purge could touch, to compare one run with the next. */
  function snapshot(hub: ScheduledHub): string {
    return JSON.stringify([allCells(hub), formsJson(hub)]);
  }

  let hub: ScheduledHub;
  let purged: string[];
  let kept: string;
  let answersBefore: Array<Record<string, unknown>>;
  let ledgerBefore: Array<Record<string, unknown>>;

  beforeAll(async () => {
    ({ hub, purged, kept } = await endorsedSeason());
    answersBefore = sheetObjects(hub.env, "Responses: endorsement");
    ledgerBefore = sheetObjects(hub.env, "Endorsements");
  });

  it("keeps every endorser's name, role and comments until retention ends", () => {
    expect(answersBefore.map((a) => a["Application reference"])).toEqual([...purged, kept]);
    expect(ledgerBefore.map((l) => [l.Reference, l.Answer, l.Outcome])).toEqual([
      [purged[0], "Confirmed", "Applied"],
      [purged[1], "Declined", "Applied"],
      [kept, "Confirmed", "Applied"],
    ]);
    const run = runAt(hub, new Date(RETENTION_ENDS.getTime() - 3_600_000));
    expect(run.error).toBeUndefined();
    expect(sheetObjects(hub.env, "Responses: endorsement")).toEqual(answersBefore);
    expect(sheetObjects(hub.env, "Endorsements")).toEqual(ledgerBefore);
    for (const s of [...GONE, ...KEPT]) expect(mentions(hub, [s])).not.toEqual([]);
    const forms = formsJson(hub);
    for (const s of [...GONE, ...KEPT]) expect(forms).toContain(s);
  });

  it("deletes the endorsers' details of purged applications, keeping time, reference, school and decision", () => {
    const run = runAt(hub, new Date(RETENTION_ENDS.getTime() + 20 * 60_000));
    expect(run.error).toBeUndefined();
    const answers = sheetObjects(hub.env, "Responses: endorsement");
    expect(answers).toHaveLength(answersBefore.length);
    answers.forEach((a, i) => {
      const before = answersBefore[i]!;
      const mine = purged.includes(String(before["Application reference"]));
      expect(a).toEqual(mine ? { ...before, "Your name": "", [ROLE]: "", [COMMENTS]: "" } : before);
    });
    expect(answers[0]!.Timestamp).toBeInstanceOf(Date);
    expect(answers.map((a) => a[SUPPORT])).toEqual([YES, NO, YES]);
    const ledger = sheetObjects(hub.env, "Endorsements");
    ledger.forEach((l, i) => {
      const before = ledgerBefore[i]!;
      const mine = purged.includes(String(before.Reference));
      expect(l).toEqual(mine ? { ...before, Endorser: "", Role: "" } : before);
    });
    // Nowhere else either (the Audit named the endorser as who applied the answer).
    for (const s of GONE) expect(mentions(hub, [s])).toEqual([]);
    const forms = formsJson(hub);
    for (const s of GONE) expect(forms).not.toContain(s);
    // The kept application's endorser is untouched, in the sheets and in the Form.
    for (const s of KEPT) expect(mentions(hub, [s])).not.toEqual([]);
    for (const s of KEPT) expect(forms).toContain(s);
    const audit = sheetObjects(hub.env, "Audit").find((a) =>
      String(a.Action).startsWith("Personal data deleted"),
    );
    expect(String(audit?.After)).toMatch(
      /4 response rows emptied, 6 form responses deleted, .*4 endorsement rows emptied of the endorser's details/,
    );
  });

  it("does nothing more when run again", () => {
    const before = snapshot(hub);
    for (const hours of [1, 2, 25]) {
      const run = runAt(hub, new Date(RETENTION_ENDS.getTime() + hours * 3_600_000));
      expect(run.error).toBeUndefined();
    }
    hub.env.ui._setResponder(() => "YES");
    const again = hub.env.run<{ applications: number; endorserRows: number }>("menuPurge");
    expect(again.error).toBeUndefined();
    expect(again.value).toMatchObject({ applications: 0 });
    // The hourly runs and the menu write to the Log; nothing else changes.
    const withoutLog = (s: string) =>
      JSON.stringify(
        (JSON.parse(s) as [Array<{ where: string }>, string])[0].filter(
          (c) => !c.where.startsWith("Log!"),
        ),
      );
    const after = snapshot(hub);
    expect(withoutLog(after)).toBe(withoutLog(before));
    expect(JSON.parse(after)[1]).toBe(JSON.parse(before)[1]);
    expect(
      sheetObjects(hub.env, "Audit").filter((a) => String(a.Action).startsWith("Personal data")),
    ).toHaveLength(1);
  });

  it("killed while deleting the Endorsement Form's copies, finishes next run with no endorser's name left", async () => {
    const fresh = await endorsedSeason();
    fresh.hub.env.rt.setNow(new Date(RETENTION_ENDS.getTime() + 10 * 60_000));
    // After the application forms' four deletions and the Endorsement Form's first.
    fresh.hub.env.addFault({
      method: "Form.deleteResponse",
      nth: 6,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    const killed = fresh.hub.env.run("runScheduledJobs", [], { kind: "time-trigger" });
    fresh.hub.env.rt.clearFaults();
    expect(killed.record.outcome).toBe("killed");
    // Nothing was written yet: the endorsers' answers still say who they are.
    expect(mentions(fresh.hub, ["Morgan Whitfield"])).not.toEqual([]);
    expect(formsJson(fresh.hub)).not.toContain("Morgan Whitfield");
    expect(formsJson(fresh.hub)).toContain("Jordan Ashby");
    const next = runAt(fresh.hub, new Date(RETENTION_ENDS.getTime() + 70 * 60_000));
    expect(next.error).toBeUndefined();
    for (const s of GONE) expect(mentions(fresh.hub, [s])).toEqual([]);
    for (const s of GONE) expect(formsJson(fresh.hub)).not.toContain(s);
    for (const s of KEPT) expect(formsJson(fresh.hub)).toContain(s);
    expect(
      sheetObjects(fresh.hub.env, "Audit").filter((a) =>
        String(a.Action).startsWith("Personal data"),
      ),
    ).toHaveLength(1);
  });
});

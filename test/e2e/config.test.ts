// Config validation end to end, through the compiled bundle: a hub whose config sheets hold ten
// deliberate mistakes gets ten precise messages (sheet!cell, what is wrong, what to write) from
// "Process all responses" and "Set up this hub", and nothing else happens: no register rows, no
// emails, no forms or triggers touched. Responses submitted meanwhile wait in their response
// sheet and are processed once the mistakes are fixed.
import {
  appendSheetRows,
  setProgramme,
  setSetting,
  sheetObjects,
  sheetValues,
} from "../../emulator/runner/admin";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import type { School } from "../../src/domain/types";
import { answersFor, setUpHub, type HubFixture } from "./fixture";

const LEAD = "jo.lead@example.org";

/** The ten mistakes' messages, in the order they are reported: by sheet, then row, then column. */
const TEN_PROBLEMS = [
  'Programmes!E2: closing time "2024-03-29 17.00" is not a date and time ("17.00" is not a time); write 2024-03-29 17:00',
  'Programmes!A3: key "sec-specialst" is not a programme key; write sec-specialist',
  'Programmes!F4: places "three" is not a whole number of places; write 3, or leave it blank for no limit',
  'Programmes!C7: academic year "2024-2025x" is not an academic year; write 2024/25',
  "Programmes!E8: closing time 2024-02-01 17:00 is not after the opening time 2024-03-01 09:00; write a closing time after 2024-03-01 09:00",
  "Programmes!A18: pd-lead is listed twice (first on row 16); delete this row, or change its key",
  'Leads!B2: lead\'s email "jo.lead.example.org" is not an email address (it has no @); write one address such as name@example.org',
  'Leads!C2: programme "sktm-tas" is not a programme key; write sktm-ta in its place',
  "Groups!D2: capacity is empty; write how many schools the group takes",
  'Settings!B9: Data retention months "two years" is not a whole number of months; write 24',
];
const CONFIG_ERROR = [
  "The hub's configuration has 10 problems; nothing was changed.",
  ...TEN_PROBLEMS,
].join("\n");

function application(school: School, first: string, last: string) {
  const email = `${first}.${last}@example.org`.toLowerCase();
  return specialistAnswers(school, { email, firstName: first, lastName: last });
}

function storedProperties(hub: HubFixture) {
  const { script, documents, users } = hub.env.properties._snapshot();
  return { script, documents, users };
}

/** Everything "no side effects" covers: every sheet but the Log, emails, forms, triggers, properties. */
function snapshot(hub: HubFixture) {
  const names = hub.env.rt.uncharged(() => hub.env.spreadsheet.getSheets().map((s) => s.getName()));
  return {
    sheets: JSON.stringify(
      names.filter((n) => n !== "Log").map((n) => [n, sheetValues(hub.env, n)]),
    ),
    applications: JSON.stringify(sheetObjects(hub.env, "Applications")),
    mailQueue: JSON.stringify(sheetObjects(hub.env, "Mail queue")),
    outbox: JSON.stringify(hub.env.outbox),
    formCount: hub.env.forms._all().length,
    forms: JSON.stringify(hub.env.forms.toSnapshot()),
    triggerCount: hub.env.script._triggers().length,
    triggers: JSON.stringify(hub.env.script.toSnapshot()),
    // What is stored; not the read counter ("quota"), which every read moves.
    properties: JSON.stringify(storedProperties(hub)),
  };
}

/** Applicants in the register, by email, in register order. */
function registerEmails(hub: HubFixture): string[] {
  return sheetObjects(hub.env, "Applications").map((r) => String(r.Email));
}

const BEFORE = ["sam.before0@example.org", "sam.before1@example.org"];
const HELD = ["alex.after2@example.org", "alex.after3@example.org"];

describe("a config with ten mistakes, through the compiled bundle", () => {
  let hub: HubFixture;
  let schools: School[];
  let before: ReturnType<typeof snapshot>;
  let submitErrors: string[];
  let processAll: { value: unknown; error?: Error };
  let setUp: { value: unknown; error?: Error };
  let logBefore: number;
  let alertsBefore: number;
  const timings: Record<string, number> = {};

  beforeAll(async () => {
    let t = Date.now();
    hub = await setUpHub();
    timings.setUpHub = Date.now() - t;
    schools = hub.schools
      .filter(
        (s) =>
          (s.la === "Hertfordshire" || s.la === "Essex") &&
          s.phase === "Secondary" &&
          s.typeGroup === "Academies" &&
          s.status === "Open",
      )
      .slice(0, 5);
    expect(schools).toHaveLength(5);
    const env = hub.env;
    // A working config: the Secondary Specialist closes at 5pm on 29 March; one lead, one group.
    setProgramme(env, "sec-specialist", { Closes: "2024-03-29 17:00" });
    appendSheetRows(env, "Leads", [
      [
        "Jo Lead",
        LEAD,
        "sktm-ta, sec-specialist",
        "Hertfordshire; Essex",
        20,
        schools[4]!.urn,
        "Yes",
      ],
    ]);
    appendSheetRows(env, "Groups", [
      ["DEV-HERTS-1", "sec-development", LEAD, 6, "Stevenage", "Hertfordshire"],
    ]);

    // Two responses while the config is sound: processed at once.
    t = Date.now();
    for (const i of [0, 1]) {
      const { runs } = env.submit(
        hub.formId("sec-specialist"),
        application(schools[i]!, "Sam", `Before${i}`),
        { at: new Date(`2024-02-0${i + 1}T10:00:00Z`) },
      );
      expect(runs.map((r) => r.error)).toEqual([undefined]);
    }
    timings.submitTwoGood = Date.now() - t;
    expect(registerEmails(hub)).toEqual(BEFORE);
    expect(env.outbox).toHaveLength(2);

    // Ten mistakes, as a hub lead might type them.
    setProgramme(env, "sec-specialist", { Closes: "2024-03-29 17.00" }); // E2
    setProgramme(env, "pri-specialist", { Key: "sec-specialst" }); // A3
    setProgramme(env, "sec-development", { Places: "three" }); // F4
    setProgramme(env, "subject-leaders", { "Academic year": "2024-2025x" }); // C7
    setProgramme(env, "mat-leaders", { Opens: "2024-03-01 09:00", Closes: "2024-02-01 17:00" }); // E8
    appendSheetRows(env, "Programmes", [sheetValues(env, "Programmes")[15]!]); // pd-lead again: A18
    const leadsRow2 = sheetValues(env, "Leads")[1]!;
    expect(leadsRow2[0]).toBe("Jo Lead");
    env.rt.uncharged(() => {
      const leads = env.spreadsheet.getSheetByName("Leads")!;
      leads.getRange("B2").setValue("jo.lead.example.org");
      leads.getRange("C2").setValue("sktm-tas, sec-specialist");
      env.spreadsheet.getSheetByName("Groups")!.getRange("D2").setValue("");
    });
    setSetting(env, "Data retention months", "two years"); // B9

    // Two responses after the break: the submit trigger refuses to run, the answers stay put.
    t = Date.now();
    submitErrors = [];
    for (const i of [2, 3]) {
      const { runs } = env.submit(
        hub.formId("sec-specialist"),
        application(schools[i]!, "Alex", `After${i}`),
        { at: new Date(`2024-02-1${i}T10:00:00Z`) },
      );
      expect(runs).toHaveLength(1);
      submitErrors.push(`${runs[0]!.error?.name}: ${runs[0]!.error?.message}`);
    }
    timings.submitTwoHeld = Date.now() - t;

    before = snapshot(hub);
    logBefore = sheetObjects(env, "Log").length;
    alertsBefore = env.ui._shown().length;
    t = Date.now();
    processAll = env.run("menuProcessAll");
    timings.processAllBroken = Date.now() - t;
    t = Date.now();
    setUp = env.run("menuSetUpHub");
    timings.setUpBroken = Date.now() - t;
  });

  afterAll(() => {
    console.log(`config e2e timings (ms): ${JSON.stringify(timings)}`);
  });

  it("Process all responses lists exactly the ten problems, each with its cell and fix", () => {
    expect(processAll.error).toBeUndefined();
    expect(processAll.value).toEqual({ problems: TEN_PROBLEMS });
  });

  it("Set up this hub lists the same ten problems and creates and binds nothing", () => {
    expect(setUp.error).toBeUndefined();
    expect(setUp.value).toEqual({
      ok: false,
      sheetsCreated: [],
      columnsAdded: [],
      formsCreated: [],
      formsBound: [],
      unpublished: [],
      triggersCreated: [],
      endorsementForm: "",
      problems: TEN_PROBLEMS,
    });
  });

  it("shows the hub lead the ten problems in an alert each time", () => {
    const alerts = hub.env.ui._shown().slice(alertsBefore);
    expect(alerts.map((a) => [a.kind, a.title])).toEqual([
      ["alert", "Please fix the configuration first"],
      ["alert", "Please fix the configuration first"],
    ]);
    const prompts = alerts.map((a) => (a.kind === "alert" ? a.prompt : ""));
    expect(prompts[0]).toBe(CONFIG_ERROR);
    expect(prompts[1]).toBe(
      [
        "Sheets created: none.",
        "Forms created: 0; forms bound: 0.",
        "Triggers created: none (already installed).",
        "",
        "Please fix:",
        ...TEN_PROBLEMS,
      ].join("\n"),
    );
  });

  it("has no side effects: register, mail queue, outbox, forms, triggers and properties unchanged", () => {
    const after = snapshot(hub);
    // The snapshot is real: two register rows, their queued-and-sent acknowledgements and
    // queued endorsement requests, sixteen programme forms and the Endorsement Form.
    expect(JSON.parse(before.applications)).toHaveLength(2);
    expect(JSON.parse(before.mailQueue)).toHaveLength(4);
    expect((JSON.parse(before.forms) as { forms: unknown[] }).forms).toHaveLength(17);
    expect(after.applications).toBe(before.applications);
    expect(after.mailQueue).toBe(before.mailQueue);
    expect(after.outbox).toBe(before.outbox);
    expect(after.formCount).toBe(17);
    expect(after.forms).toBe(before.forms);
    expect(after.triggerCount).toBe(2);
    expect(after.triggers).toBe(before.triggers);
    expect(after.properties).toBe(before.properties);
    // And every other sheet, config included, cell for cell.
    expect(after.sheets).toBe(before.sheets);
    expect(registerEmails(hub)).toEqual(BEFORE);
    expect(hub.env.outbox).toHaveLength(2);
    // The only trace is Set up's own line in the Log, naming the same problems.
    const log = sheetObjects(hub.env, "Log").slice(logBefore);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      Level: "ERROR",
      Job: "setup",
      Message: `Set up stopped before creating forms: ${TEN_PROBLEMS.join(" | ")}`,
    });
  });

  it("refused the submit trigger while broken, but kept both responses in the response sheet", () => {
    expect(submitErrors).toEqual([CONFIG_ERROR, CONFIG_ERROR].map((m) => `ConfigError: ${m}`));
    const responses = sheetObjects(hub.env, "Responses: sec-specialist");
    const emailTitle = answersFor("sec-specialist", { email: "x" });
    const [emailColumn] = Object.keys(emailTitle);
    expect(responses.map((r) => r[emailColumn!])).toEqual([...BEFORE, ...HELD]);
    expect(registerEmails(hub)).toEqual(BEFORE);
  });

  it("the hourly sweep also refuses while broken, logs why, emails the problems once a day, and changes nothing else", () => {
    const logLength = sheetObjects(hub.env, "Log").length;
    const beforeSweep = snapshot(hub);
    const sent = hub.env.outbox.length;
    // Just over an hour: the hourly trigger falls due once.
    const runs = hub.env.advanceTo(new Date(hub.env.rt.nowMillis() + 61 * 60 * 1000));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs)
      expect(`${run.error?.name}: ${run.error?.message}`).toBe(`ConfigError: ${CONFIG_ERROR}`);
    const after = snapshot(hub);
    expect(after.sheets).toBe(beforeSweep.sheets);
    expect(after.forms).toBe(beforeSweep.forms);
    // The only things that change: the email to the owner of the hub's triggers, and its mark.
    const alerts = hub.env.outbox.slice(sent);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.subject).toBe(
      "Maths Hub Recruitment is paused: 10 problems in the configuration",
    );
    for (const line of CONFIG_ERROR.split("\n").slice(1))
      expect(alerts[0]!.body).toContain(`- ${line}`);
    const { documents, ...rest } = storedProperties(hub);
    const { documents: documentsBefore, ...restBefore } = JSON.parse(
      beforeSweep.properties,
    ) as ReturnType<typeof storedProperties>;
    expect(rest).toEqual(restBefore);
    const withoutMark = (d: unknown) =>
      JSON.stringify(d, (k, v: unknown) => (k === "config.alerted" ? undefined : v));
    expect(withoutMark(documents)).toBe(withoutMark(documentsBefore));
    // Later the same day: still broken, still logged, but no second email.
    hub.env.advanceTo(new Date(hub.env.rt.nowMillis() + 2 * 61 * 60 * 1000));
    expect(hub.env.outbox.slice(sent)).toHaveLength(1);
    const log = sheetObjects(hub.env, "Log").slice(logLength);
    expect(log.map((l) => [l.Level, l.Job, l.Message])).toEqual(
      log.map(() => ["ERROR", "hourly", CONFIG_ERROR]),
    );
    expect(log.length).toBeGreaterThanOrEqual(runs.length + 2);
  });

  it("once the ten are fixed, Process all takes in the held responses and none is lost", () => {
    const env = hub.env;
    // Each fix is what its message said to write (or, where it asked for a choice, a sensible one).
    setProgramme(env, "sec-specialist", { Closes: "2024-03-29 17:00" });
    setProgramme(env, "sec-specialst", { Key: "pri-specialist" });
    setProgramme(env, "sec-development", { Places: 3 });
    setProgramme(env, "subject-leaders", { "Academic year": "'2024/25" });
    setProgramme(env, "mat-leaders", { Closes: "2024-03-31 17:00" });
    env.rt.uncharged(() => {
      env.spreadsheet.getSheetByName("Programmes")!.deleteRow(18);
      const leads = env.spreadsheet.getSheetByName("Leads")!;
      leads.getRange("B2").setValue(LEAD);
      leads.getRange("C2").setValue("sktm-ta, sec-specialist");
      env.spreadsheet.getSheetByName("Groups")!.getRange("D2").setValue(6);
    });
    setSetting(env, "Data retention months", 24);

    const t = Date.now();
    const run = env.run<{ added: number; updated: number; unchanged: number }>("menuProcessAll");
    timings.processAllFixed = Date.now() - t;
    expect(run.error).toBeUndefined();
    expect(run.value).toMatchObject({ added: 2, updated: 0 });
    const rows = sheetObjects(env, "Applications");
    expect(new Set(rows.map((r) => r["Response ID"])).size).toBe(4);
    expect(rows.map((r) => [r.Email, r.Programme, r.Verdict])).toEqual([
      ["sam.before0@example.org", "sec-specialist", "ELIGIBLE"],
      ["sam.before1@example.org", "sec-specialist", "ELIGIBLE"],
      ["alex.after2@example.org", "sec-specialist", "ELIGIBLE"],
      ["alex.after3@example.org", "sec-specialist", "ELIGIBLE"],
    ]);
    // The held applicants get their acknowledgements now, once each.
    expect(
      env.outbox
        .filter((m) => !m.subject.startsWith("Maths Hub Recruitment is paused"))
        .map((m) => m.to),
    ).toEqual([...BEFORE, ...HELD]);
    expect(env.ui._shown().at(-1)).toMatchObject({ title: "Responses processed" });

    // Set up now runs clean and, the forms being bound already, creates nothing new.
    const again = env.run<{ ok: boolean; problems: string[]; formsCreated: string[] }>(
      "menuSetUpHub",
    );
    expect(again.value).toMatchObject({ ok: true, problems: [], formsCreated: [] });
    expect(env.forms._all()).toHaveLength(17);
    expect(env.script._triggers()).toHaveLength(2);
  });
});

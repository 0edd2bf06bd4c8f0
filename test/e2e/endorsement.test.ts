// Head teacher endorsement through the compiled bundle (DESIGN.md, "Endorsement"): the request to
// the named endorser (once per application, once per school pair, under duplicate trigger fires),
// the Endorsement Form whose pre-filled link carries the reference and school, confirming,
// declining (INELIGIBLE, and a kind email), references that do not exist or name another school,
// an endorser who is the applicant, reminders across the October clock change, the leads' digest,
// and the allocation's refusal of an unconfirmed application without a written waiver.
import { appendSheetRows, setSetting, sheetObjects } from "../../emulator/runner/admin";
import { endorsementFormId, prefilledAnswers } from "../../emulator/runner/endorsement";
import type { RunResult } from "../../emulator/runner/environment";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import type { School } from "../../src/domain/types";
import type { AllocationPreview } from "../../src/ui/allocation-bridge";
import { setUpHub, type HubFixture } from "./fixture";
import { copyOf, formAnswers, templateOf, type HubTemplate } from "./programme-answers";

const SUPPORT = "Do you support this application?";
const YES = "Yes, I support this application";
const NO = "No, I do not support this application";
const LAUNCH = "Will you attend part of the autumn launch event?";

function applicant(school: School, n: number, overrides = {}) {
  return specialistAnswers(
    school,
    { email: `teacher${n}@example.org`, firstName: `Sam${n}`, lastName: "Teacher" },
    { statement: "Statement.", ...overrides },
  );
}

function errors(runs: RunResult[]): string[] {
  return runs.filter((r) => r.error).map((r) => r.error!.message);
}

function register(hub: HubFixture) {
  return sheetObjects(hub.env, "Applications");
}

function row(hub: HubFixture, responseId: string) {
  const found = register(hub).find((r) => r["Response ID"] === responseId);
  if (!found) throw new Error(`No register row ${responseId}`);
  return found;
}

const requests = (hub: HubFixture) =>
  hub.env.outbox.filter((m) => m.subject.startsWith("Please confirm your support"));
const reminders = (hub: HubFixture) =>
  hub.env.outbox.filter((m) => m.subject.startsWith("Reminder: your support"));
const queued = (hub: HubFixture, kind: string) =>
  sheetObjects(hub.env, "Mail queue").filter((q) => q.Kind === kind);

/** Every link in an email body. */
function links(body: string): string[] {
  return body.match(/https?:\/\/\S+/g) ?? [];
}

/** The endorser opens the link from the email, answers, and submits (nothing typed by hand). */
function endorse(
  hub: HubFixture,
  link: string,
  answers: Record<string, string>,
  at: Date,
  options: { duplicateFires?: number; edit?: Record<string, string> } = {},
) {
  return hub.env.submit(
    endorsementFormId(hub.env),
    { ...prefilledAnswers(hub.env, link), "Your name": "Pat Head", ...answers, ...options.edit },
    { at, duplicateFires: options.duplicateFires },
  );
}

/** Runs the hourly trigger once (just over an hour later). */
function nextHour(hub: HubFixture): RunResult[] {
  return hub.env.advanceTo(new Date(hub.env.rt.nowMillis() + 61 * 60_000));
}

describe("head teacher endorsement", () => {
  let template: HubTemplate;
  let herts: School[];
  beforeAll(async () => {
    const hub = await setUpHub({ now: new Date("2024-02-01T09:30:00Z") });
    template = templateOf(hub);
    herts = hub.schools.filter(
      (s) => s.la === "Hertfordshire" && s.phase === "Secondary" && s.status === "Open",
    );
  });

  let hub: HubFixture;
  beforeEach(() => {
    hub = copyOf(template);
  });

  function apply(school: School, n: number, at: Date, overrides = {}, duplicateFires = 0) {
    const { result, runs } = hub.env.submit(
      hub.formId("sec-specialist"),
      applicant(school, n, overrides),
      { at, duplicateFires },
    );
    expect(errors(runs)).toEqual([]);
    expect(result.responseId).toBeTruthy();
    // The register's reference (new rows are appended).
    return String(register(hub).at(-1)!["Response ID"]);
  }

  it("Set up made one Endorsement Form, its ID in Settings, its responses in a sheet of the hub", () => {
    const id = endorsementFormId(hub.env);
    expect(id).not.toBe("");
    const form = hub.env.rt.uncharged(() => hub.env.forms.openById(id));
    expect(hub.env.rt.uncharged(() => form.isPublished())).toBe(true);
    expect(hub.env.rt.uncharged(() => form.getDestinationId())).toBe(hub.env.spreadsheet.getId());
    expect(hub.env.spreadsheet.getSheetByName("Responses: endorsement")).not.toBeNull();
    // Running Set up again binds it and makes no second one.
    const again = hub.env.run<{ endorsementForm: string; ok: boolean }>("menuSetUpHub");
    expect(again.value).toMatchObject({ ok: true, endorsementForm: "bound" });
    expect(endorsementFormId(hub.env)).toBe(id);
    expect(hub.env.forms._all()).toHaveLength(17);
  });

  it("requests the endorsement once per application under duplicate trigger fires, with the deadline and a pre-filled link that is no action", () => {
    const id = apply(herts[0]!, 1, new Date("2024-02-01T10:00:00Z"), {}, 2);
    expect(row(hub, id).Endorsement).toBe("Requested");
    expect(queued(hub, "endorsement-request")).toHaveLength(1);
    // Queued at intake, sent by the hourly run with the rest of the queue.
    expect(requests(hub)).toHaveLength(0);
    expect(errors(nextHour(hub))).toEqual([]);
    nextHour(hub);
    expect(requests(hub)).toHaveLength(1);
    const mail = requests(hub)[0]!;
    expect(mail.to).toBe("pat.head@example.org");
    expect(mail.subject).toBe(
      "Please confirm your support: Sam1 Teacher, Secondary Mastery Specialist",
    );
    expect(mail.body).toContain("Dear Pat Head,");
    expect(mail.body).toContain("Sam1 Teacher has applied for Secondary Mastery Specialist");
    expect(mail.body).toContain("runs over three years");
    expect(mail.body).toContain("attend part of the autumn launch");
    // Submission + 14 days, London time.
    expect(mail.body).toContain("by 10:00 on Thursday 15 February 2024 (UK time)");
    // The only link is the Form's, pre-filled: the endorser types nothing they could get wrong.
    const found = links(mail.body);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/[^/]+\/viewform\?usp=pp_url&/,
    );
    expect(prefilledAnswers(hub.env, found[0]!)).toEqual({
      "Application reference": id,
      "School URN": herts[0]!.urn,
      School: herts[0]!.name,
    });
    // Fetching the link does nothing: still Requested, no response recorded.
    expect(row(hub, id).Endorsement).toBe("Requested");
    expect(sheetObjects(hub.env, "Responses: endorsement")).toHaveLength(0);
    const audit = sheetObjects(hub.env, "Audit").filter((a) => a["Response ID"] === id);
    expect(audit.map((a) => a.Action)).toEqual(["Endorsement requested"]);
    expect(String(audit[0]!.After)).toContain("pat.head@example.org");
  });

  it("confirms: Endorsement Confirmed, re-scored, audited, and a duplicate fire or the hourly sweep changes nothing", () => {
    const id = apply(herts[1]!, 2, new Date("2024-02-01T10:00:00Z"));
    nextHour(hub);
    const before = row(hub, id);
    const link = links(requests(hub)[0]!.body)[0]!;
    const { runs } = endorse(
      hub,
      link,
      { [SUPPORT]: YES, [LAUNCH]: "Yes" },
      new Date("2024-02-03T09:00:00Z"),
      {
        duplicateFires: 2,
      },
    );
    expect(errors(runs)).toEqual([]);
    expect(runs[0]!.value).toMatchObject({ handled: "endorsement", counts: { applied: 1 } });
    const after = row(hub, id);
    expect(after).toMatchObject({ Endorsement: "Confirmed", Verdict: "ELIGIBLE" });
    // The "complete endorsement" criterion now counts in the score.
    expect(Number(after.Score)).toBeGreaterThan(Number(before.Score));
    const audit = sheetObjects(hub.env, "Audit").filter(
      (a) => a["Response ID"] === id && /^Endorsement confirmed/.test(String(a.Action)),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ Actor: "Pat Head (Endorsement Form)" });
    expect(String(audit[0]!.Before)).toMatch(/^Requested; ELIGIBLE/);
    expect(String(audit[0]!.After)).toMatch(/^Confirmed; ELIGIBLE/);
    const ledger = sheetObjects(hub.env, "Endorsements");
    expect(ledger).toHaveLength(1);
    expect(ledger[0]).toMatchObject({ Reference: id, Answer: "Confirmed", Outcome: "Applied" });
    // Later hourly runs change nothing.
    const auditLength = sheetObjects(hub.env, "Audit").length;
    expect(errors(nextHour(hub))).toEqual([]);
    expect(sheetObjects(hub.env, "Endorsements")).toHaveLength(1);
    expect(sheetObjects(hub.env, "Audit")).toHaveLength(auditLength);
    expect(row(hub, id).Endorsement).toBe("Confirmed");
  });

  it("applies an answer the submit trigger missed with the hourly sweep, once", () => {
    const id = apply(herts[11]!, 11, new Date("2024-02-01T10:00:00Z"));
    nextHour(hub);
    const link = links(requests(hub)[0]!.body)[0]!;
    // Recorded by Forms, but no trigger fires (e.g. the add-on's trigger was being reinstalled).
    hub.env.forms._submit(
      endorsementFormId(hub.env),
      {
        ...prefilledAnswers(hub.env, link),
        "Your name": "Pat Head",
        [SUPPORT]: YES,
        [LAUNCH]: "No",
      },
      { at: new Date("2024-02-01T12:30:00Z") },
    );
    expect(row(hub, id).Endorsement).toBe("Requested");
    // The hourly run's daily full sweep reconciles endorsements with the applications.
    expect(errors(hub.env.advanceTo(new Date("2024-02-02T12:00:00Z")))).toEqual([]);
    expect(row(hub, id).Endorsement).toBe("Confirmed");
    const audit = sheetObjects(hub.env, "Audit").filter(
      (a) => a["Response ID"] === id && /^Endorsement confirmed/.test(String(a.Action)),
    );
    expect(audit).toHaveLength(1);
    // The head said they cannot come to the launch: the lead sees it.
    expect(String(audit[0]!.Flag)).toBe(
      "The head teacher says they cannot attend the autumn launch.",
    );
    // A day later the next full sweep finds it applied already: nothing changes.
    expect(errors(hub.env.advanceTo(new Date("2024-02-03T13:00:00Z")))).toEqual([]);
    expect(sheetObjects(hub.env, "Endorsements")).toHaveLength(1);
    expect(
      sheetObjects(hub.env, "Audit").filter((a) => /^Endorsement confirmed/.test(String(a.Action))),
    ).toHaveLength(1);
  });

  it("applies an answer the submit trigger missed with Process all responses, once, telling a declined applicant at once", () => {
    const id = apply(herts[13]!, 13, new Date("2024-02-01T10:00:00Z"));
    nextHour(hub);
    const link = links(requests(hub)[0]!.body)[0]!;
    // Recorded by Forms, but no trigger fires.
    hub.env.forms._submit(
      endorsementFormId(hub.env),
      { ...prefilledAnswers(hub.env, link), "Your name": "Pat Head", [SUPPORT]: NO },
      { at: new Date("2024-02-01T11:30:00Z") },
    );
    expect(row(hub, id).Endorsement).toBe("Requested");
    const told = () =>
      hub.env.outbox.filter(
        (m) => m.to === "teacher13@example.org" && /^Your application/.test(m.subject),
      );
    const first = hub.env.run<{ endorsements?: object; emailsSent: number }>("menuProcessAll");
    expect(first.error).toBeUndefined();
    expect(first.value).toMatchObject({
      endorsements: { applied: 1, unchanged: 0, refused: 0 },
      emailsSent: 1,
    });
    expect(row(hub, id)).toMatchObject({ Endorsement: "Declined", Verdict: "INELIGIBLE" });
    expect(told()).toHaveLength(1);
    expect(sheetObjects(hub.env, "Endorsements")).toMatchObject([
      { Reference: id, Answer: "Declined", Outcome: "Applied" },
    ]);
    const audit = () =>
      sheetObjects(hub.env, "Audit").filter(
        (a) => a["Response ID"] === id && /^Endorsement declined/.test(String(a.Action)),
      );
    expect(audit()).toHaveLength(1);
    expect(
      sheetObjects(hub.env, "Log").filter(
        (l) => l.Job === "process-all" && /endorsement answers: 1 applied/.test(String(l.Message)),
      ),
    ).toHaveLength(1);
    // Again, and then the hourly run's full sweep: nothing more.
    const again = hub.env.run("menuProcessAll");
    expect(again.value).toMatchObject({ endorsements: { applied: 0, unchanged: 0, refused: 0 } });
    expect(errors(hub.env.advanceTo(new Date("2024-02-02T12:00:00Z")))).toEqual([]);
    expect(sheetObjects(hub.env, "Endorsements")).toHaveLength(1);
    expect(audit()).toHaveLength(1);
    expect(told()).toHaveLength(1);
    expect(queued(hub, "endorsement-declined")).toHaveLength(1);
  });

  it("declines: INELIGIBLE with NO_HEAD_SUPPORT, re-evaluated and audited, and the applicant told kindly, once", () => {
    const id = apply(herts[2]!, 3, new Date("2024-02-01T10:00:00Z"));
    nextHour(hub);
    const link = links(requests(hub)[0]!.body)[0]!;
    const { runs } = endorse(hub, link, { [SUPPORT]: NO }, new Date("2024-02-03T09:00:00Z"), {
      duplicateFires: 1,
    });
    expect(errors(runs)).toEqual([]);
    const after = row(hub, id);
    expect(after).toMatchObject({ Endorsement: "Declined", Verdict: "INELIGIBLE" });
    expect(String(after.Reasons)).toContain(
      "NO_HEAD_SUPPORT: The head teacher declined to endorse the application.",
    );
    const audit = sheetObjects(hub.env, "Audit").filter(
      (a) => a["Response ID"] === id && /^Endorsement declined/.test(String(a.Action)),
    );
    expect(audit).toHaveLength(1);
    expect(String(audit[0]!.After)).toMatch(/^Declined; INELIGIBLE/);
    // Sent at once by the submission (it is news to the applicant), and only once.
    const told = hub.env.outbox.filter(
      (m) => m.to === "teacher3@example.org" && /^Your application/.test(m.subject),
    );
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain("Dear Sam3,");
    expect(told[0]!.body).toContain("It is not a judgement of you or of your teaching");
    expect(told[0]!.body).toContain(id);
    expect(told[0]!.body).not.toMatch(/INELIGIBLE|NO_HEAD_SUPPORT/);
    nextHour(hub);
    expect(hub.env.outbox.filter((m) => /^Your application/.test(m.subject))).toHaveLength(1);
    // No reminder goes to a head who has answered.
    hub.env.advanceTo(new Date("2024-02-14T12:00:00Z"));
    expect(reminders(hub)).toHaveLength(0);
  });

  it("refuses a reference that does not exist into the Log, and applies nothing", () => {
    const id = apply(herts[3]!, 4, new Date("2024-02-01T10:00:00Z"));
    nextHour(hub);
    const link = links(requests(hub)[0]!.body)[0]!;
    const { runs } = endorse(hub, link, { [SUPPORT]: NO }, new Date("2024-02-03T09:00:00Z"), {
      edit: { "Application reference": "sec-specialist-0000-99" },
    });
    expect(errors(runs)).toEqual([]);
    expect(row(hub, id)).toMatchObject({ Endorsement: "Requested", Verdict: "ELIGIBLE" });
    const log = sheetObjects(hub.env, "Log").filter(
      (l) => l.Level === "WARN" && l.Job === "endorsement",
    );
    expect(log).toHaveLength(1);
    expect(String(log[0]!.Message)).toContain(
      'No application has the reference "sec-specialist-0000-99". The endorsement was not applied.',
    );
    expect(sheetObjects(hub.env, "Endorsements")[0]).toMatchObject({ Outcome: "Refused" });
    // Refused once: the hourly sweep does not refuse (or log) it again.
    nextHour(hub);
    expect(
      sheetObjects(hub.env, "Log").filter((l) => l.Level === "WARN" && l.Job === "endorsement"),
    ).toHaveLength(1);
  });

  it("refuses a reference whose school is not the application's, saying which schools differ", () => {
    const id = apply(herts[4]!, 5, new Date("2024-02-01T10:00:00Z"));
    nextHour(hub);
    const link = links(requests(hub)[0]!.body)[0]!;
    const other = herts[5]!;
    endorse(hub, link, { [SUPPORT]: YES }, new Date("2024-02-03T09:00:00Z"), {
      edit: { "School URN": other.urn, School: other.name },
    });
    expect(row(hub, id).Endorsement).toBe("Requested");
    const log = sheetObjects(hub.env, "Log").filter(
      (l) => l.Level === "WARN" && l.Job === "endorsement",
    );
    expect(log).toHaveLength(1);
    expect(String(log[0]!.Message)).toContain(
      `The response names URN ${other.urn}, ${other.name}, but application ${id} is from URN ${herts[4]!.urn}, ${herts[4]!.name}.`,
    );
  });

  it("flags an endorser who is the applicant (ENDORSER_UNVERIFIED) and sends them no request", () => {
    const id = apply(herts[6]!, 6, new Date("2024-02-01T10:00:00Z"), {
      headEmail: "Teacher6+head@example.org",
    });
    const r = row(hub, id);
    expect(r).toMatchObject({ Verdict: "REVIEW", Endorsement: "Requested" });
    expect(String(r.Reasons)).toContain(
      "ENDORSER_UNVERIFIED: The head teacher's email address (teacher6+head@example.org) is the applicant's own.",
    );
    expect(queued(hub, "endorsement-request")).toHaveLength(0);
    hub.env.advanceTo(new Date("2024-02-01T14:00:00Z"));
    expect(requests(hub)).toHaveLength(0);
    const held = sheetObjects(hub.env, "Audit").filter(
      (a) => a.Action === "Endorsement request held",
    );
    expect(held).toHaveLength(1);
    expect(String(held[0]!.Flag)).toContain("the applicant would be endorsing themselves");
    // A personal (free-mail) address is asked, but the lead sees the flag.
    const id2 = apply(herts[7]!, 7, new Date("2024-02-01T15:00:00Z"), {
      headEmail: "pat.head1970@gmail.com",
    });
    expect(row(hub, id2).Verdict).toBe("REVIEW");
    const asked = sheetObjects(hub.env, "Audit").find(
      (a) => a["Response ID"] === id2 && a.Action === "Endorsement requested",
    );
    expect(String(asked?.Flag)).toMatch(/^Endorser not verified: .*personal address/);
    expect(queued(hub, "endorsement-request").map((q) => q.To)).toEqual(["pat.head1970@gmail.com"]);
  });

  it("asks once per school pair, and one answer covers both advocates", () => {
    const school = herts[8]!;
    const domain = (p: string) =>
      `${p}@${school.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.sch.uk`;
    const first = formAnswers(
      "sec-development",
      school,
      {
        headEmail: domain("head"),
        advocate2Name: "Alex Second",
        advocate2Email: domain("alex.second"),
      },
      { first: "Sam", last: "First" },
    );
    const second = formAnswers(
      "sec-development",
      school,
      {
        email: domain("alex.second"),
        headEmail: domain("head"),
        advocate2Name: "Sam First",
        advocate2Email: domain("sam.first"),
      },
      { first: "Alex", last: "Second" },
    );
    const form = hub.formId("sec-development");
    expect(
      errors(
        hub.env.submit(form, first, { at: new Date("2024-02-01T10:00:00Z"), duplicateFires: 2 })
          .runs,
      ),
    ).toEqual([]);
    expect(
      errors(
        hub.env.submit(form, second, { at: new Date("2024-02-01T10:20:00Z"), duplicateFires: 2 })
          .runs,
      ),
    ).toEqual([]);
    const pair = register(hub).filter((r) => r.Programme === "sec-development");
    expect(pair.map((r) => r.Endorsement)).toEqual(["Requested", "Requested"]);
    expect(queued(hub, "endorsement-request")).toHaveLength(1);
    hub.env.advanceTo(new Date("2024-02-01T13:00:00Z"));
    expect(requests(hub)).toHaveLength(1);
    const mail = requests(hub)[0]!;
    expect(mail.to).toBe(domain("head"));
    expect(mail.body).toContain("Sam First and Alex Second have applied");
    endorse(hub, links(mail.body)[0]!, { [SUPPORT]: YES }, new Date("2024-02-02T09:00:00Z"));
    expect(
      register(hub)
        .filter((r) => r.Programme === "sec-development")
        .map((r) => r.Endorsement),
    ).toEqual(["Confirmed", "Confirmed"]);
    const audited = sheetObjects(hub.env, "Audit").filter((a) =>
      /^Endorsement confirmed/.test(String(a.Action)),
    );
    expect(audited.map((a) => a["Response ID"]).sort()).toEqual(
      pair.map((r) => r["Response ID"]).sort(),
    );
  });

  it("gives a second advocate who applies after the head confirmed that answer, audited, with no new request", () => {
    const school = herts[12]!;
    const at = (p: string) =>
      `${p}@${school.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.sch.uk`;
    const form = hub.formId("sec-development");
    const first = formAnswers(
      "sec-development",
      school,
      { headEmail: at("head") },
      { first: "Sam", last: "First" },
    );
    hub.env.submit(form, first, { at: new Date("2024-02-01T10:00:00Z") });
    hub.env.advanceTo(new Date("2024-02-01T12:00:00Z"));
    endorse(
      hub,
      links(requests(hub)[0]!.body)[0]!,
      { [SUPPORT]: YES },
      new Date("2024-02-02T09:00:00Z"),
    );
    const second = formAnswers(
      "sec-development",
      school,
      { email: at("alex.second"), headEmail: at("head"), advocate2Email: at("sam.first") },
      { first: "Alex", last: "Second" },
    );
    hub.env.submit(form, second, { at: new Date("2024-02-03T10:00:00Z") });
    const rows = register(hub).filter((r) => r.Programme === "sec-development");
    expect(rows.map((r) => r.Endorsement)).toEqual(["Confirmed", "Confirmed"]);
    expect(
      sheetObjects(hub.env, "Audit").find((a) => a["Response ID"] === rows[1]!["Response ID"]),
    ).toMatchObject({
      Action: "Endorsement confirmed: shared with the school's other advocate",
      After: "Confirmed",
    });
    hub.env.advanceTo(new Date("2024-02-03T12:00:00Z"));
    expect(requests(hub)).toHaveLength(1);
  });

  it("tells a second advocate who applies after the head declined as kindly as the first, once", () => {
    const school = herts[14]!;
    const at = (p: string) =>
      `${p}@${school.name.toLowerCase().replace(/[^a-z0-9]+/g, "-")}.sch.uk`;
    const form = hub.formId("sec-development");
    hub.env.submit(
      form,
      formAnswers(
        "sec-development",
        school,
        { email: at("sam.first"), headEmail: at("head") },
        { first: "Sam", last: "First" },
      ),
      { at: new Date("2024-02-01T10:00:00Z") },
    );
    hub.env.advanceTo(new Date("2024-02-01T12:00:00Z"));
    endorse(
      hub,
      links(requests(hub)[0]!.body)[0]!,
      { [SUPPORT]: NO },
      new Date("2024-02-02T09:00:00Z"),
    );
    const second = formAnswers(
      "sec-development",
      school,
      { email: at("alex.second"), headEmail: at("head"), advocate2Email: at("sam.first") },
      { first: "Alex", last: "Second" },
    );
    const { runs } = hub.env.submit(form, second, {
      at: new Date("2024-02-03T10:00:00Z"),
      duplicateFires: 2,
    });
    expect(errors(runs)).toEqual([]);
    const rows = register(hub).filter((r) => r.Programme === "sec-development");
    expect(rows.map((r) => [r.Endorsement, r.Verdict])).toEqual([
      ["Declined", "INELIGIBLE"],
      ["Declined", "INELIGIBLE"],
    ]);
    const id2 = String(rows[1]!["Response ID"]);
    const told = (to: string) =>
      hub.env.outbox.filter((m) => m.to === to && /^Your application/.test(m.subject));
    expect(told(at("sam.first"))).toHaveLength(1);
    // Sent with the submission's own run, as the first advocate's was with the head's answer.
    expect(told(at("alex.second"))).toHaveLength(1);
    const mail = told(at("alex.second"))[0]!;
    expect(mail.subject).toBe(told(at("sam.first"))[0]!.subject);
    expect(mail.body).toContain("Dear Alex,");
    expect(mail.body).toContain("It is not a judgement of you or of your teaching");
    expect(mail.body).toContain(`Your reference is ${id2}.`);
    expect(mail.body).not.toMatch(/INELIGIBLE|NO_HEAD_SUPPORT/);
    // Once: duplicate fires above, then Process all and the hourly runs queue nothing more.
    hub.env.run("menuProcessAll");
    hub.env.advanceTo(new Date("2024-02-04T12:00:00Z"));
    expect(told(at("alex.second"))).toHaveLength(1);
    expect(
      queued(hub, "endorsement-declined")
        .map((q) => String(q.Key))
        .sort(),
    ).toEqual([`endorse-declined:${rows[0]!["Response ID"]}`, `endorse-declined:${id2}`].sort());
    expect(requests(hub)).toHaveLength(1);
  });

  it("lists applications still waiting for endorsement in the lead's digest once overdue", () => {
    appendSheetRows(hub.env, "Leads", [
      ["Asha Lead", "asha.lead@example.org", "sec-specialist", "all", 10, "", "Yes"],
    ]);
    const id = apply(herts[9]!, 9, new Date("2024-02-01T10:00:00Z"));
    hub.env.run("menuSendDigests");
    const first = hub.env.outbox.filter((m) => m.to === "asha.lead@example.org").at(-1)!;
    expect(first.body).toContain("Waiting for endorsement (1):");
    expect(first.body).toContain(
      `asked pat.head@example.org; due 15 February 2024 at 10:00 [${id}]`,
    );
    // After the deadline, an overdue endorsement alone is worth a digest.
    hub.env.rt.setNow(new Date("2024-02-16T08:00:00Z"));
    hub.env.run("menuSendDigests");
    const later = hub.env.outbox.filter((m) => m.to === "asha.lead@example.org").at(-1)!;
    expect(later).not.toBe(first);
    expect(later.body).toContain("Waiting for endorsement (1, 1 overdue):");
    expect(later.body).toContain("(overdue)");
  });

  it("allocation leaves a Requested application undecided without an override, and places it with an endorsement waiver", () => {
    const id = apply(herts[10]!, 10, new Date("2024-02-01T10:00:00Z"));
    const preview = hub.env.run<AllocationPreview>("apiPreviewAllocation", [
      { programme: "sec-specialist", overrides: [] },
    ]);
    expect(preview.error).toBeUndefined();
    expect(preview.value!.placed.map((p) => p.responseId)).not.toContain(id);
    const waiting = preview.value!.notConsidered.find((n) => n.responseId === id);
    expect(waiting?.why).toMatch(/^Endorsement Requested/);
    const waived = hub.env.run<AllocationPreview>("apiPreviewAllocation", [
      {
        programme: "sec-specialist",
        overrides: [
          { responseId: id, action: "endorsement-waived", reason: "The head confirmed by phone." },
        ],
      },
    ]);
    expect(waived.error).toBeUndefined();
    expect(waived.value!.placed.map((p) => p.responseId)).toContain(id);
  });
});

describe("endorsement reminders across the October clock change", () => {
  // Submitted 10:00 BST on Monday 14 October 2024; due 14 days later at 10:00 London time, which
  // is GMT by then (clocks went back at 02:00 BST on Sunday 27 October): 2024-10-28T10:00Z.
  // Reminders 5 and 1 days before: 10:00 BST on 23 October (09:00Z) and 10:00 GMT on 27 October
  // (10:00Z). Adding 24-hour days in UTC would put the deadline and the second reminder an hour early.
  let hub: HubFixture;
  let id: string;
  beforeAll(async () => {
    hub = await setUpHub({ now: new Date("2024-10-14T08:30:00Z") });
    setSetting(hub.env, "Endorsement reminders (days before due)", "5, 1");
    const school = hub.schools.find(
      (s) => s.la === "Hertfordshire" && s.phase === "Secondary" && s.status === "Open",
    )!;
    const { runs } = hub.env.submit(hub.formId("sec-specialist"), applicant(school, 1), {
      at: new Date("2024-10-14T09:00:00Z"),
    });
    expect(errors(runs)).toEqual([]);
    id = String(register(hub)[0]!["Response ID"]);
  });

  it("states the deadline in London time", () => {
    hub.env.advanceTo(new Date("2024-10-14T11:00:00Z"));
    expect(requests(hub)).toHaveLength(1);
    expect(requests(hub)[0]!.body).toContain("by 10:00 on Monday 28 October 2024 (UK time)");
  });

  it("sends the 5-day reminder from 10:00 BST on 23 October, once", () => {
    expect(errors(hub.env.advanceTo(new Date("2024-10-23T08:59:00Z")))).toEqual([]);
    expect(reminders(hub)).toHaveLength(0);
    hub.env.advanceTo(new Date("2024-10-23T10:05:00Z"));
    expect(reminders(hub)).toHaveLength(1);
    const first = reminders(hub)[0]!;
    expect(first.to).toBe("pat.head@example.org");
    expect(new Date(first.at).getTime()).toBeGreaterThanOrEqual(Date.parse("2024-10-23T09:00:00Z"));
    expect(first.body).toContain("We need it in 5 days.");
    expect(first.body).toContain("by 10:00 on Monday 28 October 2024 (UK time)");
    expect(links(first.body)).toHaveLength(1);
    hub.env.advanceTo(new Date("2024-10-26T12:00:00Z"));
    expect(reminders(hub)).toHaveLength(1);
  });

  it("sends the 1-day reminder at 10:00 GMT on 27 October, not an hour early", () => {
    hub.env.advanceTo(new Date("2024-10-27T09:59:00Z"));
    expect(reminders(hub)).toHaveLength(1);
    hub.env.advanceTo(new Date("2024-10-27T11:05:00Z"));
    expect(reminders(hub)).toHaveLength(2);
    const second = reminders(hub)[1]!;
    expect(new Date(second.at).getTime()).toBeGreaterThanOrEqual(
      Date.parse("2024-10-27T10:00:00Z"),
    );
    expect(second.body).toContain("We need it tomorrow.");
  });

  it("sends no more after the deadline, and each reminder went once (idempotent keys)", () => {
    hub.env.advanceTo(new Date("2024-11-02T12:00:00Z"));
    expect(reminders(hub)).toHaveLength(2);
    expect(
      queued(hub, "endorsement-reminder")
        .map((q) => String(q.Key))
        .sort(),
    ).toEqual([`endorse-remind1:${id}`, `endorse-remind5:${id}`]);
    expect(row(hub, id).Endorsement).toBe("Requested");
  });
});

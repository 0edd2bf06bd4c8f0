// Property: the Applications register does not depend on the order in which responses reach the
// add-on, nor on how often (or whether) the submit trigger fires for each.
//
// A fixed set of ten real-looking submissions (five programmes, a same-person duplicate, two
// applicants from one school, a late response, an old URN, and two edits) is replayed through the
// compiled bundle in many schedules:
// - the responses are recorded in any order (as replaying Google Forms CSV exports with
//   `mhr submit` can do; each keeps its own timestamp), an edit always after what it edits;
// - each response's onFormSubmit fires 0-3 times, each fire possibly delayed until after later
//   submissions (Google sometimes fires twice, late, or not at all);
// - then "Process all responses" runs, as the hourly sweep would, for any response never fired.
// Every schedule must give the register of the plain one (chronological order, one prompt fire
// each), row for row, on every column except Updated (the time of the last write, which is
// when the add-on ran, not part of the application).
//
// Response IDs name the response sheet's row, so they follow the order responses were recorded
// in: a schedule that records them in another order gives the same rows other IDs. Rows are
// therefore matched through each submission's response-sheet row (Source); where a schedule
// records responses in their real order (always the case in Google Forms itself), the Response
// IDs must be exactly the plain schedule's. Response IDs quoted inside Reasons (DUPLICATE names
// the later response) are translated the same way.
//
// What legitimately depends on order, and is masked: the load figure in Routing ("Hana Herts
// covers ...; now 3 of 20."), which is the lead's load when the application was assigned and is
// kept afterwards. Everything else must not: DUPLICATE goes on the earlier *submitted* row by
// timestamp, SCHOOL_LIMIT counts applications whenever they arrived, LATE compares the
// response's own timestamp, an edit keeps its row, and with one lead per area the Lead is the
// same whoever came first. (The Audit sheet and the mail queue do record the order things
// happened in; they are not the register.)
//
// Not in the set: an "edit" that changes no answer. Google gives the response a new timestamp,
// and the register then depends on timing: processed before the edit the row keeps the first
// time (an unchanged response is a no-op), processed only after it the row gets the edit's time,
// which can make it LATE or move DUPLICATE. Only answer-changing edits are replayed here.
import fc from "fast-check";
import { appendSheetRows, sheetObjects } from "../../emulator/runner/admin";
import type { SubmitResult } from "../../emulator/services/forms/form-app";
import { formSubmitEventFromSheet } from "../../emulator/services/script";
import type { ProgrammeKey, School } from "../../src/domain/types";
import { findSchool, setUpHub, type HubFixture } from "./fixture";
import {
  copyOf,
  emailOf,
  formAnswers,
  templateOf,
  type FieldAnswers,
  type HubTemplate,
  type Person,
} from "./programme-answers";

const CLOSES = new Date("2024-03-29T17:00:00Z");
const HERTS_LEAD = "hana.herts@example-hub.org.uk";
const ESSEX_LEAD = "esme.essex@example-hub.org.uk";

type Value = string | number | boolean | Date;
type Row = Record<string, Value>;

interface Submission {
  label: string;
  programme: ProgrammeKey;
  at: Date;
  answers: Record<string, string | string[]>;
  /** The label of the submission this one edits. */
  editOf?: string;
}

let template: HubTemplate;
let submissions: Submission[];

const day = (d: number, h = 10) => new Date(Date.UTC(2024, 1, d, h, 0, 0));

function buildSubmissions(all: School[]): Submission[] {
  const secondaries = all.filter(
    (s) =>
      s.la === "Hertfordshire" &&
      s.phase === "Secondary" &&
      s.typeGroup === "Academies" &&
      s.status === "Open",
  );
  const [s0, s1, s2, s3] = secondaries as [School, School, School, School];
  const primary = findSchool(
    all,
    (s) => s.la === "Essex" && s.phase === "Primary" && s.status === "Open",
  );
  const old = findSchool(
    all,
    (s) =>
      s.status === "Closed" &&
      s.successorUrn !== "" &&
      s.la === "Essex" &&
      s.phase === "Secondary" &&
      s.typeGroup === "Academies",
  );
  const successor = findSchool(all, (s) => s.urn === old.successorUrn);
  const sam: Person = { first: "Sam", last: "Teacher" };
  const ada: Person = { first: "Ada", last: "First" };
  const sub = (
    label: string,
    programme: ProgrammeKey,
    at: Date,
    school: School,
    overrides: FieldAnswers = {},
    person?: Person,
    editOf?: string,
  ): Submission => ({
    label,
    programme,
    at,
    answers: formAnswers(programme, school, overrides, person),
    ...(editOf ? { editOf } : {}),
  });
  return [
    // Sam applies, then again two days later (email typed differently): A is the DUPLICATE.
    sub("A", "sec-specialist", day(1), s0, {}, sam),
    sub("B", "sec-specialist", day(3), s0, { email: ` ${emailOf(sam, s0).toUpperCase()}` }, sam),
    // Ada at the same school: SCHOOL_LIMIT with B (A, a duplicate, does not count). She first
    // says she has taught one year (IS_ECT), then edits it to four.
    sub("C", "sec-specialist", day(2), s0, { yearsTeaching: "1" }, ada),
    sub("C edited", "sec-specialist", day(5), s0, { yearsTeaching: "4" }, ada, "C"),
    sub("D", "pri-specialist", day(1, 11), primary, { yearsTeaching: "2" }),
    // One Mastery Advocate named, then the second added by editing the response.
    sub("E", "sec-development", day(2, 9), s1, { advocate2Name: "", advocate2Email: "" }),
    sub("E edited", "sec-development", day(6), s1, {}, undefined, "E"),
    // The Engagement sheet has s2 in this year's Development Work Group.
    sub("F", "sktm-ta", day(4), s2),
    // The school's URN from before conversion; its Development record is under the old URN.
    sub("G", "sec-embedding", day(4, 14), successor, { schoolUrn: old.urn }),
    // After 5pm on 29 March.
    sub("I", "sec-specialist", new Date("2024-03-30T08:00:00Z"), s3),
  ].map((s, i, list) => {
    // Guard the fixture: timestamps distinct, edits after what they edit.
    const original = s.editOf ? list.find((o) => o.label === s.editOf) : undefined;
    if (original && original.at >= s.at) throw new Error(`${s.label} precedes ${s.editOf}`);
    if (list.some((o, j) => j !== i && o.at.getTime() === s.at.getTime()))
      throw new Error(`${s.label} shares its timestamp`);
    return s;
  });
}

beforeAll(async () => {
  const hub = await setUpHub({ closes: { "sec-specialist": CLOSES } });
  submissions = buildSubmissions(hub.schools);
  const taSchool = submissions.find((s) => s.label === "F")!.answers;
  const oldUrn = submissions.find((s) => s.label === "G")!.answers;
  const urnTitle = "Your school's URN";
  appendSheetRows(hub.env, "Engagement", [
    [Number(taSchool[urnTitle]), "sec-development", "2023/24", "participating", "2023/24 groups"],
    [Number(oldUrn[urnTitle]), "sec-development", "2022/23", "completed", "2022/23 list"],
  ]);
  // Routing runs at intake: one Secondary Lead per area, so each application has at most one
  // lead who covers it (the Embedding application in Essex has none: UNASSIGNED).
  appendSheetRows(hub.env, "Leads", [
    ["Hana Herts", HERTS_LEAD, "all", "Hertfordshire", 20, "", "Yes"],
    ["Esme Essex", ESSEX_LEAD, "sec-specialist, pri-specialist", "Essex", 20, "", "Yes"],
  ]);
  template = templateOf(hub);
});

/** When each response's trigger fires: after the recording at `after` (a position in the order). */
interface Fire {
  label: string;
  after: number;
  tie: number;
}

interface Schedule {
  /** Labels in the order the responses are recorded. */
  order: string[];
  fires: Fire[];
}

interface Replay {
  rows: Row[];
  /** Label → the response-sheet row ("Responses: key!7") it was recorded in. */
  sourceOf: Map<string, string>;
}

function replay(schedule: Schedule): Replay {
  const hub: HubFixture = copyOf(template);
  const env = hub.env;
  const byLabel = new Map(submissions.map((s) => [s.label, s]));
  const recorded = new Map<string, SubmitResult>();
  const sourceOf = new Map<string, string>();
  const fire = (label: string) => {
    const result = recorded.get(label)!;
    const triggers = env.script._formSubmitTriggersFor(env.spreadsheet.getId());
    expect(triggers).toHaveLength(1);
    for (const trigger of triggers) {
      // The event Google built at submission time, delivered now.
      const event = formSubmitEventFromSheet(result, trigger);
      const run = env.run(trigger.getHandlerFunction(), [event], {
        kind: "installable-trigger",
        user: env.hubLead,
      });
      expect(run.error).toBeUndefined();
    }
  };
  schedule.order.forEach((label, position) => {
    const s = byLabel.get(label)!;
    env.rt.setNow(s.at);
    const editOf = s.editOf ? recorded.get(s.editOf)!.responseId : undefined;
    const result = env.forms._submit(hub.formId(s.programme), s.answers, {
      at: s.at,
      ...(editOf ? { editOf } : {}),
    });
    recorded.set(label, result);
    const d = result.destination!;
    sourceOf.set(s.editOf ?? label, `${d.sheetName}!${d.row}`);
    schedule.fires
      .filter((f) => f.after === position)
      .sort((a, b) => a.tie - b.tie)
      .forEach((f) => fire(f.label));
  });
  const sweep = env.run("menuProcessAll");
  expect(sweep.error).toBeUndefined();
  return { rows: sheetObjects(env, "Applications"), sourceOf };
}

/** The register keyed by submission label, with order-named things (IDs, sources) by label. */
function normalised(r: Replay): Map<string, Row> {
  const labelOfSource = new Map([...r.sourceOf].map(([label, source]) => [source, label]));
  const labelOfId = new Map<string, string>();
  for (const row of r.rows) {
    const label = labelOfSource.get(String(row.Source));
    if (!label) throw new Error(`Row ${String(row["Response ID"])} is no submission's`);
    labelOfId.set(String(row["Response ID"]), label);
  }
  const out = new Map<string, Row>();
  for (const row of r.rows) {
    const label = labelOfId.get(String(row["Response ID"]))!;
    const copy: Row = {};
    for (const [k, v] of Object.entries(row)) {
      if (k === "Updated") continue;
      if (k === "Response ID" || k === "Source") copy[k] = `<${label}>`;
      // "…covers X in Y; now 3 of 20.": the lead's load when the application was assigned.
      else if (k === "Routing")
        copy[k] = String(v).replace(/; now \d+ of (\d+)\./, "; now <load> of $1.");
      else if (k === "Reasons")
        copy[k] = String(v).replace(/\bresponse ([\w-]+)/g, (_, id: string) => {
          const other = labelOfId.get(id);
          return `response <${other ?? `unknown ${id}`}>`;
        });
      else copy[k] = v instanceof Date ? v.toISOString() : v;
    }
    out.set(label, copy);
  }
  return out;
}

function chronological(): string[] {
  return [...submissions].sort((a, b) => a.at.getTime() - b.at.getTime()).map((s) => s.label);
}

const plain = (): Schedule => {
  const order = chronological();
  return { order, fires: order.map((label, i) => ({ label, after: i, tie: 0 })) };
};

/** Any recording order with edits after their originals, and 0-3 fires per response, delayed. */
function scheduleArb(): fc.Arbitrary<Schedule> {
  const n = submissions.length;
  return fc
    .record({
      asRecorded: fc.boolean(),
      keys: fc.array(fc.nat(1000), { minLength: n, maxLength: n }),
      fires: fc.array(
        fc.array(fc.record({ delay: fc.nat(n), tie: fc.nat(1000) }), { maxLength: 3 }),
        { minLength: n, maxLength: n },
      ),
    })
    .map(({ asRecorded, keys, fires }) => {
      let order = asRecorded
        ? chronological()
        : submissions
            .map((s, i) => ({ label: s.label, key: keys[i]! }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.label);
      for (const s of submissions) {
        if (!s.editOf) continue;
        const at = order.indexOf(s.label);
        const original = order.indexOf(s.editOf);
        if (at < original) {
          order = order.filter((l) => l !== s.label);
          order.splice(order.indexOf(s.editOf) + 1, 0, s.label);
        }
      }
      return {
        order,
        fires: order.flatMap((label, position) =>
          fires[submissions.findIndex((s) => s.label === label)]!.map((f) => ({
            label,
            after: Math.min(position + f.delay, n - 1),
            tie: f.tie,
          })),
        ),
      };
    });
}

describe("replaying a fixed set of responses in any order, with any trigger fires", () => {
  let expected: Map<string, Row>;
  let expectedIds: Map<string, string>;

  beforeAll(() => {
    const base = replay(plain());
    expected = normalised(base);
    expectedIds = new Map(
      base.rows.map((r) => [
        [...base.sourceOf].find(([, source]) => source === r.Source)![0],
        String(r["Response ID"]),
      ]),
    );
  });

  it("gives the expected register in the plain schedule", () => {
    // One row per response (edits in place), and the reasons the set was built to show.
    expect([...expected.keys()].sort()).toEqual(["A", "B", "C", "D", "E", "F", "G", "I"]);
    const view = Object.fromEntries(
      [...expected].map(([label, r]) => [label, `${String(r.Verdict)} ${String(r.Reasons)}`]),
    );
    expect(view.A).toMatch(/^INVALID DUPLICATE: .*\(response <B>\)/);
    expect(view.B).toMatch(/^ELIGIBLE SCHOOL_LIMIT: /);
    expect(view.C).toMatch(/^ELIGIBLE SCHOOL_LIMIT: /); // IS_ECT went with the edit
    expect(view.D).toMatch(/^REVIEW TOO_LITTLE_EXPERIENCE: /);
    expect(view.E).toBe("ELIGIBLE "); // the edit named the second advocate
    expect(view.F).toBe("ELIGIBLE ");
    expect(view.G).toMatch(/^ELIGIBLE URN_SUPERSEDED: /);
    expect(view.I).toMatch(/^REVIEW LATE: /);
    const leads = Object.fromEntries([...expected].map(([label, r]) => [label, r.Lead]));
    expect(leads).toEqual({
      ...Object.fromEntries(["A", "B", "C", "E", "F", "I"].map((l) => [l, HERTS_LEAD])),
      D: ESSEX_LEAD,
      G: "",
    });
    expect(String(expected.get("G")!.Routing)).toMatch(/^UNASSIGNED: No lead covers /);
    expect(expected.get("C")!.Submitted).toBe(day(5).toISOString());
    expect(expected.get("E")!.Submitted).toBe(day(6).toISOString());
  });

  it("gives the same register, row for row, whatever the order and number of trigger fires", () => {
    fc.assert(
      fc.property(scheduleArb(), (schedule) => {
        const r = replay(schedule);
        expect(r.rows).toHaveLength(expected.size);
        expect(new Set(r.rows.map((x) => x["Response ID"])).size).toBe(expected.size);
        expect(normalised(r)).toEqual(expected);
        if (schedule.order.join() === chronological().join()) {
          // Recorded in the real order: the very same Response IDs.
          for (const row of r.rows) {
            const label = [...r.sourceOf].find(([, source]) => source === row.Source)![0];
            expect(row["Response ID"]).toBe(expectedIds.get(label));
          }
        }
      }),
      { numRuns: 20 },
    );
  });
});

// Endorsement, the pure part: reading and matching an endorser's answer, what one endorsement
// covers, deadlines and reminders on London wall-clock time, request keys, and the emails' words.
import fc from "fast-check";
import { formatLondon } from "../../src/domain/calendar";
import { endorserReason } from "../../src/domain/eligibility/common-checks";
import {
  CONFIRM_CHOICE,
  DECLINE_CHOICE,
  PREFILL_PLACEHOLDERS,
  dueReminder,
  endorsementDue,
  endorsementUnit,
  holdReason,
  initialEndorsement,
  matchEndorsement,
  nextReminderAt,
  prefilledLink,
  readEndorsementResponse,
  reminderKey,
  reminderTimes,
  requestKey,
  requestedUnits,
  waitingUnits,
  type EndorsableApplication,
  type EndorsementCandidate,
} from "../../src/domain/endorsement";
import {
  endorsementDeclined,
  endorsementReminder,
  endorsementRequest,
} from "../../src/domain/endorsement-emails";
import { PROGRAMMES } from "../../src/domain/programmes/catalogue";
import { londonDaysBetween } from "../../src/domain/schedule";

const app = (over: Partial<EndorsableApplication> = {}): EndorsableApplication => ({
  responseId: "sec-specialist-ab12-2",
  programme: "sec-specialist",
  year: "2024/25",
  schoolUrn: "136278",
  school: "Example Academy",
  endorsement: "Requested",
  ...over,
});

const answer = (over: Record<string, string> = {}) =>
  readEndorsementResponse({
    "Application reference": "sec-specialist-ab12-2",
    "School URN": "136278",
    School: "Example Academy",
    "Do you support this application?": CONFIRM_CHOICE,
    "Your name": "Pat Head",
    ...over,
  });

describe("reading an endorser's answer", () => {
  it("reads the answers by title, loosely, and the decision from either choice", () => {
    expect(answer()).toMatchObject({
      reference: "sec-specialist-ab12-2",
      schoolUrn: "136278",
      decision: "Confirmed",
      attendsLaunch: null,
      endorserName: "Pat Head",
    });
    expect(
      readEndorsementResponse({
        "application reference ": " x ",
        "Do you support this application": DECLINE_CHOICE,
        "Will you attend part of the autumn launch event?": "No",
      }),
    ).toMatchObject({ reference: "x", decision: "Declined", attendsLaunch: false });
    expect(answer({ "Do you support this application?": "Maybe" }).decision).toBeNull();
  });
});

describe("matching an answer to applications", () => {
  it("applies to the application with that reference at that school", () => {
    expect(matchEndorsement(answer(), [app()])).toEqual({
      ok: true,
      status: "Confirmed",
      unit: "sec-specialist-ab12-2",
      covered: ["sec-specialist-ab12-2"],
      unchanged: false,
    });
    expect(matchEndorsement(answer(), [app({ endorsement: "Confirmed" })])).toMatchObject({
      ok: true,
      unchanged: true,
    });
  });

  it("refuses a reference that does not exist, with the reference quoted", () => {
    expect(
      matchEndorsement(answer({ "Application reference": "sec-specialist-zz-9" }), [app()]),
    ).toEqual({ ok: false, reason: 'No application has the reference "sec-specialist-zz-9".' });
    expect(matchEndorsement(answer({ "Application reference": "" }), [app()])).toMatchObject({
      ok: false,
    });
  });

  it("refuses a reference whose school is another, naming both", () => {
    const m = matchEndorsement(answer({ "School URN": "100000", School: "Other School" }), [app()]);
    expect(m).toEqual({
      ok: false,
      reason:
        "The response names URN 100000, Other School, but application sec-specialist-ab12-2 is from URN 136278, Example Academy.",
    });
    // Without a URN on either side, the names must agree (loosely).
    const noUrn = app({ schoolUrn: "", school: "St Mary's School" });
    expect(
      matchEndorsement(answer({ "School URN": "", School: "st mary's school" }), [noUrn]).ok,
    ).toBe(true);
    expect(matchEndorsement(answer({ "School URN": "", School: "Another" }), [noUrn]).ok).toBe(
      false,
    );
  });

  it("refuses an application that needs no endorsement, and an answer without a decision", () => {
    const lead = app({ responseId: "pd-lead-1", programme: "pd-lead", endorsement: "Not needed" });
    expect(matchEndorsement(answer({ "Application reference": "pd-lead-1" }), [lead])).toEqual({
      ok: false,
      reason: "Application pd-lead-1 (PD Lead Programme) needs no endorsement.",
    });
    expect(matchEndorsement(answer({ "Do you support this application?": "" }), [app()]).ok).toBe(
      false,
    );
  });

  it("covers both advocates of a school pair, and a second advocate inherits an answer already given", () => {
    const a = app({ responseId: "dev-1", programme: "sec-development" });
    const b = app({ responseId: "dev-2", programme: "sec-development" });
    const elsewhere = app({
      responseId: "dev-3",
      programme: "sec-development",
      schoolUrn: "100001",
    });
    expect(endorsementUnit(a)).toBe("sec-development:2024/25:136278");
    expect(endorsementUnit(app())).toBe("sec-specialist-ab12-2");
    const m = matchEndorsement(answer({ "Application reference": "dev-2" }), [a, b, elsewhere]);
    expect(m).toMatchObject({ ok: true, covered: ["dev-1", "dev-2"] });
    expect(initialEndorsement(b, [{ ...a, endorsement: "Confirmed" }])).toBe("Confirmed");
    expect(initialEndorsement(b, [a])).toBe("Requested");
    expect(initialEndorsement(app({ programme: "pd-lead" }), [])).toBe("Not needed");
  });
});

describe("deadlines and reminders in London wall-clock time", () => {
  it("keeps the submission's London time across the October and March clock changes", () => {
    // 10:00 BST on 14 October 2024 → 10:00 GMT on 28 October 2024.
    expect(endorsementDue(new Date("2024-10-14T09:00:00Z"), 14).toISOString()).toBe(
      "2024-10-28T10:00:00.000Z",
    );
    // 10:00 GMT on 25 March 2024 → 10:00 BST on 8 April 2024.
    expect(endorsementDue(new Date("2024-03-25T10:00:00Z"), 14).toISOString()).toBe(
      "2024-04-08T09:00:00.000Z",
    );
  });

  it("reminds N London days before the deadline, nearest first due, once each", () => {
    const submitted = new Date("2024-10-14T09:00:00Z");
    const due = endorsementDue(submitted, 14);
    const times = reminderTimes(submitted, due, [1, 5, 5, 0, 20]);
    expect(times.map((t) => [t.days, t.at.toISOString()])).toEqual([
      [5, "2024-10-23T09:00:00.000Z"],
      [1, "2024-10-27T10:00:00.000Z"],
    ]);
    const at = (iso: string) => dueReminder(submitted, due, [5, 1], new Date(iso))?.days ?? null;
    expect(at("2024-10-23T08:59:00Z")).toBeNull();
    expect(at("2024-10-23T09:00:00Z")).toBe(5);
    expect(at("2024-10-27T09:59:00Z")).toBe(5);
    expect(at("2024-10-27T10:00:00Z")).toBe(1);
    expect(at("2024-10-28T10:00:00Z")).toBeNull();
    expect(nextReminderAt(submitted, due, [5, 1], new Date("2024-10-24T00:00:00Z"))).toEqual(
      new Date("2024-10-27T10:00:00Z"),
    );
  });

  it("property: the deadline keeps the wall-clock time, and an hourly run sends each reminder once, in order", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("2020-01-01T00:00:00Z"),
          max: new Date("2030-12-31T00:00:00Z"),
          noInvalidDate: true,
        }),
        fc.integer({ min: 1, max: 30 }),
        fc.uniqueArray(fc.integer({ min: 0, max: 35 }), { maxLength: 4 }),
        fc.integer({ min: 0, max: 59 }),
        (raw, dueDays, offsets, minute) => {
          // Submissions at a whole minute; London's ambiguous autumn hour is avoided, as Forms
          // timestamps are instants anyway and the arithmetic is on the London calendar.
          const submitted = new Date(Math.floor(raw.getTime() / 60_000) * 60_000);
          const due = endorsementDue(submitted, dueDays);
          expect(londonDaysBetween(submitted, due)).toBe(dueDays);
          const times = reminderTimes(submitted, due, offsets);
          for (const t of times) {
            expect(t.at.getTime()).toBeGreaterThan(submitted.getTime());
            expect(t.at.getTime()).toBeLessThan(due.getTime());
            expect(londonDaysBetween(t.at, due)).toBe(t.days);
          }
          // The hourly trigger fires at `minute` past each hour until the deadline.
          const sent: number[] = [];
          const first = Math.ceil(submitted.getTime() / 3_600_000) * 3_600_000 + minute * 60_000;
          for (let t = first; t < due.getTime() + 3_600_000; t += 3_600_000) {
            const r = dueReminder(submitted, due, offsets, new Date(t));
            if (r && !sent.includes(r.days)) sent.push(r.days);
          }
          // Every reminder more than an hour after the request goes, once, furthest first.
          const expected = times
            .filter((t) => t.at.getTime() >= first - 3_600_000)
            .map((t) => t.days);
          expect(sent.filter((d) => expected.includes(d))).toEqual(expected);
          expect(new Set(sent).size).toBe(sent.length);
          // Wall-clock: the deadline and each reminder show the submission's London time (except
          // on a clock-change day, where that time may not exist or may happen twice).
          const changeDay = (d: Date) =>
            formatLondon(new Date(d.getTime() - 86_400_000), "xxx") !==
            formatLondon(new Date(d.getTime() + 86_400_000), "xxx");
          const hhmm = (d: Date) => formatLondon(d, "HH:mm");
          if (!changeDay(due) && !changeDay(submitted)) {
            expect(hhmm(due)).toBe(hhmm(submitted));
            for (const t of times) if (!changeDay(t.at)) expect(hhmm(t.at)).toBe(hhmm(due));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

const candidate = (over: Partial<EndorsementCandidate> = {}): EndorsementCandidate => ({
  ...app(),
  submitted: new Date("2024-02-01T10:00:00Z"),
  verdict: "ELIGIBLE",
  open: true,
  applicantEmail: "sam.teacher@example.org",
  applicantName: "Sam Teacher",
  firstName: "Sam",
  endorserEmail: "pat.head@example.org",
  endorserName: "Pat Head",
  advocate2Name: "",
  advocate2Email: "",
  ...over,
});

describe("requests", () => {
  it("asks for open, judgeable applications only, and holds one whose endorser is the applicant", () => {
    const plans = waitingUnits(
      [
        candidate(),
        candidate({ responseId: "b", verdict: "INVALID" }),
        candidate({ responseId: "c", open: false }),
        candidate({ responseId: "d", endorsement: "Confirmed" }),
        candidate({ responseId: "e", endorserEmail: "Sam.Teacher+head@example.org" }),
      ],
      14,
    );
    expect(plans.map((p) => [p.unit, p.held])).toEqual([
      ["sec-specialist-ab12-2", ""],
      [
        "e",
        "the endorser's address (Sam.Teacher+head@example.org) is the applicant's own, so the applicant would be endorsing themselves",
      ],
    ]);
    expect(plans[0]!.due.toISOString()).toBe("2024-02-15T10:00:00.000Z");
    expect(holdReason(candidate({ endorserEmail: "" }))).toBe(
      "no endorser's email address was given",
    );
  });

  it("keys a request once per application and address, once per school pair", () => {
    const [single] = waitingUnits([candidate()], 14);
    const pair = waitingUnits(
      [
        candidate({ responseId: "dev-1", programme: "sec-development" }),
        candidate({
          responseId: "dev-2",
          programme: "sec-development",
          endorserEmail: "other@example.org",
        }),
      ],
      14,
    );
    expect(pair).toHaveLength(1);
    expect(requestKey(single!)).toBe("endorse:sec-specialist-ab12-2:pat.head@example.org");
    expect(requestKey(pair[0]!)).toBe("endorse:sec-development:2024/25:136278");
    expect([
      ...requestedUnits([requestKey(single!), requestKey(pair[0]!), "ack:x", reminderKey("u", 5)]),
    ]).toEqual(["sec-specialist-ab12-2", "sec-development:2024/25:136278"]);
  });

  it("fills the link template, encoded, and the link is the email's only one", () => {
    const template = `https://docs.google.com/forms/d/e/X/viewform?usp=pp_url&entry.1=${PREFILL_PLACEHOLDERS.reference}&entry.2=${PREFILL_PLACEHOLDERS.schoolUrn}&entry.3=${PREFILL_PLACEHOLDERS.school}`;
    const link = prefilledLink(template, {
      reference: "sec-specialist-ab12-2",
      schoolUrn: "136278",
      school: "St Mary's & St John's C of E",
    });
    expect(new URL(link).searchParams.get("entry.3")).toBe("St Mary's & St John's C of E");
    const text = endorsementRequest({
      endorserName: "Pat Head",
      applicants: ["Sam Teacher"],
      programme: "pri-specialist",
      school: "St Mary's & St John's C of E",
      reference: "pri-specialist-ab12-2",
      due: new Date("2024-10-28T10:00:00Z"),
      link,
      hub: { hubName: "Example Maths Hub", replyTo: "hub@example.org" },
    });
    expect(text.subject).toBe(
      "Please confirm your support: Sam Teacher, Primary Mastery Specialist",
    );
    expect(text.body).toContain("15 days in the first year");
    expect(text.body).toContain("by 10:00 on Monday 28 October 2024 (UK time)");
    expect(text.body.match(/https?:\/\//g)).toHaveLength(1);
    expect(text.body).not.toMatch(/<[a-z]/i);
    const reminder = endorsementReminder({
      endorserName: "",
      applicants: ["Sam First", "Alex Second"],
      programme: "sec-development",
      school: "Example Academy",
      reference: "r",
      due: new Date("2024-10-28T10:00:00Z"),
      link,
      hub: { hubName: "Example Maths Hub", replyTo: "" },
      daysLeft: 1,
    });
    expect(reminder.body).toContain("Dear head teacher,");
    expect(reminder.body).toContain("Sam First and Alex Second");
    expect(reminder.body).toContain("We need it tomorrow.");
    const declined = endorsementDeclined({
      firstName: "Sam",
      programme: "sec-specialist",
      endorserTitle: "head teacher",
      reference: "r",
      hub: { hubName: "Example Maths Hub", replyTo: "" },
    });
    expect(declined.subject).toBe("Your application for Secondary Mastery Specialist");
    expect(declined.body).toContain("Your head teacher has told us");
  });
});

describe("ENDORSER_UNVERIFIED, completed", () => {
  const p = PROGRAMMES["sec-development"];
  const reason = (headEmail: string, email = "sam.first@school.sch.uk", advocate2Email?: string) =>
    endorserReason(p, { headEmail, email, advocate2Email })?.message ?? null;

  it("catches the applicant's own address with a +tag or dots, and the second advocate's", () => {
    expect(reason("samfirst+head@school.sch.uk")).toContain("is the applicant's own");
    expect(reason("alex@school.sch.uk", undefined, "alex@school.sch.uk")).toContain(
      "is the second advocate's",
    );
  });

  it("says an applicant's own personal address cannot be checked against the school's", () => {
    expect(reason("head@school.sch.uk", "sam1980@gmail.com")).toBe(
      "The applicant gave a personal address (gmail.com), so the head teacher or senior leader's address (head@school.sch.uk) cannot be checked against the school's.",
    );
  });

  it("accepts the head at the applicant's school or trust", () => {
    expect(reason("head@school.sch.uk")).toBeNull();
    expect(reason("ceo@trust.org.uk", "sam@school.trust.org.uk")).toBeNull();
  });
});

// Intake end to end: Google Forms submissions fire the compiled add-on's onFormSubmit in the
// emulator, and the Applications register, mail queue and outbox are checked.
import { sheetObjects } from "../../emulator/runner/admin";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import type { CanonicalField, School } from "../../src/domain/types";
import { findSchool, HUB_AREA, setUpHub, type HubFixture } from "./fixture";

const CLOSES = new Date("2024-03-29T17:00:00Z"); // 5pm 29 March 2024 (GMT)

function specialistApplication(
  school: School,
  overrides: Partial<Record<CanonicalField, string | string[]>> = {},
) {
  return specialistAnswers(
    school,
    { email: "sam.teacher@example.org", firstName: "Sam", lastName: "Teacher" },
    overrides,
  );
}

/** Acknowledgements only: the Specialist programme also asks the head teacher to endorse. */
function acknowledgements(hub: HubFixture) {
  return hub.env.outbox.filter((m) =>
    /^(Application received|Updated application)/.test(m.subject),
  );
}

function register(hub: HubFixture) {
  return sheetObjects(hub.env, "Applications");
}

describe("intake through the compiled bundle", () => {
  let hub: HubFixture;
  let stateSecondary: School;
  beforeEach(async () => {
    hub = await setUpHub({ closes: { "sec-specialist": CLOSES } });
    stateSecondary = findSchool(
      hub.schools,
      (s) =>
        s.la === "Hertfordshire" &&
        s.phase === "Secondary" &&
        s.typeGroup === "Academies" &&
        s.status === "Open",
    );
  });

  it("turns one submission into one ELIGIBLE row and sends one acknowledgement", () => {
    const { runs } = hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary),
      { at: new Date("2024-02-01T10:00:00Z") },
    );
    expect(runs).toHaveLength(1);
    expect(runs[0]!.error).toBeUndefined();
    const rows = register(hub);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      Programme: "sec-specialist",
      Applicant: "Sam Teacher",
      Email: "sam.teacher@example.org",
      "School URN": stateSecondary.urn,
      Verdict: "ELIGIBLE",
      "Review status": "New",
      "Local authority": "Hertfordshire",
    });
    expect(Number(rows[0]!.Score)).toBeGreaterThan(0);
    expect(acknowledgements(hub)).toHaveLength(1);
    expect(acknowledgements(hub)[0]!.to).toBe("sam.teacher@example.org");
    expect(acknowledgements(hub)[0]!.subject).toContain("Secondary Mastery Specialist");
  });

  it("ignores a duplicate trigger fire: still one row and one email", () => {
    hub.env.submit(hub.formId("sec-specialist"), specialistApplication(stateSecondary), {
      at: new Date("2024-02-01T10:00:00Z"),
      duplicateFires: 2,
    });
    expect(register(hub)).toHaveLength(1);
    expect(acknowledgements(hub)).toHaveLength(1);
  });

  it("re-evaluates an edited response in place, audits it, and never adds a second row", () => {
    const first = hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary),
      {
        at: new Date("2024-02-01T10:00:00Z"),
      },
    );
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary, { qts: "No" }),
      {
        at: new Date("2024-02-02T10:00:00Z"),
        editOf: first.result.responseId,
      },
    );
    const rows = register(hub);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.Verdict).toBe("INELIGIBLE");
    expect(String(rows[0]!.Reasons)).toMatch(/^NO_QTS: /m);
    const audit = sheetObjects(hub.env, "Audit");
    expect(
      audit.some(
        (a) =>
          a.Action === "Response edited: re-evaluated" &&
          a["Response ID"] === rows[0]!["Response ID"],
      ),
    ).toBe(true);
  });

  it("keeps text that looks like a formula as text", () => {
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary, {
        firstName: '=HYPERLINK("http://x.example","y")',
        lastName: "+SUM(A1)",
      }),
      { at: new Date("2024-02-01T10:00:00Z") },
    );
    const sheet = hub.env.spreadsheet.getSheetByName("Applications")!;
    const formulas = hub.env.rt.uncharged(() => sheet.getDataRange().getFormulas());
    expect(formulas.flat().filter((f) => f !== "")).toEqual([]);
    expect(register(hub)[0]!.Applicant).toBe('=HYPERLINK("http://x.example","y") +SUM(A1)');
  });

  it("judges an independent school INELIGIBLE, an out-of-area school REVIEW, and an old URN through its successor", () => {
    const independent = findSchool(
      hub.schools,
      (s) => s.la === "Hertfordshire" && s.typeGroup === "Independent schools",
    );
    const elsewhere = findSchool(
      hub.schools,
      (s) => !HUB_AREA.includes(s.la) && s.phase === "Secondary" && s.typeGroup === "Academies",
    );
    const old = findSchool(
      hub.schools,
      (s) =>
        s.status === "Closed" &&
        s.successorUrn !== "" &&
        HUB_AREA.includes(s.la) &&
        /Secondary/.test(s.phase),
    );
    const at = new Date("2024-02-01T10:00:00Z");
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(independent, { email: "a@example.org" }),
      { at },
    );
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(elsewhere, { email: "b@example.org" }),
      { at },
    );
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(old, {
        email: "c@example.org",
        schoolName: "Old name High School",
        schoolPostcode: old.postcode,
      }),
      { at },
    );
    const byEmail = new Map(register(hub).map((r) => [r.Email, r]));
    expect(byEmail.get("a@example.org")).toMatchObject({ Verdict: "INELIGIBLE" });
    expect(String(byEmail.get("a@example.org")!.Reasons)).toMatch(/NOT_STATE_FUNDED: /);
    expect(byEmail.get("b@example.org")).toMatchObject({ Verdict: "REVIEW" });
    expect(String(byEmail.get("b@example.org")!.Reasons)).toMatch(/OUT_OF_AREA: /);
    expect(byEmail.get("c@example.org")!["School URN"]).toBe(old.successorUrn);
    expect(String(byEmail.get("c@example.org")!.Reasons)).toMatch(/URN_SUPERSEDED: /);
  });

  it("marks a response after the closing instant LATE, one before it on time", () => {
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary, { email: "early@example.org" }),
      { at: new Date("2024-03-29T16:59:59Z") },
    );
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary, { email: "late@example.org" }),
      { at: new Date("2024-03-29T17:00:01Z") },
    );
    const byEmail = new Map(register(hub).map((r) => [r.Email, r]));
    expect(String(byEmail.get("early@example.org")!.Reasons)).not.toMatch(/LATE/);
    expect(byEmail.get("late@example.org")!.Verdict).toBe("REVIEW");
    expect(String(byEmail.get("late@example.org")!.Reasons)).toMatch(/^LATE: /m);
  });

  it("links a second application by the same person: the earlier row is marked DUPLICATE", () => {
    hub.env.submit(hub.formId("sec-specialist"), specialistApplication(stateSecondary), {
      at: new Date("2024-02-01T10:00:00Z"),
    });
    hub.env.submit(
      hub.formId("sec-specialist"),
      specialistApplication(stateSecondary, { email: " Sam.Teacher@Example.org " }),
      { at: new Date("2024-02-03T10:00:00Z") },
    );
    const rows = register(hub);
    expect(rows).toHaveLength(2);
    expect(String(rows[0]!.Reasons)).toMatch(/^DUPLICATE: /m);
    expect(String(rows[1]!.Reasons)).not.toMatch(/DUPLICATE/);
  });
});

import fc from "fast-check";
import { PROGRAMMES, validateAnswers } from "../../src/domain/programmes";
import { CANONICAL_FIELDS, PROGRAMME_KEYS, type RawAnswers } from "../../src/domain/types";
import { GOOD_ANSWERS } from "./eligibility.fixtures";

describe("validateAnswers", () => {
  it("accepts every programme's good answers without a problem", () => {
    for (const key of PROGRAMME_KEYS) {
      const { problems } = validateAnswers(PROGRAMMES[key], GOOD_ANSWERS[key]);
      expect({ key, problems }).toEqual({ key, problems: [] });
    }
  });

  it("types the answers: trimmed lower-case emails, numbers, booleans", () => {
    const { parsed } = validateAnswers(PROGRAMMES["sec-specialist"], {
      ...GOOD_ANSWERS["sec-specialist"],
      email: "  Jo.Bloggs@ExampleAcademy.ORG.uk ",
      yearsTeaching: " 4 years",
      qts: "yes",
      headAttendsLaunch: "No – she is away that week",
    });
    expect(parsed).toMatchObject({
      email: "jo.bloggs@exampleacademy.org.uk",
      yearsTeaching: 4,
      qts: true,
      headSupport: true,
      headAttendsLaunch: false,
      consent: true,
      schoolUrn: "100001",
      firstName: "Jo",
    });
  });

  it("reads numbers the way people type them", () => {
    const years = (answer: string) =>
      validateAnswers(PROGRAMMES["sktm-ect-2"], {
        ...GOOD_ANSWERS["sktm-ect-2"],
        yearsTeaching: answer,
      }).parsed.yearsTeaching;
    expect(years("3")).toBe(3);
    expect(years("2.5")).toBe(2.5);
    expect(years("10+")).toBe(10);
    expect(years("1 year")).toBe(1);
    expect(years("0")).toBe(0);
    expect(years("three")).toBeUndefined();
  });

  it("reads the three answers to 'Do you teach maths?'", () => {
    const teaches = (answer: string) =>
      validateAnswers(PROGRAMMES["sktm-nonspecialist"], {
        ...GOOD_ANSWERS["sktm-nonspecialist"],
        teachesMaths: answer,
      }).parsed.teachesMaths;
    expect(teaches("Yes")).toBe("yes");
    expect(teaches("No")).toBe("no");
    expect(teaches("Not yet, but within a year")).toBe("within-a-year");
  });

  it("reads a Development year in the spellings people use", () => {
    const year = (answer: string) =>
      validateAnswers(PROGRAMMES["sec-embedding"], {
        ...GOOD_ANSWERS["sec-embedding"],
        previousDevelopmentYear: answer,
      });
    expect(year("2023-24").parsed.previousDevelopmentYear).toBe("2023/24");
    expect(year("2023/2024").parsed.previousDevelopmentYear).toBe("2023/24");
    expect(year("None").parsed.previousDevelopmentYear).toBe("none");
    expect(year("Last year").parsed.previousDevelopmentYear).toBe("last-year");
    const unclear = year("a while ago");
    expect(unclear.parsed.previousDevelopmentYear).toBeUndefined();
    expect(unclear.problems).toEqual([
      expect.objectContaining({ code: "BAD_ANSWER", effect: "REVIEW" }),
    ]);
  });

  it("names the unanswered question in MISSING_FIELD", () => {
    const { problems } = validateAnswers(PROGRAMMES["sec-specialist"], {
      ...GOOD_ANSWERS["sec-specialist"],
      schoolUrn: "   ",
    });
    expect(problems).toEqual([
      {
        code: "MISSING_FIELD",
        effect: "INVALID",
        message: `The question "Your school's URN" was not answered.`,
      },
    ]);
  });

  it("lists every problem, in the Form's order, not only the first", () => {
    const { problems } = validateAnswers(PROGRAMMES["sec-specialist"], {
      email: "not-an-email",
      yearsTeaching: "lots",
      qts: "Perhaps",
    });
    const codes = problems.map((p) => p.code);
    expect(codes[0]).toBe("BAD_EMAIL");
    expect(codes.filter((c) => c === "MISSING_FIELD").length).toBeGreaterThanOrEqual(8);
    expect(problems).toContainEqual({
      code: "BAD_ANSWER",
      effect: "INVALID",
      message:
        'The answer to "How many full years have you taught since qualifying?" ("lots") is not a number.',
    });
    expect(problems).toContainEqual({
      code: "BAD_ANSWER",
      effect: "REVIEW",
      message:
        'The answer to "Do you have qualified teacher status (QTS)?" ("Perhaps") is neither Yes nor No.',
    });
    expect(problems.at(-1)).toEqual({
      code: "MISSING_FIELD",
      effect: "INVALID",
      message:
        'The question "Do you agree to the Maths Hub using your answers to run this programme?" was not answered.',
    });
  });

  it("reports a malformed email as BAD_EMAIL, quoting it", () => {
    for (const bad of ["jo@", "jo.example.org", "jo bloggs@example.org", "@example.org"]) {
      const { problems } = validateAnswers(PROGRAMMES["subject-leaders"], {
        ...GOOD_ANSWERS["subject-leaders"],
        email: bad,
      });
      expect(problems).toEqual([
        {
          code: "BAD_EMAIL",
          effect: "INVALID",
          message: `The answer to "Your email address" ("${bad}") is not a valid email address.`,
        },
      ]);
    }
  });

  it("checks optional emails only when given", () => {
    const dev = PROGRAMMES["sec-development"];
    expect(
      validateAnswers(dev, { ...GOOD_ANSWERS["sec-development"], advocate2Email: "" }).problems,
    ).toEqual([]);
    expect(
      validateAnswers(dev, { ...GOOD_ANSWERS["sec-development"], advocate2Email: "alex@" })
        .problems,
    ).toEqual([expect.objectContaining({ code: "BAD_EMAIL" })]);
  });

  it("leaves an optional school blank without complaint (PD Lead)", () => {
    const { problems, parsed } = validateAnswers(PROGRAMMES["pd-lead"], {
      ...GOOD_ANSWERS["pd-lead"],
      schoolUrn: "",
      schoolName: "",
      schoolPostcode: "",
    });
    expect(problems).toEqual([]);
    expect(parsed.schoolUrn).toBeUndefined();
  });

  it("ignores answers to questions the programme does not ask", () => {
    const { parsed, problems } = validateAnswers(PROGRAMMES["subject-leaders"], {
      ...GOOD_ANSWERS["subject-leaders"],
      yearsTeaching: "banana",
    });
    expect(problems).toEqual([]);
    expect(parsed.yearsTeaching).toBeUndefined();
  });

  it("shortens a long quoted answer", () => {
    const long = "x".repeat(200);
    const { problems } = validateAnswers(PROGRAMMES["subject-leaders"], {
      ...GOOD_ANSWERS["subject-leaders"],
      email: long,
    });
    expect(problems[0]!.message.length).toBeLessThan(140);
    expect(problems[0]!.message).toContain("...");
  });

  it("never throws, never changes the raw answers, and reports only its own codes", () => {
    const answers = fc.dictionary(
      fc.constantFrom(...CANONICAL_FIELDS),
      fc.oneof(fc.string(), fc.constantFrom("Yes", "No", "3", " ", "a@b.co", "2023/24")),
    );
    fc.assert(
      fc.property(fc.constantFrom(...PROGRAMME_KEYS), answers, (key, raw) => {
        const frozen: RawAnswers = Object.freeze({ ...raw });
        const before = JSON.stringify(frozen);
        const { problems, parsed } = validateAnswers(PROGRAMMES[key], frozen);
        expect(JSON.stringify(frozen)).toBe(before);
        for (const p of problems) {
          expect(["MISSING_FIELD", "BAD_EMAIL", "BAD_ANSWER"]).toContain(p.code);
          expect(["INVALID", "REVIEW"]).toContain(p.effect);
          expect(p.message).toMatch(/^The (question|answer)/);
        }
        if (parsed.email !== undefined)
          expect(parsed.email).toBe(parsed.email.trim().toLowerCase());
        for (const n of [parsed.yearsTeaching, parsed.ectYear, parsed.matSchoolCount]) {
          if (n !== undefined) expect(Number.isFinite(n) && n >= 0).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("treats inherited object keys as unanswered, not as answers", () => {
    const raw = Object.create({ email: "inherited@example.org" }) as RawAnswers;
    const { problems } = validateAnswers(PROGRAMMES["subject-leaders"], raw);
    expect(problems[0]).toMatchObject({ code: "MISSING_FIELD" });
  });
});

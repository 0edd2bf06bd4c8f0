import {
  DEFAULT_SCORE_WEIGHTS,
  evaluateApplication,
  formatReasons,
  indexEngagement,
  isFreeMail,
  isLeadershipRole,
  worstVerdict,
  compareVerdicts,
} from "../../src/domain/eligibility";
import { withRules, withYear } from "../../src/domain/programmes";
import { buildSchoolLookup } from "../../src/domain/schools/register";
import { PROGRAMME_KEYS, type Reason } from "../../src/domain/types";
import { SCHOOLS, application, context } from "./eligibility.fixtures";

const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
const at = (urn: string) => ({
  schoolUrn: urn,
  schoolName: SCHOOLS[urn]!.name,
  schoolPostcode: SCHOOLS[urn]!.postcode,
});

describe("evaluateApplication", () => {
  it("finds every programme's good application ELIGIBLE with nothing to say", () => {
    for (const key of PROGRAMME_KEYS) {
      const e = evaluateApplication(application(key), context());
      expect({ key, verdict: e.verdict, reasons: e.reasons }).toEqual({
        key,
        verdict: "ELIGIBLE",
        reasons: [],
      });
    }
  });

  it("reports who applied, from where, and whether an endorsement is needed", () => {
    const e = evaluateApplication(application("sec-specialist"), context());
    expect(e).toMatchObject({
      responseId: "r-sec-specialist",
      programme: "sec-specialist",
      applicantName: "Jo Bloggs",
      email: "jo.bloggs@exampleacademy.org.uk",
      schoolUrn: "100001",
      schoolName: "Example Academy",
      endorsementNeeded: true,
      rulesYear: "2024/25",
    });
    expect(e.school?.urn).toBe("100001");
    expect(e.parsed.yearsTeaching).toBe(5);
    expect(evaluateApplication(application("subject-leaders"), context()).endorsementNeeded).toBe(
      false,
    );
  });

  it("keeps what was typed when the school is not found", () => {
    const e = evaluateApplication(
      application("sec-specialist", { schoolUrn: "123456", schoolName: "Mystery Academy" }),
      context(),
    );
    expect(e).toMatchObject({ schoolUrn: "123456", schoolName: "Mystery Academy", school: null });
  });

  it("finds the school by name and postcode when the URN is wrong", () => {
    const e = evaluateApplication(
      application("sec-specialist", {
        schoolUrn: "10001",
        schoolName: "example academy",
        schoolPostcode: "ls11aa",
      }),
      context(),
    );
    expect(e.verdict).toBe("ELIGIBLE");
    expect(e.schoolUrn).toBe("100001");
  });

  it("applies the year's meaning of ECT: the same answers, different verdicts", () => {
    const twoYears = application("sec-specialist", { yearsTeaching: "2" });
    const before = evaluateApplication(twoYears, context({ year: "2024/25" }));
    const after = evaluateApplication(twoYears, context({ year: "2025/26" }));
    expect(before.verdict).toBe("ELIGIBLE");
    expect(after.verdict).toBe("INELIGIBLE");
    expect(codes(after.reasons)).toEqual(["IS_ECT"]);

    const thirdYear = application("sktm-ect-1", { ectYear: "3" });
    expect(evaluateApplication(thirdYear, context({ year: "2023/24" })).verdict).toBe("INELIGIBLE");
    expect(evaluateApplication(thirdYear, context({ year: "2025/26" })).verdict).toBe("ELIGIBLE");

    const firstYear = application("sktm-ect-1", { ectYear: "1" });
    expect(evaluateApplication(firstYear, context({ year: "2024/25" })).verdict).toBe("ELIGIBLE");
    expect(evaluateApplication(firstYear, context({ year: "2025/26" })).verdict).toBe("INELIGIBLE");

    const priSecondYear = application("pri-specialist", { yearsTeaching: "1" });
    expect(codes(evaluateApplication(priSecondYear, context()).reasons)).toContain("IS_ECT");
  });

  it("judges Embedding against the year before the application's year", () => {
    const app = application("sec-embedding", { previousDevelopmentYear: "2024/25" });
    const engagement = [
      { urn: "100001", programme: "sec-development", year: "2024/25", status: "completed" },
    ];
    expect(evaluateApplication(app, context({ year: "2025/26", engagement })).verdict).toBe(
      "ELIGIBLE",
    );
    expect(evaluateApplication(app, context({ year: "2024/25", engagement })).verdict).toBe(
      "INELIGIBLE",
    );
    const inWords = application("sec-embedding", { previousDevelopmentYear: "Yes, last year" });
    expect(evaluateApplication(inWords, context()).verdict).toBe("ELIGIBLE");
  });

  it("keeps a converted academy's history through its predecessor's URN", () => {
    const app = application("sec-embedding", {
      schoolUrn: "100007",
      schoolName: "Old High School",
      schoolPostcode: "LS7 7GG",
    });
    const engagement = [
      { urn: "100007", programme: "sec-development", year: "2023/24", status: "completed" },
    ];
    const e = evaluateApplication(app, context({ engagement }));
    expect(e.verdict).toBe("ELIGIBLE");
    expect(codes(e.reasons)).toEqual(["URN_SUPERSEDED"]);
    expect(e.schoolUrn).toBe("100008");
  });

  it("does the same with the real school register", () => {
    const schools = buildSchoolLookup(Object.values(SCHOOLS));
    const app = application("sktm-ta", {
      schoolUrn: "100008",
      schoolName: "New Horizons Academy",
      schoolPostcode: "LS7 7GG",
    });
    const engagement = [
      { urn: "100007", programme: "sec-embedding", year: "2024/25", status: "participating" },
    ];
    expect(evaluateApplication(app, context({ schools, engagement })).verdict).toBe("ELIGIBLE");
    expect(evaluateApplication(app, context({ schools, engagement: [] })).verdict).toBe("REVIEW");
  });

  it("does not count a withdrawn school as engaged", () => {
    const engagement = [
      { urn: "100001", programme: "sec-development", year: "2023/24", status: "Withdrew" },
    ];
    const e = evaluateApplication(application("sec-embedding"), context({ engagement }));
    expect(codes(e.reasons)).toEqual(["NOT_PREVIOUS_DEVELOPMENT"]);
  });

  it("accepts SKTM Phase 2 without the claim when the Engagement sheet shows Phase 1", () => {
    const engagement = [
      { urn: "100001", programme: "sktm-ect-1", year: "2023-24", status: "completed" },
    ];
    const app = application("sktm-ect-2", { sktmPhase1Done: "No" });
    expect(evaluateApplication(app, context({ engagement })).verdict).toBe("ELIGIBLE");
  });

  it("admits a teacher who will teach maths within a year", () => {
    const app = application("sktm-nonspecialist", { teachesMaths: "Not yet, but within a year" });
    expect(evaluateApplication(app, context()).verdict).toBe("ELIGIBLE");
  });

  it("admits any phase where the programme does, and post-16 colleges to Level 2", () => {
    const primary = at("100002");
    expect(evaluateApplication(application("sktm-nonspecialist", primary), context()).verdict).toBe(
      "ELIGIBLE",
    );
    const college = at("100011");
    const l2 = evaluateApplication(application("crossphase-l2", college), context());
    expect(codes(l2.reasons)).not.toContain("WRONG_PHASE");
  });

  it("does not require a state-funded school for PD Lead or School Development Lead", () => {
    const prep = {
      schoolUrn: "100003",
      schoolName: "Example Prep School",
      schoolPostcode: "LS3 3CC",
    };
    for (const key of ["pd-lead", "school-dev-lead"] as const) {
      const e = evaluateApplication(application(key, prep), context());
      expect(codes(e.reasons)).not.toContain("NOT_STATE_FUNDED");
      expect(e.verdict).toBe("ELIGIBLE");
    }
  });

  it("judges a PD Lead applicant who gives no school without any school check", () => {
    const e = evaluateApplication(
      application("pd-lead", { schoolUrn: "", schoolName: "", schoolPostcode: "" }),
      context(),
    );
    expect(e).toMatchObject({ verdict: "ELIGIBLE", reasons: [], school: null, schoolUrn: "" });
  });

  it("applies no school-type rules to ITT partnerships and names the provider", () => {
    const e = evaluateApplication(application("itt-partnerships"), context({ hubLas: ["Leeds"] }));
    expect(e).toMatchObject({
      verdict: "ELIGIBLE",
      school: null,
      schoolName: "University of Example",
    });
  });

  it("skips the area check when the hub has not listed its local authorities", () => {
    const faraway = at("100006");
    expect(evaluateApplication(application("sec-specialist", faraway), context()).verdict).toBe(
      "REVIEW",
    );
    expect(
      evaluateApplication(application("sec-specialist", faraway), context({ hubLas: [] })).verdict,
    ).toBe("ELIGIBLE");
    expect(
      evaluateApplication(
        application("sec-specialist", faraway),
        context({ hubLas: [" CORNWALL "] }),
      ).verdict,
    ).toBe("ELIGIBLE");
  });

  it("does not call a Welsh school 'not state-funded' as well as 'not in England'", () => {
    const welsh = at("100005");
    const e = evaluateApplication(application("securing-foundations", welsh), context());
    expect(codes(e.reasons)).toEqual(["NOT_IN_ENGLAND", "OUT_OF_AREA"]);
  });

  it("lists every reason that applies, not only the first", () => {
    const e = evaluateApplication(
      application(
        "sec-specialist",
        {
          schoolUrn: "100003",
          qts: "No",
          yearsTeaching: "1",
          headSupport: "No",
          headAttendsLaunch: "No",
          headEmail: "head@gmail.com",
        },
        { submittedAt: new Date("2024-04-03T12:00:00Z") },
      ),
      context(),
    );
    expect(codes(e.reasons)).toEqual([
      "LATE",
      "NOT_STATE_FUNDED",
      "ENDORSER_UNVERIFIED",
      "NO_QTS",
      "TOO_LITTLE_EXPERIENCE",
      "IS_ECT",
      "NO_HEAD_SUPPORT",
      "NO_HEAD_SUPPORT",
    ]);
    expect(e.verdict).toBe("INELIGIBLE");
    expect(formatReasons(e.reasons).split("\n")[1]).toBe(
      "NOT_STATE_FUNDED: Example Prep School is an independent school.",
    );
  });

  it("does not raise ENDORSER_UNVERIFIED for a trust's subdomain or a pending endorsement", () => {
    const e = evaluateApplication(
      application(
        "school-dev-lead",
        { headEmail: "ceo@trust.exampleacademy.org.uk" },
        {
          endorsement: "Requested",
        },
      ),
      context(),
    );
    expect(e.reasons).toEqual([]);
  });

  it("uses the latest rules for a year the book does not know, and a hub's own book", () => {
    const later = evaluateApplication(
      application("sktm-ect-1", { ectYear: "3" }),
      context({ year: "2031/32" }),
    );
    expect(later).toMatchObject({ rulesYear: "2025/26", verdict: "ELIGIBLE" });
    const book = withRules("2026/27", "subject-leaders", [], withYear("2025/26", "2026/27"));
    const teacher = application("subject-leaders", { role: "Classroom teacher" });
    expect(evaluateApplication(teacher, context({ year: "2026/27", rules: book })).verdict).toBe(
      "ELIGIBLE",
    );
    expect(evaluateApplication(teacher, context({ year: "2025/26", rules: book })).verdict).toBe(
      "REVIEW",
    );
  });

  it("refuses a context whose year is not an academic year", () => {
    expect(() => evaluateApplication(application("pd-lead"), context({ year: "soon" }))).toThrow(
      RangeError,
    );
  });

  it("accepts an engagement index built once", () => {
    const engagement = indexEngagement([
      {
        urn: "100001",
        programme: "Secondary Teaching for Mastery Development Work Group",
        year: "2023/2024",
        status: "completed",
      },
    ]);
    expect(evaluateApplication(application("sec-embedding"), context({ engagement })).verdict).toBe(
      "ELIGIBLE",
    );
  });
});

describe("score", () => {
  const neverEngagedSchool = {
    schoolUrn: "100012",
    schoolName: "Standalone High School",
    schoolPostcode: "LS12 2MM",
  };

  it("follows the default weights of RULES.md", () => {
    expect(DEFAULT_SCORE_WEIGHTS).toEqual({
      neverEngaged: 25,
      priorityArea: 20,
      experience: 20,
      leadership: 15,
      endorsement: 10,
      statement: 10,
    });
  });

  it("gives 100 when every applicable criterion is met", () => {
    const e = evaluateApplication(
      application(
        "sec-specialist",
        { ...neverEngagedSchool, yearsTeaching: "9" },
        { statementScore: 5 },
      ),
      context({ priorityLas: ["Leeds"] }),
    );
    expect(e.score).toBe(100);
  });

  it("weighs each criterion and leaves out those the programme does not use", () => {
    // Engaged last year (0), no priority (0), 5 of 8 years (0.625 × 20), endorsed (10),
    // no statement score yet (0): 22.5 of the 85 that apply to Mastery Specialists.
    const e = evaluateApplication(application("sec-specialist"), context());
    expect(e.score).toBe(26.5);
    // Subject leaders: engagement 25, priority 20, leadership 15, statement 10 apply.
    const leader = evaluateApplication(
      application("subject-leaders", neverEngagedSchool),
      context({ priorityUrns: ["100012"] }),
    );
    expect(leader.score).toBe(Math.round((1000 * 60) / 70) / 10);
  });

  it("gives half the engagement weight to a school that lapsed more than two years ago", () => {
    const engagement = [
      { urn: "100001", programme: "sec-development", year: "2020/21", status: "completed" },
    ];
    const lapsed = evaluateApplication(application("crossphase-l2"), context({ engagement }));
    // crossphase-l2: engagement 25 × 0.5, priority 0, statement 0, out of 55.
    expect(lapsed.score).toBe(Math.round((1000 * 12.5) / 55) / 10);
    const recent = evaluateApplication(application("crossphase-l2"), context());
    expect(recent.score).toBe(0);
  });

  it("counts the statement only once a lead has scored it", () => {
    const unread = evaluateApplication(application("crossphase-l2"), context());
    const read = evaluateApplication(
      application("crossphase-l2", {}, { statementScore: 5 }),
      context(),
    );
    expect(read.score - unread.score).toBeCloseTo((100 * 10) / 55, 0);
  });

  it("never changes the verdict", () => {
    const e = evaluateApplication(
      application("sec-specialist", { ...neverEngagedSchool, qts: "No" }, { statementScore: 5 }),
      context({ priorityLas: ["Leeds"] }),
    );
    expect(e.verdict).toBe("INELIGIBLE");
    expect(e.score).toBeGreaterThan(90);
  });

  it("is 0 when every weight is 0", () => {
    const weights = {
      neverEngaged: 0,
      priorityArea: 0,
      experience: 0,
      leadership: 0,
      endorsement: 0,
      statement: 0,
    };
    expect(evaluateApplication(application("sec-specialist"), context({ weights })).score).toBe(0);
  });

  it("recognises leadership roles", () => {
    expect(isLeadershipRole("Head of maths / subject leader")).toBe(true);
    expect(isLeadershipRole("Key stage or phase leader")).toBe(true);
    expect(isLeadershipRole("Senior leader")).toBe(true);
    expect(isLeadershipRole("Classroom teacher")).toBe(false);
    expect(isLeadershipRole("Teaching assistant")).toBe(false);
  });
});

describe("helpers", () => {
  it("worstVerdict takes the worst effect; INFO has none", () => {
    const r = (effect: Reason["effect"]): Reason => ({ code: "LATE", effect, message: "." });
    expect(worstVerdict([])).toBe("ELIGIBLE");
    expect(worstVerdict([r("INFO")])).toBe("ELIGIBLE");
    expect(worstVerdict([r("INFO"), r("REVIEW")])).toBe("REVIEW");
    expect(worstVerdict([r("INVALID"), r("REVIEW"), r("INELIGIBLE")])).toBe("INVALID");
    expect(worstVerdict([r("REVIEW"), r("INELIGIBLE")])).toBe("INELIGIBLE");
    expect(compareVerdicts("ELIGIBLE", "INVALID")).toBeLessThan(0);
  });

  it("formatReasons writes one CODE: sentence line per reason", () => {
    expect(
      formatReasons([
        { code: "LATE", effect: "REVIEW", message: "Submitted late." },
        { code: "OUT_OF_AREA", effect: "REVIEW", message: "Elsewhere." },
      ]),
    ).toBe("LATE: Submitted late.\nOUT_OF_AREA: Elsewhere.");
    expect(formatReasons([])).toBe("");
  });

  it("knows free-mail providers without catching school domains", () => {
    for (const d of [
      "gmail.com",
      "googlemail.com",
      "hotmail.co.uk",
      "outlook.com",
      "live.co.uk",
      "yahoo.com",
      "icloud.com",
      "aol.com",
      "btinternet.com",
      "sky.com",
      "me.com",
    ]) {
      expect(isFreeMail(d)).toBe(true);
    }
    for (const d of [
      "exampleacademy.org.uk",
      "live.example.sch.uk",
      "sky.sch.uk",
      "outlook.leeds.ac.uk",
      "mail.example.org",
    ]) {
      expect(isFreeMail(d)).toBe(false);
    }
  });
});

import {
  FIELD_KINDS,
  PROGRAMMES,
  RULEBOOK,
  isProgrammeKey,
  knownYears,
  programmeByKey,
  rulesFor,
  withRules,
  withYear,
  type EctRule,
  type Question,
} from "../../src/domain/programmes";
import { PROGRAMME_KEYS, REASON_CODES, type ProgrammeKey } from "../../src/domain/types";

const COMMON_START = ["email", "firstName", "lastName", "role"];
const SCHOOL_FIELDS = ["schoolUrn", "schoolName", "schoolPostcode"];

function fields(key: ProgrammeKey): string[] {
  return PROGRAMMES[key].questions.map((q) => q.field);
}

function question(key: ProgrammeKey, field: string): Question {
  const q = PROGRAMMES[key].questions.find((x) => x.field === field);
  if (!q) throw new Error(`${key} does not ask ${field}`);
  return q;
}

describe("the catalogue", () => {
  it("has all sixteen programmes, each under its own key", () => {
    expect(Object.keys(PROGRAMMES).sort()).toEqual([...PROGRAMME_KEYS].sort());
    expect(PROGRAMME_KEYS).toHaveLength(16);
    for (const key of PROGRAMME_KEYS) {
      expect(PROGRAMMES[key].key).toBe(key);
      expect(PROGRAMMES[key].title.length).toBeGreaterThan(5);
      expect(PROGRAMMES[key].description).toMatch(/\.$/);
      expect(PROGRAMMES[key].defaultPlaces).toBeGreaterThan(0);
    }
  });

  it("recognises keys and refuses others", () => {
    expect(isProgrammeKey("sec-specialist")).toBe(true);
    expect(isProgrammeKey("SEC-SPECIALIST")).toBe(false);
    expect(isProgrammeKey("toString")).toBe(false);
    expect(isProgrammeKey(42)).toBe(false);
    expect(programmeByKey("pd-lead").title).toBe("PD Lead Programme");
    expect(() => programmeByKey("nope" as ProgrammeKey)).toThrow(RangeError);
  });

  it("is frozen, so no caller can change another's rules", () => {
    expect(Object.isFrozen(PROGRAMMES["sec-specialist"].questions)).toBe(true);
    expect(() => {
      (PROGRAMMES["sec-specialist"] as { title: string }).title = "x";
    }).toThrow(TypeError);
  });

  it("gives every Form the applicant questions first and consent last", () => {
    for (const key of PROGRAMME_KEYS) {
      const f = fields(key);
      expect(f.slice(0, 4)).toEqual(COMMON_START);
      expect(f[f.length - 1]).toBe("consent");
      expect(new Set(f).size).toBe(f.length);
      expect(question(key, "consent")).toMatchObject({ type: "checkbox", required: true });
      expect(question(key, "email").type).toBe("email");
      expect(question(key, "role").type).toBe("choice");
    }
  });

  it("asks for the school everywhere except ITT partnerships, where it asks for the provider", () => {
    for (const key of PROGRAMME_KEYS) {
      const f = fields(key);
      if (key === "itt-partnerships") {
        for (const s of SCHOOL_FIELDS) expect(f).not.toContain(s);
        expect(question(key, "ittProvider").required).toBe(true);
        continue;
      }
      expect(f.slice(4, 7)).toEqual(SCHOOL_FIELDS);
      const urn = question(key, "schoolUrn");
      expect(urn.title).toBe("Your school's URN");
      expect(urn.helpText).toBe("six digits, from Get Information About Schools");
      expect(urn.required).toBe(key !== "pd-lead");
    }
    expect(PROGRAMMES["pd-lead"].school).toBe("optional");
  });

  it("gives each question a type that fits how its answer is read", () => {
    for (const key of PROGRAMME_KEYS) {
      for (const q of PROGRAMMES[key].questions) {
        const kind = FIELD_KINDS[q.field];
        if (kind === "email") expect(q.type).toBe("email");
        if (kind === "count") expect(q.type).toBe("number");
        if (kind === "consent") expect(q.type).toBe("checkbox");
        if (kind === "yes-no") expect(q.choices).toEqual(["Yes", "No"]);
        if (q.type === "choice" || q.type === "checkbox") {
          expect(q.choices?.length).toBeGreaterThan(0);
        }
        expect(q.title).toMatch(/^[A-Z]/);
        for (const alias of q.aliases ?? []) expect(alias.trim()).toBe(alias);
      }
    }
    expect(question("sktm-nonspecialist", "teachesMaths").choices).toEqual([
      "Yes",
      "No",
      "Not yet, but within a year",
    ]);
  });

  it("asks each programme the questions its rules need", () => {
    const needs: Partial<Record<ProgrammeKey, string[]>> = {
      "sec-specialist": ["qts", "yearsTeaching", "headEmail", "headSupport", "headAttendsLaunch"],
      "pri-specialist": ["qts", "yearsTeaching", "headEmail", "headSupport"],
      "sec-development": ["hodSupport", "headSupport", "advocate2Name", "advocate2Email"],
      "sec-embedding": ["previousDevelopmentYear"],
      "mat-leaders": ["matName", "matSchoolCount", "matSecondaryCount"],
      "securing-foundations": ["teachesYear7"],
      "crossphase-l2": ["teachesL2"],
      "sktm-nonspecialist": ["teachesMaths", "ittInMaths"],
      "sktm-ect-1": ["ectYear"],
      "sktm-ect-2": ["yearsTeaching", "sktmPhase1Done"],
      "sktm-ta": ["schoolInWorkGroup"],
      "itt-partnerships": ["ittProvider", "ittInMaths"],
      "pd-lead": ["ledPdBeyondSchool"],
      "school-dev-lead": ["headEmail", "headSupport", "pdLeadCompleted"],
    };
    for (const [key, wanted] of Object.entries(needs) as [ProgrammeKey, string[]][]) {
      expect(fields(key)).toEqual(expect.arrayContaining(wanted));
    }
    expect(question("sec-development", "advocate2Email").required).toBe(false);
  });

  it("records units, limits and endorsements as DESIGN.md describes", () => {
    expect(PROGRAMMES["sec-specialist"]).toMatchObject({ unit: "individual", maxPerSchool: 1 });
    expect(PROGRAMMES["sec-specialist"].endorsement).toMatchObject({
      by: "head",
      headAttendsLaunch: true,
    });
    expect(PROGRAMMES["pri-specialist"].endorsement?.by).toBe("head");
    expect(PROGRAMMES["sec-development"]).toMatchObject({ unit: "school-pair", maxPerSchool: 1 });
    expect(PROGRAMMES["sec-development"].endorsement?.by).toBe("head-of-maths-and-head-or-slt");
    expect(PROGRAMMES["sec-embedding"].unit).toBe("school");
    expect(PROGRAMMES["special-crossphase"].unit).toBe("school");
    expect(PROGRAMMES["school-dev-lead"].endorsement?.by).toBe("head-or-mat");
    const endorsed = PROGRAMME_KEYS.filter((k) => PROGRAMMES[k].endorsement !== null);
    expect(endorsed.sort()).toEqual(
      ["pri-specialist", "school-dev-lead", "sec-development", "sec-specialist"].sort(),
    );
    for (const key of endorsed) expect(fields(key)).toContain("headEmail");
    expect(PROGRAMMES["itt-partnerships"].schoolRequirement).toBeNull();
    expect(PROGRAMMES["pd-lead"].schoolRequirement?.stateFunded).toBe(false);
    expect(PROGRAMMES["school-dev-lead"].schoolRequirement?.stateFunded).toBe(false);
    expect(PROGRAMMES["crossphase-l2"].schoolRequirement?.phases).toEqual([
      "secondary",
      "post16",
      "college",
    ]);
  });
});

describe("the rule book", () => {
  const ect = (key: ProgrammeKey, year: string) =>
    rulesFor(key, year).rules.find((r): r is EctRule => r.kind === "ect");

  it("covers 2023/24, 2024/25 and 2025/26 for every programme", () => {
    expect(knownYears()).toEqual(["2023/24", "2024/25", "2025/26"]);
    for (const year of knownYears()) {
      for (const key of PROGRAMME_KEYS) {
        const set = rulesFor(key, year);
        expect(set).toMatchObject({ programme: key, year });
      }
    }
  });

  it("changes the meaning of ECT in 2025/26 (years 1–2 before, 2–3 from then)", () => {
    for (const key of ["sec-specialist", "pri-specialist", "sktm-ect-1"] as const) {
      expect(ect(key, "2023/24")?.ectYears).toEqual([1, 2]);
      expect(ect(key, "2024/25")?.ectYears).toEqual([1, 2]);
      expect(ect(key, "2025/26")?.ectYears).toEqual([2, 3]);
    }
    expect(ect("sec-specialist", "2024/25")).toMatchObject({ code: "IS_ECT", raiseWhen: "ect" });
    expect(ect("sktm-ect-1", "2024/25")).toMatchObject({ code: "NOT_ECT", raiseWhen: "not-ect" });
  });

  it("uses the latest known year for a later year, and the earliest for an earlier one", () => {
    expect(rulesFor("sktm-ect-1", "2030/31").year).toBe("2025/26");
    expect(rulesFor("sktm-ect-1", "2030-2031").year).toBe("2025/26");
    expect(rulesFor("sktm-ect-1", "2019/20").year).toBe("2023/24");
    expect(() => rulesFor("sktm-ect-1", "next year")).toThrow(RangeError);
  });

  it("adds a year by copying one, without changing the book it came from", () => {
    const book = withYear("2025/26", "2026/27");
    expect(knownYears(book)).toEqual(["2023/24", "2024/25", "2025/26", "2026/27"]);
    expect(rulesFor("sktm-ect-1", "2026/27", book).year).toBe("2026/27");
    expect(rulesFor("sktm-ect-1", "2026/27", book).rules).toEqual(
      rulesFor("sktm-ect-1", "2025/26").rules,
    );
    expect(knownYears()).toHaveLength(3);
    expect(() => withYear("2025/26", "2024/25")).toThrow(/already has rules/);
    expect(() => withYear("2019/20", "2026/27")).toThrow(/no rules for 2019\/20/);
  });

  it("lets a copied year be amended for one programme only", () => {
    const book = withRules("2026/27", "sktm-ect-1", [], withYear("2025/26", "2026/27"));
    expect(rulesFor("sktm-ect-1", "2026/27", book).rules).toEqual([]);
    expect(rulesFor("sktm-ect-1", "2025/26", book).rules.length).toBeGreaterThan(0);
    expect(rulesFor("sec-specialist", "2026/27", book).rules.length).toBeGreaterThan(0);
    expect(() => withRules("2030/31", "pd-lead", [])).toThrow(/add the year first/);
  });

  it("uses only known reason codes and sentences that end with a full stop", () => {
    const codes = new Set<string>(REASON_CODES);
    for (const year of knownYears()) {
      for (const key of PROGRAMME_KEYS) {
        for (const rule of RULEBOOK[year]![key].rules) {
          const outcomes =
            rule.kind === "engagement-claim"
              ? [rule.ifDenied, rule.ifUnrecorded].filter((o) => o !== undefined)
              : [rule];
          expect(outcomes.length).toBeGreaterThan(0);
          for (const o of outcomes) {
            expect(codes.has(o!.code)).toBe(true);
            expect(o!.message).toMatch(/\.$/);
          }
        }
      }
    }
  });
});

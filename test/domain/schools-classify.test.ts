import {
  fundingOf,
  isInEngland,
  phaseFlagsOf,
  stateFundedLabel,
  type Funding,
} from "../../src/domain/schools/classify";
import { ESTABLISHMENT_TYPES } from "../../src/domain/schools/establishment-types";
import { schoolsFromTable } from "../../src/domain/schools/import";
import type { School } from "../../src/domain/types";
import { giasSample, sample2017 } from "../fixtures/gias/load";

function school(overrides: Partial<School>): School {
  return {
    urn: "100000",
    name: "Test School",
    type: "Community school",
    typeGroup: "Local authority maintained schools",
    status: "Open",
    phase: "Secondary",
    lowAge: 11,
    highAge: 16,
    la: "Leeds",
    postcode: "LS1 4AP",
    region: "Yorkshire and the Humber",
    trust: "",
    successorUrn: "",
    ...overrides,
  };
}

describe("fundingOf", () => {
  const expected: Record<string, Funding> = {
    Colleges: "state",
    "Local authority maintained schools": "state",
    "Special schools": "state",
    Academies: "state",
    "Free Schools": "state",
    "Independent schools": "independent",
    Universities: "not-state",
    "Welsh schools": "not-state",
    "Other types": "not-state",
    "Online provider": "not-state",
  };
  const exceptions: Record<string, Funding> = {
    "Non-maintained special school": "non-maintained-special",
    "Other independent special school": "independent",
  };

  it.each(ESTABLISHMENT_TYPES.map(([, group, , type]) => [type, group] as const))(
    "%s (%s) follows the README's rule",
    (type, typeGroup) => {
      const want = exceptions[type] ?? expected[typeGroup];
      expect(fundingOf(school({ type, typeGroup }))).toBe(want);
      // A file without type groups (2017 style, or a blank cell) gets the same answer from the type.
      expect(fundingOf(school({ type, typeGroup: "" }))).toBe(want);
    },
  );

  it("accepts the download's 'LA maintained schools' group name", () => {
    const [penistone] = schoolsFromTable(giasSample().header, giasSample().rows).schools;
    expect(penistone.typeGroup).toBe("LA maintained schools");
    expect(fundingOf(penistone)).toBe("state");
  });
});

describe("stateFundedLabel", () => {
  it("says Review for non-maintained special schools and for types it does not know", () => {
    expect(
      stateFundedLabel(
        school({ type: "Non-maintained special school", typeGroup: "Special schools" }),
      ),
    ).toBe("Review");
    expect(stateFundedLabel(school({ type: "Children's centre", typeGroup: "" }))).toBe("Review");
    expect(
      stateFundedLabel(
        school({ type: "Higher education institutions", typeGroup: "Universities" }),
      ),
    ).toBe("No");
  });

  it("matches the type groups across the real 2017 sample", () => {
    const { schools } = schoolsFromTable(sample2017().header, sample2017().rows);
    const counts = new Map<string, number>();
    for (const s of schools) {
      const label = stateFundedLabel(s);
      counts.set(label, (counts.get(label) ?? 0) + 1);
      if (s.typeGroup === "Independent schools") expect(label).toBe("No");
      if (s.type === "Other independent special school") expect(label).toBe("No");
      if (s.type === "Non-maintained special school") expect(label).toBe("Review");
      if (
        ["Academies", "Free Schools", "Local authority maintained schools"].includes(s.typeGroup)
      ) {
        expect(label).toBe("Yes");
      }
    }
    // 454 independent schools + 1 city technology college + 124 independent special schools.
    expect(Object.fromEntries(counts)).toEqual({ Yes: 5432, No: 579, Review: 11 });
  });
});

describe("isInEngland", () => {
  it("is false for Welsh schools, the Wales pseudo-region, Welsh LAs and schools abroad", () => {
    expect(isInEngland(school({}))).toBe(true);
    expect(isInEngland(school({ typeGroup: "Welsh schools", type: "Welsh establishment" }))).toBe(
      false,
    );
    expect(isInEngland(school({ region: "Wales (pseudo)" }))).toBe(false);
    expect(isInEngland(school({ la: "Cardiff", region: "" }))).toBe(false);
    expect(isInEngland(school({ la: "Rhondda Cynon Taf", region: "" }))).toBe(false);
    expect(
      isInEngland(
        school({
          type: "British schools overseas",
          typeGroup: "Other types",
          region: "Not Applicable",
        }),
      ),
    ).toBe(false);
  });

  it("is true for every school in the real 2017 sample of English schools", () => {
    const { schools } = schoolsFromTable(sample2017().header, sample2017().rows);
    expect(schools.filter((s) => !isInEngland(s))).toEqual([]);
  });
});

describe("phaseFlagsOf", () => {
  const flags = (o: Partial<School>) => phaseFlagsOf(school(o));

  it("reads the GIAS phases as RULES.md lists them", () => {
    expect(flags({ phase: "Secondary", lowAge: 11, highAge: 16 })).toEqual({
      primary: false,
      secondary: true,
      special: false,
      post16: false,
      college: false,
    });
    expect(flags({ phase: "Secondary", lowAge: 11, highAge: 18 }).post16).toBe(true);
    expect(flags({ phase: "All-through", lowAge: 4, highAge: 18 })).toMatchObject({
      primary: true,
      secondary: true,
    });
    expect(flags({ phase: "All Through", lowAge: 4, highAge: 16 })).toMatchObject({
      primary: true,
      secondary: true,
    });
    expect(flags({ phase: "Middle deemed secondary", lowAge: 9, highAge: 13 })).toMatchObject({
      primary: false,
      secondary: true,
    });
    expect(flags({ phase: "Middle deemed primary", lowAge: 8, highAge: 12 })).toMatchObject({
      primary: true,
      secondary: false,
    });
    expect(flags({ phase: "Primary", lowAge: 4, highAge: 11 })).toMatchObject({
      primary: true,
      secondary: false,
    });
    expect(flags({ phase: "Nursery", lowAge: 2, highAge: 5 })).toMatchObject({
      primary: false,
      secondary: false,
    });
  });

  it("keeps 16 plus apart from secondary and flags colleges", () => {
    expect(
      flags({
        phase: "16 plus",
        type: "Academy 16-19 converter",
        typeGroup: "Academies",
        lowAge: 16,
        highAge: 19,
      }),
    ).toEqual({ primary: false, secondary: false, special: false, post16: true, college: false });
    expect(
      flags({
        phase: "16 plus",
        type: "Further education",
        typeGroup: "Colleges",
        lowAge: 16,
        highAge: 99,
      }),
    ).toEqual({ primary: false, secondary: false, special: false, post16: true, college: true });
  });

  it("uses the ages where the phase is Not applicable", () => {
    const special = {
      type: "Community special school",
      typeGroup: "Special schools",
      phase: "Not applicable",
    };
    expect(flags({ ...special, lowAge: 11, highAge: 16 })).toEqual({
      primary: false,
      secondary: true,
      special: true,
      post16: false,
      college: false,
    });
    expect(flags({ ...special, lowAge: 2, highAge: 19 })).toMatchObject({
      primary: true,
      secondary: true,
      post16: true,
    });
    expect(flags({ ...special, lowAge: 3, highAge: 11 })).toMatchObject({
      primary: true,
      secondary: false,
    });
    expect(flags({ ...special, lowAge: null, highAge: null })).toMatchObject({
      primary: false,
      secondary: false,
    });
    expect(
      flags({ type: "Pupil referral unit", phase: "Not applicable", lowAge: 14, highAge: 16 }),
    ).toMatchObject({
      secondary: true,
      special: false,
    });
  });

  it("flags special academies and special free schools as special", () => {
    for (const type of [
      "Academy special converter",
      "Academy special sponsor led",
      "Free schools special",
    ]) {
      expect(
        flags({ type, typeGroup: "", phase: "Not applicable", lowAge: 11, highAge: 19 }),
      ).toMatchObject({
        special: true,
        secondary: true,
      });
    }
    expect(flags({ type: "Academy converter", typeGroup: "Academies" }).special).toBe(false);
  });

  it("finds the secondary schools of the real 2017 sample", () => {
    const { schools } = schoolsFromTable(sample2017().header, sample2017().rows);
    const secondaryPhase = schools.filter((s) =>
      ["Secondary", "All-through", "Middle deemed secondary"].includes(s.phase),
    );
    expect(secondaryPhase).toHaveLength(1390 + 63 + 35);
    expect(secondaryPhase.every((s) => phaseFlagsOf(s).secondary)).toBe(true);
    const specialSecondary = schools.filter(
      (s) =>
        s.typeGroup === "Special schools" &&
        s.phase === "Not applicable" &&
        phaseFlagsOf(s).secondary,
    );
    expect(specialSecondary.length).toBeGreaterThan(200);
  });
});

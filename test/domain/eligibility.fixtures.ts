// Shared fixtures for the eligibility tests: a small register of made-up schools behind a fake
// SchoolLookup (the real one is tested in schools-register.test.ts), a good set of answers for
// every programme, and a context builder.
import type { SchoolLookup, SchoolResolution } from "../../src/domain/schools/register";
import type { EngagementRecord, ProgrammeKey, RawAnswers, School } from "../../src/domain/types";
import type { ApplicationInput, EvaluationContext } from "../../src/domain/eligibility/evaluate";
import { DEFAULT_SCORE_WEIGHTS } from "../../src/domain/eligibility/score";

function school(partial: Partial<School> & Pick<School, "urn" | "name">): School {
  return {
    type: "Academy converter",
    typeGroup: "Academies",
    status: "Open",
    phase: "Secondary",
    lowAge: 11,
    highAge: 18,
    la: "Leeds",
    postcode: "LS1 1AA",
    region: "Yorkshire and the Humber",
    trust: "Example Learning Trust",
    successorUrn: "",
    ...partial,
  };
}

export const SCHOOLS: Record<string, School> = Object.fromEntries(
  [
    school({ urn: "100001", name: "Example Academy", postcode: "LS1 1AA" }),
    school({
      urn: "100002",
      name: "Example Primary School",
      type: "Community school",
      typeGroup: "Local authority maintained schools",
      phase: "Primary",
      lowAge: 4,
      highAge: 11,
      postcode: "LS2 2BB",
      trust: "",
    }),
    school({
      urn: "100003",
      name: "Example Prep School",
      type: "Other independent school",
      typeGroup: "Independent schools",
      phase: "Not applicable",
      lowAge: 3,
      highAge: 13,
      postcode: "LS3 3CC",
      trust: "",
    }),
    school({
      urn: "100004",
      name: "Example Non-maintained Special School",
      type: "Non-maintained special school",
      typeGroup: "Special schools",
      phase: "Not applicable",
      lowAge: 11,
      highAge: 19,
      postcode: "LS4 4DD",
      trust: "",
    }),
    school({
      urn: "100005",
      name: "Ysgol Enghraifft",
      type: "Welsh establishment",
      typeGroup: "Welsh schools",
      la: "Cardiff",
      region: "Wales (pseudo)",
      postcode: "CF10 1AA",
      trust: "",
    }),
    school({
      urn: "100006",
      name: "Faraway High School",
      type: "Community school",
      typeGroup: "Local authority maintained schools",
      la: "Cornwall",
      region: "South West",
      postcode: "TR1 1AA",
      trust: "",
    }),
    school({
      urn: "100007",
      name: "Old High School",
      type: "Community school",
      typeGroup: "Local authority maintained schools",
      status: "Closed",
      successorUrn: "100008",
      postcode: "LS7 7GG",
      trust: "",
    }),
    school({ urn: "100008", name: "New Horizons Academy", postcode: "LS7 7GG" }),
    school({
      urn: "100009",
      name: "Shut School",
      type: "Community school",
      typeGroup: "Local authority maintained schools",
      status: "Closed",
      postcode: "LS9 9JJ",
      trust: "",
    }),
    school({
      urn: "100010",
      name: "Example Special School",
      type: "Community special school",
      typeGroup: "Special schools",
      phase: "Not applicable",
      lowAge: 4,
      highAge: 19,
      postcode: "LS10 1KK",
      trust: "",
    }),
    school({
      urn: "100011",
      name: "Example Sixth Form College",
      type: "Further education",
      typeGroup: "Colleges",
      phase: "16 plus",
      lowAge: 16,
      highAge: 19,
      postcode: "LS11 1LL",
      trust: "",
    }),
    school({
      urn: "100012",
      name: "Standalone High School",
      type: "Community school",
      typeGroup: "Local authority maintained schools",
      postcode: "LS12 2MM",
      trust: "",
    }),
    school({
      urn: "100013",
      name: "Example Tuition Centre",
      type: "Pupil referral unit",
      typeGroup: "Local authority maintained schools",
      phase: "Not applicable",
      lowAge: null,
      highAge: null,
      postcode: "LS13 3NN",
      trust: "",
    }),
  ].map((s) => [s.urn, s]),
);

/** Follows successor links and matches name + postcode exactly (case and spaces aside). */
export function fakeLookup(schools: Record<string, School> = SCHOOLS): SchoolLookup {
  const key = (s: string) => s.replace(/\s+/g, "").toLowerCase();
  const settle = (start: School, via: "urn" | "name-postcode", quotedUrn: string) => {
    const followed: string[] = [];
    let current = start;
    while (
      !/^open/i.test(current.status) &&
      current.successorUrn &&
      schools[current.successorUrn]
    ) {
      followed.push(current.urn);
      current = schools[current.successorUrn]!;
    }
    const resolution: SchoolResolution = {
      found: true,
      school: current,
      via,
      quotedUrn,
      supersededFrom: followed,
      closedWithoutSuccessor: !/^open/i.test(current.status),
    };
    return resolution;
  };
  return {
    resolve({ schoolUrn = "", schoolName = "", schoolPostcode = "" }) {
      const urn = schoolUrn.replace(/\D/g, "");
      const byUrn = schools[urn];
      if (byUrn) return settle(byUrn, "urn", urn);
      const match = Object.values(schools).find(
        (s) => key(s.name) === key(schoolName) && key(s.postcode) === key(schoolPostcode),
      );
      if (match) return settle(match, "name-postcode", urn);
      return { found: false, quotedUrn: urn };
    },
    byUrn: (urn) => schools[urn],
    lineage(urn) {
      const out = [urn];
      for (let i = 0; i < out.length; i++) {
        for (const s of Object.values(schools)) {
          if (s.successorUrn === out[i] && !out.includes(s.urn)) out.push(s.urn);
        }
      }
      return out;
    },
  };
}

const APPLICANT: RawAnswers = {
  email: " Jo.Bloggs@ExampleAcademy.org.uk ",
  firstName: "Jo",
  lastName: "Bloggs",
  role: "Classroom teacher",
  schoolUrn: "100001",
  schoolName: "Example Academy",
  schoolPostcode: "LS1 1AA",
  consent: "I agree",
};
const HEAD: RawAnswers = {
  headName: "Sam Head",
  headEmail: "head@exampleacademy.org.uk",
  headSupport: "Yes",
};

/** Answers that make each programme's application ELIGIBLE in 2024/25 with DEFAULT_ENGAGEMENT. */
export const GOOD_ANSWERS: Record<ProgrammeKey, RawAnswers> = {
  "sec-specialist": {
    ...APPLICANT,
    ...HEAD,
    qts: "Yes",
    yearsTeaching: "5",
    headAttendsLaunch: "Yes",
    statement: "I want to develop mastery across the hub.",
  },
  "pri-specialist": {
    ...APPLICANT,
    ...HEAD,
    email: "jo.bloggs@exampleprimary.sch.uk",
    headEmail: "head@exampleprimary.sch.uk",
    schoolUrn: "100002",
    schoolName: "Example Primary School",
    schoolPostcode: "LS2 2BB",
    qts: "Yes",
    yearsTeaching: "6",
    statement: "Mastery has transformed my class.",
  },
  "sec-development": {
    ...APPLICANT,
    ...HEAD,
    email: "jo.bloggs@standalone.sch.uk",
    headEmail: "head@standalone.sch.uk",
    schoolUrn: "100012",
    schoolName: "Standalone High School",
    schoolPostcode: "LS12 2MM",
    hodSupport: "Yes",
    advocate2Name: "Alex Second",
    advocate2Email: "alex.second@standalone.sch.uk",
  },
  "sec-embedding": { ...APPLICANT, previousDevelopmentYear: "2023/24" },
  "special-crossphase": {
    ...APPLICANT,
    schoolUrn: "100010",
    schoolName: "Example Special School",
    schoolPostcode: "LS10 1KK",
  },
  "subject-leaders": { ...APPLICANT, role: "Head of maths / subject leader" },
  "mat-leaders": {
    ...APPLICANT,
    role: "Trust (MAT) maths leader",
    matName: "Example Learning Trust",
    matSchoolCount: "4",
    matSecondaryCount: "2",
  },
  "securing-foundations": { ...APPLICANT, teachesYear7: "Yes" },
  "crossphase-l2": { ...APPLICANT, teachesL2: "Yes" },
  "sktm-nonspecialist": { ...APPLICANT, teachesMaths: "Yes", ittInMaths: "No" },
  "sktm-ect-1": { ...APPLICANT, ectYear: "1" },
  "sktm-ect-2": { ...APPLICANT, yearsTeaching: "2", sktmPhase1Done: "Yes" },
  "sktm-ta": { ...APPLICANT, role: "Teaching assistant", schoolInWorkGroup: "Yes" },
  "itt-partnerships": {
    email: "tutor@university.ac.uk",
    firstName: "Pat",
    lastName: "Tutor",
    role: "Initial teacher training tutor or leader",
    ittProvider: "University of Example",
    ittInMaths: "Yes",
    consent: "I agree",
  },
  "pd-lead": { ...APPLICANT, role: "Senior leader", ledPdBeyondSchool: "Yes" },
  "school-dev-lead": { ...APPLICANT, ...HEAD, role: "Senior leader", pdLeadCompleted: "Yes" },
};

/** Example Academy took part in Development in 2023/24. */
export const DEFAULT_ENGAGEMENT: EngagementRecord[] = [
  { urn: "100001", programme: "sec-development", year: "2023/24", status: "completed" },
];

export function context(overrides: Partial<EvaluationContext> = {}): EvaluationContext {
  return {
    year: "2024/25",
    closesAt: new Date("2024-03-29T17:00:00Z"),
    schools: fakeLookup(),
    hubLas: ["Leeds", "Wakefield"],
    priorityLas: [],
    priorityUrns: [],
    engagement: DEFAULT_ENGAGEMENT,
    weights: { ...DEFAULT_SCORE_WEIGHTS },
    ...overrides,
  };
}

export function application(
  programme: ProgrammeKey,
  answers: RawAnswers = {},
  overrides: Partial<ApplicationInput> = {},
): ApplicationInput {
  return {
    responseId: `r-${programme}`,
    programme,
    submittedAt: new Date("2024-03-01T10:00:00Z"),
    answers: { ...GOOD_ANSWERS[programme], ...answers },
    endorsement: "Confirmed",
    statementScore: null,
    ...overrides,
  };
}

// The sixteen programmes a Maths Hub recruits for (DESIGN.md, "The programmes"). Rules that may
// change from one academic year to the next live in the rule book, not here.
import { PROGRAMME_KEYS, type ProgrammeKey } from "../types";
import { deepFreeze } from "./freeze";
import type { EndorsementRequirement, Programme, Question, SchoolRequirement } from "./model";
import {
  ANYTHING_ELSE,
  APPLICANT,
  CONSENT,
  HEAD,
  email,
  number,
  schoolQuestions,
  statement,
  text,
  yesNo,
} from "./questions";

const STATE_SECONDARY: SchoolRequirement = {
  stateFunded: true,
  phases: ["secondary"],
  wrongPhaseEffect: "INELIGIBLE",
  summary: "state-funded secondary schools",
};

const QTS = yesNo("qts", "Do you have qualified teacher status (QTS)?", {
  aliases: ["QTS", "Do you have QTS?", "Qualified teacher status"],
});

const YEARS_TEACHING = number(
  "yearsTeaching",
  "How many full years have you taught since qualifying?",
  {
    helpText: "Count complete school years; do not count your training year.",
    aliases: [
      "Years teaching",
      "Number of years teaching",
      "How many years have you been teaching?",
    ],
  },
);

const HEAD_ENDORSES: EndorsementRequirement = {
  by: "head",
  endorserTitle: "head teacher",
  headAttendsLaunch: false,
  declinedCode: "NO_HEAD_SUPPORT",
};

function form(school: "required" | "optional" | "none", specific: readonly Question[]): Question[] {
  const schoolPart = school === "none" ? [] : schoolQuestions(school === "required");
  return [...APPLICANT, ...schoolPart, ...specific, CONSENT];
}

const NO_SCORING_EXTRAS = { experience: null, leadership: false } as const;

const CATALOGUE: readonly Programme[] = [
  {
    key: "sec-specialist",
    title: "Secondary Mastery Specialist",
    description:
      "A three-year programme that develops expert teachers of maths who then lead Teaching for Mastery in other schools.",
    eligibilitySummary:
      "Teachers of maths in a state-funded secondary school in England with QTS and at least two years' teaching, who are not early career teachers, supported by their head teacher.",
    unit: "individual",
    defaultPlaces: 3,
    maxPerSchool: 1,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: { ...HEAD_ENDORSES, headAttendsLaunch: true },
    teachingForMastery: true,
    scoring: { experience: "years", leadership: false },
    questions: form("required", [
      QTS,
      YEARS_TEACHING,
      ...HEAD,
      yesNo("headSupport", "Does your head teacher support your application?", {
        aliases: ["Head teacher support", "Does your headteacher support your application?"],
      }),
      yesNo("headAttendsLaunch", "Can your head teacher attend part of the autumn launch event?", {
        aliases: ["Head teacher attends launch", "Will your headteacher attend the launch?"],
      }),
      statement(true, "Why do you want to become a Mastery Specialist?"),
    ]),
  },
  {
    key: "pri-specialist",
    title: "Primary Mastery Specialist",
    description:
      "A three-year programme for primary teachers to develop their own Teaching for Mastery and then support other schools.",
    eligibilitySummary:
      "Teachers with QTS in a state-funded primary school who are not early career teachers, with their head teacher's support for 15 days' release in the first year.",
    unit: "individual",
    defaultPlaces: 3,
    maxPerSchool: 1,
    school: "required",
    schoolRequirement: {
      stateFunded: true,
      phases: ["primary"],
      wrongPhaseEffect: "INELIGIBLE",
      summary: "state-funded primary schools",
    },
    endorsement: HEAD_ENDORSES,
    teachingForMastery: true,
    scoring: { experience: "years", leadership: false },
    questions: form("required", [
      QTS,
      YEARS_TEACHING,
      ...HEAD,
      yesNo(
        "headSupport",
        "Will your head teacher support your application and release you for 15 days in the first year?",
        { aliases: ["Head teacher support", "Release time agreed"] },
      ),
      statement(true, "Why do you want to become a Mastery Specialist?"),
    ]),
  },
  {
    key: "sec-development",
    title: "Secondary Teaching for Mastery Development Work Group",
    description:
      "A year's Work Group in which a school's two Mastery Advocates start developing Teaching for Mastery with a Mastery Specialist.",
    eligibilitySummary:
      "State-funded secondary schools that nominate two Mastery Advocates, with the support of the head of maths and the head teacher or a senior leader.",
    unit: "school-pair",
    defaultPlaces: 8,
    maxPerSchool: 1,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: {
      by: "head-of-maths-and-head-or-slt",
      endorserTitle: "head teacher or senior leader",
      headAttendsLaunch: false,
      declinedCode: "NO_HEAD_SUPPORT",
    },
    teachingForMastery: true,
    scoring: NO_SCORING_EXTRAS,
    questions: form("required", [
      text("headName", "Your head teacher's or senior leader's name", {
        aliases: ["Head teacher's name", "Headteacher name", "SLT contact name"],
      }),
      email("headEmail", "Your head teacher's or senior leader's email address", {
        helpText: "We will ask them to confirm the school's commitment.",
        aliases: ["Head teacher's email", "Headteacher email address", "SLT contact email"],
      }),
      yesNo("hodSupport", "Does your head of maths support the school taking part?", {
        aliases: ["Head of maths support", "Head of department support"],
      }),
      yesNo(
        "headSupport",
        "Does your head teacher or a senior leader support the school taking part?",
        {
          aliases: ["Head teacher or SLT support", "SLT support"],
        },
      ),
      text("advocate2Name", "The second Mastery Advocate's name", {
        required: false,
        helpText:
          "Your school nominates two teachers of maths as Mastery Advocates; you are the first.",
        aliases: ["Second advocate name", "Mastery Advocate 2 name"],
      }),
      email("advocate2Email", "The second Mastery Advocate's email address", {
        required: false,
        aliases: ["Second advocate email", "Mastery Advocate 2 email"],
      }),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "sec-embedding",
    title: "Secondary Teaching for Mastery Embedding Year Support",
    description:
      "A second year of Work Group support for schools that took part in a Development Work Group the year before.",
    eligibilitySummary:
      "State-funded secondary schools that took part in a Development Work Group in the previous academic year.",
    unit: "school",
    defaultPlaces: 8,
    maxPerSchool: 1,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: null,
    teachingForMastery: true,
    scoring: NO_SCORING_EXTRAS,
    questions: form("required", [
      text(
        "previousDevelopmentYear",
        "In which academic year did your school take part in a Teaching for Mastery Development Work Group?",
        {
          helpText: 'For example 2024/25. Write "None" if it has not taken part.',
          aliases: ["Development Work Group year", "Year of Development Work Group"],
        },
      ),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "special-crossphase",
    title: "Special Schools Cross-phase Development Work Group",
    description:
      "A Teaching for Mastery Development Work Group for teachers in special schools, primary and secondary together.",
    eligibilitySummary: "Teachers in a state-funded special school, primary or secondary.",
    unit: "school",
    defaultPlaces: 6,
    maxPerSchool: 1,
    school: "required",
    schoolRequirement: {
      stateFunded: true,
      phases: ["special"],
      wrongPhaseEffect: "INELIGIBLE",
      summary: "state-funded special schools",
    },
    endorsement: null,
    teachingForMastery: true,
    scoring: NO_SCORING_EXTRAS,
    questions: form("required", [ANYTHING_ELSE]),
  },
  {
    key: "subject-leaders",
    title: "Secondary Maths Subject Leaders Community",
    description:
      "A community in which heads of maths develop their leadership of the subject with other subject leaders.",
    eligibilitySummary:
      "Heads of department and maths subject leaders in state-funded secondary schools.",
    unit: "individual",
    defaultPlaces: 20,
    maxPerSchool: 1,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: null,
    teachingForMastery: false,
    scoring: { experience: null, leadership: true },
    questions: form("required", [ANYTHING_ELSE]),
  },
  {
    key: "mat-leaders",
    title: "Secondary MAT Maths Leaders Community",
    description:
      "A community for people who lead maths across several schools of a multi-academy trust.",
    eligibilitySummary:
      "Leaders of maths across at least two schools of a multi-academy trust, at least one of them secondary.",
    unit: "individual",
    defaultPlaces: 15,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: {
      stateFunded: true,
      phases: "any",
      wrongPhaseEffect: "INELIGIBLE",
      summary: "schools of a multi-academy trust",
    },
    endorsement: null,
    teachingForMastery: false,
    scoring: { experience: null, leadership: true },
    questions: form("required", [
      text("matName", "The name of your multi-academy trust", {
        aliases: ["MAT name", "Trust name", "Multi-academy trust"],
      }),
      number("matSchoolCount", "Across how many of the trust's schools do you lead maths?", {
        aliases: ["Number of schools", "How many schools do you lead maths across?"],
      }),
      number("matSecondaryCount", "How many of those schools are secondary schools?", {
        aliases: ["Number of secondary schools"],
      }),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "securing-foundations",
    title: "Securing Foundations at Year 7",
    description:
      "A Work Group for teachers of Year 7 pupils who join secondary school below age-related expectations.",
    eligibilitySummary:
      "Teachers in state-funded secondary schools who teach Year 7 pupils working below age-related expectations.",
    unit: "individual",
    defaultPlaces: 20,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: null,
    teachingForMastery: false,
    scoring: NO_SCORING_EXTRAS,
    questions: form("required", [
      yesNo(
        "teachesYear7",
        "Do you teach Year 7 pupils who are working below age-related expectations?",
        { aliases: ["Do you teach Year 7?", "Teaches Year 7"] },
      ),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "crossphase-l2",
    title: "Cross-phase Level 2 Work Group",
    description:
      "A Work Group on teaching Level 2 maths (GCSE and Functional Skills) across secondary schools and post-16 providers.",
    eligibilitySummary:
      "Teachers of Year 10/11, or of post-16 GCSE resit or Functional Skills maths, in a state-funded secondary school, UTC, further education or sixth-form college.",
    unit: "individual",
    defaultPlaces: 20,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: {
      stateFunded: true,
      phases: ["secondary", "post16", "college"],
      wrongPhaseEffect: "INELIGIBLE",
      summary: "secondary schools, colleges and other post-16 providers",
    },
    endorsement: null,
    teachingForMastery: false,
    scoring: NO_SCORING_EXTRAS,
    questions: form("required", [
      yesNo(
        "teachesL2",
        "Do you teach Year 10 or 11, or post-16 GCSE resit or Functional Skills maths?",
        { aliases: ["Do you teach Level 2 maths?", "Teaches Level 2"] },
      ),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "sktm-nonspecialist",
    title: "Specialist Knowledge for Teaching Mathematics: Secondary Non-specialist Teachers",
    description:
      "A programme that deepens the subject knowledge of teachers who teach maths without having trained in it.",
    eligibilitySummary:
      "Teachers in a state-funded school or college who teach maths, or will within a year, and did not train to teach maths.",
    unit: "individual",
    defaultPlaces: 25,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: {
      stateFunded: true,
      phases: "any",
      wrongPhaseEffect: "INELIGIBLE",
      summary: "state-funded schools and colleges",
    },
    endorsement: null,
    teachingForMastery: false,
    scoring: NO_SCORING_EXTRAS,
    questions: form("required", [
      {
        field: "teachesMaths",
        title: "Do you teach maths?",
        type: "choice",
        required: true,
        choices: ["Yes", "No", "Not yet, but within a year"],
        aliases: ["Do you currently teach maths?", "Teaches maths"],
      },
      yesNo("ittInMaths", "Did your initial teacher training specialise in maths?", {
        aliases: ["Did you train to teach maths?", "ITT in maths"],
      }),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "sktm-ect-1",
    title: "Specialist Knowledge for Teaching Mathematics: Secondary ECT Phase 1",
    description:
      "The first phase of a subject-knowledge programme for early career teachers of secondary maths.",
    eligibilitySummary:
      "Early career teachers (as the academic year defines them) in state-funded secondary schools.",
    unit: "individual",
    defaultPlaces: 25,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: null,
    teachingForMastery: false,
    scoring: { experience: "full", leadership: false },
    questions: form("required", [
      number("ectYear", "Which year of teaching are you in?", {
        helpText: "1 for your first year after gaining QTS, 2 for your second, and so on.",
        aliases: ["ECT year", "Year of teaching", "Which year of your ECT induction are you in?"],
      }),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "sktm-ect-2",
    title: "Specialist Knowledge for Teaching Mathematics: Secondary ECT Phase 2",
    description: "The second phase, for early career teachers who have completed Phase 1.",
    eligibilitySummary:
      "Early career teachers in state-funded secondary schools who have completed Phase 1.",
    unit: "individual",
    defaultPlaces: 25,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: null,
    teachingForMastery: false,
    scoring: { experience: "full", leadership: false },
    questions: form("required", [
      YEARS_TEACHING,
      yesNo("sktmPhase1Done", "Have you completed SKTM ECT Phase 1?", {
        aliases: ["Completed Phase 1", "Did you take part in Phase 1?"],
      }),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "sktm-ta",
    title: "Specialist Knowledge for Teaching Mathematics: Secondary Teaching Assistants",
    description:
      "A programme for teaching assistants who support maths in Key Stage 3, in schools already working on Teaching for Mastery.",
    eligibilitySummary:
      "Teaching assistants supporting Key Stage 3 maths in a state-funded secondary school that is in a Teaching for Mastery Work Group.",
    unit: "individual",
    defaultPlaces: 25,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: STATE_SECONDARY,
    endorsement: null,
    teachingForMastery: false,
    scoring: { experience: "full", leadership: false },
    questions: form("required", [
      yesNo(
        "schoolInWorkGroup",
        "Is your school taking part in a Teaching for Mastery Work Group?",
        {
          aliases: [
            "School in a TfM Work Group",
            "Is your school in a Teaching for Mastery Work Group?",
          ],
        },
      ),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "itt-partnerships",
    title: "Strengthening Partnerships with ITT Providers",
    description:
      "A Work Group that brings initial teacher training providers and the hub together on the teaching of maths.",
    eligibilitySummary:
      "People who work in initial teacher training (a university, SCITT or School Direct partnership) with responsibility for maths.",
    unit: "individual",
    defaultPlaces: 10,
    maxPerSchool: null,
    school: "none",
    schoolRequirement: null,
    endorsement: null,
    teachingForMastery: false,
    scoring: NO_SCORING_EXTRAS,
    questions: form("none", [
      text("ittProvider", "Your initial teacher training provider", {
        helpText: "The university, SCITT or School Direct partnership you work for.",
        aliases: ["ITT provider", "Provider", "Organisation"],
      }),
      yesNo(
        "ittInMaths",
        "Are you responsible for maths in your initial teacher training provision?",
        {
          aliases: ["Responsibility for maths", "Do you lead maths in ITT?"],
        },
      ),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "pd-lead",
    title: "PD Lead Programme",
    description:
      "A programme for people who lead, or will lead, maths professional development beyond their own school or college.",
    eligibilitySummary:
      "People based in England who lead maths professional development beyond their own institution, in any phase.",
    unit: "individual",
    defaultPlaces: 6,
    maxPerSchool: null,
    school: "optional",
    schoolRequirement: {
      stateFunded: false,
      phases: "any",
      wrongPhaseEffect: "INELIGIBLE",
      summary: "schools and colleges in England",
    },
    endorsement: null,
    teachingForMastery: false,
    scoring: { experience: null, leadership: true },
    questions: form("optional", [
      yesNo(
        "ledPdBeyondSchool",
        "Do you lead maths professional development beyond your own school or college?",
        { aliases: ["Do you lead PD beyond your school?", "Leads PD beyond own institution"] },
      ),
      ANYTHING_ELSE,
    ]),
  },
  {
    key: "school-dev-lead",
    title: "School Development Lead",
    description:
      "A programme for experienced leaders who support other schools to improve maths, normally after the PD Lead Programme.",
    eligibilitySummary:
      "People in England who support other schools, normally having completed the PD Lead Programme, with the support of their head teacher or trust.",
    unit: "individual",
    defaultPlaces: 6,
    maxPerSchool: null,
    school: "required",
    schoolRequirement: {
      stateFunded: false,
      phases: "any",
      wrongPhaseEffect: "INELIGIBLE",
      summary: "schools and colleges in England",
    },
    endorsement: {
      by: "head-or-mat",
      endorserTitle: "head teacher or trust leader",
      headAttendsLaunch: false,
      declinedCode: "NO_HEAD_SUPPORT",
    },
    teachingForMastery: false,
    scoring: { experience: null, leadership: true },
    questions: form("required", [
      text("headName", "Your head teacher's or trust leader's name", {
        aliases: ["Head teacher's name", "Headteacher name", "Trust leader name"],
      }),
      email("headEmail", "Your head teacher's or trust leader's email address", {
        helpText: "We will ask them to confirm their support.",
        aliases: ["Head teacher's email", "Headteacher email address", "Trust leader email"],
      }),
      yesNo("headSupport", "Does your head teacher or trust support your application?", {
        aliases: ["Head teacher or MAT support", "Head teacher support"],
      }),
      yesNo("pdLeadCompleted", "Have you completed the PD Lead Programme?", {
        aliases: ["Completed PD Lead Programme", "PD Lead completed"],
      }),
      ANYTHING_ELSE,
    ]),
  },
];

export const PROGRAMMES: Readonly<Record<ProgrammeKey, Programme>> = deepFreeze(
  Object.fromEntries(CATALOGUE.map((p) => [p.key, p])) as Record<ProgrammeKey, Programme>,
);

const KEYS: ReadonlySet<string> = new Set(PROGRAMME_KEYS);

export function isProgrammeKey(s: unknown): s is ProgrammeKey {
  return typeof s === "string" && KEYS.has(s);
}

/** The programme's title, or the key itself when it names no programme. */
export function programmeTitle(key: string): string {
  return isProgrammeKey(key) ? PROGRAMMES[key].title : key;
}

/** Throws on an unknown key: callers validate user-typed keys with isProgrammeKey first. */
export function programmeByKey(key: ProgrammeKey): Programme {
  const programme = isProgrammeKey(key) ? PROGRAMMES[key] : undefined;
  if (!programme) throw new RangeError(`"${String(key)}" is not a programme this hub knows.`);
  return programme;
}

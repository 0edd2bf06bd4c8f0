// Answers a real applicant would give on each programme's Form, keyed by canonical field, for a
// real school of the fixture. Each set is a clean application: with the hub's Engagement history
// where the programme needs one (Embedding, SKTM TAs), it raises no reason of its own, so a
// test changes one answer and sees exactly the reason that answer causes.
import { HubEnvironment, type HubState } from "../../emulator/runner/environment";
import type { SpreadsheetSnapshot } from "../../emulator/services/spreadsheet";
import { PROGRAMMES } from "../../src/domain/programmes/catalogue";
import {
  PROGRAMME_KEYS,
  type CanonicalField,
  type ProgrammeKey,
  type School,
} from "../../src/domain/types";
import { answersFor, type HubFixture } from "./fixture";
import { BUNDLE } from "./helpers";

export type FieldAnswers = Partial<Record<CanonicalField, string | string[]>>;

export interface Person {
  first: string;
  last: string;
}

/** The school's own email domain, e.g. "the-valley-school.sch.uk". */
export function schoolDomain(school: School | null): string {
  if (!school) return "example-university.ac.uk";
  const slug = school.name
    .toLowerCase()
    .replace(/\(former urn \d+\)/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
  return `${slug}.sch.uk`;
}

export function emailOf(person: Person, school: School | null): string {
  return `${person.first}.${person.last}@${schoolDomain(school)}`.toLowerCase();
}

const STATEMENT = "I would like to develop the teaching of maths across our school.";

/** A clean application to `key` from `person` at `school` (null: no school, e.g. ITT). */
export function goodAnswers(
  key: ProgrammeKey,
  school: School | null,
  person: Person = { first: "Sam", last: "Teacher" },
): FieldAnswers {
  const applicant: FieldAnswers = {
    email: emailOf(person, school),
    firstName: person.first,
    lastName: person.last,
    role: "Classroom teacher",
    consent: ["I agree"],
  };
  const atSchool: FieldAnswers = school
    ? { schoolUrn: school.urn, schoolName: school.name, schoolPostcode: school.postcode }
    : {};
  const head: FieldAnswers = {
    headName: "Pat Head",
    headEmail: `head@${schoolDomain(school)}`,
    headSupport: "Yes",
  };
  const common = { ...applicant, ...atSchool };
  const specific: Record<ProgrammeKey, FieldAnswers> = {
    "sec-specialist": {
      ...head,
      qts: "Yes",
      yearsTeaching: "6",
      headAttendsLaunch: "Yes",
      statement: STATEMENT,
    },
    "pri-specialist": { ...head, qts: "Yes", yearsTeaching: "6", statement: STATEMENT },
    "sec-development": {
      ...head,
      hodSupport: "Yes",
      advocate2Name: "Alex Second",
      advocate2Email: `alex.second@${schoolDomain(school)}`,
    },
    // The hub runs 2023/24, so "last year" is 2022/23; the Engagement sheet must show it.
    "sec-embedding": { previousDevelopmentYear: "2022/23" },
    "special-crossphase": {},
    "subject-leaders": { role: "Head of maths / subject leader" },
    "mat-leaders": {
      role: "Trust (MAT) maths leader",
      matName: "Example Learning Trust",
      matSchoolCount: "4",
      matSecondaryCount: "2",
    },
    "securing-foundations": { teachesYear7: "Yes" },
    "crossphase-l2": { teachesL2: "Yes" },
    "sktm-nonspecialist": { teachesMaths: "Yes", ittInMaths: "No" },
    "sktm-ect-1": { ectYear: "1" },
    "sktm-ect-2": { yearsTeaching: "2", sktmPhase1Done: "Yes" },
    // The Engagement sheet must show the school in a TfM Work Group this year or last.
    "sktm-ta": { role: "Teaching assistant", schoolInWorkGroup: "Yes" },
    "itt-partnerships": {
      role: "Initial teacher training tutor or leader",
      ittProvider: "University of Hertfordshire",
      ittInMaths: "Yes",
    },
    "pd-lead": { role: "Senior leader", ledPdBeyondSchool: "Yes" },
    "school-dev-lead": { ...head, role: "Senior leader", pdLeadCompleted: "Yes" },
  };
  return { ...common, ...specific[key] };
}

/**
 * The Form answers (keyed by question title) for `key`: a clean application with `overrides`.
 * An override of "" leaves the question unanswered.
 */
export function formAnswers(
  key: ProgrammeKey,
  school: School | null,
  overrides: FieldAnswers = {},
  person?: Person,
): Record<string, string | string[]> {
  const byField: FieldAnswers = { ...goodAnswers(key, school, person), ...overrides };
  for (const [field, value] of Object.entries(byField)) {
    if (value === "") delete byField[field as CanonicalField];
  }
  return answersFor(key, byField);
}

/** The programme's question title for a field (for messages that quote it). */
export function titleOf(key: ProgrammeKey, field: CanonicalField): string {
  const q = PROGRAMMES[key].questions.find((x) => x.field === field);
  if (!q) throw new Error(`${key} asks no question for ${field}`);
  return q.title;
}

/**
 * A hub set up once and copied for each test or property run: restoring the emulator's state and
 * spreadsheet snapshot takes a fraction of a second, setting a hub up from scratch a second or two.
 */
export interface HubTemplate {
  state: HubState;
  sheet: SpreadsheetSnapshot;
  schools: School[];
  formIds: ReadonlyMap<ProgrammeKey, string>;
}

export function templateOf(hub: HubFixture): HubTemplate {
  const formIds = new Map<ProgrammeKey, string>();
  for (const key of PROGRAMME_KEYS) formIds.set(key, hub.formId(key));
  return {
    state: structuredClone(hub.env.state()),
    sheet: structuredClone(hub.env.spreadsheetSnapshot()),
    schools: hub.schools,
    formIds,
  };
}

/** An independent copy of the template's hub, running the same compiled bundle. */
export function copyOf(template: HubTemplate): HubFixture {
  const env = HubEnvironment.restore(
    structuredClone(template.state),
    structuredClone(template.sheet),
    { bundleCode: BUNDLE },
  );
  return {
    env,
    schools: template.schools,
    formId(key) {
      const id = template.formIds.get(key);
      if (!id) throw new Error(`No form for ${key}`);
      return id;
    },
  };
}

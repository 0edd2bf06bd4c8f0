// A realistic hub to run against: real East of England schools from the 2017 GIAS sample (with
// the 2025 links file, so old URNs resolve), a hub serving Hertfordshire and Essex, every form
// created by the add-on's own "Set up this hub". Shared by the demo and the benchmark.
import * as path from "node:path";
import { loadGiasRegister, readGiasLinksFile } from "../gias/read";
import { PROGRAMMES } from "../../src/domain/programmes/catalogue";
import { withPredecessors } from "../../src/domain/schools/predecessors";
import type { CanonicalField, ProgrammeKey, School } from "../../src/domain/types";
import { setSetting, writeSchools } from "./admin";
import { HubEnvironment } from "./environment";

export const SHARED_DATA = path.resolve(__dirname, "../../../shared/data");
export const SAMPLE_AREA = ["Hertfordshire", "Essex"];

let cached: School[] | null = null;

export async function eastOfEnglandSchools(): Promise<School[]> {
  if (cached) return cached;
  const register = await loadGiasRegister({
    schools: [path.join(SHARED_DATA, "schools-england-2017-sample.csv")],
  });
  const links = await readGiasLinksFile(path.join(SHARED_DATA, "gias-links-20250422.csv"));
  cached = withPredecessors(
    register.schools.filter((s) => s.region === "East of England"),
    links,
  );
  return cached;
}

export interface SampleHub {
  env: HubEnvironment;
  schools: School[];
  formId(key: ProgrammeKey): string;
}

export async function sampleHub(
  options: { now?: Date; bundleCode?: string; hubName?: string } = {},
): Promise<SampleHub> {
  const hubName = options.hubName ?? "Example Maths Hub";
  const env = HubEnvironment.create({
    now: options.now ?? new Date("2024-01-08T09:00:00Z"),
    bundleCode: options.bundleCode,
    hubName,
  });
  const setup = env.run<{ ok: boolean; problems: string[] }>("menuSetUpHub");
  if (setup.error || !setup.value?.ok)
    throw new Error(`Set up failed: ${setup.error?.message ?? setup.value?.problems.join("; ")}`);
  const schools = await eastOfEnglandSchools();
  writeSchools(env, schools);
  setSetting(env, "Hub name", hubName);
  setSetting(env, "Local authorities served", SAMPLE_AREA.join(";"));
  setSetting(env, "Reply-to email", "hub@example.org");
  const forms = new Map(env.forms._all().map((f) => [f.getTitle(), f.getId()]));
  return {
    env,
    schools,
    formId(key) {
      const id = [...forms].find(([title]) => title.endsWith(`: ${PROGRAMMES[key].title}`))?.[1];
      if (!id) throw new Error(`No form for ${key}`);
      return id;
    },
  };
}

/** Answers keyed by the form's question titles, from answers keyed by canonical field. */
export function answersByTitle(
  key: ProgrammeKey,
  byField: Partial<Record<CanonicalField, string | string[]>>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const q of PROGRAMMES[key].questions) {
    const v = byField[q.field];
    if (v !== undefined) out[q.title] = v;
  }
  return out;
}

/** A good Secondary Mastery Specialist application from `school`, by canonical field. */
export function specialistAnswers(
  school: School,
  person: { email: string; firstName: string; lastName: string },
  overrides: Partial<Record<CanonicalField, string | string[]>> = {},
): Record<string, string | string[]> {
  return answersByTitle("sec-specialist", {
    ...person,
    role: "Classroom teacher",
    schoolUrn: school.urn,
    schoolName: school.name,
    schoolPostcode: school.postcode,
    qts: "Yes",
    yearsTeaching: "6",
    headName: "Pat Head",
    headEmail: "pat.head@example.org",
    headSupport: "Yes",
    headAttendsLaunch: "Yes",
    statement: "I would like to develop mastery teaching across our department.",
    consent: ["I agree"],
    ...overrides,
  });
}

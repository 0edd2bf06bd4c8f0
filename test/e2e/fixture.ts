// A realistic hub for end-to-end tests: the East of England schools of the real 2017 sample (with
// GIAS successor links, so old URNs resolve), a hub serving Hertfordshire and Essex, every form
// created by the add-on's own "Set up this hub", run from the compiled bundle.
import * as path from "node:path";
import { loadGiasRegister, readGiasLinksFile } from "../../emulator/gias/read";
import { setProgramme, setSetting, writeSchools } from "../../emulator/runner/admin";
import type { HubEnvironment } from "../../emulator/runner/environment";
import { PROGRAMMES } from "../../src/domain/programmes/catalogue";
import { withPredecessors } from "../../src/domain/schools/predecessors";
import type { CanonicalField, ProgrammeKey, School } from "../../src/domain/types";
import { newHub, SHARED_DATA } from "./helpers";

export const HUB_AREA = ["Hertfordshire", "Essex"];

let cached: School[] | null = null;
export async function eastOfEnglandSchools(): Promise<School[]> {
  if (cached) return cached;
  const register = await loadGiasRegister({
    schools: [path.join(SHARED_DATA, "schools-england-2017-sample.csv")],
  });
  const links = await readGiasLinksFile(path.join(SHARED_DATA, "gias-links-20250422.csv"));
  const east = register.schools.filter((s) => s.region === "East of England");
  cached = withPredecessors(
    east.map((s) => ({ ...s, successorUrn: "" })),
    links,
  );
  return cached;
}

export interface HubFixture {
  env: HubEnvironment;
  schools: School[];
  formId(key: ProgrammeKey): string;
}

export async function setUpHub(
  options: { now?: Date; closes?: Partial<Record<ProgrammeKey, Date>> } = {},
): Promise<HubFixture> {
  const env = newHub(options.now ?? new Date("2024-01-08T09:00:00Z"));
  const setup = env.run<{ ok: boolean; problems: string[] }>("menuSetUpHub");
  if (setup.error || !setup.value?.ok)
    throw new Error(`Set up failed: ${setup.error?.message ?? setup.value?.problems.join("; ")}`);
  const schools = await eastOfEnglandSchools();
  writeSchools(env, schools);
  setSetting(env, "Hub name", "Example Maths Hub");
  setSetting(env, "Local authorities served", HUB_AREA.join(";"));
  setSetting(env, "Reply-to email", "hub@example.org");
  for (const [key, closes] of Object.entries(options.closes ?? {}))
    setProgramme(env, key, { Closes: closes as Date });
  const forms = new Map<string, string>();
  for (const f of env.forms._all()) forms.set(f.getTitle(), f.getId());
  return {
    env,
    schools,
    formId(key) {
      const id =
        forms.get(`Example Maths Hub: ${PROGRAMMES[key].title}`) ??
        [...forms].find(([t]) => t.endsWith(`: ${PROGRAMMES[key].title}`))?.[1];
      if (!id) throw new Error(`No form for ${key}`);
      return id;
    },
  };
}

/** Answers keyed by the form's question titles, from answers keyed by canonical field. */
export function answersFor(
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

export function findSchool(schools: School[], pred: (s: School) => boolean): School {
  const s = schools.find(pred);
  if (!s) throw new Error("No school in the fixture matches");
  return s;
}

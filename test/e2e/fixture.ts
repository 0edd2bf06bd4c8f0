// A realistic hub for end-to-end tests: the sample hub of the demo and benchmark
// (emulator/runner/sample-hub.ts), run from the compiled bundle, plus test conveniences.
import { setProgramme } from "../../emulator/runner/admin";
import type { HubEnvironment } from "../../emulator/runner/environment";
import {
  answersByTitle,
  eastOfEnglandSchools,
  SAMPLE_AREA,
  sampleHub,
} from "../../emulator/runner/sample-hub";
import type { ProgrammeKey, School } from "../../src/domain/types";
import { BUNDLE } from "./helpers";

export const HUB_AREA = SAMPLE_AREA;
export { eastOfEnglandSchools };
/** Answers keyed by the form's question titles, from answers keyed by canonical field. */
export const answersFor = answersByTitle;

export interface HubFixture {
  env: HubEnvironment;
  schools: School[];
  formId(key: ProgrammeKey): string;
}

export async function setUpHub(
  options: { now?: Date; closes?: Partial<Record<ProgrammeKey, Date>> } = {},
): Promise<HubFixture> {
  const hub = await sampleHub({
    now: options.now ?? new Date("2024-01-08T09:00:00Z"),
    bundleCode: BUNDLE,
  });
  for (const [key, closes] of Object.entries(options.closes ?? {}))
    setProgramme(hub.env, key, { Closes: closes as Date });
  return hub;
}

export function findSchool(schools: School[], pred: (s: School) => boolean): School {
  const s = schools.find(pred);
  if (!s) throw new Error("No school in the fixture matches");
  return s;
}

/** Open state secondary schools of one local authority, in register order. */
export function openSecondaries(hub: HubFixture, la: string): School[] {
  return hub.schools.filter(
    (s) =>
      s.la === la &&
      s.phase === "Secondary" &&
      /^Open/.test(s.status) &&
      /academy|community|foundation|voluntary/i.test(s.type),
  );
}

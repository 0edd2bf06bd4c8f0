// A hub ready to allocate, for the browser test: the sample hub (real East of England schools,
// every form made by the add-on's own set-up) with two leads, two Development Work Groups, and a
// season's applications to the Secondary Mastery Specialist programme (more applicants than
// places) and the Development Work Group (more schools than seats in Hertfordshire), submitted
// through the forms before the closing date. Then the clock passes the closing date.
import {
  appendSheetRows,
  editApplication,
  setProgramme,
  sheetObjects,
} from "../../emulator/runner/admin";
import type { HubEnvironment } from "../../emulator/runner/environment";
import type { School } from "../../src/domain/types";
import { openSecondaries, setUpHub } from "../e2e/fixture";
import { formAnswers } from "../e2e/programme-answers";

export const HUB_LEAD = "hub.lead@example.org";
export const CLOSES = new Date("2024-03-01T17:00:00Z");
export const AFTER_CLOSING = new Date("2024-03-04T09:00:00Z");
export const SPECIALIST_PLACES = 3;

const PEOPLE = [
  ["Amira", "Khan"],
  ["Ben", "Osei"],
  ["Chloe", "Davies"],
  ["Daniel", "Nowak"],
  ["Ella", "Fitzgerald"],
  ["Farid", "Haddad"],
  ["Grace", "O'Neill"],
  ["Harry", "Patel"],
  ["Isla", "Murray"],
  ["Jonah", "Adeyemi"],
  ["Kate", "Lindqvist"],
] as const;

/** A lead types into the register (onEdit audits it), as the Endorsement Form would record it. */
export function setCell(
  env: HubEnvironment,
  responseId: string,
  header: string,
  value: string,
): void {
  const run = editApplication(env, responseId, header, value, HUB_LEAD);
  if (run.error) throw run.error;
}

export interface AllocationHub {
  env: HubEnvironment;
  specialist: string[];
  development: string[];
  /** The Specialist application still waiting for its head teacher's endorsement. */
  awaitingEndorsement: string;
}

export async function allocationHub(): Promise<AllocationHub> {
  const hub = await setUpHub({
    closes: { "sec-specialist": CLOSES, "sec-development": CLOSES },
  });
  const { env } = hub;
  setProgramme(env, "sec-specialist", { Places: SPECIALIST_PLACES, "Max per school": 1 });
  setProgramme(env, "sec-development", { Places: 4 });
  appendSheetRows(env, "Leads", [
    ["Priya Shah", "priya.shah@example.org", "all", "Hertfordshire", 40, "", "Yes"],
    ["Tom Reed", "tom.reed@example.org", "all", "Essex", 40, "", "Yes"],
  ]);
  appendSheetRows(env, "Groups", [
    ["DEV-HERTS-1", "sec-development", "priya.shah@example.org", 2, "Hatfield", "Hertfordshire"],
    ["DEV-ESSEX-1", "sec-development", "tom.reed@example.org", 2, "Chelmsford", "Essex"],
  ]);

  const herts = openSecondaries(hub, "Hertfordshire");
  const essex = openSecondaries(hub, "Essex");
  const submit = (key: "sec-specialist" | "sec-development", school: School, i: number) => {
    const [first, last] = PEOPLE[i % PEOPLE.length]!;
    const { runs } = env.submit(
      hub.formId(key),
      formAnswers(
        key,
        school,
        key === "sec-specialist" ? { yearsTeaching: String(3 + (i % 5)) } : {},
        { first, last },
      ),
      { at: new Date(Date.UTC(2024, 1, 1 + i, 10, 0)) },
    );
    if (runs[0]?.error) throw runs[0].error;
  };
  // Six Specialist applicants from six schools for three places.
  [herts[0]!, herts[1]!, herts[2]!, essex[0]!, essex[1]!, essex[2]!].forEach((s, i) =>
    submit("sec-specialist", s, i),
  );
  // Five schools for four Work Group seats: three in Hertfordshire (two seats), two in Essex.
  [herts[3]!, herts[4]!, herts[5]!, essex[3]!, essex[4]!].forEach((s, i) =>
    submit("sec-development", s, i + 6),
  );
  env.advanceTo(AFTER_CLOSING);

  const rows = sheetObjects(env, "Applications");
  const ids = (key: string) =>
    rows.filter((r) => r.Programme === key).map((r) => String(r["Response ID"]));
  const specialist = ids("sec-specialist");
  const development = ids("sec-development");
  if (specialist.length !== 6 || development.length !== 5)
    throw new Error(
      `Expected 6 + 5 applications, found ${specialist.length} + ${development.length}.`,
    );
  // Head teachers confirm, except one the hub is still waiting for.
  const awaitingEndorsement = specialist[5]!;
  for (const id of [...specialist.slice(0, 5), ...development])
    setCell(env, id, "Endorsement", "Confirmed");
  return { env, specialist, development, awaitingEndorsement };
}

// Shared by the scheduled-work tests: a hub with one lead for the Secondary Mastery Specialist
// programme, distinct schools for applicants, and the hourly trigger's next fire time.
import { appendSheetRows, setProgramme } from "../../emulator/runner/admin";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import { runFailed, type RunResult } from "../../emulator/runner/environment";
import type { School } from "../../src/domain/types";
import { setUpHub, type HubFixture } from "./fixture";

export const LEAD = "priya.shah@example.org";
export const HUB_LEAD = "hub.lead@example.org";

export interface ScheduledHub extends HubFixture {
  secondary: School[];
  /** Submits applicant i's good application at `at`; returns the run results of the trigger. */
  apply(i: number, at: Date): RunResult[];
  /** When the hourly trigger fires next. */
  nextFire(): Date;
  formAccepting(): boolean;
}

export function person(i: number) {
  return {
    email: `applicant${i}@example.org`,
    firstName: `Applicant${i}`,
    lastName: `Surname${i}`,
  };
}

export async function scheduledHub(now: Date, closes: string | Date): Promise<ScheduledHub> {
  const hub = await setUpHub({ now });
  setProgramme(hub.env, "sec-specialist", { Closes: closes });
  appendSheetRows(hub.env, "Leads", [
    ["Priya Shah", LEAD, "sec-specialist, sec-development", "Hertfordshire", 25, "", "Yes"],
    ["Tom Evans", "tom.evans@example.org", "sktm-ta", "Essex", 25, "", "Yes"],
  ]);
  const secondary = hub.schools.filter(
    (s) => s.la === "Hertfordshire" && s.phase === "Secondary" && /^open/i.test(s.status),
  );
  const formId = hub.formId("sec-specialist");
  return {
    ...hub,
    secondary,
    apply(i, at) {
      return hub.env.submit(
        formId,
        specialistAnswers(secondary[i % secondary.length]!, person(i)),
        {
          at,
        },
      ).runs;
    },
    nextFire() {
      const next = hub.env.script._nextFireTimeOfAll();
      if (!next) throw new Error("No trigger is installed");
      return next;
    },
    formAccepting() {
      return hub.env.rt.uncharged(() =>
        hub.env.forms
          ._all()
          .find((f) => f.getId() === formId)!
          .isAcceptingResponses(),
      );
    },
  };
}

/** Every error of the runs, as messages (an empty list is success). */
export function failures(runs: RunResult[]): string[] {
  return runs
    .filter(runFailed)
    .map(
      (r) => `${r.record.name} at ${r.record.startedAt}: ${r.error?.message ?? r.record.outcome}`,
    );
}

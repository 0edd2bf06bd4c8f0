// What a head teacher does with an endorsement request: opens the pre-filled link to the hub's
// Endorsement Form, which fills in the answers the link carries.
import { getSetting } from "./admin";
import type { HubEnvironment } from "./environment";

/** The ID of the hub's Endorsement Form, as Settings names it ("" before set-up). */
export function endorsementFormId(env: HubEnvironment): string {
  return getSetting(env, "Endorsement form");
}

/** The answers a pre-filled link fills in, keyed by the Endorsement Form's question titles. */
export function prefilledAnswers(env: HubEnvironment, link: string): Record<string, string> {
  const titles = env.rt.uncharged(
    () =>
      new Map(
        env.forms
          .openById(endorsementFormId(env))
          .getItems()
          .map((i) => [`entry.${i.getId()}`, i.getTitle()]),
      ),
  );
  const out: Record<string, string> = {};
  for (const [k, v] of new URL(link).searchParams) {
    const title = titles.get(k);
    if (title) out[title] = v;
  }
  return out;
}

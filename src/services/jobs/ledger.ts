// The ledger of scheduled jobs already done: one document property per job ("job.done.<id>" →
// when it finished), so no value comes near the 9 KB limit, and the whole ledger arrives with the
// one getProperties() call the hourly run makes anyway. Entries whose job can never be due again
// are pruned, keeping the store far below its 500 KB.
import { prunableLedgerIds } from "../../domain/schedule";
import type { Services } from "../services";

export const LEDGER_PREFIX = "job.done.";
/** Most stale entries deleted in one run (each is a call); the rest go in later runs. */
const PRUNE_PER_RUN = 50;

function props(services: Services): GoogleAppsScript.Properties.Properties {
  return services.propertiesService.getDocumentProperties();
}

/** Ids of done jobs, from a snapshot of the document properties. */
export function ledgerFrom(marks: Readonly<Record<string, string>>): Set<string> {
  const done = new Set<string>();
  for (const key of Object.keys(marks))
    if (key.startsWith(LEDGER_PREFIX)) done.add(key.slice(LEDGER_PREFIX.length));
  return done;
}

/** Asks the store itself (not a snapshot): call inside the document lock, just before the job. */
export function isDone(services: Services, id: string): boolean {
  return props(services).getProperty(LEDGER_PREFIX + id) !== null;
}

export function markDone(services: Services, id: string, at: Date): void {
  props(services).setProperty(LEDGER_PREFIX + id, at.toISOString());
}

/** Deletes ledger entries that can no longer matter; returns how many. */
export function pruneLedger(services: Services, done: Iterable<string>, now: Date): number {
  const stale = prunableLedgerIds(done, now).slice(0, PRUNE_PER_RUN);
  const p = stale.length ? props(services) : null;
  for (const id of stale) p!.deleteProperty(LEDGER_PREFIX + id);
  return stale.length;
}

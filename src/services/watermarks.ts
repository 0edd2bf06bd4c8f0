// What the hourly run needs to know cheaply: has anything arrived that the register may lack, and
// is any email waiting? Reading every sheet each hour would spend the add-on's daily trigger
// runtime (90 minutes on consumer accounts) on nothing, so intake leaves these marks behind.
import type { Services } from "./services";

const DIRTY = "intake.dirty";
const LAST_FULL = "intake.lastFullSweep";
const ROWS = "intake.rows.";
const QUEUED = "mail.queued";

/** A full sweep at least this often, whatever the marks say. */
export const FULL_SWEEP_EVERY_MS = 24 * 3_600_000;

type Props = GoogleAppsScript.Properties.Properties;

function props(services: Services): Props {
  return services.propertiesService.getDocumentProperties();
}

/** Something may have been missed (a busy lock, a config change): the next hourly run sweeps. */
export function markDirty(services: Services): void {
  props(services).setProperty(DIRTY, "1");
}

/** After a complete sweep: the last row seen in each response sheet. Call inside the lock. */
export function recordSweep(
  services: Services,
  lastRows: Record<string, number>,
  complete: boolean,
): void {
  const p = props(services);
  const values: Record<string, string> = {
    [LAST_FULL]: services.now().toISOString(),
    [DIRTY]: complete ? "0" : "1",
  };
  for (const [sheet, row] of Object.entries(lastRows)) values[ROWS + sheet] = String(row);
  p.setProperties(values);
}

/** After the submit trigger processed `row` of `sheet`. Call inside the lock. */
export function recordRow(
  services: Services,
  sheet: string,
  row: number,
  known: Record<string, string>,
): void {
  const before = Number(known[ROWS + sheet] ?? "0");
  if (row > before) props(services).setProperty(ROWS + sheet, String(row));
}

export function readMarks(services: Services): Record<string, string> {
  return props(services).getProperties();
}

/**
 * Whether the hourly run must sweep: marked dirty, no full sweep for a day, or a response sheet
 * with more rows than intake has seen (a trigger that never fired).
 */
export function sweepNeeded(
  services: Services,
  marks: Record<string, string>,
  ss: GoogleAppsScript.Spreadsheet.Spreadsheet,
): boolean {
  if (marks[DIRTY] !== "0") return true;
  const last = Date.parse(marks[LAST_FULL] ?? "");
  if (!Number.isFinite(last) || services.now().getTime() - last > FULL_SWEEP_EVERY_MS) return true;
  for (const [key, value] of Object.entries(marks)) {
    if (!key.startsWith(ROWS)) continue;
    const sheet = ss.getSheetByName(key.slice(ROWS.length));
    if (sheet && sheet.getLastRow() > Number(value)) return true;
  }
  return false;
}

export function queuedCount(marks: Record<string, string>): number | null {
  const n = Number(marks[QUEUED]);
  return marks[QUEUED] === undefined || !Number.isFinite(n) ? null : n;
}

export function setQueuedCount(services: Services, n: number): void {
  props(services).setProperty(QUEUED, String(n));
}

export function addQueued(services: Services, marks: Record<string, string>, n: number): void {
  if (n > 0) setQueuedCount(services, (queuedCount(marks) ?? 0) + n);
}

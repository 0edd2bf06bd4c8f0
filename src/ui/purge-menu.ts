// "Delete data past retention…": shows what would be deleted, asks, and deletes. From the runner
// (no editor Ui) it deletes at once unless --dry-run, as a person who chose the item and clicked
// Yes would.
import { requireConfig } from "../sheets/config";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "../services/lock";
import type { Services } from "../services/services";
import { purgeExpired, type PurgeReport } from "../services/jobs/purge";
import { configProblems, tell as tellUser } from "./actions";

type MenuPurgeResult = PurgeReport | { busy: true } | { problems: string[] } | { cancelled: true };

function ui(services: Services): GoogleAppsScript.Base.Ui | null {
  try {
    return services.spreadsheetApp.getUi();
  } catch {
    return null;
  }
}

function describe(report: PurgeReport): string {
  if (report.applications === 0) return "No application is past the retention period.";
  return [
    `${report.applications} application${report.applications === 1 ? "" : "s"}:`,
    ...report.byGroup.map(([g, n]) => `• ${g}: ${n}`),
    "",
    `Response sheet rows emptied: ${report.responseRows}. Form responses deleted: ${report.formResponses}. Other cells cleared: ${report.otherCells}.${report.endorserRows ? ` Endorsement rows emptied of the endorser's details: ${report.endorserRows}.` : ""}`,
    ...(report.remaining ? [`${report.remaining} are left for the next hourly run.`] : []),
    ...(report.problems.length ? ["", "Please check:", ...report.problems] : []),
  ].join("\n");
}

export function menuPurge(services: Services, options: { dryRun?: boolean } = {}): MenuPurgeResult {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const shown = ui(services);
  const tell = (title: string, message: string) => tellUser(services, title, message);
  let config;
  try {
    config = requireConfig(ss);
  } catch (err) {
    return configProblems(services, err);
  }
  const ctx = { services, ss, config, startedMs: services.now().getTime() };
  const preview = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () =>
    purgeExpired(ctx, { dryRun: true, force: true }),
  );
  if (!preview.ok) {
    tell("Busy", "Another run is working on the register. Please try again in a minute.");
    return { busy: true };
  }
  if (options.dryRun || preview.value.applications === 0) {
    tell("Data past retention", describe(preview.value));
    return { ...preview.value, dryRun: options.dryRun ?? false };
  }
  if (shown) {
    const answer = shown.alert(
      "Delete personal data?",
      `The retention period (${config.settings.retentionMonths} months after the cohort starts) has passed for:\n\n${describe(preview.value)}\n\nTheir names, email addresses and answers will be deleted. Counts stay. This cannot be undone. Delete now?`,
      shown.ButtonSet.YES_NO,
    );
    if (answer !== shown.Button.YES) return { cancelled: true };
  }
  const done = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, () =>
    purgeExpired(ctx, { force: true }),
  );
  if (!done.ok) {
    tell("Busy", "Another run is working on the register. Please try again in a minute.");
    return { busy: true };
  }
  tell("Personal data deleted", describe(done.value));
  return done.value;
}

// Menu actions: each does its work, then tells the person who clicked in one plain message.
// They also return their result, so the local runner (and tests) can read it.
import { ConfigError, requireConfig } from "../sheets/config";
import { describeProblem } from "../sheets/config-cells";
import { appendAudit } from "../sheets/journal";
import { readRegister, writeRegister } from "../sheets/register";
import { DEFAULT_LOCK_WAIT_MS, withDocumentLock } from "../services/lock";
import { routeRegister, UNASSIGNED_PREFIX } from "../services/routing";
import { queueDigests } from "../services/digest";
import { refreshDashboard } from "../services/dashboard";
import { drainQueue } from "../services/mail-queue";
import { processAllResponses, type IntakeSummary } from "../services/intake";
import { activeUserEmail, type Services } from "../services/services";
import { setUpHub, type SetupReport } from "../services/setup";

export function tell(services: Services, title: string, message: string): void {
  try {
    services.spreadsheetApp
      .getUi()
      .alert(title, message, services.spreadsheetApp.getUi().ButtonSet.OK);
  } catch {
    // No Ui in this context (a trigger or the local runner): the result is returned and logged instead.
  }
}

/** A menu action stopped by the configuration: the person is told each problem; anything else throws. */
export function configProblems(services: Services, err: unknown): { problems: string[] } {
  if (!(err instanceof ConfigError)) throw err;
  tell(services, "Please fix the configuration first", err.message);
  return { problems: err.problems.map(describeProblem) };
}

/**
 * Runs a menu action's work under the document lock, then tells the person what came of it, or
 * that another run holds the lock (nothing was changed; try again).
 */
function lockedAction<T>(
  services: Services,
  work: () => T,
  report: (value: T) => [title: string, message: string],
): T | { busy: true } {
  const result = withDocumentLock(services, DEFAULT_LOCK_WAIT_MS, work);
  if (!result.ok) {
    tell(services, "Busy", "Another run is updating the register. Please try again in a minute.");
    return { busy: true };
  }
  const [title, message] = report(result.value);
  tell(services, title, message);
  return result.value;
}

export function menuSetUpHub(services: Services): SetupReport {
  const report = setUpHub(services);
  const lines = [
    `Sheets created: ${report.sheetsCreated.join(", ") || "none"}.`,
    `Forms created: ${report.formsCreated.length}; forms bound: ${report.formsBound.length}.`,
    `Triggers created: ${report.triggersCreated.join(", ") || "none (already installed)"}.`,
    ...(report.problems.length ? ["", "Please fix:", ...report.problems] : []),
  ];
  // A configuration problem stops set-up before any form or trigger is made: say so plainly.
  const stoppedEarly =
    !report.ok &&
    report.formsCreated.length + report.formsBound.length + report.triggersCreated.length === 0 &&
    report.sheetsCreated.length === 0;
  tell(
    services,
    report.ok
      ? "The hub is set up"
      : stoppedEarly
        ? "Please fix the configuration first"
        : "The hub is set up, with problems",
    lines.join("\n"),
  );
  return report;
}

export function describeIntake(s: IntakeSummary): string {
  const verdicts = Object.entries(s.byVerdict)
    .map(([v, n]) => `${v} ${n}`)
    .join(", ");
  return (
    `${s.added} new, ${s.updated} updated, ${s.unchanged} unchanged. Emails: ${s.emailsQueued} queued, ${s.emailsSent} sent.` +
    (s.remaining
      ? ` ${s.remaining} responses are left for the next run, which will carry on where this one stopped.`
      : "") +
    (verdicts ? ` Register: ${verdicts}.` : "")
  );
}

export function menuProcessAll(
  services: Services,
  options: { programme?: string } = {},
): IntakeSummary | { busy: true } | { problems: string[] } {
  try {
    const result = processAllResponses(
      services,
      options.programme ? { programme: options.programme as never } : {},
    );
    if (result === "busy") {
      tell(services, "Busy", "Another run is processing responses. Please try again in a minute.");
      return { busy: true };
    }
    tell(services, "Responses processed", describeIntake(result));
    return result;
  } catch (err) {
    return configProblems(services, err);
  }
}

export interface RoutingSummary {
  routed: number;
  unassigned: number;
}

/** "Route unassigned applications": gives a lead to every open application that has none. */
export function menuRouteUnassigned(
  services: Services,
): RoutingSummary | { busy: true } | { problems: string[] } {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  try {
    return lockedAction(
      services,
      (): RoutingSummary => {
        const config = requireConfig(ss);
        const register = readRegister(ss);
        const before = register.records.map((r) => r.lead);
        const changed = routeRegister(register.records, config.leads);
        for (const i of changed) register.changed.add(i);
        writeRegister(register);
        const actor = activeUserEmail(services, "hub lead");
        appendAudit(
          ss,
          changed
            .filter((i) => before[i] !== register.records[i]!.lead)
            .map((i) => ({
              at: services.now(),
              actor,
              action: "Routed",
              responseId: register.records[i]!.responseId,
              before: before[i] ?? "",
              after: register.records[i]!.lead,
            })),
        );
        return {
          routed: changed.filter((i) => register.records[i]!.lead !== "").length,
          unassigned: register.records.filter((r) => r.routing.startsWith(UNASSIGNED_PREFIX))
            .length,
        };
      },
      (v) => [
        "Routing done",
        `${v.routed} applications given a lead; ${v.unassigned} still unassigned (no active lead covers them without a conflict of interest or room).`,
      ],
    );
  } catch (err) {
    return configProblems(services, err);
  }
}

export interface ReassignResult {
  reassigned: string[];
  refused: string[];
}

/**
 * "Reassign selected applications…": the selected rows of the Applications sheet go to the lead
 * named in the prompt, with a written reason; each move is audited. A lead whose own school it is
 * is refused (conflict of interest), whatever the selection.
 */
export function menuReassignSelected(
  services: Services,
  args: { lead?: string; reason?: string } = {},
): ReassignResult | { cancelled: true } | { busy: true } {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const range = ss.getActiveRange();
  const sheet = range?.getSheet();
  if (!range || !sheet || sheet.getName() !== "Applications" || range.getLastRow() < 2) {
    tell(
      services,
      "Select applications first",
      "Select one or more rows of the Applications sheet, then choose Reassign selected applications again.",
    );
    return { cancelled: true };
  }
  let lead = args.lead;
  let reason = args.reason;
  if (lead === undefined || reason === undefined) {
    const ui = services.spreadsheetApp.getUi();
    const who = ui.prompt(
      "Reassign selected applications",
      "The new lead's email address:",
      ui.ButtonSet.OK_CANCEL,
    );
    if (who.getSelectedButton() !== ui.Button.OK) return { cancelled: true };
    const why = ui.prompt(
      "Reassign selected applications",
      "Why? (kept in the Audit sheet)",
      ui.ButtonSet.OK_CANCEL,
    );
    if (why.getSelectedButton() !== ui.Button.OK) return { cancelled: true };
    lead = who.getResponseText();
    reason = why.getResponseText();
  }
  const newLead = lead.trim().toLowerCase();
  const because = reason.trim();
  const first = Math.max(2, range.getRow());
  const last = range.getLastRow();
  return lockedAction(
    services,
    (): ReassignResult => {
      const config = requireConfig(ss);
      const target = config.leads.find((l) => l.email === newLead);
      const out: ReassignResult = { reassigned: [], refused: [] };
      if (!target) {
        out.refused.push(`${lead} is not on the Leads sheet.`);
        return out;
      }
      if (because === "") {
        out.refused.push("A reason is needed for the Audit sheet.");
        return out;
      }
      const register = readRegister(ss);
      const actor = activeUserEmail(services, "hub lead");
      const audit: AuditEntryLike[] = [];
      for (let row = first; row <= last; row++) {
        const i = row - register.table.firstRow;
        const record = register.records[i];
        if (!record || !record.responseId) continue;
        if (target.ownSchoolUrn && target.ownSchoolUrn === record.schoolUrn) {
          out.refused.push(
            `${record.responseId}: ${target.name} works at this school (conflict of interest).`,
          );
          continue;
        }
        if (record.lead === target.email) continue;
        audit.push({
          at: services.now(),
          actor,
          action: "Reassigned",
          responseId: record.responseId,
          before: record.lead,
          after: target.email,
          flag: `Reason: ${because}`,
        });
        record.lead = target.email;
        record.routing = `Reassigned to ${target.name} by ${actor}: ${because}`;
        register.changed.add(i);
        out.reassigned.push(record.responseId);
      }
      writeRegister(register);
      appendAudit(ss, audit);
      return out;
    },
    (r) => [
      "Reassigned",
      [`${r.reassigned.length} application(s) moved to ${newLead}.`, ...r.refused].join("\n"),
    ],
  );
}

type AuditEntryLike = Parameters<typeof appendAudit>[1][number];

/** "Send digests to leads now": today's digests, queued and sent (each lead gets one a day). */
export function menuSendDigests(
  services: Services,
): { queued: number; sent: number } | { busy: true } {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  return lockedAction(
    services,
    () => {
      const config = requireConfig(ss);
      const keys = queueDigests(services, ss, config);
      const s = config.settings;
      const sent = drainQueue(
        services,
        ss,
        { name: s.senderName, replyTo: s.replyTo, dailyBudget: s.dailyEmailBudget },
        { onlyKeys: new Set(keys) },
      );
      return { queued: keys.length, sent: sent.sent };
    },
    (v) => ["Digests", `${v.queued} digest(s) queued today, ${v.sent} sent.`],
  );
}

/** "Refresh dashboard". */
export function menuRefreshDashboard(
  services: Services,
): { sections: number; charts: number } | { busy: true } {
  return lockedAction(
    services,
    () => refreshDashboard(services),
    (v) => [
      "Dashboard refreshed",
      `${v.sections} tables and ${v.charts} charts on the Dashboard sheet.`,
    ],
  );
}

// The add-on's installable triggers, created idempotently. An add-on may have one trigger of each
// type per document and its time-driven triggers fire at most hourly
// (developers.google.com/workspace/add-ons/concepts/editor-triggers).

export const FORM_SUBMIT_HANDLER = "onFormSubmit";
export const HOURLY_HANDLER = "runScheduledJobs";

export interface TriggerReport {
  created: string[];
  kept: string[];
}

export function ensureTriggers(
  scriptApp: GoogleAppsScript.Script.ScriptApp,
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): TriggerReport {
  const report: TriggerReport = { created: [], kept: [] };
  const existing = scriptApp.getProjectTriggers();
  const has = (handler: string, type: GoogleAppsScript.Script.EventType) =>
    existing.some((t) => t.getHandlerFunction() === handler && t.getEventType() === type);

  if (has(FORM_SUBMIT_HANDLER, scriptApp.EventType.ON_FORM_SUBMIT))
    report.kept.push(FORM_SUBMIT_HANDLER);
  else {
    scriptApp.newTrigger(FORM_SUBMIT_HANDLER).forSpreadsheet(spreadsheet).onFormSubmit().create();
    report.created.push(FORM_SUBMIT_HANDLER);
  }
  if (has(HOURLY_HANDLER, scriptApp.EventType.CLOCK)) report.kept.push(HOURLY_HANDLER);
  else {
    scriptApp.newTrigger(HOURLY_HANDLER).timeBased().everyHours(1).create();
    report.created.push(HOURLY_HANDLER);
  }
  return report;
}

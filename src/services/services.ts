// The Apps Script services the add-on uses, passed into every module as one argument so the same
// code runs on Google and in the emulator. Only src/main.ts builds this object from the globals.
export interface Services {
  spreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  formApp: GoogleAppsScript.Forms.FormApp;
  scriptApp: GoogleAppsScript.Script.ScriptApp;
  lockService: GoogleAppsScript.Lock.LockService;
  propertiesService: GoogleAppsScript.Properties.PropertiesService;
  cacheService: GoogleAppsScript.Cache.CacheService;
  mailApp: GoogleAppsScript.Mail.MailApp;
  session: GoogleAppsScript.Base.Session;
  utilities: GoogleAppsScript.Utilities.Utilities;
  htmlService: GoogleAppsScript.HTML.HtmlService;
  charts: GoogleAppsScript.Charts.Charts;
  /** The current instant; on Google simply `new Date()`. */
  now: () => Date;
}

/**
 * Who is acting, for the Audit: the active user's email, or `fallback` when Apps Script will not
 * say (a trigger, a consumer account, limited authorisation).
 */
export function activeUserEmail(services: Services, fallback: string): string {
  try {
    return services.session.getActiveUser().getEmail() || fallback;
  } catch {
    return fallback;
  }
}

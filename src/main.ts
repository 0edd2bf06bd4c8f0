// The only file that defines Apps Script globals. Each entry point resolves the real services once
// and calls into the modules; nothing here (or at any module's top level) touches a service at load
// time, because add-ons run onOpen in AuthMode.NONE.
import type { Services } from "./services/services";
import { buildMenu } from "./ui/menu";

declare const global: Record<string, unknown>;

function services(): Services {
  return {
    spreadsheetApp: SpreadsheetApp,
    formApp: FormApp,
    scriptApp: ScriptApp,
    lockService: LockService,
    propertiesService: PropertiesService,
    cacheService: CacheService,
    mailApp: MailApp,
    session: Session,
    utilities: Utilities,
    htmlService: HtmlService,
    charts: Charts,
    now: () => new Date(),
  };
}

global.onOpen = (_e: GoogleAppsScript.Events.SheetsOnOpen) => buildMenu(SpreadsheetApp.getUi());
global.onInstall = (_e: GoogleAppsScript.Events.AddonOnInstall) => buildMenu(SpreadsheetApp.getUi());

// The only file that defines Apps Script globals. Each entry point resolves the real services once
// and calls into the modules; nothing here (or at any module's top level) touches a service at load
// time, because add-ons run onOpen in AuthMode.NONE.
import { handleSubmission } from "./services/endorsement";
import { auditEdit } from "./services/review";
import { menuPurge } from "./ui/purge-menu";
import { runScheduledJobs } from "./services/scheduler";
import type { Services } from "./services/services";
import {
  menuProcessAll,
  menuReassignSelected,
  menuRefreshDashboard,
  menuRouteUnassigned,
  menuSendDigests,
  menuSetUpHub,
} from "./ui/actions";
import { buildHomepage } from "./ui/homepage";
import { buildMenu } from "./ui/menu";
import { myQueue, showMyQueue } from "./ui/my-queue";
import {
  allocationProgrammes,
  allocationProgress,
  confirmAllocation,
  offerNext,
  previewAllocation,
} from "./services/allocation";
import { showAllocationSidebar } from "./ui/allocation-sidebar";
import { menuConfirmAllocation, menuOfferNext } from "./ui/allocation-menu";
import type { AllocationRequest, ConfirmRequest, OfferNextRequest } from "./ui/allocation-bridge";

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

// Simple triggers.
global.onOpen = () => buildMenu(SpreadsheetApp.getUi());
global.onInstall = () => buildMenu(SpreadsheetApp.getUi());
global.onHomepage = () => buildHomepage(CardService);

// Review in the Sheet: every edit to an application's status, decision, lead or score is audited.
global.onEdit = (e: GoogleAppsScript.Events.SheetsOnEdit) => auditEdit(services(), e);

// Installable triggers (created by Set up this hub).
// Applications go to intake; the Endorsement Form's responses to the endorsement handler.
global.onFormSubmit = (e: GoogleAppsScript.Events.SheetsOnFormSubmit) =>
  handleSubmission(services(), e);
global.runScheduledJobs = () => runScheduledJobs(services());

// Menu items.
global.menuSetUpHub = () => menuSetUpHub(services());
global.menuRouteUnassigned = () => menuRouteUnassigned(services());
global.menuMyQueue = () => showMyQueue(services());
global.menuSendDigests = () => menuSendDigests(services());
global.menuRefreshDashboard = () => menuRefreshDashboard(services());
global.menuReassignSelected = (args?: { lead?: string; reason?: string }) =>
  menuReassignSelected(services(), args ?? {});
global.menuProcessAll = (options?: { programme?: string }) =>
  menuProcessAll(services(), options ?? {});
global.menuPurge = (options?: { dryRun?: boolean }) => menuPurge(services(), options ?? {});
global.menuAllocate = () => showAllocationSidebar(services());
global.menuConfirmAllocation = (options?: { programme?: string }) =>
  menuConfirmAllocation(services(), options ?? {});
global.menuOfferNext = (options?: { programme?: string }) =>
  menuOfferNext(services(), options ?? {});

// Called from the sidebar through google.script.run.
global.apiMyQueue = () => myQueue(services());
global.apiAllocationProgrammes = () => allocationProgrammes(services());
global.apiPreviewAllocation = (request: AllocationRequest) =>
  previewAllocation(services(), request);
global.apiConfirmAllocation = (request: ConfirmRequest) => confirmAllocation(services(), request);
global.apiAllocationProgress = (token: string) => allocationProgress(services(), token);
global.apiOfferNext = (request: OfferNextRequest) => offerNext(services(), request);

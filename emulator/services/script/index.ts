// ScriptApp for the emulator: installable triggers (script-app.ts), when clock triggers fire
// (schedule.ts) and the event objects passed to trigger functions (events.ts).
export {
  EmuScriptApp,
  EmuTrigger,
  EmuTriggerBuilder,
  EmuSpreadsheetTriggerBuilder,
  EmuFormTriggerBuilder,
  EmuDocumentTriggerBuilder,
  EmuClockTriggerBuilder,
  EmuAuthorizationInfo,
  AuthMode,
  AuthorizationStatus,
  EventType,
  TriggerSource,
  WeekDay,
  InstallationSource,
  MAX_TRIGGERS_PER_USER,
  TOO_MANY_TRIGGERS_MESSAGE,
  OTHER_FILE_MESSAGE,
  SUB_HOURLY_MESSAGE,
  tooManyOfTypeMessage,
  type EmuScriptAppOptions,
  type ScriptSnapshot,
  type TriggerState,
  type EventTypeName,
  type TriggerSourceName,
} from "./script-app";
export { nextFire, localParts, type Schedule } from "./schedule";
export {
  formSubmitEventFromSheet,
  formSubmitEventFromForm,
  timeDrivenEvent,
  isoWeek,
  type SheetFormSubmitEvent,
  type FormFormSubmitEvent,
  type TimeDrivenEvent,
} from "./events";

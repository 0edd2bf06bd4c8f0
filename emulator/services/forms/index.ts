// FormApp for the emulator: see form-app.ts for the behaviours and the Google pages they follow.
export {
  EmuFormApp,
  EmuForm,
  EmuFormResponse,
  DestinationType,
  UNPUBLISHED_BY_DEFAULT_FROM,
  NO_SUCH_FORM_MESSAGE,
  NO_DESTINATION_MESSAGE,
  type EmuFormAppOptions,
  type FormsSnapshot,
  type FormState,
  type ResponseState,
  type SubmitOptions,
  type SubmitResult,
  type SubmitDestination,
  type QuestionDescription,
} from "./form-app";
export {
  ItemType,
  EmuItem,
  EmuTextItem,
  EmuParagraphTextItem,
  EmuMultipleChoiceItem,
  EmuCheckboxItem,
  EmuListItem,
  EmuScaleItem,
  EmuSectionHeaderItem,
  EmuPageBreakItem,
  EmuChoice,
  EmuItemResponse,
  type AnswerValue,
  type SupportedItemType,
} from "./items";
export {
  formatSheetDateTime,
  type RangeLike,
  type SheetLike,
  type SpreadsheetLike,
  type SpreadsheetRegistry,
} from "./spreadsheet-like";
export { encodeDates, decodeDates } from "./snapshot-json";

export * from "./model";
export { PROGRAMMES, isProgrammeKey, programmeByKey, programmeTitle } from "./catalogue";
export { ROLES, YES_NO } from "./questions";
export {
  FIELD_KINDS,
  validateAnswers,
  type AnswerValidation,
  type CountField,
  type DevelopmentYearAnswer,
  type ParsedAnswers,
  type TeachesMaths,
  type YesNoField,
} from "./answers";
export * from "./rules";
export { RULEBOOK, TFM_WORK_GROUPS, knownYears, rulesFor, withRules, withYear } from "./rulebook";

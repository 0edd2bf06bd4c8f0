export {
  evaluateApplication,
  type ApplicationInput,
  type Evaluation,
  type EvaluationContext,
} from "./evaluate";
export { crossApplicationReasons, type ApplicationSummary } from "./cross-application";
export { compareVerdicts, effectRank, formatReasons, worstVerdict } from "./verdict";
export {
  DEFAULT_SCORE_WEIGHTS,
  isLeadershipRole,
  scoreApplication,
  type Criterion,
  type ScoreBreakdown,
  type ScoreInputs,
  type ScoreWeights,
} from "./score";
export {
  asEngagementIndex,
  indexEngagement,
  matchesQuery,
  tookPart,
  type EngagementIndex,
} from "./engagement";
export { declinedReason, endorserReason, isFreeMail, lateReason } from "./common-checks";
export { checkSchool, type SchoolCheck, type SchoolCheckContext } from "./school-checks";
export { applyRules, teachingYearOf, type RuleFacts } from "./rule-engine";

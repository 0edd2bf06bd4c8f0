export { allocate, IMPLICIT_GROUP } from "./allocate";
export {
  PRIORITY_SCALE,
  VERDICT_PRIORITY,
  describePriority,
  priorityOf,
  servesEverywhere,
  servesLa,
  tieBreakRule,
  tieKey,
} from "./priority";
export { solveAllocation, type SolverInput, type SolverOutput, type SolverUnit } from "./solve";
export { LexFlow } from "./flow";
export type * from "./types";

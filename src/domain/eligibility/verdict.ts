// How reasons combine into a verdict, and how they are written into the register.
import { VERDICTS, type Reason, type ReasonEffect, type Verdict } from "../types";

const RANK: Readonly<Record<ReasonEffect, number>> = {
  INFO: 0,
  REVIEW: 1,
  INELIGIBLE: 2,
  INVALID: 3,
};
/** Verdicts in order of rank: VERDICTS[RANK[effect]]. */
const VERDICT_OF: readonly Verdict[] = VERDICTS;

export function effectRank(effect: ReasonEffect): number {
  return RANK[effect];
}

/** The worst effect among the reasons; information alone leaves an application ELIGIBLE. */
export function worstVerdict(reasons: readonly Reason[]): Verdict {
  let worst = 0;
  for (const reason of reasons) worst = Math.max(worst, RANK[reason.effect] ?? 0);
  return VERDICT_OF[worst]!;
}

/** Negative when a is the better verdict (ELIGIBLE best, INVALID worst). */
export function compareVerdicts(a: Verdict, b: Verdict): number {
  return VERDICT_OF.indexOf(a) - VERDICT_OF.indexOf(b);
}

/** One "CODE: sentence" line per reason, as the Reasons column shows them. */
export function formatReasons(reasons: readonly Reason[]): string {
  return reasons.map((r) => `${r.code}: ${r.message}`).join("\n");
}

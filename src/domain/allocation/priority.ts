// What a placement is worth. The optimizer maximises the sum of these; tests recompute it.
import { fnv1a } from "../hash";
import type { Verdict } from "../types";
import type { AllocationCandidate, AllocationGroup, AllocationParams } from "./types";

/**
 * Priority points for the verdict. An ELIGIBLE application outranks a recommended REVIEW one
 * by a whole score range (100) unless hub tiers say otherwise; the others are never placed.
 */
export const VERDICT_PRIORITY: Readonly<Record<Verdict, number>> = Object.freeze({
  ELIGIBLE: 200,
  REVIEW: 100,
  INELIGIBLE: 0,
  INVALID: 0,
});

/** Priorities are optimised as integers in millionths: exact for inputs given to 6 decimals. */
export const PRIORITY_SCALE = 1_000_000;

function tierWeight(weights: Readonly<Record<string, number>>, tier: string): number {
  return Object.prototype.hasOwnProperty.call(weights, tier) ? (weights[tier] ?? 0) : 0;
}

/**
 * The priority of placing one application:
 * VERDICT_PRIORITY[verdict] + score + Σ tierWeights[tier] over its distinct tiers.
 */
export function priorityOf(
  candidate: Pick<AllocationCandidate, "verdict" | "score" | "tiers">,
  params: Pick<AllocationParams, "tierWeights">,
): number {
  let p = VERDICT_PRIORITY[candidate.verdict] + candidate.score;
  for (const tier of new Set(candidate.tiers)) p += tierWeight(params.tierWeights, tier);
  return p;
}

/** A short account of a priority: "priority 272.5 (ELIGIBLE 200, score 72.5, never-engaged +25)". */
export function describePriority(
  candidate: Pick<AllocationCandidate, "verdict" | "score" | "tiers">,
  params: Pick<AllocationParams, "tierWeights">,
): string {
  const parts = [`${candidate.verdict} ${VERDICT_PRIORITY[candidate.verdict]}`, `score ${fmt(candidate.score)}`];
  for (const tier of new Set(candidate.tiers)) {
    const w = tierWeight(params.tierWeights, tier);
    if (w !== 0) parts.push(`${tier} ${w > 0 ? "+" : ""}${fmt(w)}`);
  }
  return `priority ${fmt(priorityOf(candidate, params))} (${parts.join(", ")})`;
}

/** Numbers as people write them: at most 6 decimals, no trailing zeros. */
export function fmt(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

export function normaliseLa(la: string): string {
  return la.trim().toLowerCase();
}

/** A group with no local authorities, or with "all", serves everywhere. */
export function servesEverywhere(group: Pick<AllocationGroup, "localAuthorities">): boolean {
  const las = group.localAuthorities.map(normaliseLa).filter((la) => la !== "");
  return las.length === 0 || las.includes("all");
}

/** Whether `group` serves local authority `la` (case and surrounding spaces ignored). */
export function servesLa(group: Pick<AllocationGroup, "localAuthorities">, la: string): boolean {
  if (servesEverywhere(group)) return true;
  const want = normaliseLa(la);
  return group.localAuthorities.some((g) => normaliseLa(g) === want);
}

/** The seeded tie key of an application: FNV-1a of "<seed>:<responseId>". */
export function tieKey(seed: number, responseId: string): string {
  return fnv1a(`${seed}:${responseId}`);
}

export function tieBreakRule(seed: number): string {
  return (
    `Equal priority: the application whose FNV-1a hash of "${seed}:<responseId>" is smaller ` +
    `(then the smaller responseId) ranks first (seed ${seed}). Among allocations of equal total ` +
    `priority, the one whose placed units have the largest sum of (number of units − tie rank) ` +
    `is chosen, so a better-ranked unit wins a seat two units of equal priority compete for.`
  );
}

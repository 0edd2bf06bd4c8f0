// The vocabulary of routing: who the leads are, what is being routed, and what routing decided.
import type { ProgrammeKey } from "../types";

/** One row of the Leads sheet, as routing needs it (the sheets layer's LeadConfig fits). */
export interface LeadProfile {
  email: string;
  name: string;
  /** Programme keys, or ["all"]. */
  programmes: readonly string[];
  /** Local authority names (compared without regard to case), or ["all"]. */
  localAuthorities: readonly string[];
  /** The most open applications this lead may hold at once. */
  maxLoad: number;
  /** The URN of the school the lead works at ("" if none): they never review its applications. */
  ownSchoolUrn: string;
  active: boolean;
}

/** One application of the register, as routing needs it. */
export interface RoutingApplication {
  responseId: string;
  programme: ProgrammeKey;
  localAuthority: string;
  schoolUrn: string;
  /**
   * Applications that must share a lead (the advocates of one school for a school-pair
   * programme, or any group the caller forms): same key → same lead. Empty string: none.
   */
  groupKey: string;
  /**
   * The lead already assigned ("" if none). Assigned applications keep their lead unless that
   * lead is no longer eligible (inactive, no longer covers it, conflict of interest).
   */
  currentLead: string;
  /** Counts towards load (open in review). Decided/withdrawn applications don't count and aren't routed. */
  open: boolean;
}

export interface RoutingDecision {
  responseId: string;
  /** The lead's email, or "" when no lead could take the application. */
  lead: string;
  /** True when no lead could take it: the register flags it UNASSIGNED for the hub lead. */
  unassigned: boolean;
  /** True when `lead` differs from the application's `currentLead`. */
  changed: boolean;
  /** One plain British English sentence for the register's Routing column. */
  why: string;
}

/** Why a lead may not take an application, in the order the checks are made. */
export type Exclusion = "programme" | "area" | "inactive" | "conflict";

export interface LeadEligibility {
  lead: LeadProfile;
  eligible: boolean;
  /** Null when eligible. */
  excludedBecause: Exclusion | null;
  /** A plain sentence: "Sam Patel works at this school." or "Sam Patel covers it." */
  explanation: string;
}

export interface RoutingOptions {
  /**
   * Keep applications with their current lead while that lead is still eligible (default).
   * False re-routes every open application from scratch: a full rebalance.
   */
  keepCurrent?: boolean;
  /**
   * How many bounds (small maximum-flow computations) the exact search over groups may evaluate
   * before settling for the best arrangement it has found (default 20,000, well under a second
   * for a large hub). Applications without a group never need the search.
   */
  searchBudget?: number;
}

export interface LeadLoad {
  email: string;
  name: string;
  /** Open applications the lead holds after routing (kept plus newly assigned). */
  load: number;
  maxLoad: number;
  /** Open applications newly given to the lead by this run. */
  added: number;
}

export interface RoutingResult {
  /** One decision per input application, in order of response ID. */
  decisions: RoutingDecision[];
  /** One entry per distinct lead, in order of email. */
  loads: LeadLoad[];
  /** False only when the search over groups ran out of budget (the result is then the best found). */
  exact: boolean;
}

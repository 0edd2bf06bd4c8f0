// Routing applications to Secondary Leads (issue 7): pure, deterministic and explained.
export type {
  Exclusion,
  LeadEligibility,
  LeadLoad,
  LeadProfile,
  RoutingApplication,
  RoutingDecision,
  RoutingOptions,
  RoutingResult,
} from "./types";
export { eligibleLeads } from "./eligibility";
export { rebalance, routeApplications, routeWithSummary } from "./route";
export {
  DEFAULT_SEARCH_BUDGET,
  compareFills,
  planAssignment,
  type Fill,
  type Plan,
  type PlanLead,
  type PlanUnit,
} from "./optimise";

// Giving every open application an owner: the pure router (src/domain/routing) applied to the
// register in memory. The Lead column holds the lead's email; Routing says why, and starts with
// UNASSIGNED when no lead can take it, so the hub lead can filter for those.
import { PROGRAMMES } from "../domain/programmes/catalogue";
import { routeApplications, type LeadProfile, type RoutingApplication } from "../domain/routing";
import type { ProgrammeKey } from "../domain/types";
import type { LeadConfig } from "../sheets/config";
import { FINAL_DECISIONS } from "../sheets/layout";
import type { ApplicationRecord } from "../sheets/register";

export function leadProfiles(leads: readonly LeadConfig[]): LeadProfile[] {
  return leads.map((l) => ({
    email: l.email,
    name: l.name,
    programmes: l.programmes,
    localAuthorities: l.localAuthorities.length ? l.localAuthorities : ["all"],
    maxLoad: l.maxLoad,
    ownSchoolUrn: l.ownSchoolUrn,
    active: l.active,
  }));
}

function routingApplication(r: ApplicationRecord): RoutingApplication {
  const programme = r.programme as ProgrammeKey;
  // The advocates of one school stay with one lead, even when they applied separately.
  const together = PROGRAMMES[programme]?.unit !== "individual" && r.schoolUrn !== "";
  return {
    responseId: r.responseId,
    programme,
    localAuthority: r.localAuthority,
    schoolUrn: r.schoolUrn,
    groupKey: together ? `${programme}:${r.schoolUrn}` : "",
    currentLead: r.lead,
    open: !FINAL_DECISIONS.has(r.decision),
  };
}

export const UNASSIGNED_PREFIX = "UNASSIGNED: ";

/**
 * Routes the register's applications. Returns the indexes of records whose Lead or Routing changed.
 * `keepCurrent: false` re-plans every open application from scratch (the menu's rebalance).
 */
export function routeRegister(
  records: ApplicationRecord[],
  leads: readonly LeadConfig[],
  options: { keepCurrent?: boolean } = {},
): number[] {
  const indexes = records
    .map((r, i) => (r.responseId && r.programme in PROGRAMMES ? i : -1))
    .filter((i) => i >= 0);
  if (indexes.length === 0) return [];
  const decisions = routeApplications(
    indexes.map((i) => routingApplication(records[i]!)),
    leadProfiles(leads),
    { keepCurrent: options.keepCurrent ?? true },
  );
  const byId = new Map(decisions.map((d) => [d.responseId, d]));
  const changed: number[] = [];
  for (const i of indexes) {
    const r = records[i]!;
    const d = byId.get(r.responseId);
    if (!d) continue;
    const routing = d.unassigned ? UNASSIGNED_PREFIX + d.why : d.why;
    // A kept lead keeps the sentence that explained the original choice.
    if (
      d.lead === r.lead &&
      !d.changed &&
      r.routing !== "" &&
      !r.routing.startsWith(UNASSIGNED_PREFIX)
    )
      continue;
    if (d.lead !== r.lead || routing !== r.routing) {
      r.lead = d.lead;
      r.routing = routing;
      changed.push(i);
    }
  }
  return changed;
}

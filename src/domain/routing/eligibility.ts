// Which leads may take an application, and why each other lead may not. Capacity is not part of
// eligibility: it depends on everything else being routed, so the optimiser deals with it.
import { programmeTitle } from "../programmes/catalogue";
import type { Exclusion, LeadEligibility, LeadProfile, RoutingApplication } from "./types";

export type RoutingSubject = Pick<RoutingApplication, "programme" | "localAuthority" | "schoolUrn">;

/** Trimmed, lower-case, inner spaces collapsed: how names and keys are compared. */
export function norm(s: string): string {
  return String(s ?? "")
    .trim()
    .replace(/\s+/g, " ")
    .toLowerCase();
}

/** URNs compare as digits without leading zeros ("0123" is "123"); anything else as text. */
export function normUrn(s: string): string {
  const t = String(s ?? "").trim();
  return /^\d+$/.test(t) ? t.replace(/^0+(?=\d)/, "") : norm(t);
}

/** A lead's lists normalised once, for routing many applications. */
export interface CompiledLead {
  allProgrammes: boolean;
  programmes: ReadonlySet<string>;
  allAreas: boolean;
  areas: ReadonlySet<string>;
  active: boolean;
  ownUrn: string;
}

export function compileLead(lead: LeadProfile): CompiledLead {
  const programmes = new Set(lead.programmes.map(norm));
  const areas = new Set(lead.localAuthorities.map(norm));
  return {
    allProgrammes: programmes.has("all"),
    programmes,
    allAreas: areas.has("all"),
    areas,
    active: Boolean(lead.active),
    ownUrn: normUrn(lead.ownSchoolUrn),
  };
}

/** An application's fields normalised once. */
export interface CompiledSubject {
  programme: string;
  area: string;
  urn: string;
}

export function compileSubject(app: RoutingSubject): CompiledSubject {
  return {
    programme: norm(app.programme),
    area: norm(app.localAuthority),
    urn: normUrn(app.schoolUrn),
  };
}

/** The first reason, if any, that the compiled lead may not take the compiled application. */
export function compiledExclusion(lead: CompiledLead, app: CompiledSubject): Exclusion | null {
  if (!lead.allProgrammes && !lead.programmes.has(app.programme)) return "programme";
  if (!lead.allAreas && (app.area === "" || !lead.areas.has(app.area))) return "area";
  if (!lead.active) return "inactive";
  if (lead.ownUrn !== "" && lead.ownUrn === app.urn) return "conflict";
  return null;
}

/** The first reason, if any, that the lead may not take the application. */
export function exclusionOf(lead: LeadProfile, app: RoutingSubject): Exclusion | null {
  return compiledExclusion(compileLead(lead), compileSubject(app));
}

/** "in Leeds", or a phrase for an application whose local authority is not known. */
export function inArea(localAuthority: string): string {
  const la = String(localAuthority ?? "").trim();
  return la ? `in ${la}` : "where the local authority is not known";
}

export function leadName(lead: LeadProfile): string {
  return String(lead.name ?? "").trim() || lead.email;
}

/** "does not cover Leeds": what the exclusion says about the lead, after its name. */
export function exclusionPhrase(exclusion: Exclusion, app: RoutingSubject): string {
  switch (exclusion) {
    case "programme":
      return `does not cover ${programmeTitle(app.programme)}`;
    case "area": {
      const la = String(app.localAuthority ?? "").trim();
      return la
        ? `does not cover ${la}`
        : "covers named local authorities only, and this one is not known";
    }
    case "inactive":
      return "is not active";
    case "conflict":
      return "works at this school";
  }
}

/** Leads in a fixed order (by email, then name) so that every input order routes alike. */
export function compareLeads(a: LeadProfile, b: LeadProfile): number {
  const ea = norm(a.email);
  const eb = norm(b.email);
  if (ea !== eb) return ea < eb ? -1 : 1;
  const ka = JSON.stringify(a);
  const kb = JSON.stringify(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/**
 * Every lead, in order of email, with whether it may take the application and, if not, why.
 * Eligible: active, covers the programme (its key or "all") and the local authority (its name in
 * any case, or "all"), and does not work at the applicant's school.
 */
export function eligibleLeads(
  app: RoutingSubject,
  leads: readonly LeadProfile[],
): LeadEligibility[] {
  return [...leads].sort(compareLeads).map((lead) => {
    const excludedBecause = exclusionOf(lead, app);
    const name = leadName(lead);
    const explanation =
      excludedBecause === null
        ? `${name} covers ${programmeTitle(app.programme)} ${inArea(app.localAuthority)}.`
        : `${name} ${exclusionPhrase(excludedBecause, app)}.`;
    return { lead, eligible: excludedBecause === null, excludedBecause, explanation };
  });
}

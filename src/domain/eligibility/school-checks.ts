// The school checks of RULES.md: find the school, follow it to its successor, then judge its
// funding, country, area and phase against what the programme admits.
import type { ParsedAnswers } from "../programmes/answers";
import type { Programme, SchoolRequirement } from "../programmes/model";
import { fundingOf, isInEngland, phaseFlagsOf } from "../schools/classify";
import type { SchoolLookup } from "../schools/register";
import { norm } from "../routing/eligibility";
import type { Reason, School } from "../types";

export interface SchoolCheck {
  /** The school judged (the successor where the URN was an old one), or null. */
  school: School | null;
  /** The resolved URN, or what the applicant typed when nothing was found. */
  urn: string;
  /** The school's URN and every predecessor's, for its engagement history. */
  lineage: string[];
  reasons: Reason[];
}

export interface SchoolCheckContext {
  schools: SchoolLookup;
  hubLas: readonly string[];
}

function notFound(parsed: ParsedAnswers, quotedUrn: string): Reason {
  const name = parsed.schoolName ?? "";
  const postcode = parsed.schoolPostcode ?? "";
  const byName = name
    ? `the name "${name}"${postcode ? ` with postcode ${postcode}` : ""}`
    : "the name and postcode given";
  const message = quotedUrn
    ? `No school in the register has URN ${quotedUrn}, and none matches ${byName}.`
    : `No school in the register matches ${byName}.`;
  return { code: "SCHOOL_NOT_FOUND", effect: "REVIEW", message };
}

function fundingReason(school: School): Reason | null {
  switch (fundingOf(school)) {
    case "state":
      return null;
    case "independent":
      return {
        code: "NOT_STATE_FUNDED",
        effect: "INELIGIBLE",
        message: `${school.name} is an independent school.`,
      };
    case "non-maintained-special":
      return {
        code: "NOT_STATE_FUNDED",
        effect: "REVIEW",
        message: `${school.name} is a non-maintained special school; whether it counts as state-funded needs a judgement.`,
      };
    default:
      return {
        code: "NOT_STATE_FUNDED",
        effect: "REVIEW",
        message: `The register does not list ${school.name} as a state-funded school (type: ${school.type || "not given"}).`,
      };
  }
}

function phaseReason(school: School, programme: Programme, req: SchoolRequirement): Reason | null {
  if (req.phases === "any") return null;
  const flags = phaseFlagsOf(school);
  if (req.phases.some((p) => flags[p])) return null;
  if (!Object.values(flags).some(Boolean)) {
    // No phase and no ages: the register cannot say, so a person must.
    return {
      code: "WRONG_PHASE",
      effect: "REVIEW",
      message: `The register gives no phase for ${school.name}; check that it fits ${programme.title}, which is for ${req.summary}.`,
    };
  }
  const phase =
    school.phase && norm(school.phase) !== "not applicable" ? school.phase : school.type;
  return {
    code: "WRONG_PHASE",
    effect: req.wrongPhaseEffect,
    message: `${school.name} is recorded as ${phase.toLowerCase()}; ${programme.title} is for ${req.summary}.`,
  };
}

function judgeSchool(
  school: School,
  programme: Programme,
  req: SchoolRequirement,
  hubLas: readonly string[],
): Reason[] {
  const reasons: Reason[] = [];
  const inEngland = isInEngland(school);
  if (req.stateFunded) {
    const funding = fundingReason(school);
    // Welsh and overseas types are "not state" only to England's register; NOT_IN_ENGLAND says it.
    if (funding && (inEngland || funding.effect === "INELIGIBLE")) reasons.push(funding);
  }
  if (!inEngland) {
    reasons.push({
      code: "NOT_IN_ENGLAND",
      effect: "INELIGIBLE",
      message: `${school.name} is not in England (${school.la || school.region || "outside England"}).`,
    });
  }
  const las = new Set(hubLas.map(norm).filter(Boolean));
  if (las.size > 0 && !las.has(norm(school.la))) {
    reasons.push({
      code: "OUT_OF_AREA",
      effect: "REVIEW",
      message: `${school.name} is in ${school.la || "an unknown local authority"}, which is not one of the hub's local authorities.`,
    });
  }
  const phase = phaseReason(school, programme, req);
  if (phase) reasons.push(phase);
  return reasons;
}

/**
 * Resolves and judges the applicant's school. Returns no reasons when the programme has no
 * school question, or when an optional school was left blank (a missing required school is
 * already MISSING_FIELD).
 */
export function checkSchool(
  programme: Programme,
  requirement: SchoolRequirement | null,
  parsed: ParsedAnswers,
  ctx: SchoolCheckContext,
): SchoolCheck {
  const typedUrn = parsed.schoolUrn ?? "";
  if (programme.school === "none" || (!typedUrn && !parsed.schoolName)) {
    return { school: null, urn: typedUrn, lineage: [], reasons: [] };
  }
  const resolution = ctx.schools.resolve({
    schoolUrn: parsed.schoolUrn,
    schoolName: parsed.schoolName,
    schoolPostcode: parsed.schoolPostcode,
  });
  if (!resolution.found) {
    return {
      school: null,
      urn: resolution.quotedUrn || typedUrn,
      lineage: [],
      reasons: [notFound(parsed, resolution.quotedUrn || typedUrn)],
    };
  }
  const { school } = resolution;
  const reasons: Reason[] = [];
  if (resolution.supersededFrom.length > 0) {
    const old = resolution.quotedUrn || resolution.supersededFrom[0]!;
    const oldName = ctx.schools.byUrn(old)?.name;
    reasons.push({
      code: "URN_SUPERSEDED",
      effect: "INFO",
      message: `URN ${old}${oldName ? ` (${oldName})` : ""} has been replaced by ${school.name} (URN ${school.urn}), which was judged instead.`,
    });
  }
  if (resolution.closedWithoutSuccessor) {
    reasons.push({
      code: "SCHOOL_CLOSED",
      effect: "REVIEW",
      message: `${school.name} (URN ${school.urn}) is closed and the register shows no open successor.`,
    });
  }
  if (requirement) reasons.push(...judgeSchool(school, programme, requirement, ctx.hubLas));
  const lineage = [...new Set([school.urn, ...ctx.schools.lineage(school.urn)])];
  return { school, urn: school.urn, lineage, reasons };
}

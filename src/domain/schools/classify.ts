// What the eligibility rules need to know about a school: who funds it, whether it is in England,
// and which phases it teaches (RULES.md, "School checks"; shared/data/README.md).
import type { School } from "../types";
import { groupForType, TYPE_GROUPS, typeKey } from "./establishment-types";

export type Funding = "state" | "independent" | "non-maintained-special" | "not-state";

// The download writes "LA maintained schools" where the types table writes the long form.
const STATE_GROUPS = new Set(
  [
    "Colleges",
    "Local authority maintained schools",
    "LA maintained schools",
    "Special schools",
    "Academies",
    "Free Schools",
  ].map(typeKey),
);
const INDEPENDENT_TYPES = new Set(
  ["Other independent special school", "Other independent school"].map(typeKey),
);
const NON_MAINTAINED_SPECIAL = typeKey("Non-maintained special school");
const KNOWN_GROUPS = new Set([...TYPE_GROUPS, "LA maintained schools"].map(typeKey));

/** The school's type group, recovered from its type when the source did not give one. */
function groupKey(school: School): string {
  return typeKey(school.typeGroup || groupForType(school.type));
}

export function fundingOf(school: School): Funding {
  const type = typeKey(school.type);
  // Checked before the group: both sit in the "Special schools" group, which is otherwise state.
  if (type === NON_MAINTAINED_SPECIAL) return "non-maintained-special";
  if (INDEPENDENT_TYPES.has(type)) return "independent";
  const group = groupKey(school);
  if (group === typeKey("Independent schools")) return "independent";
  if (STATE_GROUPS.has(group)) return "state";
  return "not-state";
}

/**
 * "Yes"/"No" for the Schools sheet; "Review" where a person must judge: non-maintained special
 * schools (README: a judgement call) and types the register does not recognise.
 */
export function stateFundedLabel(school: School): "Yes" | "No" | "Review" {
  const funding = fundingOf(school);
  if (funding === "state") return "Yes";
  if (funding === "non-maintained-special") return "Review";
  if (funding === "not-state" && !KNOWN_GROUPS.has(groupKey(school))) return "Review";
  return "No";
}

// GIAS gives Welsh establishments Welsh local authorities (codes 660-681) and "Wales (pseudo)".
const OUTSIDE_ENGLAND_LAS = new Set(
  [
    "Wales",
    "Isle of Anglesey",
    "Gwynedd",
    "Conwy",
    "Denbighshire",
    "Flintshire",
    "Wrexham",
    "Powys",
    "Ceredigion",
    "Pembrokeshire",
    "Carmarthenshire",
    "Swansea",
    "Neath Port Talbot",
    "Bridgend",
    "Vale of Glamorgan",
    "The Vale of Glamorgan",
    "Rhondda Cynon Taf",
    "Merthyr Tydfil",
    "Caerphilly",
    "Blaenau Gwent",
    "Torfaen",
    "Monmouthshire",
    "Newport",
    "Cardiff",
    "Scotland",
    "Northern Ireland",
    "Overseas",
    "Offshore",
  ].map(typeKey),
);
const OUTSIDE_ENGLAND_TYPES = new Set(
  ["British schools overseas", "Offshore schools", "Welsh establishment"].map(typeKey),
);

export function isInEngland(school: School): boolean {
  if (groupKey(school) === typeKey("Welsh schools")) return false;
  if (typeKey(school.region) === typeKey("Wales (pseudo)")) return false;
  if (OUTSIDE_ENGLAND_TYPES.has(typeKey(school.type))) return false;
  return !OUTSIDE_ENGLAND_LAS.has(typeKey(school.la));
}

export interface PhaseFlags {
  primary: boolean;
  secondary: boolean;
  special: boolean;
  post16: boolean;
  college: boolean;
}

// Phase keys as typeKey folds them: "All-through" and the 2017 "All Through" both give "all through".
const PRIMARY_PHASES = new Set(["primary", "all through", "middle deemed primary"]);
const SECONDARY_PHASES = new Set(["secondary", "all through", "middle deemed secondary"]);
const POST16_PHASE = "16 plus";
const AGE_LED_PHASES = new Set(["", "not applicable"]);

/**
 * Which phases a school teaches. GIAS gives special schools, pupil referral units and most
 * independent schools the phase "Not applicable"; their statutory ages decide instead
 * (an 11-16 special school is secondary). 16 plus is kept apart from secondary so that each
 * programme can say whether it admits post-16 institutions.
 */
export function phaseFlagsOf(school: School): PhaseFlags {
  const phase = typeKey(school.phase);
  const group = groupKey(school);
  const college = group === typeKey("Colleges");
  const special = group === typeKey("Special schools") || /\bspecial\b/.test(typeKey(school.type));
  const { lowAge, highAge } = school;
  const ages = lowAge !== null && highAge !== null && lowAge <= highAge;
  // Statutory ages run from the youngest pupils' age on entry to the age at which the oldest
  // leave: a primary school is 4-11, a secondary 11-16, so the high age itself is not taught.
  const teachesAge = (from: number, to: number) => ages && lowAge <= to && highAge > from;

  if (AGE_LED_PHASES.has(phase)) {
    return {
      // Pupils aged 5 to 10 on 1 September are in Years 1-6; 11 to 15, Years 7-11; 16 up, post-16.
      primary: teachesAge(5, 10),
      secondary: teachesAge(11, 15),
      special,
      post16: college || (ages && highAge >= 17),
      college,
    };
  }
  return {
    primary: PRIMARY_PHASES.has(phase),
    secondary: SECONDARY_PHASES.has(phase),
    special,
    post16: college || phase === POST16_PHASE || (ages && highAge >= 17),
    college,
  };
}

// Every GIAS establishment type with its type group: the basis of the "state-funded" rule, and how
// we recover a type group for files (such as the 2017 EduBase extract) that do not carry one.
//
// Provenance: gias-establishment-types-20250422.csv, the GIAS establishment types as of 22 April
// 2025, from MastodonC/witan.gias `data/`. Department for Education, "Get Information About
// Schools", published under the Open Government Licence v3.0. All 50 rows are embedded verbatim
// (39 distinct types; a type repeats once per further-education sub-type).

/** [group code, group name, type code, type name, further-education type ("" when none)] */
export type EstablishmentTypeRow = readonly [number, string, number, string, string];

export const ESTABLISHMENT_TYPES: readonly EstablishmentTypeRow[] = [
  [1, "Colleges", 18, "Further education", ""],
  [1, "Colleges", 18, "Further education", "Art, Design and Performing Arts College"],
  [1, "Colleges", 18, "Further education", "General Further Education College"],
  [1, "Colleges", 18, "Further education", "Land-Based College"],
  [1, "Colleges", 18, "Further education", "Sixth Form College (General)"],
  [1, "Colleges", 18, "Further education", "Sixth Form College (Voluntary Aided)"],
  [1, "Colleges", 18, "Further education", "Sixth Form College (Voluntary Controlled)"],
  [1, "Colleges", 18, "Further education", "Specialist Designated College"],
  [1, "Colleges", 18, "Further education", "Tertiary College"],
  [1, "Colleges", 31, "Sixth form centres", ""],
  [2, "Universities", 29, "Higher education institutions", ""],
  [
    2,
    "Universities",
    29,
    "Higher education institutions",
    "Art, Design and Performing Arts College",
  ],
  [3, "Independent schools", 6, "City technology college", ""],
  [3, "Independent schools", 11, "Other independent school", ""],
  [4, "Local authority maintained schools", 1, "Community school", ""],
  [4, "Local authority maintained schools", 2, "Voluntary aided school", ""],
  [4, "Local authority maintained schools", 3, "Voluntary controlled school", ""],
  [4, "Local authority maintained schools", 5, "Foundation school", ""],
  [4, "Local authority maintained schools", 14, "Pupil referral unit", ""],
  [4, "Local authority maintained schools", 15, "Local authority nursery school", ""],
  [5, "Special schools", 7, "Community special school", ""],
  [5, "Special schools", 8, "Non-maintained special school", ""],
  [5, "Special schools", 10, "Other independent special school", ""],
  [5, "Special schools", 12, "Foundation special school", ""],
  [6, "Welsh schools", 30, "Welsh establishment", ""],
  [9, "Other types", 24, "Secure units", ""],
  [9, "Other types", 25, "Offshore schools", ""],
  [9, "Other types", 26, "Service children's education", ""],
  [9, "Other types", 27, "Miscellaneous", ""],
  [9, "Other types", 27, "Miscellaneous", "Specialist Designated College"],
  [9, "Other types", 32, "Special post 16 institution", ""],
  [9, "Other types", 32, "Special post 16 institution", "Specialist Designated College"],
  [9, "Other types", 37, "British schools overseas", ""],
  [
    9,
    "Other types",
    56,
    "Institution funded by other government department",
    "Specialist Designated College",
  ],
  [10, "Academies", 28, "Academy sponsor led", ""],
  [10, "Academies", 33, "Academy special sponsor led", ""],
  [10, "Academies", 34, "Academy converter", ""],
  [10, "Academies", 42, "Academy alternative provision converter", ""],
  [10, "Academies", 43, "Academy alternative provision sponsor led", ""],
  [10, "Academies", 44, "Academy special converter", ""],
  [10, "Academies", 45, "Academy 16-19 converter", ""],
  [10, "Academies", 46, "Academy 16 to 19 sponsor led", ""],
  [10, "Academies", 57, "Academy secure 16 to 19", ""],
  [11, "Free Schools", 35, "Free schools", ""],
  [11, "Free Schools", 36, "Free schools special", ""],
  [11, "Free Schools", 38, "Free schools alternative provision", ""],
  [11, "Free Schools", 39, "Free schools 16 to 19", ""],
  [11, "Free Schools", 40, "University technical college", ""],
  [11, "Free Schools", 41, "Studio schools", ""],
  [13, "Online provider", 49, "Online provider", ""],
];

/**
 * A comparison key for type names across GIAS vintages: the 2017 extract writes
 * "Free Schools - 16-19" and "LA Nursery School" where today's download writes
 * "Free schools 16 to 19" and "Local authority nursery school".
 */
export function typeKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/['’]/g, "")
    .replace(/&/g, " and ")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\b16 19\b/g, "16 to 19")
    .replace(/^la /, "local authority ")
    .trim();
}

interface TypeInfo {
  type: string;
  group: string;
}

const BY_KEY: ReadonlyMap<string, TypeInfo> = new Map(
  ESTABLISHMENT_TYPES.map(([, group, , type]) => [typeKey(type), { type, group }] as const),
);

/** Today's GIAS spelling of a type, or undefined when the type is not in the table. */
export function canonicalType(name: string): string | undefined {
  return BY_KEY.get(typeKey(name))?.type;
}

/** The type group GIAS puts a type in ("Academies", "Independent schools", ...), or "". */
export function groupForType(name: string): string {
  return BY_KEY.get(typeKey(name))?.group ?? "";
}

/** The type group names as the types table spells them. */
export const TYPE_GROUPS: readonly string[] = [
  ...new Set(ESTABLISHMENT_TYPES.map((row) => row[1])),
];

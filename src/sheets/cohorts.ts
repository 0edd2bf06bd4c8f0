// Cohort sheets: one per programme, or one per Work Group for programmes with groups, listing who
// holds a place (school, advocates, emails, lead, local authority). Rebuilt whole from the
// register each time, so they never drift from the Decision column.
import { asText, type Cell } from "./cells";
import { writeBlock } from "./table";

export const COHORT_PREFIX = "Cohort – ";

export const COHORT_HEADER = [
  "Response ID",
  "Applicant",
  "Email",
  "Role",
  "School URN",
  "School",
  "Local authority",
  "Second advocate",
  "Second advocate's email",
  "Endorsement",
  "Lead",
  "Work Group",
  "Decision",
];

export interface CohortMember {
  responseId: string;
  applicant: string;
  email: string;
  role: string;
  schoolUrn: string;
  school: string;
  localAuthority: string;
  advocate2Name: string;
  advocate2Email: string;
  endorsement: string;
  lead: string;
  group: string;
  decision: string;
}

export function cohortSheetName(programme: string, group: string): string {
  return group ? `${COHORT_PREFIX}${programme} – ${group}` : `${COHORT_PREFIX}${programme}`;
}

export function cohortRows(members: readonly CohortMember[]): Cell[][] {
  const sorted = [...members].sort(
    (a, b) =>
      a.school.localeCompare(b.school, "en-GB") || a.applicant.localeCompare(b.applicant, "en-GB"),
  );
  return [
    COHORT_HEADER,
    ...sorted.map((m) => [
      asText(m.responseId),
      asText(m.applicant),
      asText(m.email),
      asText(m.role),
      asText(m.schoolUrn),
      asText(m.school),
      asText(m.localAuthority),
      asText(m.advocate2Name),
      asText(m.advocate2Email),
      m.endorsement,
      asText(m.lead),
      asText(m.group),
      m.decision,
    ]),
  ];
}

/**
 * Writes each cohort sheet in one call (plus a clear when it already exists). `cohorts` maps
 * group id ("" for a programme without groups) to its members; a group with nobody gets a sheet
 * with its header, so the lead sees it is empty rather than missing.
 */
export function writeCohortSheets(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  programme: string,
  cohorts: ReadonlyMap<string, readonly CohortMember[]>,
): string[] {
  const names: string[] = [];
  for (const [group, members] of cohorts) {
    const name = cohortSheetName(programme, group);
    const existing = spreadsheet.getSheetByName(name);
    const sheet = existing ?? spreadsheet.insertSheet(name);
    if (existing) sheet.clearContents();
    writeBlock(sheet, 1, 1, cohortRows(members));
    if (!existing) sheet.setFrozenRows(1);
    names.push(name);
  }
  return names;
}

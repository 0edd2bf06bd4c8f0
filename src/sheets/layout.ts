// The sheets the add-on owns: names, headers, notes and dropdowns. Setup creates them from this;
// readers find columns by these header names.
import { ENDORSEMENT_STATUSES, VERDICTS } from "../domain/types";

export interface ColumnDef {
  header: string;
  /** Shown as the header cell's note: what to write here. */
  note?: string;
  width?: number;
  /** A dropdown of these values (data validation). */
  choices?: readonly string[];
  /** A Sheets number format, e.g. "yyyy-mm-dd hh:mm" or "@" (plain text). */
  format?: string;
  /** Hidden from view (technical columns). */
  hidden?: boolean;
}

export interface SheetDef {
  name: string;
  columns: readonly ColumnDef[];
  /** Kept out of sight: technical sheets that staff need not edit. */
  hidden?: boolean;
}

export const REVIEW_STATUSES = [
  "New",
  "In review",
  "Recommend",
  "Not recommended",
  "Needs info",
] as const;
export const DECISIONS = ["Offered", "Accepted", "Waitlisted", "Not offered", "Withdrawn"] as const;
/** Decisions after which an application no longer waits for a reviewer (Waitlisted still does). */
export const FINAL_DECISIONS: ReadonlySet<string> = new Set([
  "Offered",
  "Accepted",
  "Not offered",
  "Withdrawn",
]);
export { ENDORSEMENT_STATUSES };
export const VERDICT_CHOICES = VERDICTS;

export const PROGRAMMES_SHEET: SheetDef = {
  name: "Programmes",
  columns: [
    {
      header: "Key",
      note: "The programme's key, e.g. sec-specialist. Do not change it.",
      width: 150,
    },
    { header: "Programme", note: "The programme's name, as applicants see it.", width: 320 },
    { header: "Academic year", note: "The year whose rules apply, e.g. 2024/25.", width: 100 },
    {
      header: "Opens",
      note: "When applications open (Europe/London), e.g. 2024-01-08 09:00.",
      width: 140,
      format: "yyyy-mm-dd hh:mm",
    },
    {
      header: "Closes",
      note: "When applications close (Europe/London), e.g. 2024-03-29 17:00.",
      width: 140,
      format: "yyyy-mm-dd hh:mm",
    },
    {
      header: "Places",
      note: "Places (or schools) the hub can offer. Leave blank if unlimited.",
      width: 70,
    },
    {
      header: "Max per school",
      note: "Most places one school may have. Blank means no limit.",
      width: 110,
    },
    { header: "Form", note: "The Form's ID or URL. Filled in by Set up this hub.", width: 260 },
    { header: "Response sheet", note: "The sheet where this Form's responses land.", width: 160 },
    {
      header: "Active",
      note: "Yes while the hub recruits for this programme.",
      width: 70,
      choices: ["Yes", "No"],
    },
    {
      header: "Cohort starts",
      note: "When the cohort starts; data retention counts from here.",
      width: 120,
      format: "yyyy-mm-dd",
    },
    {
      header: "Blind review",
      note: "Yes hides names and emails from leads until a decision is recorded.",
      width: 100,
      choices: ["Yes", "No"],
    },
  ],
};

export const LEADS_SHEET: SheetDef = {
  name: "Leads",
  columns: [
    { header: "Name", width: 180 },
    { header: "Email", width: 220 },
    { header: "Programmes", note: "Programme keys separated by commas, or all.", width: 260 },
    {
      header: "Local authorities",
      note: "Local authority names separated by semicolons, or all.",
      width: 260,
    },
    { header: "Max load", note: "Most applications this lead reviews at once.", width: 80 },
    {
      header: "Own school URN",
      note: "The lead never reviews their own school's applications.",
      width: 120,
    },
    { header: "Active", width: 70, choices: ["Yes", "No"] },
  ],
};

export const GROUPS_SHEET: SheetDef = {
  name: "Groups",
  columns: [
    { header: "Work Group", note: "A short unique id, e.g. DEV-LEEDS-1.", width: 140 },
    { header: "Programme", note: "The programme key this group belongs to.", width: 150 },
    { header: "Lead", note: "The lead's email.", width: 200 },
    { header: "Capacity", note: "How many schools (or places) the group takes.", width: 80 },
    { header: "Location", width: 200 },
    {
      header: "Local authorities",
      note: "Local authorities this group serves, separated by semicolons.",
      width: 260,
    },
  ],
};

export const SETTINGS_SHEET: SheetDef = {
  name: "Settings",
  columns: [
    { header: "Setting", width: 260 },
    { header: "Value", width: 360 },
    { header: "What it means", width: 420 },
  ],
};

export const SCHOOLS_SHEET_NAME = "Schools";

export const ENGAGEMENT_SHEET: SheetDef = {
  name: "Engagement",
  columns: [
    { header: "URN", width: 90 },
    { header: "Programme", width: 150 },
    { header: "Academic year", width: 100 },
    { header: "Status", note: "e.g. completed, participating, withdrew", width: 120 },
    { header: "Source", width: 200 },
  ],
};

export const APPLICATIONS_SHEET: SheetDef = {
  name: "Applications",
  columns: [
    { header: "Response ID", width: 150 },
    { header: "Submitted", width: 140, format: "yyyy-mm-dd hh:mm" },
    { header: "Programme", width: 140 },
    { header: "Applicant", width: 170 },
    { header: "Email", width: 200 },
    { header: "School URN", width: 90 },
    { header: "School", width: 220 },
    { header: "Verdict", width: 90, choices: VERDICT_CHOICES },
    { header: "Score", width: 60 },
    { header: "Reasons", width: 420 },
    { header: "Endorsement", width: 100, choices: ENDORSEMENT_STATUSES },
    { header: "Lead", width: 190 },
    { header: "Review status", width: 110, choices: REVIEW_STATUSES },
    { header: "Decision", width: 100, choices: DECISIONS },
    { header: "Group", width: 110 },
    { header: "Notified", width: 140 },
    { header: "Local authority", width: 140 },
    {
      header: "Statement score",
      note: "0 to 5, set by the lead when reviewing the statement.",
      width: 90,
    },
    { header: "Routing", width: 260 },
    { header: "Academic year", width: 90 },
    {
      header: "Source",
      note: "Where the response is: response sheet and row.",
      width: 160,
      hidden: true,
    },
    { header: "Answers hash", width: 100, hidden: true },
    { header: "Answers", width: 100, hidden: true },
    { header: "Updated", width: 140, format: "yyyy-mm-dd hh:mm", hidden: true },
  ],
};

export const AUDIT_SHEET: SheetDef = {
  name: "Audit",
  columns: [
    { header: "Time", width: 150, format: "yyyy-mm-dd hh:mm:ss" },
    { header: "Actor", width: 200 },
    { header: "Action", width: 160 },
    { header: "Response ID", width: 150 },
    { header: "Before", width: 200 },
    { header: "After", width: 200 },
    { header: "Flag", width: 260 },
  ],
};

export const LOG_SHEET: SheetDef = {
  name: "Log",
  columns: [
    { header: "Time", width: 150, format: "yyyy-mm-dd hh:mm:ss" },
    { header: "Level", width: 70 },
    { header: "Job", width: 160 },
    { header: "Message", width: 600 },
  ],
};

export const OUTBOX_SHEET: SheetDef = {
  name: "Mail queue",
  hidden: true,
  columns: [
    { header: "Key", width: 220 },
    { header: "Queued", width: 140, format: "yyyy-mm-dd hh:mm" },
    { header: "Kind", width: 120 },
    { header: "Response ID", width: 150 },
    { header: "To", width: 220 },
    { header: "Subject", width: 300 },
    { header: "Body", width: 300 },
    { header: "Status", width: 80, choices: ["Queued", "Sent", "Failed"] },
    { header: "Attempts", width: 70 },
    { header: "Sent", width: 140, format: "yyyy-mm-dd hh:mm" },
    { header: "Last error", width: 300 },
  ],
};

/** One row per Endorsement Form response the add-on has read: applied, refused, or no change. */
export const ENDORSEMENTS_SHEET: SheetDef = {
  name: "Endorsements",
  columns: [
    { header: "Processed", width: 140, format: "yyyy-mm-dd hh:mm" },
    {
      header: "Response",
      note: "Where the endorser's answer is: response sheet, row and time.",
      width: 220,
    },
    { header: "Submitted", width: 140, format: "yyyy-mm-dd hh:mm" },
    { header: "Reference", width: 150 },
    { header: "School URN", width: 90 },
    { header: "School", width: 200 },
    { header: "Answer", width: 100 },
    { header: "Attends launch", width: 90 },
    { header: "Endorser", width: 170 },
    { header: "Role", width: 140 },
    { header: "Outcome", width: 90, choices: ["Applied", "No change", "Refused"] },
    { header: "Detail", width: 420 },
  ],
};

export const OWNED_SHEETS: readonly SheetDef[] = [
  PROGRAMMES_SHEET,
  LEADS_SHEET,
  GROUPS_SHEET,
  SETTINGS_SHEET,
  ENGAGEMENT_SHEET,
  APPLICATIONS_SHEET,
  AUDIT_SHEET,
  LOG_SHEET,
  OUTBOX_SHEET,
  ENDORSEMENTS_SHEET,
];

export function headersOf(def: SheetDef): string[] {
  return def.columns.map((c) => c.header);
}

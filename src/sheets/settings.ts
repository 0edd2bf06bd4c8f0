// The Settings sheet: one setting a row (Setting, Value, What it means). Missing rows take their
// defaults, so a hub can start with an almost empty sheet.
import type { Cell } from "./cells";
import { cellText } from "./cells";
import type { Table } from "./table";
import {
  email,
  list,
  parseCell,
  text,
  wholeNumber,
  type CellParser,
  type ConfigProblem,
} from "./config-cells";

import type { ScoreWeights } from "../domain/eligibility/score";

export type ScoreWeightsSetting = ScoreWeights;

export interface HubSettings {
  hubName: string;
  hubLeadEmail: string;
  localAuthorities: string[];
  priorityLocalAuthorities: string[];
  priorityUrns: string[];
  senderName: string;
  replyTo: string;
  retentionMonths: number;
  dailyEmailBudget: number;
  weights: ScoreWeightsSetting;
  waitingDays: number;
  digestHour: number;
  closingReminderDays: number[];
  endorsementDueDays: number;
  endorsementReminderDays: number[];
  endorsementForm: string;
  /** Allocation priority points for a school that has never engaged with the hub. */
  allocationNeverEngaged: number;
  /** Allocation priority points for a school in a priority area or on the priority list. */
  allocationPriorityArea: number;
  /** Null: a school is placed only in a Work Group serving its local authority. */
  allocationDistancePenalty: number | null;
}

interface SettingDef<K extends keyof HubSettings | `weights.${keyof ScoreWeightsSetting}`> {
  key: K;
  label: string;
  meaning: string;
  default: string;
  parser: CellParser<unknown>;
}

const semicolons = list(/;/);
const commas = list(/[,;]/);
const days = (label: string): CellParser<number[]> =>
  list(/[,;]/).transform((items, ctx) => {
    const out: number[] = [];
    for (const s of items) {
      const n = Number(s);
      if (!Number.isInteger(n) || n < 0 || n > 60) {
        ctx.addIssue({
          code: "custom",
          message: `${label} "${s}" is not a number of days from 0 to 60; write whole numbers of days separated by commas, e.g. 7, 1`,
        });
      } else out.push(n);
    }
    return out.sort((a, b) => b - a);
  });
const weight = (label: string) => wholeNumber({ label, min: 0, max: 100, blankAs: 0 });

export const SETTING_DEFS: ReadonlyArray<
  SettingDef<keyof HubSettings | `weights.${keyof ScoreWeightsSetting}`>
> = [
  {
    key: "hubName",
    label: "Hub name",
    meaning: "The hub's name, used in emails.",
    default: "Maths Hub",
    parser: text({ label: "Hub name", required: true }),
  },
  {
    key: "hubLeadEmail",
    label: "Hub lead email",
    meaning: "Who administers recruitment; blank means the spreadsheet's owner.",
    default: "",
    parser: email({ label: "Hub lead email", required: false }),
  },
  {
    key: "localAuthorities",
    label: "Local authorities served",
    meaning:
      "Local authority names separated by semicolons; schools elsewhere are flagged OUT_OF_AREA.",
    default: "",
    parser: semicolons,
  },
  {
    key: "priorityLocalAuthorities",
    label: "Priority local authorities",
    meaning: "Local authorities the hub prioritises (score), separated by semicolons.",
    default: "",
    parser: semicolons,
  },
  {
    key: "priorityUrns",
    label: "Priority school URNs",
    meaning: "Schools the hub prioritises (score), URNs separated by commas.",
    default: "",
    parser: commas,
  },
  {
    key: "senderName",
    label: "Email sender name",
    meaning: "The name applicants see on emails.",
    default: "",
    parser: text({ label: "Email sender name", required: false }),
  },
  {
    key: "replyTo",
    label: "Reply-to email",
    meaning: "Where replies to the hub's emails go.",
    default: "",
    parser: email({ label: "Reply-to email", required: false }),
  },
  {
    key: "retentionMonths",
    label: "Data retention months",
    meaning: "Months after a cohort starts when applicants' personal data is deleted.",
    default: "24",
    parser: wholeNumber({
      label: "Data retention months",
      min: 1,
      max: 120,
      blankAs: 24,
      unit: "months",
    }),
  },
  {
    key: "dailyEmailBudget",
    label: "Daily email budget",
    meaning:
      "Most emails a day the add-on sends (Google allows 100 on consumer accounts, 1,500 on Workspace).",
    default: "90",
    parser: wholeNumber({
      label: "Daily email budget",
      min: 1,
      max: 1500,
      blankAs: 90,
      unit: "emails",
    }),
  },
  {
    key: "weights.neverEngaged",
    label: "Score weight: never engaged",
    meaning: "Weight of 'school has never engaged with Teaching for Mastery'.",
    default: "25",
    parser: weight("Score weight: never engaged"),
  },
  {
    key: "weights.priorityArea",
    label: "Score weight: priority area",
    meaning: "Weight of 'school in a priority area or list'.",
    default: "20",
    parser: weight("Score weight: priority area"),
  },
  {
    key: "weights.experience",
    label: "Score weight: experience fit",
    meaning: "Weight of experience fit.",
    default: "20",
    parser: weight("Score weight: experience fit"),
  },
  {
    key: "weights.leadership",
    label: "Score weight: leadership role",
    meaning: "Weight of a leadership role where the programme needs it.",
    default: "15",
    parser: weight("Score weight: leadership role"),
  },
  {
    key: "weights.endorsement",
    label: "Score weight: complete endorsement",
    meaning: "Weight of a confirmed endorsement.",
    default: "10",
    parser: weight("Score weight: complete endorsement"),
  },
  {
    key: "weights.statement",
    label: "Score weight: statement",
    meaning: "Weight of the lead's statement score (0 to 5).",
    default: "10",
    parser: weight("Score weight: statement"),
  },
  {
    key: "waitingDays",
    label: "Waiting days",
    meaning: "Applications unreviewed for longer than this are listed in leads' digests.",
    default: "7",
    parser: wholeNumber({ label: "Waiting days", min: 1, max: 60, blankAs: 7, unit: "days" }),
  },
  {
    key: "digestHour",
    label: "Digest hour",
    meaning: "Hour of the day (0 to 23, Europe/London) when digests go to leads.",
    default: "7",
    parser: wholeNumber({ label: "Digest hour", min: 0, max: 23, blankAs: 7 }),
  },
  {
    key: "closingReminderDays",
    label: "Closing reminders (days before)",
    meaning: "Days before a programme closes when leads are reminded, separated by commas.",
    default: "7, 1",
    parser: days("Closing reminders"),
  },
  {
    key: "endorsementDueDays",
    label: "Endorsement due (days after submission)",
    meaning: "Days an endorser has to confirm.",
    default: "14",
    parser: wholeNumber({
      label: "Endorsement due",
      min: 1,
      max: 60,
      blankAs: 14,
      unit: "days",
    }),
  },
  {
    key: "endorsementReminderDays",
    label: "Endorsement reminders (days before due)",
    meaning:
      "Days before the endorsement is due when the endorser is reminded, separated by commas.",
    default: "5, 2",
    parser: days("Endorsement reminders"),
  },
  {
    key: "endorsementForm",
    label: "Endorsement form",
    meaning: "The Endorsement Form's ID or URL. Filled in by Set up this hub.",
    default: "",
    parser: text({ label: "Endorsement form", required: false }),
  },
  {
    key: "allocationNeverEngaged",
    label: "Allocation priority: never engaged",
    meaning:
      "Extra priority, when places are allocated, for a school that has never engaged with the hub (on top of its score).",
    default: "20",
    parser: wholeNumber({
      label: "Allocation priority: never engaged",
      min: 0,
      max: 200,
      blankAs: 0,
    }),
  },
  {
    key: "allocationPriorityArea",
    label: "Allocation priority: priority area",
    meaning:
      "Extra priority, when places are allocated, for a school in a priority local authority or on the priority list.",
    default: "20",
    parser: wholeNumber({
      label: "Allocation priority: priority area",
      min: 0,
      max: 200,
      blankAs: 0,
    }),
  },
  {
    key: "allocationDistancePenalty",
    label: "Allocation: distance penalty",
    meaning:
      "Blank: a school joins only a Work Group serving its local authority. A number: it may join another group, at this cost in priority.",
    default: "",
    parser: wholeNumber({
      label: "Allocation: distance penalty",
      min: 0,
      max: 1000,
      blankAs: null,
      blankMeans: "Work Groups in the school's own local authority only",
    }),
  },
];

export function defaultSettingsRows(hubName: string): Cell[][] {
  return SETTING_DEFS.map((d) => [d.label, d.key === "hubName" ? hubName : d.default, d.meaning]);
}

export function readSettings(table: Table, problems: ConfigProblem[]): HubSettings {
  const byLabel = new Map<string, { value: Cell; row: number }>();
  table.rows.forEach((r, i) => {
    const label = cellText(r[0]).trim().toLowerCase();
    if (label) byLabel.set(label, { value: r[1] ?? "", row: table.firstRow + i });
  });
  const out: Record<string, unknown> = {};
  const weights: Record<string, unknown> = {};
  for (const def of SETTING_DEFS) {
    const found = byLabel.get(def.label.toLowerCase());
    const value: Cell = found ? found.value : def.default;
    const parsed = parseCell(
      def.parser,
      value,
      { sheet: table.sheetName, row: found?.row ?? 0, column: 2 },
      problems,
    );
    if (def.key.startsWith("weights.")) weights[def.key.slice("weights.".length)] = parsed;
    else out[def.key] = parsed;
  }
  const settings = { ...out, weights } as unknown as HubSettings;
  if (!settings.senderName) settings.senderName = settings.hubName;
  return settings;
}

// The words of every email the hub sends. Plain text (rendered to escaped HTML by the mail queue);
// nothing here is HTML, so nothing an applicant typed can become markup.
import { formatLondon } from "./calendar";
import { VERDICTS } from "./types";

export interface EmailText {
  subject: string;
  body: string;
}

export interface HubVoice {
  hubName: string;
  replyTo: string;
}

export function signOff(hub: HubVoice): string {
  return `Best wishes,\n${hub.hubName}${hub.replyTo ? `\n${hub.replyTo}` : ""}`;
}

export function acknowledgement(args: {
  firstName: string;
  programmeTitle: string;
  reference: string;
  closes: Date | null;
  hub: HubVoice;
  edited: boolean;
}): EmailText {
  const when = args.closes
    ? ` Applications close at ${formatLondon(args.closes, "HH:mm 'on' d MMMM yyyy")}, and we will be in touch after that.`
    : "";
  return {
    subject: `${args.edited ? "Updated application" : "Application received"}: ${args.programmeTitle}`,
    body: [
      `Dear ${args.firstName || "applicant"},`,
      args.edited
        ? `Thank you for updating your application for ${args.programmeTitle}. We will consider your latest answers.`
        : `Thank you for applying for ${args.programmeTitle}. We have received your application and a member of the hub team will review it.${when}`,
      `Your reference is ${args.reference}. Please quote it if you contact us.`,
      signOff(args.hub),
    ].join("\n\n"),
  };
}

// ---- scheduled work: closing, reminders, summaries, retention, failures ----

const VERDICT_WORDS: Readonly<Record<string, string>> = {
  ELIGIBLE: "Eligible",
  REVIEW: "For review",
  INELIGIBLE: "Not eligible",
  INVALID: "Invalid",
};

/** "17:00 on Friday 29 March 2024" */
export function closingTime(d: Date): string {
  return formatLondon(d, "HH:mm 'on' EEEE d MMMM yyyy");
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** What a form shows before its programme opens. Plain text. */
export function notYetOpenMessage(args: {
  programmeTitle: string;
  opens: Date;
  hub: HubVoice;
}): string {
  return (
    `Applications for ${args.programmeTitle} open at ${closingTime(args.opens)} (UK time). ` +
    `Please come back then; this form will accept your application from that moment.\n\n` +
    args.hub.hubName
  );
}

/** What the closed form shows to anyone who opens it after the deadline. Plain text. */
export function closedFormMessage(args: {
  programmeTitle: string;
  closes: Date;
  hub: HubVoice;
}): string {
  const contact = args.hub.replyTo
    ? ` If you think you should still be able to apply, please email ${args.hub.replyTo}.`
    : "";
  return (
    `Applications for ${args.programmeTitle} closed at ${closingTime(args.closes)}. ` +
    `Thank you for your interest; we are no longer accepting applications for this programme.${contact}\n\n` +
    args.hub.hubName
  );
}

export interface ProgrammeCounts {
  total: number;
  /** Verdict → number of applications. */
  byVerdict: Readonly<Record<string, number>>;
  /** Reason code → number of applications giving it. */
  byReason: Readonly<Record<string, number>>;
  /** References of late applications still waiting for a decision. */
  lateUndecided: readonly string[];
}

function countLines(counts: ProgrammeCounts): string[] {
  const verdicts = VERDICTS.filter((v) => (counts.byVerdict[v] ?? 0) > 0).map(
    (v) => `- ${VERDICT_WORDS[v]}: ${counts.byVerdict[v]}`,
  );
  return verdicts;
}

/** "Closes in 7 days" / "closes tomorrow", to the programme's leads. */
export function closingReminder(args: {
  programmeTitle: string;
  closes: Date;
  /** Whole London calendar days until the closing date. */
  daysLeft: number;
  counts: ProgrammeCounts;
  hub: HubVoice;
}): EmailText {
  const when =
    args.daysLeft <= 0 ? "today" : args.daysLeft === 1 ? "tomorrow" : `in ${args.daysLeft} days`;
  const so =
    args.counts.total === 0
      ? "No applications have arrived yet."
      : [
          `So far there ${args.counts.total === 1 ? "is" : "are"} ${plural(args.counts.total, "application")}:`,
          ...countLines(args.counts),
        ].join("\n");
  return {
    subject: `${args.programmeTitle} closes ${when}`,
    body: [
      "Hello,",
      `Applications for ${args.programmeTitle} close ${when}, at ${closingTime(args.closes)} (UK time). The form will stop accepting responses then, and any application that arrives after the closing time is marked LATE for a lead to decide on.`,
      so,
      "If you know schools or teachers who meant to apply, now is a good time to remind them.",
      signOff(args.hub),
    ].join("\n\n"),
  };
}

/** The morning after closing: what arrived, to the programme's leads and the hub lead. */
export function closingSummary(args: {
  programmeTitle: string;
  closes: Date;
  counts: ProgrammeCounts;
  hub: HubVoice;
}): EmailText {
  const c = args.counts;
  const reasons = Object.entries(c.byReason).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const late = c.lateUndecided;
  return {
    subject: `${args.programmeTitle} has closed: ${plural(c.total, "application")}`,
    body: [
      "Hello,",
      `Applications for ${args.programmeTitle} closed at ${closingTime(args.closes)} and the form no longer accepts responses. Every response has been checked and is in the Applications sheet.`,
      c.total === 0
        ? "No applications arrived."
        : [`${plural(c.total, "application")} in all:`, ...countLines(c)].join("\n"),
      reasons.length
        ? [
            "Reasons given (an application may have more than one):",
            ...reasons.map(([code, n]) => `- ${code}: ${n}`),
          ].join("\n")
        : "",
      late.length
        ? `${plural(late.length, "application")} arrived after the closing time and ${late.length === 1 ? "is" : "are"} held for your decision (marked LATE): ${late.join(", ")}. Record a decision for ${late.length === 1 ? "it" : "each"} in the Applications sheet.`
        : "No applications arrived late.",
      signOff(args.hub),
    ]
      .filter((p) => p !== "")
      .join("\n\n"),
  };
}

/** To the hub lead after a retention run deleted applicants' personal data. */
export function retentionSummary(args: {
  months: number;
  /** "Secondary Mastery Specialist, 2024/25" → applications. */
  byGroup: ReadonlyArray<readonly [string, number]>;
  formResponsesDeleted: number;
  otherCellsCleared: number;
  problems: readonly string[];
  hub: HubVoice;
}): EmailText {
  const total = args.byGroup.reduce((n, [, k]) => n + k, 0);
  return {
    subject: `Personal data deleted: ${plural(total, "application")} past the retention period`,
    body: [
      "Hello,",
      `The hub keeps applicants' personal data for ${plural(args.months, "month")} after their cohort starts. That time has passed for ${plural(total, "application")}, so their names, email addresses, answers and the wording of their reasons have been deleted:`,
      args.byGroup.map(([group, n]) => `- ${group}: ${n}`).join("\n"),
      `The programme, verdict, reason codes, decision, school and month of each application are kept, so the dashboard's counts do not change. Their rows in the form response sheets have been emptied (the rows stay, so nothing else moves), ${plural(args.formResponsesDeleted, "response")} deleted from the forms themselves${args.otherCellsCleared ? `, and ${plural(args.otherCellsCleared, "other cell")} that mentioned them cleared` : ""}. The Audit sheet records this run.`,
      args.problems.length
        ? ["Please check by hand:", ...args.problems.map((p) => `- ${p}`)].join("\n")
        : "",
      signOff(args.hub),
    ]
      .filter((p) => p !== "")
      .join("\n\n"),
  };
}

/** To the hub lead when scheduled work fails (add-on triggers email nobody on failure). */
export function scheduledJobFailed(args: {
  job: string;
  message: string;
  at: Date;
  hub: HubVoice;
}): EmailText {
  return {
    subject: `Recruitment add-on: scheduled work failed (${args.job})`,
    body: [
      "Hello,",
      `The hourly run of the recruitment add-on could not finish "${args.job}" at ${formatLondon(args.at, "HH:mm 'on' d MMMM yyyy")}:`,
      args.message,
      "Nothing has been lost: the work stays due and is tried again every hour until it succeeds. The Log sheet records each attempt. You will get at most one email like this a day for this job.",
      signOff(args.hub),
    ].join("\n\n"),
  };
}

/**
 * To the person who set the hub up, when the hourly run finds the configuration broken: nothing
 * runs until it is fixed, so they must hear of it, not only the Log. Plain text.
 */
export function configurationBroken(args: {
  spreadsheetName: string;
  problems: readonly string[];
}): EmailText {
  const n = args.problems.length;
  return {
    subject: `Maths Hub Recruitment is paused: ${plural(n, "problem")} in the configuration`,
    body: [
      "Hello,",
      `The hourly run of Maths Hub Recruitment in "${args.spreadsheetName}" found ${plural(n, "problem")} in the configuration sheets, so it has changed nothing: forms are not closed, digests and reminders wait, and new responses stay safely in their response sheets until it can process them.`,
      `Please fix ${n === 1 ? "this" : "these"} (sheet and cell, then what to write):\n${args.problems.map((p) => `- ${p}`).join("\n")}`,
      "The next hourly run after the fix catches up on everything. You will get this email at most once a day while the same problems remain.",
      "Maths Hub Recruitment",
    ].join("\n\n"),
  };
}

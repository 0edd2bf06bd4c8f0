// The daily digest a Secondary Lead receives: what is new in their queue, what has waited too
// long, and which programmes close this week. Plain text; the mail queue escapes it.
import { describeLondon, formatLondon } from "./calendar";

export interface DigestApplication {
  responseId: string;
  programmeTitle: string;
  applicant: string;
  school: string;
  verdict: string;
  reviewStatus: string;
  submitted: Date | null;
}

export interface DigestInput {
  leadName: string;
  hubName: string;
  now: Date;
  /** The lead's open applications. */
  applications: DigestApplication[];
  /** Applications submitted after this instant count as new (the previous digest). */
  since: Date;
  waitingDays: number;
  closing: Array<{ title: string; closes: Date }>;
  /** The lead's applications still waiting for their endorsement. */
  endorsements?: WaitingEndorsement[];
}

export interface WaitingEndorsement {
  responseId: string;
  programmeTitle: string;
  applicant: string;
  school: string;
  /** Whom the request went to, or why it was not sent. */
  endorser: string;
  due: Date;
}

export interface Digest {
  subject: string;
  body: string;
  counts: { fresh: number; waiting: number; closing: number; endorsements?: number };
}

const DAY = 86_400_000;

function line(a: DigestApplication): string {
  return `- ${a.applicant} (${a.school}), ${a.programmeTitle}: ${a.verdict}, ${a.reviewStatus || "New"} [${a.responseId}]`;
}

/** Null when there is nothing to say: no digest is sent on a quiet day. */
export function buildDigest(input: DigestInput): Digest | null {
  const fresh = input.applications.filter(
    (a) => a.submitted && a.submitted.getTime() > input.since.getTime(),
  );
  const waiting = input.applications.filter(
    (a) =>
      (a.reviewStatus === "" || a.reviewStatus === "New") &&
      a.submitted &&
      input.now.getTime() - a.submitted.getTime() > input.waitingDays * DAY,
  );
  const closing = input.closing
    .filter(
      (c) =>
        c.closes.getTime() > input.now.getTime() &&
        c.closes.getTime() - input.now.getTime() <= 7 * DAY,
    )
    .sort((a, b) => a.closes.getTime() - b.closes.getTime());
  const endorsements = [...(input.endorsements ?? [])].sort(
    (a, b) => a.due.getTime() - b.due.getTime(),
  );
  // Waiting for an endorsement is news once it is overdue (the lead may chase it or waive it);
  // until then it is listed only when there is something else to say.
  const overdue = endorsements.filter((e) => e.due.getTime() <= input.now.getTime());
  if (fresh.length + waiting.length + closing.length + overdue.length === 0) return null;
  const sections: string[] = [
    `Dear ${input.leadName},`,
    `Your recruitment digest from ${input.hubName} for ${formatLondon(input.now, "EEEE d MMMM yyyy")}.`,
  ];
  if (fresh.length)
    sections.push(`New in your queue (${fresh.length}):\n${fresh.map(line).join("\n")}`);
  if (waiting.length)
    sections.push(
      `Waiting for review for more than ${input.waitingDays} days (${waiting.length}):\n${waiting.map(line).join("\n")}`,
    );
  if (endorsements.length)
    sections.push(
      `Waiting for endorsement (${endorsements.length}${overdue.length ? `, ${overdue.length} overdue` : ""}):\n${endorsements
        .map(
          (e) =>
            `- ${e.applicant} (${e.school}), ${e.programmeTitle}: ${e.endorser}; due ${describeLondon(e.due)}${e.due.getTime() <= input.now.getTime() ? " (overdue)" : ""} [${e.responseId}]`,
        )
        .join("\n")}`,
    );
  if (closing.length)
    sections.push(
      `Closing this week:\n${closing.map((c) => `- ${c.title}: ${describeLondon(c.closes)}`).join("\n")}`,
    );
  sections.push(
    "Open the hub's spreadsheet and choose Extensions > Maths Hub Recruitment > My queue to review them.",
  );
  return {
    subject: `Recruitment digest: ${fresh.length} new, ${waiting.length} waiting`,
    body: sections.join("\n\n"),
    counts: {
      fresh: fresh.length,
      waiting: waiting.length,
      closing: closing.length,
      endorsements: endorsements.length,
    },
  };
}

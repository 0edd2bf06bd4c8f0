// The words of the decision emails sent once a lead confirms an allocation: an offer, a place on
// the waiting list, or "not this time". Plain text; the mail queue escapes it into HTML.
import { signOff, type EmailText, type HubVoice } from "./emails";

export interface DecisionEmailArgs {
  firstName: string;
  programmeTitle: string;
  reference: string;
  hub: HubVoice;
}

function greeting(firstName: string): string {
  return `Dear ${firstName.trim() || "applicant"},`;
}

function contact(hub: HubVoice): string {
  return hub.replyTo
    ? `If you have any questions, please reply to this email or write to ${hub.replyTo}, quoting your reference.`
    : "If you have any questions, please reply to this email, quoting your reference.";
}

export function offerEmail(
  args: DecisionEmailArgs & {
    /** The Work Group, e.g. "DEV-HERTS-1 (St Albans)"; "" for a programme without groups. */
    group: string;
    /** The Work Group's lead, shown as the person who will be in touch. */
    groupLead: string;
  },
): EmailText {
  const where = args.group ? ` You have a place in Work Group ${args.group}.` : "";
  const who = args.groupLead
    ? `${args.groupLead} will be in touch with dates and what happens next.`
    : "We will be in touch shortly with dates and what happens next.";
  return {
    subject: `A place for you: ${args.programmeTitle}`,
    body: [
      greeting(args.firstName),
      `We are delighted to offer you a place on ${args.programmeTitle}.${where}`,
      `${who} Please reply to let us know that you accept the place. If your circumstances have changed and you can no longer take part, please tell us as soon as you can, so that we can offer the place to someone on the waiting list.`,
      `Your reference is ${args.reference}.`,
      contact(args.hub),
      signOff(args.hub),
    ].join("\n\n"),
  };
}

export function waitlistEmail(args: DecisionEmailArgs & { position: number }): EmailText {
  return {
    subject: `Your application: ${args.programmeTitle}`,
    body: [
      greeting(args.firstName),
      `Thank you for applying for ${args.programmeTitle}. We had more strong applications than places, and we are not able to offer you a place at the moment.`,
      `You are on our waiting list, at number ${args.position}. If a place becomes free we will offer it in waiting-list order and email you straight away; you do not need to do anything now.`,
      `Your reference is ${args.reference}.`,
      contact(args.hub),
      signOff(args.hub),
    ].join("\n\n"),
  };
}

export function notThisTimeEmail(
  args: DecisionEmailArgs & {
    /** Plain sentences explaining the decision; [] when none can be shared. */
    reasons: readonly string[];
  },
): EmailText {
  const why =
    args.reasons.length > 0
      ? ["This is because:", args.reasons.map((r) => `- ${r}`).join("\n")].join("\n")
      : "";
  return {
    subject: `Your application: ${args.programmeTitle}`,
    body: [
      greeting(args.firstName),
      `Thank you for applying for ${args.programmeTitle}. We are sorry that we are not able to offer you a place this time.`,
      why,
      "We would be glad to hear from you again: the hub runs programmes every year, and other programmes may suit you now. Our website lists them all.",
      `Your reference is ${args.reference}.`,
      contact(args.hub),
      signOff(args.hub),
    ]
      .filter((p) => p !== "")
      .join("\n\n"),
  };
}

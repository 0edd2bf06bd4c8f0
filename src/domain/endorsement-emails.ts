// The words of the endorsement emails: the request to the endorser, the reminders, and the kind
// note to an applicant whose endorser declined. Plain text (the mail queue escapes it and renders
// the HTML), so nothing an applicant typed can become markup. The only link is the Endorsement
// Form's pre-filled link: opening it does nothing by itself, so a mail scanner that fetches it
// cannot endorse anything.
import { closingTime, signOff, type EmailText, type HubVoice } from "./emails";
import { PROGRAMMES, isProgrammeKey, programmeTitle } from "./programmes/catalogue";

/** What the endorser is asked to support, programme by programme, in a sentence. */
const COMMITMENTS: Readonly<Record<string, string>> = {
  "sec-specialist":
    "The Secondary Mastery Specialist programme runs over three years. In the first year the teacher develops their own Teaching for Mastery with release for the programme's residentials and meetings; in the later years they lead Work Groups that support other schools. We also ask the head teacher to attend part of the autumn launch event.",
  "pri-specialist":
    "The Primary Mastery Specialist programme runs over three years. The school releases the teacher for 15 days in the first year for the programme's residentials and meetings; in the later years they support other schools.",
  "sec-development":
    "The Development Work Group runs for a school year. The school's two Mastery Advocates attend its workshops and develop Teaching for Mastery in their department, with the support of the head of maths and a senior leader.",
  "school-dev-lead":
    "The School Development Lead programme prepares experienced leaders to support other schools to improve maths; it needs time away from school for its sessions and the support work.",
};

function commitment(programme: string): string {
  if (COMMITMENTS[programme]) return COMMITMENTS[programme];
  return isProgrammeKey(programme) ? PROGRAMMES[programme].description : "";
}

/** "Sam Teacher", "Sam Teacher and Alex Advocate". */
function names(applicants: readonly string[]): string {
  const list = applicants.map((a) => a.trim()).filter(Boolean);
  if (list.length === 0) return "a member of your staff";
  if (list.length === 1) return list[0]!;
  return `${list.slice(0, -1).join(", ")} and ${list[list.length - 1]}`;
}

/** "17:00 on Monday 28 October 2024": deadlines as London clocks show them (as closing times). */
export const endorsementDeadline = closingTime;

export interface EndorsementEmailArgs {
  endorserName: string;
  /** The applicants the endorsement covers (both advocates of a school pair). */
  applicants: readonly string[];
  programme: string;
  school: string;
  reference: string;
  due: Date;
  link: string;
  hub: HubVoice;
}

function askParagraphs(a: EndorsementEmailArgs): string[] {
  const pair = a.applicants.length > 1 || a.programme === "sec-development";
  return [
    `Please tell us whether you support ${pair ? "this application" : "the application"} by ${endorsementDeadline(a.due)} (UK time), using our short form:`,
    a.link,
    `The link opens the form with the application reference (${a.reference}) and ${a.school || "the school"} already filled in, so you only need to answer and submit it. Opening the link does not record an answer; only submitting the form does.`,
    "If you did not expect this email or do not know the applicant, please reply and let us know; you do not need to fill in the form.",
  ];
}

export function endorsementRequest(a: EndorsementEmailArgs): EmailText {
  const title = programmeTitle(a.programme);
  const who = names(a.applicants);
  const pairText = a.applicants.length > 1 ? `${who} have applied` : `${who} has applied`;
  return {
    subject: `Please confirm your support: ${who}, ${title}`,
    body: [
      `Dear ${a.endorserName.trim() || "head teacher"},`,
      `${pairText} for ${title} with ${a.hub.hubName}, from ${a.school || "your school"}, and named you as the person who supports the application.`,
      commitment(a.programme),
      ...askParagraphs(a),
      signOff(a.hub),
    ]
      .filter((p) => p !== "")
      .join("\n\n"),
  };
}

export function endorsementReminder(a: EndorsementEmailArgs & { daysLeft: number }): EmailText {
  const title = programmeTitle(a.programme);
  const who = names(a.applicants);
  const when = a.daysLeft === 1 ? "tomorrow" : `in ${a.daysLeft} days`;
  return {
    subject: `Reminder: your support for ${who}, ${title}`,
    body: [
      `Dear ${a.endorserName.trim() || "head teacher"},`,
      `We wrote to ask whether you support the application of ${who} for ${title}, and have not yet had your answer. We need it ${when}.`,
      commitment(a.programme),
      ...askParagraphs(a),
      signOff(a.hub),
    ]
      .filter((p) => p !== "")
      .join("\n\n"),
  };
}

/** To an applicant whose endorser declined: kind, and plain about what it means. */
export function endorsementDeclined(a: {
  firstName: string;
  programme: string;
  endorserTitle: string;
  reference: string;
  hub: HubVoice;
}): EmailText {
  const title = programmeTitle(a.programme);
  return {
    subject: `Your application for ${title}`,
    body: [
      `Dear ${a.firstName.trim() || "applicant"},`,
      `Thank you for applying for ${title}. Your ${a.endorserTitle} has told us that the school cannot support your application this time, and because the programme needs that support we are not able to take it further.`,
      "We know this will be disappointing. It is not a judgement of you or of your teaching: schools have many reasons, often to do with timing and staffing. We would be glad to hear from you in a future year, and there may be other programmes that suit you now.",
      `Your reference is ${a.reference}. If you would like to talk about it, please reply to this email.`,
      signOff(a.hub),
    ].join("\n\n"),
  };
}

// Head teacher endorsement (DESIGN.md, "Endorsement"): the applicant's word that the head supports
// them is not enough, so the hub asks the named endorser through a short Endorsement Form whose
// link is pre-filled with the application reference and the school. Pure: what the form asks, how
// a response is read and matched to applications, which requests and reminders are due and when.
//
// Links in emails are never actions (mail scanners fetch every link): the link only opens the
// Form with the reference filled in; nothing happens until a person submits it.
import { addDays, subDays } from "date-fns";
import { tz } from "@date-fns/tz";
import { LONDON, distinctReminderDays } from "./calendar";
import { sameMailbox } from "./eligibility/common-checks";
import { PROGRAMMES, isProgrammeKey, programmeTitle } from "./programmes/catalogue";
import type { Unit } from "./programmes/model";
import { normaliseUrn } from "./schools/normalise";
import type { EndorsementStatus } from "./types";
import { z } from "./zod";

const london = tz(LONDON);

// ---- the Endorsement Form ----

export type EndorsementField =
  | "reference"
  | "schoolUrn"
  | "school"
  | "decision"
  | "attendsLaunch"
  | "endorserName"
  | "endorserRole"
  | "comments";

export interface EndorsementQuestion {
  field: EndorsementField;
  title: string;
  type: "text" | "choice" | "paragraph";
  required: boolean;
  helpText: string;
  choices?: readonly string[];
}

export const CONFIRM_CHOICE = "Yes, I support this application";
export const DECLINE_CHOICE = "No, I do not support this application";
const FILLED_IN = "Filled in for you from the link in our email; please leave it as it is.";

export const ENDORSEMENT_FORM_TITLE = "Endorsement of an application";
export const ENDORSEMENT_FORM_DESCRIPTION =
  "A member of your staff has applied for a Maths Hub programme and named you as the person who " +
  "supports their application. Please tell us whether you support it. The application reference " +
  "and school are filled in from the link in our email.";

export const ENDORSEMENT_QUESTIONS: readonly EndorsementQuestion[] = [
  {
    field: "reference",
    title: "Application reference",
    type: "text",
    required: true,
    helpText: FILLED_IN,
  },
  { field: "schoolUrn", title: "School URN", type: "text", required: true, helpText: FILLED_IN },
  { field: "school", title: "School", type: "text", required: true, helpText: FILLED_IN },
  {
    field: "decision",
    title: "Do you support this application?",
    type: "choice",
    required: true,
    helpText: "",
    choices: [CONFIRM_CHOICE, DECLINE_CHOICE],
  },
  {
    field: "attendsLaunch",
    title: "Will you attend part of the autumn launch event?",
    type: "choice",
    required: false,
    helpText: "Only for the Secondary Mastery Specialist programme.",
    choices: ["Yes", "No"],
  },
  { field: "endorserName", title: "Your name", type: "text", required: true, helpText: "" },
  {
    field: "endorserRole",
    title: "Your role",
    type: "text",
    required: false,
    helpText: "For example: head teacher, deputy head, trust leader.",
  },
  {
    field: "comments",
    title: "Anything you would like to tell us",
    type: "paragraph",
    required: false,
    helpText: "",
  },
];

export function endorsementQuestion(field: EndorsementField): EndorsementQuestion {
  return ENDORSEMENT_QUESTIONS.find((q) => q.field === field)!;
}

/** Words that stand in for the pre-filled values when the link template is made (letters only, so
 * URL encoding leaves them alone and each is found exactly once). */
export const PREFILL_PLACEHOLDERS = {
  reference: "MHRPREFILLREFERENCE",
  schoolUrn: "MHRPREFILLSCHOOLURN",
  school: "MHRPREFILLSCHOOLNAME",
} as const;

/** The Form's pre-filled link for one application, from the template made once per Form. */
export function prefilledLink(
  template: string,
  values: { reference: string; schoolUrn: string; school: string },
): string {
  let out = template;
  for (const key of ["reference", "schoolUrn", "school"] as const) {
    out = out.replace(PREFILL_PLACEHOLDERS[key], encodeURIComponent(values[key]));
  }
  return out;
}

export function isPrefillTemplate(text: string): boolean {
  return Object.values(PREFILL_PLACEHOLDERS).every((p) => text.includes(p));
}

// ---- reading a response ----

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9']+/g, " ")
    .trim();

const answerText = z
  .string()
  .optional()
  .transform((s) => (s ?? "").trim());

/** A response as the Endorsement Form's response sheet has it, keyed by question title. */
export const EndorsementResponseSchema = z.object({
  reference: answerText,
  schoolUrn: answerText,
  school: answerText,
  decision: answerText.transform((s): "Confirmed" | "Declined" | null => {
    const t = squash(s);
    if (t === squash(CONFIRM_CHOICE) || /^(yes|confirm)/.test(t)) return "Confirmed";
    if (t === squash(DECLINE_CHOICE) || /^(no|decline)/.test(t)) return "Declined";
    return null;
  }),
  attendsLaunch: answerText.transform((s): boolean | null =>
    /^yes/i.test(s) ? true : /^no/i.test(s) ? false : null,
  ),
  endorserName: answerText,
  endorserRole: answerText,
  comments: answerText,
});
export type EndorsementResponse = z.infer<typeof EndorsementResponseSchema>;

/** Reads a response by question title (titles compared loosely, so a hub may reword them a little). */
export function readEndorsementResponse(byTitle: Record<string, string>): EndorsementResponse {
  const byField: Record<string, string> = {};
  const titles = new Map(Object.keys(byTitle).map((t) => [squash(t), t]));
  for (const q of ENDORSEMENT_QUESTIONS) {
    const title = titles.get(squash(q.title));
    if (title !== undefined) byField[q.field] = byTitle[title] ?? "";
  }
  return EndorsementResponseSchema.parse(byField);
}

// ---- which applications an endorsement covers ----

export interface EndorsableApplication {
  responseId: string;
  programme: string;
  year: string;
  schoolUrn: string;
  school: string;
  endorsement: string;
}

function unitOf(programme: string): Unit | null {
  return isProgrammeKey(programme) ? PROGRAMMES[programme].unit : null;
}

/**
 * What one endorsement covers: a school's pair of advocates share one (the head endorses the
 * school's participation), every other application has its own.
 */
export function endorsementUnit(
  app: Pick<EndorsableApplication, "responseId" | "programme" | "year" | "schoolUrn">,
): string {
  const urn = normaliseUrn(app.schoolUrn);
  if (unitOf(app.programme) === "school-pair" && urn) return `${app.programme}:${app.year}:${urn}`;
  return app.responseId;
}

export function needsEndorsement(programme: string): boolean {
  return isProgrammeKey(programme) && PROGRAMMES[programme].endorsement !== null;
}

export type EndorsementMatch =
  | {
      ok: true;
      status: "Confirmed" | "Declined";
      unit: string;
      covered: string[];
      unchanged: boolean;
    }
  | { ok: false; reason: string };

function sameSchool(response: EndorsementResponse, app: EndorsableApplication): boolean {
  const a = normaliseUrn(response.schoolUrn);
  const b = normaliseUrn(app.schoolUrn);
  if (a && b) return a === b;
  // No URN on one side (a school not found in the register): the names must agree.
  return (
    !a && !b && squash(response.school) !== "" && squash(response.school) === squash(app.school)
  );
}

/**
 * Matches a response to the applications it endorses. A reference that does not exist, or names
 * another school than the application's, is refused with a sentence saying why.
 */
export function matchEndorsement(
  response: EndorsementResponse,
  applications: readonly EndorsableApplication[],
): EndorsementMatch {
  const reference = response.reference.trim();
  if (reference === "")
    return {
      ok: false,
      reason: "The response gives no application reference, so it matches no application.",
    };
  const app = applications.find((a) => a.responseId.toLowerCase() === reference.toLowerCase());
  if (!app) return { ok: false, reason: `No application has the reference "${reference}".` };
  if (!needsEndorsement(app.programme)) {
    return {
      ok: false,
      reason: `Application ${app.responseId} (${programmeTitle(app.programme)}) needs no endorsement.`,
    };
  }
  if (!sameSchool(response, app)) {
    const given = [response.schoolUrn && `URN ${response.schoolUrn}`, response.school]
      .filter(Boolean)
      .join(", ");
    const theirs = [app.schoolUrn && `URN ${app.schoolUrn}`, app.school].filter(Boolean).join(", ");
    return {
      ok: false,
      reason: `The response names ${given || "no school"}, but application ${app.responseId} is from ${theirs || "no known school"}.`,
    };
  }
  if (response.decision === null)
    return {
      ok: false,
      reason: `The response for ${app.responseId} does not say whether the endorser supports it.`,
    };
  const unit = endorsementUnit(app);
  const covered = applications
    .filter(
      (a) =>
        a.responseId === app.responseId ||
        (a.programme === app.programme &&
          a.endorsement !== "Not needed" &&
          endorsementUnit(a) === unit),
    )
    .map((a) => a.responseId);
  const status = response.decision;
  const unchanged = applications
    .filter((a) => covered.includes(a.responseId))
    .every((a) => a.endorsement === status);
  return { ok: true, status, unit, covered, unchanged };
}

/**
 * The Endorsement a new application starts with: Not needed, Requested, or, for the second
 * advocate of a school whose head has already answered, that answer.
 */
export function initialEndorsement(
  app: Pick<EndorsableApplication, "responseId" | "programme" | "year" | "schoolUrn">,
  others: readonly EndorsableApplication[],
): EndorsementStatus {
  if (!needsEndorsement(app.programme)) return "Not needed";
  const unit = endorsementUnit(app);
  if (unit === app.responseId) return "Requested";
  const answered = others.find(
    (o) =>
      o.responseId !== app.responseId &&
      o.programme === app.programme &&
      endorsementUnit(o) === unit &&
      (o.endorsement === "Confirmed" || o.endorsement === "Declined"),
  );
  return (answered?.endorsement as EndorsementStatus | undefined) ?? "Requested";
}

// ---- deadlines and reminders (Europe/London wall-clock) ----

/** The endorsement deadline: the same London wall-clock time `days` calendar days after submission. */
export function endorsementDue(submitted: Date, days: number): Date {
  return new Date(addDays(submitted, days, { in: london }).getTime());
}

export interface ReminderTime {
  days: number;
  at: Date;
}

/**
 * Reminder instants, `n` London calendar days before the deadline at the deadline's wall-clock
 * time (so a clock change between them moves nothing), latest first. A reminder that would fall
 * before the request itself is dropped.
 */
export function reminderTimes(
  submitted: Date,
  due: Date,
  reminderDays: readonly number[],
): ReminderTime[] {
  return distinctReminderDays(reminderDays)
    .map((n) => ({ days: n, at: new Date(subDays(due, n, { in: london }).getTime()) }))
    .filter((r) => r.at.getTime() > submitted.getTime() && r.at.getTime() < due.getTime());
}

/**
 * The reminder due at `now`: the nearest one whose time has come, while the deadline has not
 * passed. An earlier reminder missed (the add-on was not running) is not sent as well: one
 * reminder is enough.
 */
export function dueReminder(
  submitted: Date,
  due: Date,
  reminderDays: readonly number[],
  now: Date,
): ReminderTime | null {
  if (now.getTime() >= due.getTime()) return null;
  const passed = reminderTimes(submitted, due, reminderDays).filter(
    (r) => r.at.getTime() <= now.getTime(),
  );
  return passed.length ? passed[passed.length - 1]! : null;
}

/** The next reminder instant after `now`, if any. */
export function nextReminderAt(
  submitted: Date,
  due: Date,
  reminderDays: readonly number[],
  now: Date,
): Date | null {
  // Latest first by days before the deadline, so the earliest instant still ahead comes first.
  const ahead = reminderTimes(submitted, due, reminderDays).find(
    (r) => r.at.getTime() > now.getTime(),
  );
  return ahead ? ahead.at : null;
}

// ---- requests and reminders to plan ----

export interface EndorsementCandidate extends EndorsableApplication {
  submitted: Date | null;
  verdict: string;
  /** False once a final decision is recorded (Offered, Accepted, Not offered, Withdrawn). */
  open: boolean;
  applicantEmail: string;
  applicantName: string;
  firstName: string;
  endorserEmail: string;
  endorserName: string;
  advocate2Name: string;
  advocate2Email: string;
}

export interface EndorsementPlan {
  unit: string;
  /** The application whose reference the link carries (a pair: the first advocate's). */
  lead: EndorsementCandidate;
  /** Every application the endorsement covers. */
  members: EndorsementCandidate[];
  due: Date;
  /** Why no request is sent (the endorser's address is the applicant's own…); "" to send. */
  held: string;
}

const SENDABLE = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>".]+$/;

/** Why a request must not go to this address, or "" when it may. */
export function holdReason(c: EndorsementCandidate): string {
  const to = c.endorserEmail.trim();
  if (!to) return "no endorser's email address was given";
  if (!SENDABLE.test(to)) return `the endorser's address (${to}) is not a valid email address`;
  if (sameMailbox(to, c.applicantEmail))
    return `the endorser's address (${to}) is the applicant's own, so the applicant would be endorsing themselves`;
  if (c.advocate2Email && sameMailbox(to, c.advocate2Email))
    return `the endorser's address (${to}) is the second advocate's`;
  return "";
}

const WAITING_VERDICTS = new Set(["ELIGIBLE", "REVIEW"]);

/**
 * Applications waiting for their endorsement, grouped by what one endorsement covers. Only open
 * applications that can still be offered a place count: asking a head to endorse an invalid or
 * ineligible application would waste their time.
 */
export function waitingUnits(
  candidates: readonly EndorsementCandidate[],
  dueDays: number,
): EndorsementPlan[] {
  const byUnit = new Map<string, EndorsementCandidate[]>();
  for (const c of candidates) {
    if (
      c.endorsement !== "Requested" ||
      !c.open ||
      !WAITING_VERDICTS.has(c.verdict) ||
      !needsEndorsement(c.programme)
    )
      continue;
    const unit = endorsementUnit(c);
    const list = byUnit.get(unit);
    if (list) list.push(c);
    else byUnit.set(unit, [c]);
  }
  const plans: EndorsementPlan[] = [];
  for (const [unit, members] of byUnit) {
    const ordered = [...members].sort(
      (a, b) =>
        (a.submitted?.getTime() ?? 0) - (b.submitted?.getTime() ?? 0) ||
        (a.responseId < b.responseId ? -1 : 1),
    );
    // The first advocate whose endorser can be written to speaks for the pair.
    const lead = ordered.find((m) => holdReason(m) === "") ?? ordered[0]!;
    const submitted = ordered[0]!.submitted ?? new Date(0);
    plans.push({
      unit,
      lead,
      members: ordered,
      due: endorsementDue(submitted, dueDays),
      held: holdReason(lead),
    });
  }
  return plans;
}

/** The mail queue key of a request: once per application (per endorser address) or school pair. */
export function requestKey(plan: Pick<EndorsementPlan, "unit" | "lead">): string {
  const pair = plan.unit !== plan.lead.responseId;
  return pair
    ? `endorse:${plan.unit}`
    : `endorse:${plan.unit}:${plan.lead.endorserEmail.trim().toLowerCase()}`;
}

/** Units already asked, from the mail queue's keys. */
export function requestedUnits(queueKeys: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const key of queueKeys) {
    if (!key.startsWith("endorse:")) continue;
    const rest = key.slice("endorse:".length);
    // An individual's key ends with ":<address>"; a pair's unit has no "@".
    const at = rest.lastIndexOf(":");
    out.add(at >= 0 && rest.slice(at + 1).includes("@") ? rest.slice(0, at) : rest);
  }
  return out;
}

export function reminderKey(unit: string, days: number): string {
  return `endorse-remind${days}:${unit}`;
}

export function declinedNoticeKey(responseId: string): string {
  return `endorse-declined:${responseId}`;
}

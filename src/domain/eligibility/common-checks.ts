// Checks every programme shares that are not about the school: lateness and endorsement.
import { describeLondon, formatLondon, isLate } from "../calendar";
import type { ParsedAnswers } from "../programmes/answers";
import type { Programme } from "../programmes/model";
import type { EndorsementStatus, Reason } from "../types";

export function lateReason(submittedAt: Date, closesAt: Date | null): Reason | null {
  if (!closesAt || !isLate(submittedAt, closesAt)) return null;
  const sameDay = formatLondon(submittedAt, "yyyy-MM-dd") === formatLondon(closesAt, "yyyy-MM-dd");
  const sameMinute = formatLondon(submittedAt, "HH:mm") === formatLondon(closesAt, "HH:mm");
  // Within the closing minute, seconds are what make it late, so show them.
  const submitted = sameMinute
    ? `${formatLondon(submittedAt, "d MMMM yyyy")} at ${formatLondon(submittedAt, "HH:mm:ss")}`
    : describeLondon(submittedAt);
  const closing = sameDay
    ? formatLondon(closesAt, "HH:mm")
    : `${formatLondon(closesAt, "HH:mm")} on ${formatLondon(closesAt, "d MMMM yyyy")}`;
  return {
    code: "LATE",
    effect: "REVIEW",
    message: `Submitted ${submitted}, after the closing time of ${closing}.`,
  };
}

// Providers of personal addresses, matched on the first label with a public suffix after it so
// that every country's variant (hotmail.co.uk, yahoo.fr, live.com) is caught without catching
// an organisation's own "live.example.org".
const FREE_MAIL_PROVIDERS = new Set([
  "gmail",
  "googlemail",
  "hotmail",
  "outlook",
  "live",
  "msn",
  "yahoo",
  "ymail",
  "rocketmail",
  "icloud",
  "aol",
  "btinternet",
  "btopenworld",
  "sky",
  "talktalk",
  "virginmedia",
  "ntlworld",
  "blueyonder",
  "tiscali",
  "protonmail",
  "proton",
  "gmx",
  "zoho",
  "yandex",
]);
const PUBLIC_SUFFIX =
  /^(?:com|net|org|me|co\.uk|org\.uk|uk|ie|fr|de|es|it|nl|be|ca|in|co\.in|com\.au|co\.nz|co\.za)$/;
// Short names that are only personal as these exact domains.
const FREE_MAIL_DOMAINS = new Set(["me.com", "mac.com", "mail.com", "email.com", "fastmail.com"]);

export function isFreeMail(domain: string): boolean {
  const d = domain.trim().toLowerCase();
  if (FREE_MAIL_DOMAINS.has(d)) return true;
  const dot = d.indexOf(".");
  if (dot < 0) return false;
  return FREE_MAIL_PROVIDERS.has(d.slice(0, dot)) && PUBLIC_SUFFIX.test(d.slice(dot + 1));
}

function domainOf(email: string): string {
  const at = email.lastIndexOf("@");
  return at < 0 ? "" : email.slice(at + 1).toLowerCase();
}

/** Same organisation: the same domain, or one a subdomain of the other (a trust's schools). */
function sameOrganisation(a: string, b: string): boolean {
  return a === b || a.endsWith(`.${b}`) || b.endsWith(`.${a}`);
}

/** Dots and "+tags" do not change a mailbox at most providers: pat.head+x@ is pat.head@. */
function mailboxOf(email: string): string {
  const e = email.trim().toLowerCase();
  const at = e.lastIndexOf("@");
  if (at < 0) return e;
  return `${e.slice(0, at).split("+")[0]!.replace(/\./g, "")}@${e.slice(at + 1)}`;
}

/** The same mailbox: equal addresses, ignoring case, "+tags" and dots before the "@". */
export function sameMailbox(a: string, b: string): boolean {
  return a.trim() !== "" && b.trim() !== "" && mailboxOf(a) === mailboxOf(b);
}

/**
 * Whether the named endorser's address is plausible for the applicant's school (RULES.md, common
 * checks): not the applicant's own (nor, for a school's pair of advocates, the other advocate's),
 * not a personal free-mail address, and at the applicant's organisation. The request still goes to
 * a free-mail or other-domain address (small schools use them), but the lead is asked to check.
 */
export function endorserReason(programme: Programme, parsed: ParsedAnswers): Reason | null {
  const endorser = parsed.headEmail;
  const applicant = parsed.email;
  if (!programme.endorsement || !endorser || !applicant) return null;
  const who = programme.endorsement.endorserTitle;
  const say = (message: string): Reason => ({
    code: "ENDORSER_UNVERIFIED",
    effect: "REVIEW",
    message,
  });
  if (sameMailbox(endorser, applicant)) {
    return say(`The ${who}'s email address (${endorser}) is the applicant's own.`);
  }
  if (parsed.advocate2Email && sameMailbox(endorser, parsed.advocate2Email)) {
    return say(`The ${who}'s email address (${endorser}) is the second advocate's.`);
  }
  const endorserDomain = domainOf(endorser);
  if (isFreeMail(endorserDomain)) {
    return say(`The ${who}'s email address (${endorser}) is a personal address, not a school one.`);
  }
  const applicantDomain = domainOf(applicant);
  if (isFreeMail(applicantDomain)) {
    return say(
      `The applicant gave a personal address (${applicantDomain}), so the ${who}'s address (${endorser}) cannot be checked against the school's.`,
    );
  }
  if (!sameOrganisation(endorserDomain, applicantDomain)) {
    return say(
      `The ${who}'s email address (${endorser}) is not at the applicant's domain (${applicantDomain}).`,
    );
  }
  return null;
}

export function declinedReason(programme: Programme, status: EndorsementStatus): Reason | null {
  if (status !== "Declined") return null;
  const requirement = programme.endorsement;
  return {
    code: requirement?.declinedCode ?? "NO_HEAD_SUPPORT",
    effect: "INELIGIBLE",
    message: `The ${requirement?.endorserTitle ?? "head teacher"} declined to endorse the application.`,
  };
}

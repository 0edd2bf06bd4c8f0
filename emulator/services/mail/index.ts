// MailApp: sends to an outbox callback, with Google's daily recipient quota and per-message limits.
//
// https://developers.google.com/apps-script/reference/mail/mail-app:
//  - sendEmail(message) with {to, cc, bcc, subject, body, htmlBody, name, replyTo, noReply,
//    attachments, inlineImages}; sendEmail(recipient, subject, body[, options]);
//    sendEmail(to, replyTo, subject, body);
//  - getRemainingDailyQuota() "returns the number of recipients you can send emails to for the
//    rest of the day"; "quotas are based on the number of email recipients".
// https://developers.google.com/apps-script/guides/services/quotas:
//  - email recipients per day 100 (consumer) / 1,500 (Workspace); quotas "reset 24 hours after the
//    first request"; exceeding throws "Service invoked too many times for one day: email.";
//  - recipients per message 50; body size 200 KB per message; attachments 250 per message.
// Safety (DESIGN.md "Safety rules"): nothing may reach an email header with a line break, so a
// CR or LF in an address, subject, sender name or reply-to throws instead of being sent.
import type { Runtime } from "../../core/runtime";
import { signatureError } from "../utilities/wait";

export const MAIL_DAILY_QUOTA = { consumer: 100, workspace: 1500 } as const;
export const MAIL_QUOTA_MESSAGE = "Service invoked too many times for one day: email.";
export const MAIL_RECIPIENTS_PER_MESSAGE = 50;
export const MAIL_BODY_MAX_BYTES = 200 * 1024;
export const MAIL_ATTACHMENTS_PER_MESSAGE = 250;
const DAY_MS = 24 * 60 * 60 * 1000;

/** One sent message, as the runner appends it to outbox.jsonl. */
export interface OutboxMessage {
  id: string;
  /** ISO time on the simulated clock. */
  at: string;
  from?: string;
  to: string;
  cc: string;
  bcc: string;
  subject: string;
  body: string;
  htmlBody: string;
  name: string;
  replyTo: string;
  noReply?: boolean;
  attachments?: Array<{ name: string; contentType: string; size: number }>;
}

export interface EmuMailAppOptions {
  /** Recipients allowed per 24 h (MAIL_DAILY_QUOTA.consumer = 100, .workspace = 1,500). */
  dailyQuota: number;
  /** Receives every message sent. */
  outbox: (msg: OutboxMessage) => void;
  /** The sending account (the effective user), recorded as `from` when given. */
  from?: () => string;
}

export interface MailQuotaSnapshot {
  used: number;
  windowStartMs: number | null;
  sent: number;
}

type MailParams = GoogleAppsScript.Mail.MailAdvancedParameters;

const LINE_BREAK = /[\r\n]/;
// A pragmatic address check: one @, no spaces or header metacharacters, a dotted domain.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/;

function noLineBreak(field: string, value: string): void {
  if (LINE_BREAK.test(value)) {
    throw new Error(`Invalid argument: ${field} must not contain a line break (CR or LF).`);
  }
}

/** Split a comma-separated list, leaving commas inside quoted display names alone. */
function splitList(text: string): string[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    if (c === "," && !quoted) {
      parts.push(current);
      current = "";
    } else current += c;
  }
  parts.push(current);
  return parts;
}

/** Split "a@x.org, Name <b@y.org>" into checked addresses; throws "Invalid email: x". */
function parseAddresses(field: string, list: unknown): string[] {
  if (list === undefined || list === null || list === "") return [];
  const text = String(list);
  noLineBreak(field, text);
  const out: string[] = [];
  for (const part of splitList(text)) {
    const raw = part.trim();
    if (!raw) continue;
    const angle = /^(?:"[^"]*"|[^<>"]*)\s*<([^<>]+)>$/.exec(raw);
    const address = (angle ? angle[1] : raw).trim();
    if (!ADDRESS.test(address)) throw new Error(`Invalid email: ${raw}`);
    out.push(raw);
  }
  return out;
}

function isParams(v: unknown): v is MailParams {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function describeAttachment(a: unknown): { name: string; contentType: string; size: number } {
  const src = a as { getBlob?: () => unknown };
  const blob = (typeof src?.getBlob === "function" ? src.getBlob() : a) as {
    getName?: () => string | null;
    getContentType?: () => string | null;
    getBytes?: () => number[];
  };
  if (typeof blob?.getBytes !== "function") throw new Error("Invalid argument: attachments");
  return {
    name: blob.getName?.() ?? "",
    contentType: blob.getContentType?.() ?? "application/octet-stream",
    size: blob.getBytes().length,
  };
}

export class EmuMailApp implements GoogleAppsScript.Mail.MailApp {
  private used = 0;
  private windowStartMs: number | null = null;
  private sent = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly options: EmuMailAppOptions,
  ) {}

  private rollWindow(): void {
    const now = this.rt.nowMillis();
    if (this.windowStartMs !== null && now - this.windowStartMs >= DAY_MS) {
      this.windowStartMs = null;
      this.used = 0;
    }
  }

  private remaining(): number {
    this.rollWindow();
    return Math.max(0, this.options.dailyQuota - this.used);
  }

  /** https://developers.google.com/apps-script/reference/mail/mail-app#getRemainingDailyQuota() */
  getRemainingDailyQuota(): number {
    this.rt.call("MailApp.getRemainingDailyQuota");
    return this.remaining();
  }

  sendEmail(message: MailParams): void;
  sendEmail(recipient: string, subject: string, body: string): void;
  sendEmail(recipient: string, subject: string, body: string, options: MailParams): void;
  sendEmail(to: string, replyTo: string, subject: string, body: string): void;
  sendEmail(...args: unknown[]): void {
    this.rt.call("MailApp.sendEmail");
    let m: MailParams;
    if (args.length === 1 && isParams(args[0])) {
      m = args[0];
    } else if (args.length === 4 && args.every((a) => typeof a === "string")) {
      const [to, replyTo, subject, body] = args as string[];
      m = { to, replyTo, subject, body };
    } else if (
      (args.length === 3 || args.length === 4) &&
      args.slice(0, 3).every((a) => typeof a === "string")
    ) {
      const options = args[3];
      if (options !== undefined && !isParams(options))
        throw signatureError("MailApp.sendEmail", args);
      m = {
        ...(options ?? {}),
        to: args[0] as string,
        subject: args[1] as string,
        body: args[2] as string,
      };
    } else {
      throw signatureError("MailApp.sendEmail", args);
    }
    this.send(m);
  }

  private send(m: MailParams): void {
    const to = parseAddresses("to", m.to);
    const cc = parseAddresses("cc", m.cc);
    const bcc = parseAddresses("bcc", m.bcc);
    const replyTo = parseAddresses("replyTo", m.replyTo);
    if (replyTo.length > 1) throw new Error(`Invalid email: ${String(m.replyTo)}`);
    const subject = m.subject === undefined || m.subject === null ? "" : String(m.subject);
    noLineBreak("subject", subject);
    const name = m.name === undefined || m.name === null ? "" : String(m.name);
    noLineBreak("name", name);
    const body = m.body === undefined || m.body === null ? "" : String(m.body);
    const htmlBody = m.htmlBody === undefined || m.htmlBody === null ? "" : String(m.htmlBody);

    const recipients = to.length + cc.length + bcc.length;
    if (recipients === 0) throw new Error("Failed to send email: no recipient");
    if (recipients > MAIL_RECIPIENTS_PER_MESSAGE)
      throw new Error("Limit Exceeded: Email Recipients Per Message.");
    if (
      Buffer.byteLength(body, "utf8") + Buffer.byteLength(htmlBody, "utf8") >
      MAIL_BODY_MAX_BYTES
    ) {
      throw new Error("Limit Exceeded: Email Body Size.");
    }
    const attachments = (m.attachments ?? []).map(describeAttachment);
    if (attachments.length > MAIL_ATTACHMENTS_PER_MESSAGE)
      throw new Error("Limit Exceeded: Email Attachments Per Message.");

    if (recipients > this.remaining()) throw new Error(MAIL_QUOTA_MESSAGE);
    if (this.windowStartMs === null) this.windowStartMs = this.rt.nowMillis();
    this.used += recipients;
    this.sent++;

    const msg: OutboxMessage = {
      id: `mail-${String(this.sent).padStart(6, "0")}`,
      at: this.rt.now().toISOString(),
      ...(this.options.from ? { from: this.options.from() } : {}),
      to: to.join(", "),
      cc: cc.join(", "),
      bcc: bcc.join(", "),
      subject,
      body,
      htmlBody,
      name,
      replyTo: replyTo[0] ?? "",
      ...(m.noReply ? { noReply: true } : {}),
      ...(attachments.length ? { attachments } : {}),
    };
    this.options.outbox(msg);
  }

  // ---- emulator hooks ----

  _snapshot(): MailQuotaSnapshot {
    return { used: this.used, windowStartMs: this.windowStartMs, sent: this.sent };
  }

  _restore(s: MailQuotaSnapshot): void {
    this.used = s.used ?? 0;
    this.windowStartMs = s.windowStartMs ?? null;
    this.sent = s.sent ?? 0;
  }
}

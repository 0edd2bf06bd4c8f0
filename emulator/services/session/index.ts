// Session and User: who runs the script, in which time zone and locale.
// https://developers.google.com/apps-script/reference/base/session
// https://developers.google.com/apps-script/reference/base/user
//  - getActiveUser(): the user at the keyboard; getEmail() is "" when security policies hide it
//    (e.g. a simple trigger run by someone outside the owner's domain);
//  - getEffectiveUser(): under whose authority the script runs (for an installable trigger, the
//    user who created the trigger);
//  - getTemporaryActiveUserKey(): "a temporary key that is unique to the active user but does not
//    reveal the user identity" (Google rotates it every 30 days);
//  - getActiveUserLocale(): the user's language setting.
import { createHash } from "node:crypto";
import type { Runtime } from "../../core/runtime";

export interface EmuSessionOptions {
  /** The script's IANA time zone (the manifest's timeZone), e.g. "Europe/London". */
  timeZone: string;
  activeUser: () => string;
  effectiveUser: () => string;
  /** Default "en-GB". */
  locale?: string;
  /** Salt for getTemporaryActiveUserKey; default a fixed string (deterministic tests). */
  keySalt?: string;
}

const KEY_ROTATION_MS = 30 * 24 * 60 * 60 * 1000;

export class EmuUser implements GoogleAppsScript.Base.User {
  constructor(
    private readonly rt: Runtime,
    private readonly email: string,
  ) {}
  getEmail(): string {
    this.rt.call("User.getEmail");
    return this.email;
  }
  /** Deprecated in Apps Script; kept because old scripts call it. */
  getUserLoginId(): string {
    this.rt.call("User.getUserLoginId");
    return this.email;
  }
}

export class EmuSession implements GoogleAppsScript.Base.Session {
  constructor(
    private readonly rt: Runtime,
    private readonly options: EmuSessionOptions,
  ) {}

  getActiveUser(): EmuUser {
    this.rt.call("Session.getActiveUser");
    return new EmuUser(this.rt, this.options.activeUser());
  }

  getEffectiveUser(): EmuUser {
    this.rt.call("Session.getEffectiveUser");
    return new EmuUser(this.rt, this.options.effectiveUser());
  }

  getScriptTimeZone(): string {
    this.rt.call("Session.getScriptTimeZone");
    return this.options.timeZone;
  }

  /** Deprecated alias of getScriptTimeZone. */
  getTimeZone(): string {
    this.rt.call("Session.getTimeZone");
    return this.options.timeZone;
  }

  /** Deprecated alias of getActiveUser. */
  getUser(): EmuUser {
    this.rt.call("Session.getUser");
    return new EmuUser(this.rt, this.options.activeUser());
  }

  getActiveUserLocale(): string {
    this.rt.call("Session.getActiveUserLocale");
    return this.options.locale ?? "en-GB";
  }

  /** Stable for one user within a 30-day period, different between users; reveals no email. */
  getTemporaryActiveUserKey(): string {
    this.rt.call("Session.getTemporaryActiveUserKey");
    const period = Math.floor(this.rt.nowMillis() / KEY_ROTATION_MS);
    return createHash("sha256")
      .update(
        `${this.options.keySalt ?? "mhr-emulator"}\u0000${period}\u0000${this.options.activeUser()}`,
      )
      .digest("base64")
      .replace(/=+$/, "");
  }
}

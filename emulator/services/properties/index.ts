// PropertiesService: script, document and user property stores, with Google's limits.
//
// https://developers.google.com/apps-script/reference/properties/properties
// https://developers.google.com/apps-script/guides/properties — "The Properties service stores all
//   data as strings in key-value pairs. Data types that are not already strings are automatically
//   converted to strings".
// https://developers.google.com/apps-script/guides/services/quotas — "Properties value size
//   9 KB / val", "Properties total storage 500 KB / property store", "Properties read/write
//   50,000 / day" (consumer) and 500,000 / day (Google Workspace); quotas "reset 24 hours after the
//   first request"; exceeding one throws "Service invoked too many times for one day: ...".
//
// Sizes are counted in UTF-8 bytes; the store total counts keys and values (tanaikech measured that
// both count: gist.github.com/tanaikech/8b057d10fb5f2af014794e57b021c6aa). [E] where Google's
// exact accounting is unpublished.
import type { Runtime } from "../../core/runtime";

export const PROPERTY_VALUE_LIMIT_BYTES = 9 * 1024;
export const PROPERTY_STORE_LIMIT_BYTES = 500 * 1024;
export const PROPERTIES_DAILY_QUOTA = { consumer: 50_000, workspace: 500_000 } as const;
export const PROPERTIES_QUOTA_MESSAGE = "Service invoked too many times for one day: properties.";
export const VALUE_TOO_LARGE_MESSAGE = "Argument too large: value";
export const STORE_FULL_MESSAGE =
  "You have exceeded the property storage quota. Please remove some properties and try again.";
const DAY_MS = 24 * 60 * 60 * 1000;

export interface EmuPropertiesServiceOptions {
  /** Reads + writes allowed per day; default consumer 50,000. */
  dailyQuota?: number;
  /** Shorthand for dailyQuota: "consumer" 50,000 or "workspace" 500,000. */
  account?: "consumer" | "workspace";
  /** Id of the current document; null outside one (getDocumentProperties → null). */
  activeDocumentId?: () => string | null;
  /** Email of the active user, for getUserProperties(). */
  activeUser?: () => string;
}

export interface PropertiesSnapshot {
  script: Record<string, string>;
  documents: Record<string, Record<string, string>>;
  users: Record<string, Record<string, string>>;
  quota: { used: number; windowStartMs: number | null };
}

const utf8Bytes = (s: string): number => Buffer.byteLength(s, "utf8");

export class EmuPropertiesService implements GoogleAppsScript.Properties.PropertiesService {
  private readonly script = new Map<string, string>();
  private readonly documents = new Map<string, Map<string, string>>();
  private readonly users = new Map<string, Map<string, string>>();
  private used = 0;
  private windowStartMs: number | null = null;
  readonly dailyQuota: number;
  private readonly activeDocumentId: () => string | null;
  private readonly activeUser: () => string;

  constructor(
    private readonly rt: Runtime,
    options: EmuPropertiesServiceOptions = {},
  ) {
    this.dailyQuota = options.dailyQuota ?? PROPERTIES_DAILY_QUOTA[options.account ?? "consumer"];
    this.activeDocumentId = options.activeDocumentId ?? (() => "document");
    this.activeUser = options.activeUser ?? (() => "user");
  }

  getScriptProperties(): EmuProperties {
    this.rt.call("PropertiesService.getScriptProperties");
    return new EmuProperties(this.rt, this, this.script);
  }

  /** Null when the script is not running in a document (e.g. a standalone script). */
  getDocumentProperties(): EmuProperties {
    this.rt.call("PropertiesService.getDocumentProperties");
    const id = this.activeDocumentId();
    if (id === null) return null as unknown as EmuProperties;
    return new EmuProperties(this.rt, this, mapFor(this.documents, id));
  }

  getUserProperties(): EmuProperties {
    this.rt.call("PropertiesService.getUserProperties");
    return new EmuProperties(this.rt, this, mapFor(this.users, this.activeUser()));
  }

  /** @internal Count one read or write against the daily quota (resets 24 h after first use). */
  spend(): void {
    const now = this.rt.nowMillis();
    if (this.windowStartMs === null || now - this.windowStartMs >= DAY_MS) {
      this.windowStartMs = now;
      this.used = 0;
    }
    if (this.used >= this.dailyQuota) throw new Error(PROPERTIES_QUOTA_MESSAGE);
    this.used++;
  }

  // ---- emulator hooks ----

  /** Reads/writes left today. */
  _remainingQuota(): number {
    const now = this.rt.nowMillis();
    if (this.windowStartMs === null || now - this.windowStartMs >= DAY_MS) return this.dailyQuota;
    return Math.max(0, this.dailyQuota - this.used);
  }

  _snapshot(): PropertiesSnapshot {
    const obj = (m: Map<string, string>) => Object.fromEntries(m);
    const nested = (m: Map<string, Map<string, string>>) =>
      Object.fromEntries([...m].map(([k, v]) => [k, obj(v)]));
    return {
      script: obj(this.script),
      documents: nested(this.documents),
      users: nested(this.users),
      quota: { used: this.used, windowStartMs: this.windowStartMs },
    };
  }

  /** Replace every store's contents (in place, so Properties objects already handed out stay live). */
  _restore(snapshot: PropertiesSnapshot): void {
    const fill = (m: Map<string, string>, o: Record<string, string> | undefined) => {
      m.clear();
      for (const [k, v] of Object.entries(o ?? {})) m.set(k, String(v));
    };
    fill(this.script, snapshot.script);
    for (const [outer, source] of [
      [this.documents, snapshot.documents],
      [this.users, snapshot.users],
    ] as const) {
      for (const m of outer.values()) m.clear();
      for (const [id, o] of Object.entries(source ?? {})) fill(mapFor(outer, id), o);
    }
    this.used = snapshot.quota?.used ?? 0;
    this.windowStartMs = snapshot.quota?.windowStartMs ?? null;
  }

  static fromSnapshot(
    rt: Runtime,
    snapshot: PropertiesSnapshot,
    options: EmuPropertiesServiceOptions = {},
  ): EmuPropertiesService {
    const s = new EmuPropertiesService(rt, options);
    s._restore(snapshot);
    return s;
  }
}

function mapFor(m: Map<string, Map<string, string>>, key: string): Map<string, string> {
  let v = m.get(key);
  if (!v) {
    v = new Map();
    m.set(key, v);
  }
  return v;
}

/** Google stores strings; anything else is converted with String() [guides/properties]. */
function toStored(value: unknown, what: string): string {
  if (value === null || value === undefined) throw new Error(`Invalid argument: ${what}`);
  return String(value);
}

export class EmuProperties implements GoogleAppsScript.Properties.Properties {
  constructor(
    private readonly rt: Runtime,
    private readonly service: EmuPropertiesService,
    private readonly store: Map<string, string>,
  ) {}

  /** Throws unless `next` (the store after a write) is within the value and store limits. */
  private checkLimits(changed: Iterable<[string, string]>, next: Map<string, string>): void {
    for (const [, value] of changed) {
      if (utf8Bytes(value) > PROPERTY_VALUE_LIMIT_BYTES) throw new Error(VALUE_TOO_LARGE_MESSAGE);
    }
    let total = 0;
    for (const [k, v] of next) total += utf8Bytes(k) + utf8Bytes(v);
    if (total > PROPERTY_STORE_LIMIT_BYTES) throw new Error(STORE_FULL_MESSAGE);
  }

  private commit(next: Map<string, string>): void {
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
  }

  getProperty(key: string): string | null {
    this.rt.call("Properties.getProperty");
    this.service.spend();
    return this.store.get(toStored(key, "key")) ?? null;
  }

  getProperties(): { [key: string]: string } {
    this.rt.call("Properties.getProperties");
    this.service.spend();
    return Object.fromEntries(this.store);
  }

  getKeys(): string[] {
    this.rt.call("Properties.getKeys");
    this.service.spend();
    return [...this.store.keys()];
  }

  setProperty(key: string, value: string): EmuProperties {
    this.rt.call("Properties.setProperty");
    this.service.spend();
    const k = toStored(key, "key");
    const v = toStored(value, "value");
    const next = new Map(this.store).set(k, v);
    this.checkLimits([[k, v]], next);
    this.commit(next);
    return this;
  }

  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): EmuProperties {
    this.rt.call("Properties.setProperties");
    this.service.spend();
    if (properties === null || typeof properties !== "object")
      throw new Error("Invalid argument: properties");
    const changed: Array<[string, string]> = Object.entries(properties).map(([k, v]) => [
      k,
      toStored(v, "value"),
    ]);
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of changed) next.set(k, v);
    this.checkLimits(changed, next);
    this.commit(next);
    return this;
  }

  deleteProperty(key: string): EmuProperties {
    this.rt.call("Properties.deleteProperty");
    this.service.spend();
    this.store.delete(toStored(key, "key"));
    return this;
  }

  deleteAllProperties(): EmuProperties {
    this.rt.call("Properties.deleteAllProperties");
    this.service.spend();
    this.store.clear();
    return this;
  }
}

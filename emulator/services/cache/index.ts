// CacheService: script, document and user caches that expire against the simulated clock.
//
// https://developers.google.com/apps-script/reference/cache/cache:
//  - keys up to 250 characters, values up to 100 KB per key;
//  - put(key, value) keeps the value 600 s (10 minutes); put(key, value, seconds) accepts 1 s up
//    to 21,600 s (6 hours);
//  - the cap for cached items is 1,000; when more are written the cache keeps the 900 farthest
//    from expiration;
//  - get returns null when absent; getAll returns only the keys found.
// https://developers.google.com/apps-script/reference/cache/cache-service: getDocumentCache()
//  returns null outside a document.
// A cache is not storage: Google may drop entries at any time, so code must treat a miss as
// normal. The emulator keeps entries until they expire, `_evictAll()` simulates a loss, and
// a snapshot is optional (the runner may choose to lose caches between commands).
import type { Runtime } from "../../core/runtime";

export const CACHE_KEY_MAX_CHARS = 250;
export const CACHE_VALUE_MAX_BYTES = 100 * 1024;
export const CACHE_DEFAULT_SECONDS = 600;
export const CACHE_MAX_SECONDS = 21_600;
export const CACHE_ITEM_CAP = 1000;
export const CACHE_ITEMS_KEPT = 900;

interface Entry {
  value: string;
  expiresAtMs: number;
}

export interface EmuCacheServiceOptions {
  activeDocumentId?: () => string | null;
  activeUser?: () => string;
}

export type CacheSnapshot = Record<string, Record<string, Entry>>;

export class EmuCacheService implements GoogleAppsScript.Cache.CacheService {
  private readonly caches = new Map<string, Map<string, Entry>>();
  private readonly activeDocumentId: () => string | null;
  private readonly activeUser: () => string;

  constructor(
    private readonly rt: Runtime,
    options: EmuCacheServiceOptions = {},
  ) {
    this.activeDocumentId = options.activeDocumentId ?? (() => "document");
    this.activeUser = options.activeUser ?? (() => "user");
  }

  private cache(scope: string): EmuCache {
    let m = this.caches.get(scope);
    if (!m) {
      m = new Map();
      this.caches.set(scope, m);
    }
    return new EmuCache(this.rt, m);
  }

  getScriptCache(): EmuCache {
    this.rt.call("CacheService.getScriptCache");
    return this.cache("script");
  }

  getDocumentCache(): EmuCache | null {
    this.rt.call("CacheService.getDocumentCache");
    const id = this.activeDocumentId();
    return id === null ? null : this.cache(`document:${id}`);
  }

  getUserCache(): EmuCache {
    this.rt.call("CacheService.getUserCache");
    return this.cache(`user:${this.activeUser()}`);
  }

  // ---- emulator hooks ----

  /** Simulate Google dropping every cached entry (caches are best-effort). */
  _evictAll(): void {
    for (const m of this.caches.values()) m.clear();
  }

  _snapshot(): CacheSnapshot {
    const now = this.rt.nowMillis();
    const out: CacheSnapshot = {};
    for (const [scope, m] of this.caches) {
      const live = [...m].filter(([, e]) => e.expiresAtMs > now);
      if (live.length) out[scope] = Object.fromEntries(live.map(([k, e]) => [k, { ...e }]));
    }
    return out;
  }

  _restore(snapshot: CacheSnapshot): void {
    this._evictAll();
    for (const [scope, entries] of Object.entries(snapshot ?? {})) {
      let m = this.caches.get(scope);
      if (!m) {
        m = new Map();
        this.caches.set(scope, m);
      }
      for (const [k, e] of Object.entries(entries))
        m.set(k, { value: String(e.value), expiresAtMs: Number(e.expiresAtMs) });
    }
  }
}

function checkKey(key: unknown): string {
  if (key === null || key === undefined) throw new Error("Invalid argument: key");
  const k = String(key);
  if (k.length > CACHE_KEY_MAX_CHARS) throw new Error("Argument too large: key");
  return k;
}

function checkValue(value: unknown): string {
  if (value === null || value === undefined) throw new Error("Invalid argument: value");
  const v = String(value);
  if (Buffer.byteLength(v, "utf8") > CACHE_VALUE_MAX_BYTES)
    throw new Error("Argument too large: value");
  return v;
}

function checkSeconds(seconds: unknown): number {
  if (seconds === undefined) return CACHE_DEFAULT_SECONDS;
  const s = Number(seconds);
  if (!Number.isFinite(s) || s < 1 || s > CACHE_MAX_SECONDS)
    throw new Error("Invalid argument: expirationInSeconds");
  return Math.floor(s);
}

export class EmuCache implements GoogleAppsScript.Cache.Cache {
  constructor(
    private readonly rt: Runtime,
    private readonly entries: Map<string, Entry>,
  ) {}

  private live(key: string): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (e.expiresAtMs <= this.rt.nowMillis()) {
      this.entries.delete(key);
      return null;
    }
    return e;
  }

  /** Over the 1,000-item cap, keep the 900 entries farthest from expiry [reference/cache/cache]. */
  private enforceCap(): void {
    if (this.entries.size <= CACHE_ITEM_CAP) return;
    const now = this.rt.nowMillis();
    for (const [k, e] of this.entries) if (e.expiresAtMs <= now) this.entries.delete(k);
    if (this.entries.size <= CACHE_ITEM_CAP) return;
    const keep = [...this.entries]
      .sort((a, b) => b[1].expiresAtMs - a[1].expiresAtMs)
      .slice(0, CACHE_ITEMS_KEPT);
    this.entries.clear();
    for (const [k, e] of keep) this.entries.set(k, e);
  }

  get(key: string): string | null {
    this.rt.call("Cache.get");
    return this.live(checkKey(key))?.value ?? null;
  }

  getAll(keys: string[]): { [key: string]: string } {
    this.rt.call("Cache.getAll");
    const out: Record<string, string> = {};
    for (const key of keys) {
      const e = this.live(checkKey(key));
      if (e) out[String(key)] = e.value;
    }
    return out;
  }

  put(key: string, value: string, expirationInSeconds?: number): void {
    this.rt.call("Cache.put");
    const k = checkKey(key);
    const v = checkValue(value);
    const s = checkSeconds(expirationInSeconds);
    this.entries.set(k, { value: v, expiresAtMs: this.rt.nowMillis() + s * 1000 });
    this.enforceCap();
  }

  putAll(values: { [key: string]: string }, expirationInSeconds?: number): void {
    this.rt.call("Cache.putAll");
    const s = checkSeconds(expirationInSeconds);
    const checked = Object.entries(values).map(([k, v]) => [checkKey(k), checkValue(v)] as const);
    const expiresAtMs = this.rt.nowMillis() + s * 1000;
    for (const [k, v] of checked) this.entries.set(k, { value: v, expiresAtMs });
    this.enforceCap();
  }

  remove(key: string): void {
    this.rt.call("Cache.remove");
    this.entries.delete(checkKey(key));
  }

  removeAll(keys: string[]): void {
    this.rt.call("Cache.removeAll");
    for (const key of keys) this.entries.delete(checkKey(key));
  }
}

// CacheService emulation, checked against:
// https://developers.google.com/apps-script/reference/cache/cache
// https://developers.google.com/apps-script/reference/cache/cache-service
import { Runtime } from "../../emulator/core/runtime";
import { EmuCacheService } from "../../emulator/services/cache";

function setup() {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  let doc: string | null = "sheet-1";
  const caches = new EmuCacheService(rt, {
    activeDocumentId: () => doc,
    activeUser: () => "lead@hub.example",
  });
  return { rt, caches, setDoc: (d: string | null) => (doc = d) };
}

describe("CacheService (developers.google.com/apps-script/reference/cache/cache)", () => {
  test("get returns null when absent; put then get returns the value (cache#get(String))", () => {
    const { caches } = setup();
    const c = caches.getScriptCache();
    expect(c.get("k")).toBeNull();
    c.put("k", "v");
    expect(c.get("k")).toBe("v");
  });

  test("put without expiry keeps a value 600 s (10 minutes), on the simulated clock (cache#put(String,String))", () => {
    const { rt, caches } = setup();
    const c = caches.getScriptCache();
    c.put("k", "v");
    rt.advance(599_000);
    expect(c.get("k")).toBe("v");
    rt.advance(1_000);
    expect(c.get("k")).toBeNull();
  });

  test("put with expirationInSeconds expires then; more than 21,600 s (6 h) or less than 1 s is refused (cache#put(String,String,Integer))", () => {
    const { rt, caches } = setup();
    const c = caches.getScriptCache();
    c.put("k", "v", 21_600);
    rt.advance(21_599_000);
    expect(c.get("k")).toBe("v");
    rt.advance(1_000);
    expect(c.get("k")).toBeNull();
    expect(() => c.put("k", "v", 21_601)).toThrow(/expirationInSeconds/);
    expect(() => c.put("k", "v", 0)).toThrow(/expirationInSeconds/);
  });

  test("keys are limited to 250 characters and values to 100 KB (cache#put(String,String))", () => {
    const { caches } = setup();
    const c = caches.getScriptCache();
    c.put("k".repeat(250), "v");
    expect(() => c.put("k".repeat(251), "v")).toThrow(/too large: key/);
    c.put("big", "x".repeat(100 * 1024));
    expect(() => c.put("bigger", "x".repeat(100 * 1024 + 1))).toThrow(/too large: value/);
    expect(c.get("bigger")).toBeNull();
  });

  test("getAll returns only the keys found; putAll/removeAll work on sets (cache#getAll(String))", () => {
    const { caches } = setup();
    const c = caches.getScriptCache();
    c.putAll({ foo: "1", x: "2" }, 60);
    expect(c.getAll(["foo", "x", "missing"])).toEqual({ foo: "1", x: "2" });
    c.removeAll(["foo"]);
    c.remove("x");
    expect(c.getAll(["foo", "x"])).toEqual({});
  });

  test("over the 1,000-item cap the cache keeps the 900 items farthest from expiration (cache: item cap)", () => {
    const { caches } = setup();
    const c = caches.getScriptCache();
    const many: Record<string, string> = {};
    for (let i = 0; i < 1000; i++) many[`short${i}`] = "s";
    c.putAll(many, 60);
    c.put("long", "l", 3600);
    expect(c.get("long")).toBe("l");
    const left = c.getAll(Object.keys(many));
    expect(Object.keys(left)).toHaveLength(899);
  });

  test("script, document and user caches are separate; getDocumentCache is null outside a document (cache-service#getDocumentCache())", () => {
    const { caches, setDoc } = setup();
    caches.getScriptCache().put("k", "script");
    caches.getDocumentCache()!.put("k", "doc");
    caches.getUserCache().put("k", "user");
    expect(caches.getScriptCache().get("k")).toBe("script");
    expect(caches.getDocumentCache()!.get("k")).toBe("doc");
    expect(caches.getUserCache().get("k")).toBe("user");
    setDoc(null);
    expect(caches.getDocumentCache()).toBeNull();
  });

  test("caches may be lost (_evictAll) and a snapshot keeps only live entries", () => {
    const { rt, caches } = setup();
    const c = caches.getScriptCache();
    c.put("live", "1", 3600);
    c.put("dying", "2", 1);
    rt.advance(2000);
    const snap = JSON.parse(JSON.stringify(caches._snapshot()));
    expect(Object.keys(snap.script)).toEqual(["live"]);
    caches._evictAll();
    expect(c.get("live")).toBeNull();
    caches._restore(snap);
    expect(caches.getScriptCache().get("live")).toBe("1");
  });
});

// PropertiesService emulation, checked against:
// https://developers.google.com/apps-script/reference/properties/properties
// https://developers.google.com/apps-script/guides/properties
// https://developers.google.com/apps-script/guides/services/quotas
import { Runtime } from "../../emulator/core/runtime";
import {
  EmuPropertiesService,
  PROPERTIES_QUOTA_MESSAGE,
  STORE_FULL_MESSAGE,
  VALUE_TOO_LARGE_MESSAGE,
} from "../../emulator/services/properties";

function setup(options: ConstructorParameters<typeof EmuPropertiesService>[1] = {}) {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  let user = "lead@hub.example";
  const props = new EmuPropertiesService(rt, { activeUser: () => user, ...options });
  return { rt, props, setUser: (u: string) => (user = u) };
}

describe("PropertiesService (developers.google.com/apps-script/reference/properties/properties)", () => {
  test("getProperty returns null for a missing key; setProperty/getProperty round-trip (properties#getProperty(String))", () => {
    const { props } = setup();
    const p = props.getScriptProperties();
    expect(p.getProperty("missing")).toBeNull();
    expect(p.setProperty("cursor", "42")).toBe(p); // chaining
    expect(p.getProperty("cursor")).toBe("42");
  });

  test("values that are not strings are stored as strings (guides/properties: 'Data format')", () => {
    const { props } = setup();
    const p = props.getScriptProperties();
    p.setProperty("n", 7 as unknown as string);
    p.setProperties({ flag: true as unknown as string });
    expect(p.getProperty("n")).toBe("7");
    expect(p.getProperties()).toEqual({ n: "7", flag: "true" });
  });

  test("setProperties(props, deleteAllOthers=true) replaces the store; getKeys lists keys (properties#setProperties(Object,Boolean))", () => {
    const { props } = setup();
    const p = props.getScriptProperties();
    p.setProperties({ a: "1", b: "2" });
    expect(p.getKeys().sort()).toEqual(["a", "b"]);
    p.setProperties({ c: "3" }, true);
    expect(p.getProperties()).toEqual({ c: "3" });
    p.deleteProperty("c");
    expect(p.getKeys()).toEqual([]);
    p.setProperty("x", "y").deleteAllProperties();
    expect(p.getProperties()).toEqual({});
  });

  test("getProperties returns a copy, not the live store (properties#getProperties())", () => {
    const { props } = setup();
    const p = props.getScriptProperties();
    p.setProperty("a", "1");
    const copy = p.getProperties();
    copy.a = "changed";
    expect(p.getProperty("a")).toBe("1");
  });

  test("a value over 9 KB throws and stores nothing (guides/services/quotas: 'Properties value size 9 KB / val')", () => {
    const { props } = setup();
    const p = props.getScriptProperties();
    const ok = "x".repeat(9 * 1024);
    p.setProperty("ok", ok);
    expect(p.getProperty("ok")).toHaveLength(9 * 1024);
    expect(() => p.setProperty("big", ok + "x")).toThrow(VALUE_TOO_LARGE_MESSAGE);
    expect(p.getProperty("big")).toBeNull();
    // Multi-byte characters count in bytes: 4,609 × "é" (2 bytes) = 9,218 bytes.
    expect(() => p.setProperty("accents", "é".repeat(4609))).toThrow(VALUE_TOO_LARGE_MESSAGE);
  });

  test("a store over 500 KB throws; setProperties is all-or-nothing (guides/services/quotas: 'Properties total storage 500 KB / property store')", () => {
    const { props } = setup();
    const p = props.getScriptProperties();
    const chunk = "v".repeat(9000);
    for (let i = 0; i < 56; i++) p.setProperty(`k${String(i).padStart(2, "0")}`, chunk); // 56 × 9,003 bytes = 504,168 ≤ 512,000
    expect(() => p.setProperty("k56", chunk)).toThrow(STORE_FULL_MESSAGE);
    expect(() => p.setProperties({ y1: chunk, y2: chunk })).toThrow(STORE_FULL_MESSAGE);
    expect(p.getProperty("y1")).toBeNull();
    expect(p.getKeys()).toHaveLength(56);
  });

  test("reads and writes count against the daily quota; exhausted → 'Service invoked too many times for one day: properties.'; resets 24 h after first use (guides/services/quotas)", () => {
    const { rt, props } = setup({ dailyQuota: 3 });
    const p = props.getScriptProperties();
    p.setProperty("a", "1");
    p.getProperty("a");
    p.getKeys();
    expect(props._remainingQuota()).toBe(0);
    expect(() => p.getProperty("a")).toThrow(PROPERTIES_QUOTA_MESSAGE);
    rt.advance(24 * 60 * 60 * 1000);
    expect(p.getProperty("a")).toBe("1");
  });

  test("Workspace accounts get 500,000 reads/writes a day, consumer 50,000 (guides/services/quotas)", () => {
    expect(setup({ account: "workspace" }).props.dailyQuota).toBe(500_000);
    expect(setup().props.dailyQuota).toBe(50_000);
  });

  test("script, user and document stores are separate; user properties are per user (guides/properties: 'Comparison of property stores')", () => {
    const { props, setUser } = setup();
    props.getScriptProperties().setProperty("k", "script");
    props.getUserProperties().setProperty("k", "lead");
    props.getDocumentProperties().setProperty("k", "doc");
    setUser("other@hub.example");
    expect(props.getUserProperties().getProperty("k")).toBeNull();
    expect(props.getScriptProperties().getProperty("k")).toBe("script");
    expect(props.getDocumentProperties().getProperty("k")).toBe("doc");
    setUser("lead@hub.example");
    expect(props.getUserProperties().getProperty("k")).toBe("lead");
  });

  test("snapshot to JSON and back keeps every store and the quota state", () => {
    const { rt, props } = setup();
    props.getScriptProperties().setProperties({ a: "1", b: "2" });
    props.getUserProperties().setProperty("u", "x");
    const json = JSON.parse(JSON.stringify(props._snapshot()));
    const restored = EmuPropertiesService.fromSnapshot(rt, json, {
      activeUser: () => "lead@hub.example",
    });
    expect(restored.getScriptProperties().getProperties()).toEqual({ a: "1", b: "2" });
    expect(restored.getUserProperties().getProperty("u")).toBe("x");
    expect(restored._snapshot().quota.used).toBe(props._snapshot().quota.used + 2);
  });

  test("each Properties method is counted and charged as 'Properties.<method>' (latency.ts)", () => {
    const { rt, props } = setup();
    rt.beginExecution("x", "menu");
    const p = props.getScriptProperties();
    p.setProperty("a", "1");
    p.getProperty("a");
    const rec = rt.endExecution();
    expect(rec.byMethod).toEqual({
      "PropertiesService.getScriptProperties": 1,
      "Properties.setProperty": 1,
      "Properties.getProperty": 1,
    });
    expect(rec.simulatedMs).toBe(10 + 25 + 15);
  });
});

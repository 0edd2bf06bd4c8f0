// Utilities emulation, checked against:
// https://developers.google.com/apps-script/reference/utilities/utilities
// and Java SE SimpleDateFormat (docs.oracle.com/javase/8/docs/api/java/text/SimpleDateFormat.html),
// which Utilities.formatDate follows.
import { createHash } from "node:crypto";
import vm from "node:vm";
import { Runtime } from "../../emulator/core/runtime";
import { EmuUtilities } from "../../emulator/services/utilities";

function setup(seed?: string) {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  return { rt, u: new EmuUtilities(rt, seed === undefined ? {} : { uuidSeed: seed }) };
}

const d = (iso: string) => new Date(iso);

describe("Utilities.formatDate (reference/utilities/utilities#formatDate(Date,String,String))", () => {
  const { u } = setup();

  test("Europe/London across the spring-forward change: 00:59 GMT then 02:00 BST", () => {
    expect(u.formatDate(d("2024-03-31T00:59:59Z"), "Europe/London", "HH:mm z")).toBe("00:59 GMT");
    expect(u.formatDate(d("2024-03-31T01:00:00Z"), "Europe/London", "HH:mm z")).toBe("02:00 BST");
  });

  test("Europe/London across the autumn change: 01:59 BST then 01:00 GMT", () => {
    expect(u.formatDate(d("2024-10-27T00:59:00Z"), "Europe/London", "HH:mm z Z XXX")).toBe(
      "01:59 BST +0100 +01:00",
    );
    expect(u.formatDate(d("2024-10-27T01:00:00Z"), "Europe/London", "HH:mm z Z XXX")).toBe(
      "01:00 GMT +0000 Z",
    );
  });

  test("numeric and text fields: yyyy yy MM MMM MMMM dd d EEE EEEE H h a", () => {
    const date = d("2024-03-09T17:05:03.007Z"); // a Saturday
    expect(u.formatDate(date, "Europe/London", "yyyy-MM-dd'T'HH:mm:ss.SSS")).toBe(
      "2024-03-09T17:05:03.007",
    );
    expect(u.formatDate(date, "Europe/London", "yy M d")).toBe("24 3 9");
    expect(u.formatDate(date, "Europe/London", "EEE EEEE d MMM MMMM yyyy")).toBe(
      "Sat Saturday 9 Mar March 2024",
    );
    expect(u.formatDate(date, "Europe/London", "h:mm a, H, hh, k, K")).toBe(
      "5:05 PM, 17, 05, 17, 5",
    );
    expect(u.formatDate(d("2024-03-09T00:30:00Z"), "Europe/London", "h:mm a k")).toBe(
      "12:30 AM 24",
    );
  });

  test("quoted text and '' are literal", () => {
    expect(
      u.formatDate(
        d("2024-03-29T17:00:00Z"),
        "Europe/London",
        "'Closes at' h a 'on' d MMMM', o''clock'",
      ),
    ).toBe("Closes at 5 PM on 29 March, o'clock");
    expect(u.formatDate(d("2024-03-29T17:00:00Z"), "Europe/London", "HH''mm")).toBe("17'00");
  });

  test("the same instant in other zones; long zone names with zzzz", () => {
    const date = d("2024-07-01T12:00:00Z");
    expect(u.formatDate(date, "America/New_York", "HH:mm z")).toBe("08:00 EDT");
    expect(u.formatDate(date, "Asia/Tokyo", "HH:mm z")).toBe("21:00 JST");
    expect(u.formatDate(date, "UTC", "HH:mm z")).toBe("12:00 UTC");
    expect(u.formatDate(date, "Europe/London", "zzzz")).toBe("British Summer Time");
    expect(u.formatDate(d("2024-01-01T12:00:00Z"), "Europe/London", "zzzz")).toBe(
      "Greenwich Mean Time",
    );
  });

  test("Java time zone ids: 'GMT+1' and 'GMT-05:30' are fixed offsets; an unknown id is GMT", () => {
    const date = d("2024-07-01T12:00:00Z");
    expect(u.formatDate(date, "GMT+1", "HH:mm z")).toBe("13:00 GMT+01:00");
    expect(u.formatDate(date, "GMT-05:30", "HH:mm Z")).toBe("06:30 -0530");
    expect(u.formatDate(date, "Not/AZone", "HH:mm z")).toBe("12:00 GMT");
  });

  test("a Date from another realm (the script's vm context) is accepted", () => {
    const foreign = vm.runInNewContext('new Date("2024-03-31T01:00:00Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    expect(u.formatDate(foreign, "Europe/London", "HH:mm z")).toBe("02:00 BST");
  });

  test("wrong argument types throw Google's signature error; unknown pattern letters throw", () => {
    expect(() => u.formatDate("2024-01-01" as unknown as Date, "Europe/London", "yyyy")).toThrow(
      "The parameters (String,String,String) don't match the method signature for Utilities.formatDate.",
    );
    expect(() => u.formatDate(d("2024-01-01T00:00:00Z"), "Europe/London", "yyyy q")).toThrow(
      "Illegal pattern character 'q'",
    );
  });
});

describe("Utilities (reference/utilities/utilities)", () => {
  test("parseDate reads a wall-clock time in the zone: BST and GMT (utilities#parseDate(String,String,String))", () => {
    const { u } = setup();
    expect(u.parseDate("2024-03-29 17:00", "Europe/London", "yyyy-MM-dd HH:mm").toISOString()).toBe(
      "2024-03-29T17:00:00.000Z",
    );
    expect(u.parseDate("2024-04-02 17:00", "Europe/London", "yyyy-MM-dd HH:mm").toISOString()).toBe(
      "2024-04-02T16:00:00.000Z",
    );
    expect(
      u.parseDate("30/10/2020 3:08:44 PM", "Europe/London", "dd/MM/yyyy h:mm:ss a").toISOString(),
    ).toBe("2020-10-30T15:08:44.000Z");
    expect(() => u.parseDate("yesterday", "Europe/London", "yyyy-MM-dd")).toThrow(
      /Unparseable date/,
    );
  });

  test("formatString is sprintf-like: '%11.6f' of 3.14159 is '   3.141590' (utilities#formatString(String,Object...))", () => {
    const { u } = setup();
    expect(u.formatString("%11.6f", 3.14159)).toBe("   3.141590");
    expect(u.formatString("%s has %d places (%05.1f%%)", "Cohort 9", 3, 12.5)).toBe(
      "Cohort 9 has 3 places (012.5%)",
    );
    expect(u.formatString("[%-6s][%6s][%,d]", "ab", "cd", 1234567)).toBe(
      "[ab    ][    cd][1,234,567]",
    );
  });

  test("getUuid is UUID-shaped, unique, and repeatable from the same seed (utilities#getUuid())", () => {
    const a = setup("seed-1").u;
    const b = setup("seed-1").u;
    const c = setup("seed-2").u;
    const first = a.getUuid();
    expect(first).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.getUuid()).not.toBe(first);
    expect(b.getUuid()).toBe(first);
    expect(c.getUuid()).not.toBe(first);
    const snap = a._snapshot();
    const next = a.getUuid();
    const d2 = setup("other").u;
    d2._restore(snap);
    expect(d2.getUuid()).toBe(next);
  });

  test("sleep charges simulated time; more than 300,000 ms is refused (utilities#sleep(Integer))", () => {
    const { rt, u } = setup();
    rt.beginExecution("x", "time-trigger");
    const t0 = rt.nowMillis();
    u.sleep(2500);
    expect(rt.nowMillis() - t0).toBe(2500);
    expect(() => u.sleep(300_001)).toThrow(/300000/);
    expect(rt.endExecution().simulatedMs).toBe(2500);
  });

  test("sleeping past the 30 s simple-trigger limit kills the execution (guides/services/quotas)", () => {
    const { rt, u } = setup();
    rt.beginExecution("onOpen", "simple-trigger");
    expect(() => u.sleep(31_000)).toThrow(/Exceeded maximum execution time/);
    expect(rt.endExecution().outcome).toBe("killed");
  });

  test("computeDigest returns Java signed bytes for MD5 and SHA_256 (utilities#computeDigest(DigestAlgorithm,String))", () => {
    const { u } = setup();
    const md5 = u.computeDigest(u.DigestAlgorithm.MD5, "abc");
    expect(md5).toHaveLength(16);
    expect(md5.slice(0, 4)).toEqual([-112, 1, 80, -104]); // 90 01 50 98
    const sha = u.computeDigest(u.DigestAlgorithm.SHA_256, "école");
    const expected = [...createHash("sha256").update("école", "utf8").digest()].map((b) =>
      b > 127 ? b - 256 : b,
    );
    expect(sha).toEqual(expected);
    expect(sha.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(String(u.DigestAlgorithm.SHA_256)).toBe("SHA_256");
  });

  test("computeHmacSha256Signature matches HMAC-SHA256 (utilities#computeHmacSha256Signature(String,String))", () => {
    const { u } = setup();
    const sig = u.computeHmacSha256Signature("message", "key");
    expect(Buffer.from(sig.map((b) => b & 0xff)).toString("hex")).toBe(
      "6e9ef29b75fffc5b7abae527d58fdadb2fe42e7219011976917343065f58ed4a",
    );
  });

  test("base64Encode/Decode round-trip strings and bytes, web-safe variant uses - and _ (utilities#base64Encode(String))", () => {
    const { u } = setup();
    expect(u.base64Encode("Hello, world")).toBe("SGVsbG8sIHdvcmxk");
    expect(Buffer.from(u.base64Decode("SGVsbG8sIHdvcmxk").map((b) => b & 0xff)).toString()).toBe(
      "Hello, world",
    );
    expect(u.base64Encode([-1, -2, 0])).toBe("//4A");
    expect(u.base64EncodeWebSafe([-1, -2, 0])).toBe("__4A");
    expect(u.base64DecodeWebSafe("__4A")).toEqual([-1, -2, 0]);
  });

  test("newBlob: bytes, content type, name and string data (utilities#newBlob(String,String,String))", () => {
    const { u } = setup();
    const blob = u.newBlob("£5", "text/plain", "note.txt");
    expect(blob.getName()).toBe("note.txt");
    expect(blob.getContentType()).toBe("text/plain");
    expect(blob.getBytes()).toEqual([-62, -93, 53]);
    expect(blob.getDataAsString()).toBe("£5");
    const gz = u.gzip(blob);
    expect(u.ungzip(gz).getDataAsString()).toBe("£5");
  });

  test("parseCsv follows RFC 4180: quoted commas, doubled quotes, line breaks in quotes, CRLF (utilities#parseCsv(String))", () => {
    const { u } = setup();
    const csv =
      '"Timestamp","Name","Notes"\r\n"2020/10/30 3:08:44 PM GMT+1","O\'Brien, Ann","said ""yes""\nthen left"\r\n';
    expect(u.parseCsv(csv)).toEqual([
      ["Timestamp", "Name", "Notes"],
      ["2020/10/30 3:08:44 PM GMT+1", "O'Brien, Ann", 'said "yes"\nthen left'],
    ]);
    expect(u.parseCsv("a;b\n1;", ";")).toEqual([
      ["a", "b"],
      ["1", ""],
    ]);
  });

  test("jsonStringify / jsonParse round-trip", () => {
    const { u } = setup();
    expect(u.jsonParse(u.jsonStringify({ a: [1, "b"] }))).toEqual({ a: [1, "b"] });
  });
});

import fc from "fast-check";
import {
  academicYearOf,
  academicYearStart,
  compareAcademicYears,
  describeLondon,
  formatLondon,
  isLate,
  londonInstant,
  londonParts,
  nextAcademicYear,
  normaliseAcademicYear,
  parseLondonWallClock,
  previousAcademicYear,
} from "../../src/domain/calendar";

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("parseLondonWallClock", () => {
  it("reads winter (GMT) times as UTC", () => {
    expect(iso(parseLondonWallClock("2024-03-29 17:00"))).toBe("2024-03-29T17:00:00.000Z");
    expect(iso(parseLondonWallClock("2024-01-15 09:30"))).toBe("2024-01-15T09:30:00.000Z");
  });

  it("reads summer (BST) times an hour behind in UTC", () => {
    expect(iso(parseLondonWallClock("2024-04-01 17:00"))).toBe("2024-04-01T16:00:00.000Z");
    expect(iso(parseLondonWallClock("2024-07-10 00:30"))).toBe("2024-07-09T23:30:00.000Z");
  });

  it("is right on both sides of the spring change (31 March 2024, 01:00 GMT → 02:00 BST)", () => {
    expect(iso(parseLondonWallClock("2024-03-31 00:59"))).toBe("2024-03-31T00:59:00.000Z");
    expect(iso(parseLondonWallClock("2024-03-31 02:00"))).toBe("2024-03-31T01:00:00.000Z");
    expect(iso(parseLondonWallClock("2024-03-31 03:00"))).toBe("2024-03-31T02:00:00.000Z");
  });

  it("moves a time in the spring gap forward by the gap (01:30 is read as 02:30 BST)", () => {
    expect(iso(parseLondonWallClock("2024-03-31 01:30"))).toBe("2024-03-31T01:30:00.000Z");
  });

  it("is right on both sides of the autumn change (27 October 2024, 02:00 BST → 01:00 GMT)", () => {
    expect(iso(parseLondonWallClock("2024-10-27 00:30"))).toBe("2024-10-26T23:30:00.000Z");
    expect(iso(parseLondonWallClock("2024-10-27 02:00"))).toBe("2024-10-27T02:00:00.000Z");
    expect(iso(parseLondonWallClock("2024-10-26 17:00"))).toBe("2024-10-26T16:00:00.000Z");
    expect(iso(parseLondonWallClock("2024-10-28 17:00"))).toBe("2024-10-28T17:00:00.000Z");
  });

  it("takes the first occurrence of an ambiguous autumn time (01:30 BST, not 01:30 GMT)", () => {
    expect(iso(parseLondonWallClock("2024-10-27 01:30"))).toBe("2024-10-27T00:30:00.000Z");
  });

  it("reads a date alone as the start of that day", () => {
    expect(iso(parseLondonWallClock("2024-03-29"))).toBe("2024-03-29T00:00:00.000Z");
    expect(iso(parseLondonWallClock("2024-06-01"))).toBe("2024-05-31T23:00:00.000Z");
  });

  it("reads British day/month/year with and without a time", () => {
    expect(iso(parseLondonWallClock("29/03/2024 17:00"))).toBe("2024-03-29T17:00:00.000Z");
    expect(iso(parseLondonWallClock("1/4/2024 17:00"))).toBe("2024-04-01T16:00:00.000Z");
    expect(iso(parseLondonWallClock("01/04/2024"))).toBe("2024-03-31T23:00:00.000Z");
  });

  it("accepts seconds, a T separator and stray spaces", () => {
    expect(iso(parseLondonWallClock("  2024-03-29T17:00:30 "))).toBe("2024-03-29T17:00:30.000Z");
    expect(iso(parseLondonWallClock("2024-03-29   17:00"))).toBe("2024-03-29T17:00:00.000Z");
  });

  it("rejects impossible dates and other text", () => {
    for (const bad of [
      "",
      "tomorrow",
      "2024-02-30 10:00",
      "31/02/2024",
      "2024-13-01",
      "2024-03-29 24:00",
      "2024-03-29 17:60",
      "29-03-2024",
      "2024/03/29 17:00",
    ]) {
      expect(parseLondonWallClock(bad)).toBeNull();
    }
    expect(iso(parseLondonWallClock("2024-02-29 10:00"))).toBe("2024-02-29T10:00:00.000Z");
    expect(parseLondonWallClock("2023-02-29 10:00")).toBeNull();
  });

  it("round-trips every valid wall-clock time outside the spring gap", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2000, max: 2040 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (y, mo, d, h, mi) => {
          const at = londonInstant(y, mo, d, h, mi);
          const back = londonParts(at);
          const inGap = back.hour !== h;
          if (inGap) {
            // Only the hour that does not exist in spring may move, and then by exactly one hour.
            expect(mo).toBe(3);
            expect(back.hour).toBe(h + 1);
          } else {
            expect([back.year, back.month, back.day, back.minute]).toEqual([y, mo, d, mi]);
          }
        },
      ),
    );
  });
});

describe("formatLondon and describeLondon", () => {
  it("formats in London time whatever the instant's offset", () => {
    expect(formatLondon(new Date("2024-04-01T16:00:00Z"), "yyyy-MM-dd HH:mm")).toBe(
      "2024-04-01 17:00",
    );
    expect(formatLondon(new Date("2024-03-29T17:00:00Z"), "yyyy-MM-dd HH:mm")).toBe(
      "2024-03-29 17:00",
    );
    expect(describeLondon(new Date("2024-03-29T17:04:00Z"))).toBe("29 March 2024 at 17:04");
    expect(describeLondon(new Date("2024-10-26T23:30:00Z"))).toBe("27 October 2024 at 00:30");
  });
});

describe("isLate", () => {
  const closes = new Date("2024-03-29T17:00:00Z");
  it("is late only strictly after the closing instant", () => {
    expect(isLate(new Date("2024-03-29T16:59:59Z"), closes)).toBe(false);
    expect(isLate(new Date("2024-03-29T17:00:00Z"), closes)).toBe(false);
    expect(isLate(new Date("2024-03-29T17:00:00.001Z"), closes)).toBe(true);
  });
  it("is never late without a closing time", () => {
    expect(isLate(new Date("2099-01-01T00:00:00Z"), null)).toBe(false);
  });
  it("compares instants, so a BST deadline is an hour earlier in UTC", () => {
    const bst = parseLondonWallClock("2024-04-01 17:00")!;
    expect(isLate(new Date("2024-04-01T16:30:00Z"), bst)).toBe(true);
    expect(isLate(new Date("2024-04-01T15:59:00Z"), bst)).toBe(false);
  });
});

describe("academic years", () => {
  it("starts a year on 1 September, London time", () => {
    expect(academicYearOf(new Date("2024-08-31T22:59:59Z"))).toBe("2023/24");
    expect(academicYearOf(new Date("2024-08-31T23:00:00Z"))).toBe("2024/25");
    expect(academicYearOf(new Date("2025-01-10T12:00:00Z"))).toBe("2024/25");
    expect(academicYearOf(new Date("1999-12-31T12:00:00Z"))).toBe("1999/00");
  });
  it("steps back and forward, across a century", () => {
    expect(previousAcademicYear("2024/25")).toBe("2023/24");
    expect(previousAcademicYear("2000/01")).toBe("1999/00");
    expect(nextAcademicYear("2099/00")).toBe("2100/01");
    expect(nextAcademicYear("2025/26")).toBe("2026/27");
  });
  it("normalises the spellings people use and rejects the rest", () => {
    expect(normaliseAcademicYear("2024-25")).toBe("2024/25");
    expect(normaliseAcademicYear("2024/2025")).toBe("2024/25");
    expect(normaliseAcademicYear(" 2024 - 2025 ")).toBe("2024/25");
    expect(normaliseAcademicYear("2024/26")).toBeNull();
    expect(normaliseAcademicYear("last year")).toBeNull();
    expect(() => academicYearStart("banana")).toThrow(RangeError);
  });
  it("orders years", () => {
    expect(compareAcademicYears("2023/24", "2025/26")).toBeLessThan(0);
    expect(compareAcademicYears("2025/26", "2025/26")).toBe(0);
  });
  it("always gives the year whose start precedes the date by less than a year", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        (d) => {
          const y = academicYearOf(d);
          const start = londonInstant(academicYearStart(y), 9, 1);
          const end = londonInstant(academicYearStart(y) + 1, 9, 1);
          expect(d.getTime()).toBeGreaterThanOrEqual(start.getTime());
          expect(d.getTime()).toBeLessThan(end.getTime());
          expect(previousAcademicYear(nextAcademicYear(y))).toBe(y);
        },
      ),
    );
  });
});

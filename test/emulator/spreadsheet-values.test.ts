// Values in the emulated Spreadsheet service: typed-input parsing, dates and time zones,
// display formats. Each behaviour cites the Google reference page it follows.
import vm from "node:vm";
import { setup } from "./spreadsheet-helpers";

const RANGE_REF = "https://developers.google.com/apps-script/reference/spreadsheet/range";
const iso = (v: unknown) => (v as Date).toISOString();

describe(`setValues shape checks (${RANGE_REF}#setValues(Object))`, () => {
  it("throws Google's message when the data has fewer rows than the range", () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange(1, 1, 3, 2).setValues([
        ["a", "b"],
        ["c", "d"],
      ]),
    ).toThrow(
      "The number of rows in the data does not match the number of rows in the range. The data has 2 but the range has 3.",
    );
  });

  it("throws Google's message when a row has the wrong number of columns", () => {
    const { sheet } = setup();
    expect(() =>
      sheet.getRange(1, 1, 2, 3).setValues([
        ["a", "b", "c"],
        ["d", "e"],
      ]),
    ).toThrow(
      "The number of columns in the data does not match the number of columns in the range. The data has 2 but the range has 3.",
    );
  });

  it("rejects a one-dimensional array like Google (parameters don't match the method signature)", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1, 1, 1, 3).setValues([1, 2, 3] as unknown as unknown[][])).toThrow(
      "The parameters (number[]) don't match the method signature for SpreadsheetApp.Range.setValues.",
    );
  });

  it("writes nothing when the shape is wrong", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange("A1:B2").setValues([["x", "y"]])).toThrow();
    expect(sheet.getLastRow()).toBe(0);
  });
});

describe(`values are read as typed input (${RANGE_REF}#setValue(Object), Sheets API USER_ENTERED)`, () => {
  it('turns "=..." into a formula; the emulator evaluates nothing, so getValues returns "#ERROR!"', () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:B1");
    r.setValues([["=SUM(C1:C3)", "text"]]);
    expect(r.getValues()).toEqual([["#ERROR!", "text"]]);
    expect(r.getFormulas()).toEqual([["=SUM(C1:C3)", ""]]);
    expect(sheet.getRange("A1").getFormula()).toBe("=SUM(C1:C3)");
  });

  it("keeps text after a leading apostrophe, without the apostrophe, and with no formula", () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:C1");
    r.setValues([['\'=HYPERLINK("http://evil")', "'00123", "'TRUE"]]);
    expect(r.getValues()).toEqual([['=HYPERLINK("http://evil")', "00123", "TRUE"]]);
    expect(r.getFormulas()).toEqual([["", "", ""]]);
    expect(r.getDisplayValues()).toEqual([['=HYPERLINK("http://evil")', "00123", "TRUE"]]);
  });

  it('reads "+..." and "-..." that are not numbers as formulas, and "@..." as text', () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:D1");
    r.setValues([["+SUM(A1)", "-abc", "+44 7700 900123", "@handle"]]);
    expect(r.getFormulas()).toEqual([["=+SUM(A1)", "=-abc", "=+44 7700 900123", ""]]);
    expect(r.getValues()).toEqual([["#ERROR!", "#ERROR!", "#ERROR!", "@handle"]]);
  });

  it('reads numeric text as a number: "00123" comes back as 123 (prefix "\'" to keep it)', () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:H1");
    r.setValues([["00123", "1,234", "-5", "+7", "12.50", "50%", "1e3", "£1,200.50"]]);
    expect(r.getValues()).toEqual([[123, 1234, -5, 7, 12.5, 0.5, 1000, 1200.5]]);
    expect(r.getNumberFormats()[0].slice(5)).toEqual(["0%", "0.00E+00", "£#,##0.00"]);
  });

  it('reads "TRUE"/"FALSE" in any case as booleans', () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:D1");
    r.setValues([["TRUE", "false", "True", "yes"]]);
    expect(r.getValues()).toEqual([[true, false, true, "yes"]]);
  });

  it("stores numbers, booleans and Dates as they are; null and undefined as empty", () => {
    const { sheet } = setup();
    const when = new Date("2024-05-01T12:34:56.789Z");
    const r = sheet.getRange("A1:E1");
    r.setValues([[42.5, false, when, null, undefined]]);
    const [[n, b, d, e1, e2]] = r.getValues();
    expect([n, b, e1, e2]).toEqual([42.5, false, "", ""]);
    expect(iso(d)).toBe("2024-05-01T12:34:56.789Z");
  });

  it("leaves ordinary text, multi-line text and ISO instants with a T as text", () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:C1");
    r.setValues([["Example Academy", "line 1\nline 2", "2024-03-29T17:00:00Z"]]);
    expect(r.getValues()).toEqual([["Example Academy", "line 1\nline 2", "2024-03-29T17:00:00Z"]]);
  });

  it("setValue writes the same parsed value into every cell of the range", () => {
    const { sheet } = setup();
    sheet.getRange("A1:B2").setValue("0042");
    expect(sheet.getRange("A1:B2").getValues()).toEqual([
      [42, 42],
      [42, 42],
    ]);
  });

  it("rejects more than 50,000 characters in one cell, as Google does", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange("A1").setValue("x".repeat(50_001))).toThrow(
      "Your input contains more than the maximum of 50000 characters in a single cell.",
    );
    sheet.getRange("A1").setValue("x".repeat(50_000));
    expect((sheet.getRange("A1").getValue() as string).length).toBe(50_000);
  });

  it('keeps text exactly in a cell formatted as plain text ("@"), as Sheets does', () => {
    // https://developers.google.com/sheets/api/guides/formats ("@" is plain text)
    const { sheet } = setup();
    const r = sheet.getRange("A1:B1");
    r.setNumberFormat("@");
    r.setValues([["00123", "2024-01-01"]]);
    expect(r.getValues()).toEqual([["00123", "2024-01-01"]]);
  });
});

describe(`dates typed as text are read in the SPREADSHEET's time zone (${RANGE_REF}#getValues())`, () => {
  it('reads "YYYY-MM-DD" as midnight in London: GMT in winter, BST in summer', () => {
    const { sheet } = setup();
    sheet.getRange("A1:B1").setValues([["2024-03-29", "2024-07-10"]]);
    const [[winter, summer]] = sheet.getRange("A1:B1").getValues();
    expect(iso(winter)).toBe("2024-03-29T00:00:00.000Z");
    expect(iso(summer)).toBe("2024-07-09T23:00:00.000Z");
  });

  it('reads "YYYY-MM-DD HH:MM[:SS]" as London wall-clock time', () => {
    const { sheet } = setup();
    sheet.getRange("A1:B1").setValues([["2024-03-29 17:00", "2024-07-10 09:30:15"]]);
    const [[a, b]] = sheet.getRange("A1:B1").getValues();
    expect(iso(a)).toBe("2024-03-29T17:00:00.000Z");
    expect(iso(b)).toBe("2024-07-10T08:30:15.000Z");
  });

  it('reads "DD/MM/YYYY" day first (en_GB locale); impossible dates stay text', () => {
    const { sheet } = setup();
    sheet.getRange("A1:C1").setValues([["29/03/2024", "03/29/2024", "31/02/2024"]]);
    const [[a, b, c]] = sheet.getRange("A1:C1").getValues();
    expect(iso(a)).toBe("2024-03-29T00:00:00.000Z");
    expect(b).toBe("03/29/2024");
    expect(c).toBe("31/02/2024");
  });

  it('reads "D/M" as a date in the current year (so "10/11" is 10 November)', () => {
    const { sheet } = setup({ now: "2024-03-01T09:00:00Z" });
    sheet.getRange("A1").setValue("10/11");
    expect(iso(sheet.getRange("A1").getValue())).toBe("2024-11-10T00:00:00.000Z");
  });

  it('reads "29 Mar 2024" and "HH:MM" (a time on Sheets\' day zero, 30 December 1899)', () => {
    const { sheet } = setup();
    sheet.getRange("A1:B1").setValues([["29 Mar 2024", "17:05"]]);
    const [[a, b]] = sheet.getRange("A1:B1").getValues();
    expect(iso(a)).toBe("2024-03-29T00:00:00.000Z");
    expect(iso(b)).toBe("1899-12-30T17:05:00.000Z");
    expect(sheet.getRange("B1").getDisplayValue()).toBe("17:05");
  });

  it("uses the spreadsheet's own zone, not the machine's or the script's", () => {
    const { sheet } = setup({ timeZone: "America/New_York" });
    sheet.getRange("A1").setValue("2024-01-15 09:00");
    expect(iso(sheet.getRange("A1").getValue())).toBe("2024-01-15T14:00:00.000Z");
  });

  it('sets the number format Sheets picks for what was typed; a fresh cell is "General"', () => {
    // https://developers.google.com/apps-script/reference/spreadsheet/range#getNumberFormat()
    const { sheet } = setup();
    sheet.getRange("A1:B1").setValues([["2024-03-29", "29/03/2024 17:00"]]);
    expect(sheet.getRange("A1:C1").getNumberFormats()).toEqual([
      ["yyyy-mm-dd", "dd/mm/yyyy hh:mm", "General"],
    ]);
  });
});

describe(`Date objects (${RANGE_REF}#getValues())`, () => {
  it("round-trip as the same instant, milliseconds included", () => {
    const { sheet } = setup();
    const dates = [new Date("2024-10-27T00:30:00.123Z"), new Date("2024-10-27T01:30:00.456Z")];
    sheet.getRange("A1:B1").setValues([dates]);
    expect(sheet.getRange("A1:B1").getValues()[0].map(iso)).toEqual(
      dates.map((d) => d.toISOString()),
    );
  });

  it("are handed out as copies: changing a returned Date does not change the cell", () => {
    const { sheet } = setup();
    const d = new Date("2024-01-01T00:00:00Z");
    sheet.getRange("A1").setValue(d);
    d.setUTCFullYear(2030);
    const out = sheet.getRange("A1").getValue() as Date;
    out.setUTCFullYear(2031);
    expect(iso(sheet.getRange("A1").getValue())).toBe("2024-01-01T00:00:00.000Z");
  });

  it("are recognised when they come from another realm (node:vm) or are a subclass", () => {
    const { sheet } = setup();
    const foreign = vm.runInNewContext('new Date("2024-02-02T10:00:00Z")') as Date;
    expect(foreign instanceof Date).toBe(false);
    class Stamp extends Date {}
    sheet.getRange("A1:B1").setValues([[foreign, new Stamp("2024-02-03T10:00:00Z")]]);
    expect(sheet.getRange("A1:B1").getValues()[0].map(iso)).toEqual([
      "2024-02-02T10:00:00.000Z",
      "2024-02-03T10:00:00.000Z",
    ]);
  });

  it("are created in the script's realm when the runner passes a dateFactory", () => {
    const context = vm.createContext({});
    const VmDate = vm.runInContext("Date", context) as DateConstructor;
    const { sheet } = setup({ dateFactory: (ms) => new VmDate(ms) });
    sheet.getRange("A1").setValue(new Date("2024-02-02T10:00:00Z"));
    const v = sheet.getRange("A1").getValue();
    context.v = v;
    expect(vm.runInContext("v instanceof Date", context)).toBe(true);
    expect(iso(v)).toBe("2024-02-02T10:00:00.000Z");
  });

  it("keep their wall-clock time when the spreadsheet's zone changes (Sheets stores serial wall-clock numbers)", () => {
    // https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setSpreadsheetTimeZone(String)
    const { ss, sheet } = setup();
    sheet.getRange("A1").setValue("2024-01-15 09:00");
    ss.setSpreadsheetTimeZone("America/New_York");
    expect(sheet.getRange("A1").getDisplayValue()).toBe("2024-01-15 09:00");
    expect(iso(sheet.getRange("A1").getValue())).toBe("2024-01-15T14:00:00.000Z");
    expect(() => ss.setSpreadsheetTimeZone("Mars/Olympus")).toThrow("Invalid argument: timeZone");
  });
});

describe(`display values follow the number format, in the spreadsheet's zone (${RANGE_REF}#getDisplayValues())`, () => {
  it("formats numbers with 0, 0.0, #,##0.00, 0%, 000000 and text format @", () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:F1");
    r.setValues([[3.14159, 3.14159, 1234567.891, 0.256, 12345, 42]]);
    r.setNumberFormats([["0", "0.0", "#,##0.00", "0%", "000000", "@"]]);
    expect(r.getDisplayValues()).toEqual([["3", "3.1", "1,234,567.89", "26%", "012345", "42"]]);
  });

  it("formats a date with yyyy-mm-dd, yyyy-mm-dd hh:mm, dd/mm/yyyy, d mmm yyyy and hh:mm in British Summer Time", () => {
    const { sheet } = setup();
    const when = new Date("2024-07-04T16:05:00Z"); // 17:05 BST
    const r = sheet.getRange("A1:E1");
    r.setValue(when);
    r.setNumberFormats([["yyyy-mm-dd", "yyyy-mm-dd hh:mm", "dd/mm/yyyy", "d mmm yyyy", "hh:mm"]]);
    expect(r.getDisplayValues()).toEqual([
      ["2024-07-04", "2024-07-04 17:05", "04/07/2024", "4 Jul 2024", "17:05"],
    ]);
  });

  it("shows Dates without a format as dd/mm/yyyy hh:mm:ss, numbers as typed, booleans as TRUE/FALSE", () => {
    const { sheet } = setup();
    const r = sheet.getRange("A1:E1");
    r.setValues([[new Date("2024-01-05T08:09:10Z"), 12, 0.1 + 0.2, true, ""]]);
    expect(r.getDisplayValues()).toEqual([["05/01/2024 08:09:10", "12", "0.3", "TRUE", ""]]);
  });

  it("shows a date in a numeric format as its serial number", () => {
    const { sheet } = setup();
    sheet.getRange("A1").setValue("2024-01-01").setNumberFormat("0");
    expect(sheet.getRange("A1").getDisplayValue()).toBe("45292");
  });
});

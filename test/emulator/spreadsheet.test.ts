// The emulated Spreadsheet service: sheets, ranges, structure, protection, validation, named
// ranges, charts, toasts and call counting. Each behaviour cites the Google reference page.
import { ensureGrid, type SpreadsheetLike } from "../../emulator/services/forms/spreadsheet-like";
import { Charts, MESSAGES, PROTECTED_MESSAGE } from "../../emulator/services/spreadsheet";
import { EDITOR, OWNER, setup } from "./spreadsheet-helpers";

const REF = "https://developers.google.com/apps-script/reference/spreadsheet";

describe(`new spreadsheets and sheets (${REF}/spreadsheet-app#create(String))`, () => {
  it('start with one sheet "Sheet1" of 1000 rows x 26 columns and nothing in it', () => {
    const { app } = setup();
    const ss = app.create("New hub");
    const [sheet] = ss.getSheets();
    expect(sheet.getName()).toBe("Sheet1");
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([1000, 26]);
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([0, 0]);
    expect(sheet.getDataRange().getA1Notation()).toBe("A1");
    expect(ss.getUrl()).toBe(`https://docs.google.com/spreadsheets/d/${ss.getId()}/edit`);
  });

  it(`insertSheet refuses a name in use, ignoring case, with Google's message (${REF}/spreadsheet#insertSheet(String))`, () => {
    const { ss } = setup();
    ss.insertSheet("Applications");
    expect(() => ss.insertSheet("Applications")).toThrow(
      'A sheet with the name "Applications" already exists. Please enter another name.',
    );
    expect(() => ss.insertSheet("applications")).toThrow("already exists");
    expect(() => ss.getSheets()[0].setName("APPLICATIONS")).toThrow("already exists");
  });

  it("insertSheet places the sheet at a 0-based index, makes it active, and names unnamed sheets Sheet2, Sheet3...", () => {
    const { ss } = setup();
    const a = ss.insertSheet();
    const b = ss.insertSheet("Settings", 0);
    expect(a.getName()).toBe("Sheet2");
    expect(ss.getSheets().map((s) => s.getName())).toEqual(["Settings", "Sheet1", "Sheet2"]);
    expect([b.getIndex(), ss.getActiveSheet().getName()]).toEqual([1, "Settings"]);
    expect(ss.getSheetByName("settings")).toBe(b);
    expect(ss.getSheetByName("Nope")).toBeNull();
    expect(ss.getSheetById(b.getSheetId())).toBe(b);
  });

  it(`deleteSheet removes a sheet but never the last one (${REF}/spreadsheet#deleteSheet(Sheet))`, () => {
    const { ss, sheet } = setup();
    const extra = ss.insertSheet("Temp");
    const range = extra.getRange("A1");
    ss.deleteSheet(extra);
    expect(ss.getSheets()).toEqual([sheet]);
    expect(() => range.setValue(1)).toThrow(MESSAGES.deleted);
    expect(() => ss.deleteSheet(sheet)).toThrow("You can't remove all the sheets in a document.");
  });

  it(`hideSheet cannot hide the last visible sheet (${REF}/sheet#hideSheet())`, () => {
    const { ss, sheet } = setup();
    const other = ss.insertSheet("Audit");
    other.hideSheet();
    expect(other.isSheetHidden()).toBe(true);
    expect(() => sheet.hideSheet()).toThrow(MESSAGES.hideAll);
    other.showSheet();
    expect(other.isSheetHidden()).toBe(false);
  });
});

describe(`getRange and bounds (${REF}/sheet#getRange(Integer,Integer,Integer,Integer))`, () => {
  it("rejects rows and columns below 1 and empty sizes with Google's messages", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(0, 1)).toThrow("The starting row of the range is too small.");
    expect(() => sheet.getRange(1, 0)).toThrow("The starting column of the range is too small.");
    expect(() => sheet.getRange(1, 1, 0, 1)).toThrow(
      "The number of rows in the range must be at least 1.",
    );
    expect(() => sheet.getRange(1, 1, 1, 0)).toThrow(
      "The number of columns in the range must be at least 1.",
    );
    expect(() => sheet.getRange(Number.NaN, 1)).toThrow(
      "The coordinates or dimensions of the range are invalid.",
    );
  });

  it("rejects a range beyond the sheet's rows or columns (so writing past row 1000 needs insertRows)", () => {
    const { sheet } = setup();
    expect(() => sheet.getRange(1001, 1)).toThrow(
      "The coordinates of the range are outside the dimensions of the sheet.",
    );
    expect(() => sheet.getRange(999, 1, 5, 2)).toThrow("outside the dimensions of the sheet");
    expect(() => sheet.getRange("A1:AA1")).toThrow("outside the dimensions of the sheet");
    sheet.insertRowsAfter(1000, 10);
    sheet.getRange(999, 1, 5, 2).setValue("x");
    expect([sheet.getMaxRows(), sheet.getLastRow()]).toEqual([1010, 1003]);
  });

  it("reads A1 notation: cells, blocks, whole and open-ended columns, whole rows, sheet-qualified", () => {
    const { ss, sheet } = setup();
    ss.insertSheet("My Sheet");
    expect(sheet.getRange("b2:C3").getA1Notation()).toBe("B2:C3");
    expect(sheet.getRange("A:B").getNumRows()).toBe(1000);
    expect(sheet.getRange("A2:C").getA1Notation()).toBe("A2:C1000");
    expect(sheet.getRange("3:4").getNumColumns()).toBe(26);
    const r = ss.getRange("'My Sheet'!A1:B2");
    expect([r.getSheet().getName(), r.getA1Notation()]).toEqual(["My Sheet", "A1:B2"]);
    expect(ss.getRange("Sheet1!D4").getSheet()).toBe(sheet);
    expect(() => sheet.getRange("not a range")).toThrow("Range not found");
    expect(() => ss.getRange("Missing!A1")).toThrow("Range not found");
  });

  it(`offset and getCell are relative; getCell outside the range throws (${REF}/range#getCell(Integer,Integer))`, () => {
    const { sheet } = setup();
    const r = sheet.getRange("B2:D4");
    expect(r.offset(1, 1).getA1Notation()).toBe("C3:E5");
    expect(r.offset(0, 0, 1, 1).getA1Notation()).toBe("B2");
    expect(r.getCell(3, 3).getA1Notation()).toBe("D4");
    expect(() => r.getCell(4, 1)).toThrow("Cell reference out of range");
    expect([
      r.getRow(),
      r.getColumn(),
      r.getLastRow(),
      r.getLastColumn(),
      r.getNumRows(),
      r.getNumColumns(),
    ]).toEqual([2, 2, 4, 4, 3, 3]);
  });
});

describe(`last row and column with content (${REF}/sheet#getLastRow())`, () => {
  it("is the last row/column holding a value or formula; 0 when empty; cleared cells do not count", () => {
    const { sheet } = setup();
    sheet.getRange("C5").setValue("x");
    sheet.getRange("A2").setValue("=NOW()");
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([5, 3]);
    sheet.getRange("C5").clearContent();
    expect([sheet.getLastRow(), sheet.getLastColumn()]).toEqual([2, 1]);
    sheet.getRange("Z900").setNote("a note is not content");
    sheet.getRange("Y800").setBackground("#ff0000");
    expect(sheet.getLastRow()).toBe(2);
  });

  it(`getDataRange spans A1 to the last row and column (${REF}/sheet#getDataRange())`, () => {
    const { sheet } = setup();
    sheet.getRange("B3").setValue(1);
    sheet.getRange("D2").setValue(2);
    expect(sheet.getDataRange().getA1Notation()).toBe("A1:D3");
  });
});

describe(`appendRow (${REF}/sheet#appendRow(Object))`, () => {
  it("writes after the last row with content, skipping nothing and parsing like setValues", () => {
    const { sheet } = setup();
    sheet.getRange("A1:C1").setValues([["Response ID", "URN", "Submitted"]]);
    sheet.getRange("B4").setValue("late cell");
    sheet.appendRow(["r-1", "0123", "2024-03-29 17:00"]);
    expect(sheet.getRange("A5:C5").getValues()[0].slice(0, 2)).toEqual(["r-1", 123]);
    expect((sheet.getRange("C5").getValue() as Date).toISOString()).toBe(
      "2024-03-29T17:00:00.000Z",
    );
    sheet.appendRow(["'=cmd|' /C calc'!A0"]);
    expect(sheet.getRange("A6").getValue()).toBe("=cmd|' /C calc'!A0");
    expect(sheet.getRange("A6").getFormula()).toBe("");
  });

  it("grows the sheet when the last row is full, and adds columns for a longer row", () => {
    const { ss } = setup();
    const sheet = ss.insertSheet("Small");
    sheet.deleteRows(3, 998);
    sheet.getRange("A1:A2").setValues([["a"], ["b"]]);
    sheet.appendRow(new Array(30).fill("v"));
    expect([
      sheet.getMaxRows(),
      sheet.getMaxColumns(),
      sheet.getLastRow(),
      sheet.getLastColumn(),
    ]).toEqual([3, 30, 3, 30]);
  });

  it("is atomic: an execution interleaved at the call still gets its own row", () => {
    const { rt, sheet } = setup();
    rt.addFault({
      method: "Sheet.appendRow",
      nth: 1,
      action: "interleave",
      run: () => sheet.appendRow(["second"]),
    });
    sheet.appendRow(["first"]);
    expect(sheet.getRange("A1:A2").getValues()).toEqual([["second"], ["first"]]);
  });
});

describe(`inserting and deleting rows and columns (${REF}/sheet#insertRowsBefore(Integer,Integer))`, () => {
  it("insertRowsBefore shifts the data, named ranges and protections down", () => {
    const { ss, sheet } = setup();
    sheet.getRange("A1:A3").setValues([["h"], ["r1"], ["r2"]]);
    ss.setNamedRange("Data", sheet.getRange("A2:A3"));
    const p = sheet.getRange("A3").protect();
    sheet.insertRowsBefore(2, 2);
    expect(sheet.getRange("A1:A5").getValues()).toEqual([["h"], [""], [""], ["r1"], ["r2"]]);
    expect(ss.getRangeByName("Data")!.getA1Notation()).toBe("A4:A5");
    expect(p.getRange().getA1Notation()).toBe("A5");
    expect(sheet.getMaxRows()).toBe(1002);
  });

  it("deleteRows removes rows, shrinks ranges, and refuses out-of-bounds or all rows", () => {
    const { ss, sheet } = setup();
    sheet.getRange("A1:A4").setValues([["a"], ["b"], ["c"], ["d"]]);
    ss.setNamedRange("Middle", sheet.getRange("A2:A3"));
    sheet.deleteRows(2, 1);
    expect(sheet.getRange("A1:A3").getValues()).toEqual([["a"], ["c"], ["d"]]);
    expect(ss.getRangeByName("Middle")!.getA1Notation()).toBe("A2");
    expect(() => sheet.deleteRows(999, 5)).toThrow("Those rows are out of bounds.");
    expect(() => sheet.deleteRows(1, 999)).toThrow(
      "Sorry, it is not possible to delete all non-frozen rows.",
    );
    sheet.deleteRow(1);
    expect(sheet.getRange("A1").getValue()).toBe("c");
  });

  it("insertColumnsAfter / deleteColumn shift cells sideways", () => {
    const { sheet } = setup();
    sheet.getRange("A1:C1").setValues([["a", "b", "c"]]);
    sheet.setColumnWidth(2, 250);
    sheet.insertColumnsAfter(1, 2);
    expect(sheet.getRange("A1:E1").getValues()).toEqual([["a", "", "", "b", "c"]]);
    expect([sheet.getColumnWidth(4), sheet.getMaxColumns()]).toEqual([250, 28]);
    sheet.deleteColumn(2);
    expect(sheet.getRange("A1:D1").getValues()).toEqual([["a", "", "b", "c"]]);
    expect(() => sheet.insertColumnsBefore(0, 1)).toThrow("Those columns are out of bounds.");
  });

  it(`refuses to grow past the 10,000,000-cell limit (https://developers.google.com/apps-script/guides/services/quotas)`, () => {
    const { sheet } = setup();
    expect(() => sheet.insertRowsAfter(1000, 400_000)).toThrow(MESSAGES.tooManyCells);
    expect(sheet.getMaxRows()).toBe(1000);
  });
});

describe(`clearing (${REF}/range#clear())`, () => {
  it("clearContent keeps formats, notes and validation; clear() also drops formats", () => {
    const { app, sheet } = setup();
    const r = sheet.getRange("A1");
    r.setValue(5).setNumberFormat("0.00").setNote("n").setFontWeight("bold");
    r.setDataValidation(app.newDataValidation().requireNumberBetween(1, 10).build());
    r.clearContent();
    expect([r.getValue(), r.getNumberFormat(), r.getNote(), r.getFontWeight()]).toEqual([
      "",
      "0.00",
      "n",
      "bold",
    ]);
    expect(r.getDataValidation()).not.toBeNull();
    r.setValue(5);
    r.clear();
    expect([r.getValue(), r.getNumberFormat(), r.getFontWeight(), r.getNote()]).toEqual([
      "",
      "General",
      "normal",
      "n",
    ]);
    r.clear({ validationsOnly: true });
    expect(r.getDataValidation()).toBeNull();
  });

  it(`Sheet.clear empties the sheet; clearContents keeps its formats (${REF}/sheet#clearContents())`, () => {
    const { sheet } = setup();
    sheet
      .getRange("A1:B2")
      .setValues([
        ["a", "b"],
        ["c", "d"],
      ])
      .setBackground("#eeeeee");
    sheet.clearContents();
    expect([sheet.getLastRow(), sheet.getRange("B2").getBackground()]).toEqual([0, "#eeeeee"]);
    sheet.clear();
    expect(sheet.getRange("B2").getBackground()).toBe("#ffffff");
  });
});

describe(`sorting, filters and finding (${REF}/range#sort(Object))`, () => {
  it("sorts rows by a column, descending, with blanks last; values and notes move together", () => {
    const { sheet } = setup();
    sheet.getRange("A1:B5").setValues([
      ["b", 2],
      ["", 9],
      ["a", 1],
      ["C", 3],
      ["d", ""],
    ]);
    sheet.getRange("B3").setNote("one");
    sheet.getRange("A1:B5").sort({ column: 2, ascending: false });
    expect(sheet.getRange("A1:B5").getValues()).toEqual([
      ["", 9],
      ["C", 3],
      ["b", 2],
      ["a", 1],
      ["d", ""],
    ]);
    expect(sheet.getRange("B4").getNote()).toBe("one");
    sheet.getRange("A1:B5").sort(1);
    expect(sheet.getRange("A1:A5").getValues().flat()).toEqual(["a", "b", "C", "d", ""]);
  });

  it(`Sheet.sort leaves the frozen header in place (${REF}/sheet#sort(Integer,Boolean))`, () => {
    const { sheet } = setup();
    sheet.getRange("A1:A4").setValues([["Score"], [3], [1], [2]]);
    sheet.setFrozenRows(1);
    sheet.sort(1);
    expect(sheet.getRange("A1:A4").getValues().flat()).toEqual(["Score", 1, 2, 3]);
    expect(sheet.getFrozenRows()).toBe(1);
  });

  it(`allows one filter per sheet (${REF}/range#createFilter())`, () => {
    const { sheet } = setup();
    const f = sheet.getRange("A1:C10").createFilter();
    expect(sheet.getFilter()?.getRange().getA1Notation()).toBe("A1:C10");
    expect(() => sheet.getRange("A1:B2").createFilter()).toThrow(MESSAGES.filterExists);
    f.remove();
    expect(sheet.getFilter()).toBeNull();
  });

  it(`TextFinder finds displayed text (${REF}/text-finder#findAll())`, () => {
    const { sheet } = setup();
    sheet.getRange("A1:B3").setValues([
      ["R-1", "x"],
      ["R-2", "r-1"],
      ["zz", "R-10"],
    ]);
    const hits = sheet.createTextFinder("r-1").matchEntireCell(true).findAll();
    expect(hits.map((r) => r.getA1Notation())).toEqual(["A1", "B2"]);
    expect(
      sheet.getRange("A1:B3").createTextFinder("R-1").matchCase(true).findNext()?.getA1Notation(),
    ).toBe("A1");
  });

  it(`getNextDataCell moves like Ctrl+arrow (${REF}/range#getNextDataCell(Direction))`, () => {
    const { app, sheet } = setup();
    sheet.getRange("A1:A3").setValues([["a"], ["b"], ["c"]]);
    sheet.getRange("A10").setValue("z");
    expect(sheet.getRange("A1").getNextDataCell(app.Direction.DOWN).getA1Notation()).toBe("A3");
    expect(sheet.getRange("A3").getNextDataCell(app.Direction.DOWN).getA1Notation()).toBe("A10");
    expect(sheet.getRange("A10").getNextDataCell(app.Direction.DOWN).getA1Notation()).toBe("A1000");
  });
});

describe(`protection (${REF}/protection)`, () => {
  it("a new protection mirrors the spreadsheet's editors until the script changes them; the owner always can edit", () => {
    const { sheet, actAs } = setup();
    const p = sheet.getRange("A1:B5").protect().setDescription("Applications register");
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER, EDITOR]);
    actAs(EDITOR);
    expect(p.canEdit()).toBe(true);
    p.removeEditors(p.getEditors());
    expect(p.getEditors().map((u) => u.getEmail())).toEqual([OWNER]);
    expect(p.canEdit()).toBe(false);
    actAs(OWNER);
    expect(p.canEdit()).toBe(true);
    expect(p.getDescription()).toBe("Applications register");
  });

  it("a script run by a user who may not edit gets Google's protected-cell error; others cells stay writable", () => {
    const { sheet, actAs } = setup();
    const p = sheet.getRange("A1:B5").protect();
    p.removeEditor(EDITOR);
    actAs(EDITOR);
    expect(() => sheet.getRange("B2").setValue("x")).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.getRange("A5:C6").clearContent()).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.deleteRow(3)).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.insertRowsBefore(3, 1)).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.getRange("A1").setBackground("#ff0000")).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.getRange("A1").setNote("n")).toThrow(PROTECTED_MESSAGE);
    sheet.getRange("C1").setValue("fine");
    expect(sheet.getRange("C1").getValue()).toBe("fine");
  });

  it("warning-only protection lets editors write; addEditor does not make someone a spreadsheet editor", () => {
    const { sheet, actAs } = setup();
    const p = sheet.getRange("A1").protect();
    p.removeEditor(EDITOR).setWarningOnly(true);
    p.addEditor("stranger@example.com");
    actAs(EDITOR);
    sheet.getRange("A1").setValue("ok");
    expect(p.isWarningOnly()).toBe(true);
    actAs("stranger@example.com");
    expect(p.canEdit()).toBe(false);
  });

  it(`a sheet protection with unprotected ranges; protect() returns the existing one (${REF}/sheet#protect())`, () => {
    const { app, sheet, actAs } = setup();
    const p = sheet.protect();
    expect(sheet.protect()).toBe(p);
    p.setUnprotectedRanges([sheet.getRange("M2:M100")]).removeEditor(EDITOR);
    const r = sheet.getRange("B2").protect();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([p]);
    expect(sheet.getProtections(app.ProtectionType.RANGE)).toEqual([r]);
    expect(p.getProtectionType()).toBe("SHEET");
    actAs(EDITOR);
    sheet.getRange("M5").setValue("review note");
    expect(() => sheet.getRange("L5").setValue("x")).toThrow(PROTECTED_MESSAGE);
    expect(() => sheet.appendRow(["x"])).toThrow(PROTECTED_MESSAGE);
    actAs(OWNER);
    p.remove();
    expect(sheet.getProtections(app.ProtectionType.SHEET)).toEqual([]);
  });

  it("emulator-internal writes (rt.uncharged, e.g. Forms adding a response row) are not blocked", () => {
    const { rt, sheet, actAs } = setup();
    sheet.protect().removeEditor(EDITOR);
    actAs(EDITOR);
    rt.uncharged(() => sheet.getRange("A1").setValue("response"));
    rt.uncharged(() => sheet.insertRowsAfter(1000, 1));
    expect(sheet.getRange("A1").getValue()).toBe("response");
  });
});

describe(`data validation (${REF}/data-validation-builder)`, () => {
  it("builds a dropdown list rule and reads it back with its criteria, values and help text", () => {
    const { app, sheet } = setup();
    const rule = app
      .newDataValidation()
      .requireValueInList(["Accept", "Reject", "Waitlist"], true)
      .setAllowInvalid(false)
      .setHelpText("Choose a decision")
      .build();
    sheet.getRange("N2:N100").setDataValidation(rule);
    const got = sheet.getRange("N50").getDataValidation()!;
    expect(got.getCriteriaType()).toBe(app.DataValidationCriteria.VALUE_IN_LIST);
    expect(got.getCriteriaValues()).toEqual([["Accept", "Reject", "Waitlist"], true]);
    expect([got.getAllowInvalid(), got.getHelpText()]).toEqual([false, "Choose a decision"]);
    expect(sheet.getRange("N1").getDataValidation()).toBeNull();
    expect(
      sheet
        .getRange("M2:N2")
        .getDataValidations()[0]
        .map((r) => r !== null),
    ).toEqual([false, true]);
  });

  it("a new rule allows invalid input and has no help text (null) until set", () => {
    const { app } = setup();
    const rule = app.newDataValidation().requireCheckbox().build();
    expect([rule.getAllowInvalid(), rule.getHelpText(), rule.getCriteriaType()]).toEqual([
      true,
      null,
      "CHECKBOX",
    ]);
  });

  it("is NOT enforced on script writes: an invalid value is stored even with setAllowInvalid(false)", () => {
    const { app, sheet } = setup();
    const rule = app
      .newDataValidation()
      .requireValueInList(["Yes", "No"])
      .setAllowInvalid(false)
      .build();
    sheet.getRange("A1").setDataValidation(rule);
    sheet.getRange("A1").setValue("Maybe");
    expect(sheet.getRange("A1").getValue()).toBe("Maybe");
    expect(rule._accepts("Maybe")).toBe(false); // what the UI would say
    expect(rule._accepts("Yes")).toBe(true);
  });

  it("requireDate, requireNumberBetween and requireDateBetween keep their arguments", () => {
    const { app } = setup();
    const start = new Date("2024-09-01T00:00:00Z");
    const end = new Date("2025-08-31T00:00:00Z");
    const b = app.newDataValidation();
    expect(b.requireDate().build().getCriteriaType()).toBe("DATE_IS_VALID_DATE");
    const n = app.newDataValidation().requireNumberBetween(1, 50).build();
    expect([n.getCriteriaType(), n.getCriteriaValues()]).toEqual(["NUMBER_BETWEEN", [1, 50]]);
    const d = app.newDataValidation().requireDateBetween(start, end).build();
    expect((d.getCriteriaValues() as Date[]).map((x) => x.toISOString())).toEqual([
      start.toISOString(),
      end.toISOString(),
    ]);
    expect(n._accepts(51)).toBe(false);
  });

  it("refuses a list of more than 500 items, as Google does", () => {
    const { app, sheet } = setup();
    const items = Array.from({ length: 501 }, (_, i) => `School ${i}`);
    const rule = app.newDataValidation().requireValueInList(items).build();
    expect(() => sheet.getRange("A1").setDataValidation(rule)).toThrow(
      "more items than the limit of 500",
    );
  });

  it(`insertCheckboxes sets checkbox validation and FALSE in every cell (${REF}/range#insertCheckboxes())`, () => {
    const { sheet } = setup();
    const r = sheet.getRange("P2:P4");
    r.insertCheckboxes();
    expect(r.getValues()).toEqual([[false], [false], [false]]);
    expect(r.getDataValidation()!.getCriteriaType()).toBe("CHECKBOX");
    sheet.getRange("P3").check();
    expect([sheet.getRange("P3").isChecked(), r.isChecked()]).toEqual([true, null]);
    r.clearDataValidations();
    expect(r.getDataValidations().flat()).toEqual([null, null, null]);
  });
});

describe(`named ranges and notes (${REF}/spreadsheet#setNamedRange(String,Range))`, () => {
  it("sets, replaces, lists and removes named ranges; unknown names give null", () => {
    const { ss, sheet } = setup();
    ss.setNamedRange("HubName", sheet.getRange("B2"));
    ss.setNamedRange("hubname", sheet.getRange("B3"));
    expect(ss.getRangeByName("HUBNAME")!.getA1Notation()).toBe("B3");
    expect(ss.getNamedRanges().map((n) => [n.getName(), n.getRange().getA1Notation()])).toEqual([
      ["HubName", "B3"],
    ]);
    expect(sheet.getNamedRanges()).toHaveLength(1);
    expect(() => ss.setNamedRange("A1", sheet.getRange("B2"))).toThrow("Invalid argument");
    ss.removeNamedRange("HubName");
    expect(ss.getRangeByName("HubName")).toBeNull();
  });

  it(`notes are per cell; setNotes checks the shape (${REF}/range#setNotes(Object))`, () => {
    const { sheet } = setup();
    sheet.getRange("A1:B1").setNotes([["first", null]]);
    expect(sheet.getRange("A1:B1").getNotes()).toEqual([["first", ""]]);
    expect(() => sheet.getRange("A1:B1").setNotes([["x"]])).toThrow(
      "The data has 1 but the range has 2.",
    );
    sheet.getRange("A1").clearNote();
    expect(sheet.getRange("A1").getNote()).toBe("");
  });
});

describe(`charts as data (${REF}/embedded-chart-builder)`, () => {
  it("builds, inserts, lists, modifies and removes charts; ranges and options are kept", () => {
    const { sheet } = setup();
    const chart = sheet
      .newChart()
      .setChartType(Charts.ChartType.BAR)
      .addRange(sheet.getRange("A1:B8"))
      .setPosition(2, 5, 0, 0)
      .setOption("title", "Applications by verdict")
      .build();
    expect(chart.getChartId()).toBeNull();
    sheet.insertChart(chart);
    const [stored] = sheet.getCharts();
    expect([
      stored.getType(),
      stored.getOptions().get("title"),
      stored.getRanges()[0].getA1Notation(),
    ]).toEqual(["BAR", "Applications by verdict", "A1:B8"]);
    expect(stored.getContainerInfo().getAnchorColumn()).toBe(5);
    sheet.updateChart(stored.modify().asPieChart().setTitle("By verdict").build());
    expect([
      sheet.getCharts()[0].getType(),
      sheet.getCharts()[0].getOptions().get("title"),
    ]).toEqual(["PIE", "By verdict"]);
    sheet.removeChart(sheet.getCharts()[0]);
    expect(sheet.getCharts()).toEqual([]);
  });

  it(`exposes the Charts enums (https://developers.google.com/apps-script/reference/charts/chart-type)`, () => {
    expect([
      Charts.ChartType.COLUMN,
      Charts.ChartType.PIE,
      Charts.ChartType.LINE,
      Charts.ChartType.TABLE,
    ]).toEqual(["COLUMN", "PIE", "LINE", "TABLE"]);
    expect(Charts.Position.BOTTOM).toBe("BOTTOM");
  });
});

describe(`conditional formats, banding, merges and copies (${REF}/conditional-format-rule-builder)`, () => {
  it("keeps conditional format rules as data and moves their ranges with inserted rows", () => {
    const { app, sheet } = setup();
    const rule = app
      .newConditionalFormatRule()
      .whenNumberGreaterThan(80)
      .setBold(true)
      .setFontColor("#006100")
      .setRanges([sheet.getRange("I2:I100")])
      .build();
    sheet.setConditionalFormatRules([...sheet.getConditionalFormatRules(), rule]);
    sheet.insertRowsBefore(1, 1);
    const [got] = sheet.getConditionalFormatRules();
    expect(got.getRanges()[0].getA1Notation()).toBe("I3:I101");
    const cond = got.getBooleanCondition()!;
    expect([
      cond.getCriteriaType(),
      cond.getCriteriaValues(),
      cond.getBold(),
      cond.getFontColor(),
    ]).toEqual([app.BooleanCriteria.NUMBER_GREATER_THAN, [80], true, "#006100"]);
    sheet.clearConditionalFormatRules();
    expect(sheet.getConditionalFormatRules()).toEqual([]);
  });

  it(`applyRowBanding records a theme once per range (${REF}/range#applyRowBanding(BandingTheme))`, () => {
    const { app, sheet } = setup();
    const banding = sheet.getRange("A1:D20").applyRowBanding(app.BandingTheme.LIGHT_GREY);
    expect(() => sheet.getRange("B5:B6").applyRowBanding()).toThrow("already has them");
    expect(sheet.getRange("C3").getBandings()).toHaveLength(1);
    banding.remove();
    expect(sheet.getBandings()).toEqual([]);
  });

  it(`merge records merged ranges; breakApart removes them (${REF}/range#merge())`, () => {
    const { sheet } = setup();
    sheet.getRange("A1:C1").merge();
    expect(sheet.getRange("B1").isPartOfMerge()).toBe(true);
    expect(
      sheet
        .getRange("A1:D4")
        .getMergedRanges()
        .map((r) => r.getA1Notation()),
    ).toEqual(["A1:C1"]);
    sheet.getRange("A1").breakApart();
    expect(sheet.getRange("B1").isPartOfMerge()).toBe(false);
  });

  it(`Sheet.copyTo makes "Copy of <name>" with values, formats and rules but not protections (${REF}/sheet#copyTo(Spreadsheet))`, () => {
    const { app, ss, sheet } = setup();
    sheet.setName("Cohort template");
    sheet
      .getRange("A1:B1")
      .setValues([["Name", "School"]])
      .setFontWeight("bold");
    sheet
      .getRange("C2")
      .setDataValidation(
        app.newDataValidation().requireValueInRange(sheet.getRange("A1:B1")).build(),
      );
    sheet.protect();
    const copy = sheet.copyTo(ss);
    const again = sheet.copyTo(ss);
    expect([copy.getName(), again.getName(), copy.getIndex()]).toEqual([
      "Copy of Cohort template",
      "Copy of Cohort template 2",
      2,
    ]);
    expect(copy.getRange("A1:B1").getValues()).toEqual([["Name", "School"]]);
    expect(copy.getRange("A1").getFontWeight()).toBe("bold");
    const arg = copy.getRange("C2").getDataValidation()!.getCriteriaValues()[0] as {
      getSheet(): unknown;
    };
    expect(arg.getSheet()).toBe(copy);
    expect(copy.getProtections(app.ProtectionType.SHEET)).toEqual([]);
    const other = app._createSpreadsheet({ name: "Export" });
    expect(sheet.copyTo(other).getParent()).toBe(other);
  });
});

describe("spreadsheet-level services", () => {
  it(`records toasts for the runner (${REF}/spreadsheet#toast(String,String,Number))`, () => {
    const { ss } = setup();
    ss.toast("12 applications processed", "Maths Hub", 10);
    ss.toast("Done");
    expect(
      ss._toasts.map(({ message, title, timeoutSeconds }) => [message, title, timeoutSeconds]),
    ).toEqual([
      ["12 applications processed", "Maths Hub", 10],
      ["Done", "", 5],
    ]);
  });

  it(`getFormUrl answers once the Forms emulator links a sheet (${REF}/sheet#getFormUrl())`, () => {
    const { ss, sheet } = setup();
    expect([ss.getFormUrl(), sheet.getFormUrl()]).toEqual([null, null]);
    const responses = ss.insertSheet("Form Responses 1");
    responses._setFormUrl("https://docs.google.com/forms/d/abc/edit");
    expect([ss.getFormUrl(), responses.getFormUrl()]).toEqual([
      "https://docs.google.com/forms/d/abc/edit",
      "https://docs.google.com/forms/d/abc/edit",
    ]);
  });

  it("serves as the Forms emulator's response destination (its SpreadsheetLike), growing the grid uncharged", () => {
    const { rt, ss } = setup();
    const like: SpreadsheetLike = ss;
    const sheet = rt.uncharged(() => like.insertSheet("Form Responses 1"));
    rt.uncharged(() => ensureGrid(sheet, 1005, 30));
    expect([
      ss.getSheetByName("Form Responses 1")!.getMaxRows(),
      ss.getSheetByName("Form Responses 1")!.getMaxColumns(),
    ]).toEqual([1005, 30]);
    expect(rt.callCounts()).toEqual({
      "Spreadsheet.getSheetByName": 2,
      "Sheet.getMaxRows": 1,
      "Sheet.getMaxColumns": 1,
    });
  });

  it(`openById / openByUrl find a spreadsheet; unknown ids and strangers fail like Google (${REF}/spreadsheet-app#openById(String))`, () => {
    const { app, ss, actAs } = setup();
    expect(app.openById(ss.getId())).toBe(ss);
    expect(app.openByUrl(ss.getUrl())).toBe(ss);
    expect(() => app.openById("nope")).toThrow(
      "Unexpected error while getting the method or property openById on object SpreadsheetApp.",
    );
    expect(() => app.openByUrl("https://example.com/")).toThrow("Invalid argument: url");
    actAs("applicant@school.example");
    expect(() => app.openById(ss.getId())).toThrow(
      "You do not have permission to access the requested document.",
    );
  });

  it(`owner, editors and the active user's view (${REF}/spreadsheet#getEditors())`, () => {
    const { ss } = setup();
    expect(ss.getOwner()!.getEmail()).toBe(OWNER);
    ss.addEditors(["a@hub.example.org", EDITOR]).removeEditor("a@hub.example.org");
    expect(ss.getEditors().map((u) => u.getEmail())).toEqual([OWNER, EDITOR]);
  });

  it(`getUi returns what the runner provides, and the selection is settable by the runner (${REF}/spreadsheet#getActiveRange())`, () => {
    const ui = { marker: "ui" };
    const { app, ss, sheet } = setup({ ui: () => ui });
    expect(app.getUi()).toBe(ui);
    expect(ss.getActiveRange().getA1Notation()).toBe("A1");
    ss._setActiveRange(sheet, "C4:D6");
    expect(ss.getActiveRange().getA1Notation()).toBe("C4:D6");
    expect(ss.getSelection().getCurrentCell().getA1Notation()).toBe("C4");
  });

  it(`formatting setters are chainable and recorded (${REF}/range#setFontWeight(String))`, () => {
    const { sheet } = setup();
    const r = sheet
      .getRange("A1:C1")
      .setFontWeight("bold")
      .setBackground("#d9ead3")
      .setWrap(true)
      .setHorizontalAlignment("center");
    expect([
      r.getFontWeights()[0],
      r.getBackground(),
      r.getWrap(),
      r.getHorizontalAlignment(),
    ]).toEqual([["bold", "bold", "bold"], "#d9ead3", true, "center"]);
    sheet.setFrozenRows(1);
    sheet.setTabColor("#ff9900");
    sheet.getRange("A2").setValue("A much longer piece of text");
    sheet.autoResizeColumns(1, 2);
    expect([
      sheet.getFrozenRows(),
      sheet.getTabColor(),
      sheet.getColumnWidth(1) > 100,
      sheet.getColumnWidth(2),
    ]).toEqual([1, "#ff9900", true, 100]);
  });
});

describe("call counting (https://developers.google.com/apps-script/guides/support/best-practices#use_batch_operations)", () => {
  it("reading a 10,000-row sheet once costs one getValues call, charged per cell", () => {
    const { rt, sheet } = setup();
    sheet.insertRowsAfter(1000, 9000);
    const rows = Array.from({ length: 10_000 }, (_, i) => [i, `name ${i}`, "x"]);
    sheet.getRange(1, 1, 10_000, 3).setValues(rows);
    rt.resetCounts();
    const values = sheet.getDataRange().getValues();
    expect(values).toHaveLength(10_000);
    expect(rt.callCounts()).toEqual({ "Sheet.getDataRange": 1, "Range.getValues": 1 });
  });

  it("counts each method by its Apps Script name, including flush", () => {
    const { rt, app, sheet } = setup();
    sheet.getRange("A1").setValue(1);
    sheet.getLastRow();
    app.flush();
    expect(rt.callCounts()).toEqual({
      "Sheet.getRange": 1,
      "Range.setValue": 1,
      "Sheet.getLastRow": 1,
      "SpreadsheetApp.flush": 1,
    });
  });

  it("a read after a buffered write pays a flush, so interleaving get/set costs more (latency model)", () => {
    const a = setup();
    const b = setup();
    const interleaved = () => {
      for (let i = 1; i <= 20; i++) {
        a.sheet.getRange(i, 1).setValue(i);
        a.sheet.getLastRow();
      }
    };
    const batched = () => {
      for (let i = 1; i <= 20; i++) b.sheet.getRange(i, 1).setValue(i);
      for (let i = 1; i <= 20; i++) b.sheet.getLastRow();
    };
    const t0a = a.rt.nowMillis();
    interleaved();
    const t0b = b.rt.nowMillis();
    batched();
    expect(a.rt.nowMillis() - t0a).toBeGreaterThan(b.rt.nowMillis() - t0b);
    expect(a.rt.totalCalls()).toBe(b.rt.totalCalls());
  });

  it("an injected fault in Range.setValues (or a killed execution) leaves the sheet unchanged", () => {
    const { rt, sheet } = setup();
    rt.addFault({
      method: "Range.setValues",
      nth: 1,
      action: "throw",
      message: "Service unavailable: Spreadsheets",
    });
    expect(() => sheet.getRange("A1:B1").setValues([["r-1", "x"]])).toThrow(
      "Service unavailable: Spreadsheets",
    );
    rt.addFault({
      method: "Sheet.appendRow",
      nth: 1,
      action: "kill",
      message: "Exceeded maximum execution time",
    });
    rt.beginExecution("test", "menu");
    expect(() => sheet.appendRow(["r-2"])).toThrow("Exceeded maximum execution time");
    rt.endExecution();
    expect(sheet.getLastRow()).toBe(0);
  });

  it("internal work in rt.uncharged is not counted", () => {
    const { rt, sheet } = setup();
    rt.uncharged(() =>
      sheet.getRange("A1:B2").setValues([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(rt.totalCalls()).toBe(0);
    expect(sheet.getRange("B2").getValue()).toBe(4);
  });
});

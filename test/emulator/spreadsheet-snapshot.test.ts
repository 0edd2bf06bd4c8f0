// Snapshots: a hub's spreadsheet saved as plain JSON and loaded again, unchanged.
import { Runtime } from "../../emulator/core/runtime";
import {
  Charts,
  EmuSpreadsheetApp,
  type SpreadsheetSnapshot,
} from "../../emulator/services/spreadsheet";
import { EDITOR, OWNER, setup } from "./spreadsheet-helpers";

/** A spreadsheet using every feature the snapshot records. */
function richHub() {
  const env = setup();
  const { app, ss, sheet } = env;
  sheet.setName("Applications");
  sheet
    .getRange("A1:E1")
    .setValues([["Response ID", "Submitted", "URN", "Verdict", "Formula"]])
    .setFontWeight("bold");
  sheet.getRange("A2:E3").setValues([
    ["r-1", new Date("2024-03-29T16:59:59.123Z"), "'000123", "ELIGIBLE", "=COUNTA(A:A)"],
    ["r-2", "2024-07-10 09:30", 136278, "REVIEW", "+SUM(C2:C3)"],
  ]);
  sheet.getRange("B2:B3").setNumberFormat("yyyy-mm-dd hh:mm");
  sheet.getRange("D2").setNote("Checked by lead");
  sheet
    .getRange("D2:D1000")
    .setDataValidation(
      app
        .newDataValidation()
        .requireValueInList(["ELIGIBLE", "REVIEW", "INELIGIBLE"])
        .setAllowInvalid(false)
        .setHelpText("Verdict")
        .build(),
    );
  sheet
    .getRange("F2:G3")
    .setDataValidation(
      app
        .newDataValidation()
        .requireDateBetween(new Date("2024-09-01T00:00:00Z"), new Date("2025-08-31T00:00:00Z"))
        .build(),
    );
  sheet
    .getRange("H2:H3")
    .setDataValidation(
      app.newDataValidation().requireValueInRange(sheet.getRange("D1:D3")).build(),
    );
  sheet.getRange("I2:I3").insertCheckboxes();
  sheet
    .getRange("J2")
    .setRichTextValue(
      app.newRichTextValue().setText("Form").setLinkUrl("https://forms.example/1").build(),
    );
  const p = sheet.getRange("A1:E1").protect().setDescription("Headers");
  p.removeEditor(EDITOR);
  sheet
    .protect()
    .setWarningOnly(true)
    .setUnprotectedRanges([sheet.getRange("K2:K100")]);
  sheet.setFrozenRows(1);
  sheet.setColumnWidth(1, 180);
  sheet.setRowHeight(1, 30);
  sheet.hideColumns(12);
  sheet.setTabColor("#3366ff");
  sheet._setFormUrl("https://docs.google.com/forms/d/form-1/edit");
  sheet.getRange("A10:B10").merge();
  sheet.getRange("A1:E3").createFilter();
  sheet.addDeveloperMetadata("mhr.sheet", "applications");
  sheet.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenTextEqualTo("INELIGIBLE")
      .setBackground("#f4cccc")
      .setRanges([sheet.getRange("D2:D1000")])
      .build(),
  ]);
  sheet.getRange("A20:C30").applyRowBanding(app.BandingTheme.BLUE).setHeaderRowColor("#1155cc");
  sheet.setHiddenGridlines(true);
  const dash = ss.insertSheet("Dashboard");
  dash.getRange("A1:B3").setValues([
    ["Verdict", "Count"],
    ["ELIGIBLE", 1],
    ["REVIEW", 1],
  ]);
  dash.insertChart(
    dash
      .newChart()
      .asColumnChart()
      .addRange(dash.getRange("A1:B3"))
      .setPosition(1, 4, 0, 0)
      .setTitle("Verdicts")
      .build(),
  );
  dash.hideSheet();
  ss.setNamedRange("Verdicts", sheet.getRange("D2:D3"));
  ss.addDeveloperMetadata("mhr.version", "1");
  ss.setActiveSheet(sheet);
  return env;
}

describe("snapshots (plain JSON for hub.xlsx / state)", () => {
  it("toSnapshot → fromSnapshot → toSnapshot is identical", () => {
    const { ss } = richHub();
    const first = ss.toSnapshot();
    const app2 = EmuSpreadsheetApp.fromSnapshot(
      new Runtime(),
      [JSON.parse(JSON.stringify(first)) as SpreadsheetSnapshot],
      { owner: OWNER },
    );
    expect(app2._all()[0].toSnapshot()).toEqual(first);
  });

  it("is plain JSON: dates as {$date}, formulas sparse with #ERROR! values, values trimmed to the data", () => {
    const { ss } = richHub();
    const snap = ss.toSnapshot();
    expect(JSON.parse(JSON.stringify(snap))).toEqual(snap);
    const apps = snap.sheets[0];
    expect(apps.values).toHaveLength(3); // the merge at A10 holds nothing
    expect(apps.values[0]).toHaveLength(10); // J2 holds the rich-text link
    expect(apps.values[1].slice(0, 5)).toEqual([
      "r-1",
      { $date: "2024-03-29T16:59:59.123Z" },
      "000123",
      "ELIGIBLE",
      "#ERROR!",
    ]);
    expect(apps.formulas).toEqual({ E2: "=COUNTA(A:A)", E3: "=+SUM(C2:C3)" });
    expect(apps.numberFormats.B2).toBe("yyyy-mm-dd hh:mm");
    expect(apps.notes).toEqual({ D2: "Checked by lead" });
    expect(apps.formats.A1).toEqual({ fontWeight: "bold" });
    expect(apps.links).toEqual({ J2: "https://forms.example/1" });
    expect(apps.validations.find((v) => v.range === "D2:D1000")).toEqual({
      range: "D2:D1000",
      criteria: "VALUE_IN_LIST",
      values: [["ELIGIBLE", "REVIEW", "INELIGIBLE"], true],
      allowInvalid: false,
      helpText: "Verdict",
    });
    expect(apps.validations.find((v) => v.range === "F2:G3")?.values).toEqual([
      { $date: "2024-09-01T00:00:00.000Z" },
      { $date: "2025-08-31T00:00:00.000Z" },
    ]);
    expect(apps.validations.find((v) => v.range === "H2:H3")?.values).toEqual([
      { $range: "Applications!D1:D3" },
      true,
    ]);
    expect(apps.protections).toEqual([
      {
        type: "RANGE",
        range: "A1:E1",
        description: "Headers",
        warningOnly: false,
        domainEdit: false,
        editors: [OWNER],
        unprotectedRanges: [],
      },
      {
        type: "SHEET",
        range: null,
        description: "",
        warningOnly: true,
        domainEdit: false,
        editors: null,
        unprotectedRanges: ["K2:K100"],
      },
    ]);
    expect([
      apps.frozenRows,
      apps.columnWidths,
      apps.rowHeights,
      apps.hiddenColumns,
      apps.tabColor,
    ]).toEqual([1, { "1": 180 }, { "1": 30 }, [12], "#3366ff"]);
    expect([apps.formUrl, apps.merges, apps.filter]).toEqual([
      "https://docs.google.com/forms/d/form-1/edit",
      ["A10:B10"],
      { range: "A1:E3" },
    ]);
    expect(apps.conditionalFormats).toEqual([
      {
        ranges: ["D2:D1000"],
        criteria: "TEXT_EQUAL_TO",
        values: ["INELIGIBLE"],
        style: { background: "#f4cccc" },
      },
    ]);
    expect(apps.bandings).toEqual([
      {
        range: "A20:C30",
        theme: "BLUE",
        showHeader: true,
        showFooter: false,
        colors: { header: "#1155cc" },
      },
    ]);
    expect(apps.hiddenGridlines).toBe(true);
    const dash = snap.sheets[1];
    expect(dash.hidden).toBe(true);
    expect(dash.charts).toEqual([
      {
        chartId: 1,
        type: Charts.ChartType.COLUMN,
        ranges: ["Dashboard!A1:B3"],
        position: { anchorRow: 1, anchorColumn: 4, offsetX: 0, offsetY: 0 },
        options: { title: "Verdicts" },
        numHeaders: -1,
        transpose: false,
        mergeStrategy: "MERGE_COLUMNS",
        hiddenDimensionStrategy: "IGNORE_BOTH",
      },
    ]);
    expect(snap.namedRanges).toEqual([{ name: "Verdicts", range: "Applications!D2:D3" }]);
    expect([snap.owner, snap.editors, snap.timeZone, snap.activeSheetId]).toEqual([
      OWNER,
      [EDITOR],
      "Europe/London",
      apps.id,
    ]);
  });

  it("a loaded spreadsheet behaves as before: text stays text, dates are instants, rules and protections work", () => {
    const { ss } = richHub();
    let user = EDITOR;
    const app2 = EmuSpreadsheetApp.fromSnapshot(new Runtime(), [ss.toSnapshot()], {
      owner: OWNER,
      _activeUser: () => user,
    });
    const loaded = app2.getActiveSpreadsheet()!;
    const sheet = loaded.getSheetByName("Applications")!;
    expect(sheet.getRange("C2").getValue()).toBe("000123");
    expect((sheet.getRange("B3").getValue() as Date).toISOString()).toBe(
      "2024-07-10T08:30:00.000Z",
    );
    expect(sheet.getRange("E3").getFormula()).toBe("=+SUM(C2:C3)");
    expect(sheet.getRange("D500").getDataValidation()!.getCriteriaValues()[0]).toEqual([
      "ELIGIBLE",
      "REVIEW",
      "INELIGIBLE",
    ]);
    expect(sheet.getRange("H2").getDataValidation()!.getCriteriaValues()[0]).toMatchObject({
      _row: 1,
      _col: 4,
    });
    expect(() => sheet.getRange("A1").setValue("x")).toThrow("protected cell");
    expect(loaded.getRangeByName("Verdicts")!.getValues()).toEqual([["ELIGIBLE"], ["REVIEW"]]);
    expect(loaded.getSheetByName("Dashboard")!.getCharts()[0].getOptions().get("title")).toBe(
      "Verdicts",
    );
    user = OWNER;
    sheet.getRange("A4").setValue("r-3");
    expect(sheet.getLastRow()).toBe(4);
  });

  it("an app restored from several snapshots opens each by id; new ids do not collide", () => {
    const a = setup();
    const other = a.app._createSpreadsheet({ name: "Cohort export" });
    const app2 = EmuSpreadsheetApp.fromSnapshot(new Runtime(), a.app._toSnapshots(), {
      owner: OWNER,
    });
    expect(app2.openById(other.getId()).getName()).toBe("Cohort export");
    const created = app2.create("Another");
    expect(app2._all().map((s) => s.getId())).toHaveLength(
      new Set(app2._all().map((s) => s.getId())).size,
    );
    expect(created.getSheets()[0].getSheetId()).toBe(0);
  });
});

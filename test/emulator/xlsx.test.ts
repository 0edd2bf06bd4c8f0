// hub.xlsx + state.json: a spreadsheet written to an .xlsx (cells and presentation) and a JSON
// remainder, read back unchanged; edits made to the .xlsx by another program are picked up.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { Runtime } from "../../emulator/core/runtime";
import {
  readHubXlsx,
  snapshotWithoutCells,
  UNSET_DATE_FORMAT,
  writeHubXlsx,
} from "../../emulator/runner/xlsx";
import { EmuSpreadsheetApp, type SpreadsheetSnapshot } from "../../emulator/services/spreadsheet";
import { EDITOR, OWNER, setup } from "./spreadsheet-helpers";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "hub-xlsx-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

let fileCount = 0;
function file(): string {
  fileCount += 1;
  return join(dir, `hub-${fileCount}.xlsx`);
}

/** What the runner does: hub.xlsx plus state.json (through JSON, as on disk). */
async function save(
  snap: SpreadsheetSnapshot,
): Promise<{ path: string; state: SpreadsheetSnapshot }> {
  const path = file();
  await writeHubXlsx(snap, path);
  const state = JSON.parse(JSON.stringify(snapshotWithoutCells(snap))) as SpreadsheetSnapshot;
  return { path, state };
}

async function roundTrip(
  snap: SpreadsheetSnapshot,
): Promise<{ back: SpreadsheetSnapshot; state: SpreadsheetSnapshot; path: string }> {
  const { path, state } = await save(snap);
  const back = await readHubXlsx(path, state);
  return { back, state, path };
}

async function openXlsx(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** Loads a snapshot into a fresh emulator and snapshots it again (it must be a valid one). */
function reload(snap: SpreadsheetSnapshot): SpreadsheetSnapshot {
  const app = EmuSpreadsheetApp.fromSnapshot(
    new Runtime(),
    [JSON.parse(JSON.stringify(snap)) as SpreadsheetSnapshot],
    { owner: OWNER },
  );
  return app._all()[0].toSnapshot();
}

/** A hub spreadsheet using everything a hub's spreadsheet holds. */
function richHub() {
  const env = setup();
  const { app, ss, sheet } = env;
  sheet.setName("Applications");
  sheet
    .getRange("A1:F1")
    .setValues([["Response ID", "Submitted", "URN", "Verdict", "Formula", "Score"]])
    .setFontWeight("bold");
  sheet.getRange("A2:F4").setValues([
    ["r-1", new Date("2024-03-29T16:59:59.123Z"), "'000123", "ELIGIBLE", "=COUNTA(A:A)", 1.5],
    ["r-2", "2024-07-10 09:30", 136278, "REVIEW", "+SUM(C2:C3)", -0.1 + 0.3],
    [
      "'=not a formula",
      new Date("1999-12-31T23:59:59.999Z"),
      true,
      false,
      "'+44 7700 900123",
      1e-12,
    ],
  ]);
  sheet.getRange("B2:B3").setNumberFormat("yyyy-mm-dd hh:mm");
  sheet.getRange("F2:F4").setNumberFormat("0.00");
  sheet.getRange("D2").setNote("Checked by lead\nsecond line");
  sheet.getRange("G10").setNote("A note on an empty cell");
  sheet.getRange("H2:H500").setNumberFormat("@");
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
    .getRange("I2:J3")
    .setDataValidation(
      app
        .newDataValidation()
        .requireDateBetween(new Date("2024-09-01T00:00:00Z"), new Date("2025-08-31T00:00:00Z"))
        .build(),
    );
  sheet
    .getRange("K2:K3")
    .setDataValidation(
      app.newDataValidation().requireValueInRange(sheet.getRange("D1:D3")).build(),
    );
  sheet.getRange("L2:L3").insertCheckboxes();
  sheet
    .getRange("M2:M50")
    .setDataValidation(
      app.newDataValidation().requireNumberBetween(0, 100).setAllowInvalid(false).build(),
    );
  sheet
    .getRange("N2:N50")
    .setDataValidation(app.newDataValidation().requireFormulaSatisfied("=LEN(N2)<10").build());
  sheet
    .getRange("O2")
    .setRichTextValue(
      app.newRichTextValue().setText("Form").setLinkUrl("https://forms.example/1?a=1&b=2").build(),
    );
  sheet
    .getRange("A1:F1")
    .setBackground("#d9ead3")
    .setFontColor("#1155cc")
    .setHorizontalAlignment("center")
    .setWrap(true);
  sheet
    .getRange("B2")
    .setFontStyle("italic")
    .setFontSize(12)
    .setFontFamily("Arial")
    .setVerticalAlignment("top")
    .setFontLine("underline");
  sheet.getRange("C2").setBorder(true, true, true, true, false, false);
  const p = sheet.getRange("A1:F1").protect().setDescription("Headers");
  p.removeEditor(EDITOR);
  sheet
    .protect()
    .setWarningOnly(true)
    .setUnprotectedRanges([sheet.getRange("P2:P100")]);
  sheet.setFrozenRows(1);
  sheet.setFrozenColumns(2);
  sheet.setColumnWidth(1, 180);
  sheet.setColumnWidth(2, 63); // exactly exceljs's default width, 9 units
  sheet.setRowHeight(1, 30);
  sheet.hideColumns(12);
  sheet.hideRows(7);
  sheet.setTabColor("#3366ff");
  sheet._setFormUrl("https://docs.google.com/forms/d/form-1/edit");
  sheet.getRange("A10:B10").merge();
  sheet.getRange("A1:F4").createFilter();
  sheet.addDeveloperMetadata("mhr.sheet", "applications");
  sheet.setConditionalFormatRules([
    app
      .newConditionalFormatRule()
      .whenTextEqualTo("INELIGIBLE")
      .setBackground("#f4cccc")
      .setRanges([sheet.getRange("D2:D1000")])
      .build(),
  ]);
  sheet.getRange("A20:C30").applyRowBanding(app.BandingTheme.BLUE);
  sheet.setHiddenGridlines(true);
  const dash = ss.insertSheet("Dashboard");
  dash.getRange("A1:B3").setValues([
    ["Verdict", "Count"],
    ["ELIGIBLE", "=COUNTIF(Applications!D:D,A2)"],
    ["REVIEW", "=COUNTIF(Applications!D:D,A3)"],
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
  const schools = ss.insertSheet("Schools");
  schools.getRange("A1:C2").setValues([
    ["URN", "Name", "Town"],
    [100000, "St Thomas à Becket Catholic Primary 🎓", "Ashford"],
  ]);
  ss.setNamedRange("Verdicts", sheet.getRange("D2:D3"));
  ss.setNamedRange("SchoolList", schools.getRange("A1:C2"));
  ss.addDeveloperMetadata("mhr.version", "1");
  ss.setActiveSheet(sheet);
  return env;
}

describe("hub.xlsx + state.json", () => {
  it("a hub's spreadsheet written and read back is identical, and loads into the emulator", async () => {
    const { ss } = richHub();
    const snap = ss.toSnapshot();
    const { back } = await roundTrip(snap);
    expect(back).toEqual(snap);
    expect(reload(back)).toEqual(snap);
  });

  it("state.json holds no cell data for it: the xlsx is the single source of cells", async () => {
    const { ss } = richHub();
    const state = snapshotWithoutCells(ss.toSnapshot());
    const apps = state.sheets[0];
    expect([
      apps.values,
      apps.formulas,
      apps.numberFormats,
      apps.notes,
      apps.formats,
      apps.links,
    ]).toEqual([[], {}, {}, {}, {}, {}]);
    expect([
      apps.frozenRows,
      apps.frozenColumns,
      apps.columnWidths,
      apps.rowHeights,
      apps.hiddenColumns,
      apps.hiddenRows,
      apps.tabColor,
    ]).toEqual([0, 0, {}, {}, [], [], null]);
    expect([apps.merges, apps.filter]).toEqual([[], { range: "A1:F4" }]); // the filter: see xlsx.ts
    // Only the checkbox rule has no Excel form.
    expect(apps.validations.map((v) => [v.range, v.criteria])).toEqual([["L2:L3", "CHECKBOX"]]);
    // The rest of the sheet stays.
    expect(apps.protections).toHaveLength(2);
    expect(apps.conditionalFormats).toHaveLength(1);
    expect(apps.bandings).toHaveLength(1);
    expect([apps.formUrl, apps.id, apps.name, apps.maxRows, apps.hiddenGridlines]).toEqual([
      "https://docs.google.com/forms/d/form-1/edit",
      0,
      "Applications",
      1000,
      true,
    ]);
    expect(state.sheets[1].values).toEqual([]);
    expect(state.sheets[1].charts).toHaveLength(1);
    expect(state.namedRanges).toHaveLength(2);
  });

  it("the xlsx is an ordinary workbook: Excel types, wall-clock dates, formats, notes, panes, widths, rules", async () => {
    const { ss } = richHub();
    const { path } = await save(ss.toSnapshot());
    const wb = await openXlsx(path);
    expect(wb.worksheets.map((w) => [w.name, w.state])).toEqual([
      ["Applications", "visible"],
      ["Dashboard", "hidden"],
      ["Schools", "visible"],
    ]);
    const ws = wb.getWorksheet("Applications") as ExcelJS.Worksheet;
    expect(ws.getCell("A4").value).toBe("=not a formula"); // text, not a formula
    expect(ws.getCell("A4").type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell("E2").formula).toBe("COUNTA(A:A)");
    expect(ws.getCell("E3").formula).toBe("+SUM(C2:C3)");
    expect(ws.getCell("C2").value).toBe("000123");
    expect(ws.getCell("C4").value).toBe(true);
    // 2024-07-10 09:30 typed in Europe/London (BST) is 08:30Z; the xlsx shows the wall clock 09:30.
    expect((ws.getCell("B3").value as Date).toISOString()).toBe("2024-07-10T09:30:00.000Z");
    expect(ws.getCell("B3").numFmt).toBe("yyyy-mm-dd hh:mm");
    expect((ws.getCell("B4").value as Date).toISOString()).toBe("1999-12-31T23:59:59.999Z"); // GMT in winter
    expect(ws.getCell("B4").numFmt).toBe(UNSET_DATE_FORMAT);
    expect(ws.getCell("D2").note).toBe("Checked by lead\nsecond line");
    expect(ws.getCell("A1").font).toEqual({
      name: "Calibri",
      size: 11,
      bold: true,
      color: { argb: "FF1155CC" },
    });
    expect(ws.getCell("A1").fill).toEqual({
      type: "pattern",
      pattern: "solid",
      fgColor: { argb: "FFD9EAD3" },
    });
    expect(ws.getCell("O2").value).toEqual({
      text: "Form",
      hyperlink: "https://forms.example/1?a=1&b=2",
    });
    expect(ws.views[0]).toMatchObject({
      state: "frozen",
      xSplit: 2,
      ySplit: 1,
      showGridLines: false,
    });
    expect(ws.getColumn(1).width).toBeCloseTo(180 / 7, 12);
    expect(ws.getColumn(12).hidden).toBe(true);
    expect(ws.getRow(1).height).toBe(22.5);
    expect(ws.getRow(7).hidden).toBe(true);
    expect(ws.properties.tabColor).toEqual({ argb: "FF3366FF" });
    expect(ws.getCell("D500").dataValidation).toMatchObject({
      type: "list",
      formulae: ['"ELIGIBLE,REVIEW,INELIGIBLE"'],
      prompt: "Verdict",
    });
    expect(ws.getCell("K2").dataValidation).toMatchObject({
      type: "list",
      formulae: ["'Applications'!$D$1:$D$3"],
    });
    expect(ws.getCell("M2").dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      formulae: [0, 100],
    });
    expect(ws.getCell("N2").dataValidation).toMatchObject({
      type: "custom",
      formulae: ["LEN(N2)<10"],
    });
    expect(ws.getCell("L2").dataValidation).toBeUndefined(); // checkboxes live in state.json
    expect(ws.getCell("B10").isMerged).toBe(true);
    expect(ws.autoFilter).toBe("A1:F4");
  });

  it("dates come back to the millisecond, including the hour that happens twice in October", async () => {
    const { ss, sheet } = setup();
    // Random instants from 1900 to 2100, a fixed seed.
    let seed = 12345;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const from = Date.UTC(1900, 2, 1);
    const to = Date.UTC(2100, 0, 1);
    const rows: Date[][] = [];
    for (let i = 0; i < 2000; i++) rows.push([new Date(Math.floor(from + rand() * (to - from)))]);
    // 01:30 BST and 01:30 GMT on 27 October 2024 are both 01:30 on the wall clock.
    rows.push([new Date("2024-10-27T00:30:00.001Z")], [new Date("2024-10-27T01:30:00.001Z")]);
    // Spring forward, midnight, the first day of the 1900 date system, a time-only value.
    rows.push(
      [new Date("2024-03-31T01:00:00.000Z")],
      [new Date("2024-01-01T00:00:00.000Z")],
      [new Date("1900-03-01T00:00:00.000Z")],
    );
    sheet.insertRowsAfter(1000, rows.length);
    sheet.getRange(1, 1, rows.length, 1).setValues(rows);
    sheet.getRange(rows.length + 1, 1).setValue("10:30:15");
    const snap = ss.toSnapshot();
    const { back, state } = await roundTrip(snap);
    expect(back).toEqual(snap);
    // Only the second 01:30 needs state.json.
    const kept = state.sheets[0].values.flatMap((r) => r.filter((v) => v !== ""));
    expect(kept).toEqual([{ $date: "2024-10-27T01:30:00.001Z" }]);
  });

  it("keeps in state.json, exactly, what the xlsx cannot hold, and only that", async () => {
    const { app, ss, sheet } = setup();
    sheet.getRange("A1:A3").setValues([[45000.25], [new Date("2024-05-01T12:00:00Z")], [0.5]]);
    sheet.getRange("A1").setNumberFormat("dd/mm/yyyy"); // a number shown as a date
    sheet.getRange("A2").setNumberFormat("0.00"); // a date shown as a number
    sheet.getRange("A3").setNumberFormat("0.0"); // then reset: the emulator keeps no "General"
    sheet.getRange("A3").setNumberFormat("General");
    sheet
      .getRange("A4")
      .setValue(new Date("2024-05-01T12:00:00Z"))
      .setNumberFormat(UNSET_DATE_FORMAT);
    sheet.getRange("A5").setValue("x".repeat(40_000));
    sheet.getRange("A6").setValue("bold off").setFontWeight("normal");
    sheet.getRange("A7").setValue("shouty").setFontColor("#FF0000").setBackground("red");
    sheet
      .getRange("A8")
      .setRichTextValue(app.newRichTextValue().setText("internal").setLinkUrl("#gid=123").build());
    sheet.getRange("A9").setFormula('=A1&"\u0001"').setNote("a\u0001b"); // the note is escaped; the formula cannot be
    sheet.getRange("B1").setValue("plain").setNumberFormat("0;\n0"); // a line break in a number format
    sheet.setColumnWidth(3, 100);
    sheet.setColumnWidth(4, 180.5);
    sheet.setColumnWidth(5, 0);
    sheet.setRowHeight(3, 21);
    sheet.setTabColor("red");
    sheet
      .getRange("F1:F3")
      .setDataValidation(app.newDataValidation().requireValueInList(["a,b", "c"]).build());
    sheet
      .getRange("G1:G3")
      .setDataValidation(app.newDataValidation().requireValueInList(["a", "b"], false).build());
    sheet
      .getRange("H1:H3")
      .setDataValidation(app.newDataValidation().requireTextContains("@").build());
    sheet
      .getRange("I1:I3")
      .setDataValidation(
        app.newDataValidation().requireValueInList(["x"]).setHelpText("two\nlines").build(),
      );
    sheet.getRange("J1").setValue("hidden by the merge");
    sheet.getRange("I1:J1").merge();
    const snap = ss.toSnapshot();
    const { back, state } = await roundTrip(snap);
    expect(back).toEqual(snap);
    const st = state.sheets[0];
    expect(Object.keys(st.numberFormats).sort()).toEqual(["A1", "A2", "A4", "B1"]);
    expect(Object.keys(st.formats).sort()).toEqual(["A6", "A7"]);
    expect(st.links).toEqual({ A8: "#gid=123" });
    expect(st.formulas).toEqual({ A9: '=A1&"\u0001"' });
    expect(st.notes).toEqual({ A9: "a\u0001b" }); // with its cell
    expect(st.values[4][0]).toHaveLength(40_000);
    expect(st.columnWidths).toEqual({ "3": 100, "4": 180.5, "5": 0 });
    expect(st.rowHeights).toEqual({ "3": 21 });
    expect(st.tabColor).toBe("red");
    expect(st.validations.map((v) => v.range)).toEqual(["F1:F3", "G1:G3", "H1:H3", "I1:I3"]);
    expect(st.merges).toEqual(["I1:J1"]);
  });

  it("unicode, control characters, line breaks, spaces and _xHHHH_ text survive", async () => {
    const { ss, sheet } = setup();
    const texts = [
      "St Thomas à Becket",
      "Ysgol Gymraeg Llundain 🏴󠁧󠁢󠁷󠁬󠁳󠁿 🎉👩‍🏫",
      "日本語 한국어 العربية",
      "e\u0301 (combining)",
      "  leading and trailing  ",
      "line 1\r\nline 2\rline 3\nline 4\ttab",
      "bell \u0007 and \u0000 and \u001f and \u007f",
      "literal _x0041_ and _x005F_ and _X0041_ and _x00e9_",
      "lone \ud800 surrogate",
      "<xml> & \"quotes\" 'apostrophes'",
      "=SUM(A1:A2)", // written with a leading apostrophe below: text
      "\uFFFE\uFFFF",
    ];
    sheet
      .getRange(1, 1, texts.length, 1)
      .setValues(texts.map((t) => [t.startsWith("=") ? `'${t}` : t]));
    sheet.getRange(1, 2, texts.length, 1).setNotes(texts.map((t) => [t]));
    sheet.setName("Écoles — 2024/25: résumé [draft] with a much too long name");
    ss.insertSheet("History");
    ss.insertSheet("Ysgolion 🏫");
    const snap = ss.toSnapshot();
    expect(snap.sheets[0].values.map((r) => r[0])).toEqual(texts);
    const { back, state, path } = await roundTrip(snap);
    expect(back).toEqual(snap);
    expect(state.sheets[0].values).toEqual([]);
    expect(state.sheets[0].notes).toEqual({});
    const wb = await openXlsx(path);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "Écoles — 2024_25_ résumé _draft",
      "History_",
      "Ysgolion 🏫",
    ]);
    expect(wb.worksheets[0].getCell("A1").value).toBe("St Thomas à Becket");
  });

  it("picks up edits made to the xlsx by another program (values, rows, sheets)", async () => {
    const { ss } = richHub();
    const snap = ss.toSnapshot();
    const { path, state } = await save(snap);
    // Edit as LibreOffice would: change a value, add a row at the end, insert a row at the top
    // of the data (everything below moves), add a sheet, delete the Schools sheet.
    const wb = await openXlsx(path);
    const ws = wb.getWorksheet("Applications") as ExcelJS.Worksheet;
    ws.spliceRows(2, 0, ["r-0", "typed in LibreOffice"]);
    ws.getCell("D4").value = "INELIGIBLE";
    ws.getCell("D4").note = "Changed in Excel";
    ws.getRow(6).values = ["r-3", new Date(Date.UTC(2024, 8, 1, 10, 0, 0)), 999999, "ELIGIBLE"];
    ws.getCell("B6").numFmt = "dd/mm/yyyy hh:mm";
    const extra = wb.addWorksheet("Notes from the lead");
    extra.getCell("A1").value = "Call St Thomas à Becket 📞";
    extra.getCell("B2").value = 42;
    extra.getColumn(1).width = 40;
    for (let r = 1; r <= 5; r++) {
      extra.getCell(r, 3).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: ['"Yes,No"'],
      };
    }
    wb.removeWorksheet((wb.getWorksheet("Schools") as ExcelJS.Worksheet).id);
    await wb.xlsx.writeFile(path);

    const back = await readHubXlsx(path, state);
    expect(back.sheets.map((s) => [s.name, s.index])).toEqual([
      ["Applications", 1],
      ["Dashboard", 2],
      ["Notes from the lead", 3],
    ]);
    const apps = back.sheets[0];
    expect(apps.id).toBe(snap.sheets[0].id);
    expect(apps.values[1].slice(0, 2)).toEqual(["r-0", "typed in LibreOffice"]);
    expect(apps.values[2].slice(0, 4)).toEqual(snap.sheets[0].values[1].slice(0, 4)); // moved down a row
    expect(apps.values[3][3]).toBe("INELIGIBLE");
    expect(apps.notes.D4).toBe("Changed in Excel");
    expect(apps.values[5].slice(0, 4)).toEqual([
      "r-3",
      { $date: "2024-09-01T09:00:00.000Z" },
      999999,
      "ELIGIBLE",
    ]); // 10:00 BST
    expect(apps.numberFormats.B6).toBe("dd/mm/yyyy hh:mm");
    expect(apps.formulas).toEqual({ E3: "=COUNTA(A:A)", E4: "=+SUM(C2:C3)" });
    expect(apps.protections).toEqual(snap.sheets[0].protections); // kept from state.json
    const added = back.sheets[2];
    expect(added.id).not.toBe(0);
    expect(snap.sheets.map((s) => s.id)).not.toContain(added.id);
    expect(added.values).toEqual([
      ["Call St Thomas à Becket 📞", ""],
      ["", 42],
    ]);
    expect(added.columnWidths).toEqual({ "1": 280 });
    expect(added.validations).toEqual([
      {
        range: "C1:C5",
        criteria: "VALUE_IN_LIST",
        values: [["Yes", "No"], true],
        allowInvalid: true,
        helpText: null,
      },
    ]);
    expect([added.maxRows, added.maxColumns, added.protections]).toEqual([1000, 26, []]);
    // The named range on the deleted sheet goes with it.
    expect(back.namedRanges.map((n) => n.name)).toEqual(["Verdicts"]);
    // A valid spreadsheet the emulator loads, and writes out again unchanged.
    const loaded = reload(back);
    expect(loaded.sheets.map((s) => s.name)).toEqual([
      "Applications",
      "Dashboard",
      "Notes from the lead",
    ]);
    expect(loaded.sheets[2].values).toEqual(added.values);
    const again = await roundTrip(loaded);
    expect(again.back).toEqual(loaded);
  });

  it("reads a workbook as LibreOffice saves it (its spellings of booleans, fonts, formats, sizes)", async () => {
    const { ss, sheet } = setup();
    sheet.getRange("A1:C2").setValues([
      ["Name", "Active", "Joined"],
      ["St Thomas à Becket", true, new Date("2024-06-01T08:00:00Z")],
    ]);
    sheet.getRange("A1:C1").setFontWeight("bold");
    sheet.setColumnWidth(1, 250);
    const snap = ss.toSnapshot();
    const { path, state } = await save(snap);
    // Rewrite the workbook the way LibreOffice 7 does when it saves an .xlsx.
    const wb = await openXlsx(path);
    const ws = wb.worksheets[0];
    ws.properties.defaultRowHeight = 12.8;
    ws.properties.defaultColWidth = 11.53;
    for (let r = 1; r <= 3; r++) {
      ws.getRow(r).height = 12.8; // every row gets a height, custom or not
      for (let c = 1; c <= 4; c++) {
        const cell = ws.getCell(r, c);
        const bold = r === 1 && c <= 3;
        cell.font = {
          name: "Calibri",
          size: 11,
          color: { argb: "FF000000" },
          family: 2,
          ...(bold ? { bold: true } : {}),
        };
        cell.alignment = {
          horizontal: "general" as ExcelJS.Alignment["horizontal"],
          vertical: "bottom",
          wrapText: false,
        };
        cell.numFmt = "General";
      }
    }
    ws.getCell("B2").value = { formula: "TRUE()", result: true }; // LibreOffice has no boolean cells
    ws.getCell("C2").numFmt = "dd/mm/yyyy\\ hh:mm"; // exceljs reads it as "dd/mm/yyyy hh:mm"
    ws.getColumn(1).width = 250 / 7 + 0.004; // rounded to LibreOffice's precision
    for (let c = 2; c <= 4; c++) ws.getColumn(c).width = 11.53; // the default, written out
    await wb.xlsx.writeFile(path);
    const back = (await readHubXlsx(path, state)).sheets[0];
    expect(back.values).toEqual(snap.sheets[0].values);
    expect(back.formats).toEqual({
      A1: { fontWeight: "bold" },
      B1: { fontWeight: "bold" },
      C1: { fontWeight: "bold" },
    });
    expect(back.numberFormats).toEqual({ C2: "dd/mm/yyyy hh:mm" });
    expect(back.formulas).toEqual({});
    expect(back.columnWidths).toEqual({ "1": 250 });
    expect(back.rowHeights).toEqual({});
  });

  it("an edit to a cell kept in state.json wins over state.json", async () => {
    const { ss, sheet } = setup();
    sheet.getRange("A1").setValue(new Date("2024-10-27T01:30:00Z")); // the second 01:30
    sheet.getRange("A2").setValue("keep");
    const snap = ss.toSnapshot();
    const { path, state } = await save(snap);
    expect(state.sheets[0].values[0][0]).toEqual({ $date: "2024-10-27T01:30:00.000Z" });
    expect((await readHubXlsx(path, state)).sheets[0].values[0][0]).toEqual({
      $date: "2024-10-27T01:30:00.000Z",
    });
    const wb = await openXlsx(path);
    wb.worksheets[0].getCell("A1").value = "replaced";
    await wb.xlsx.writeFile(path);
    const back = await readHubXlsx(path, state);
    expect(back.sheets[0].values).toEqual([["replaced"], ["keep"]]);
  });

  it("10,000 rows x 24 columns write and read in a few seconds", async () => {
    const { ss, sheet } = setup();
    sheet.insertRowsAfter(1000, 9000);
    const base = Date.UTC(2024, 0, 1);
    const rows = Array.from({ length: 10_000 }, (_, r) =>
      Array.from({ length: 24 }, (_, c) => {
        switch (c % 6) {
          case 0:
            return `R-${r}-${c} St Thomas à Becket`;
          case 1:
            return r * 24 + c + 0.25;
          case 2:
            return new Date(base + r * 3_600_123);
          case 3:
            return r % 2 === 0;
          case 4:
            return `'${String(r).padStart(6, "0")}`;
          default:
            return r % 100 === 0 ? `=ROW()*${c}` : "";
        }
      }),
    );
    sheet.getRange(1, 1, 10_000, 24).setValues(rows);
    sheet.getRange("C1:C10000").setNumberFormat("dd/mm/yyyy hh:mm:ss");
    const snap = ss.toSnapshot();
    const path = file();
    const t0 = performance.now();
    await writeHubXlsx(snap, path);
    const t1 = performance.now();
    const state = snapshotWithoutCells(snap);
    const t2 = performance.now();
    const back = await readHubXlsx(path, state);
    const t3 = performance.now();
    expect(back).toEqual(snap);
    console.log(
      `10,000 x 24: write ${Math.round(t1 - t0)} ms, snapshotWithoutCells ${Math.round(t2 - t1)} ms, read ${Math.round(t3 - t2)} ms`,
    );
    expect(t1 - t0).toBeLessThan(15_000);
    expect(t3 - t2).toBeLessThan(15_000);
  });

  it("a full snapshot may be given as the base too", async () => {
    const { ss } = richHub();
    const snap = ss.toSnapshot();
    const path = file();
    await writeHubXlsx(snap, path);
    expect(await readHubXlsx(path, snap)).toEqual(snap);
  });
});

import {
  ESTABLISHMENT_TYPES,
  canonicalType,
  groupForType,
} from "../../src/domain/schools/establishment-types";
import {
  SCHOOL_SHEET_HEADERS,
  applySuccessors,
  schoolFromRow,
  schoolToRow,
  schoolsFromTable,
  successorsFromLinks,
} from "../../src/domain/schools/import";
import { LinksFileError } from "../../src/domain/schools/links";
import type { School } from "../../src/domain/types";
import { TYPES_CSV, giasSample, linksTable, readTable, sample2017 } from "../fixtures/gias/load";

const byUrn = (schools: School[]) => new Map(schools.map((s) => [s.urn, s]));

describe("establishment types table", () => {
  it("embeds every row of the GIAS types file verbatim", () => {
    const { header, rows } = readTable(TYPES_CSV, "utf8");
    expect(header[1]).toBe("establishment-type-group-name");
    expect(rows).toHaveLength(50);
    expect(ESTABLISHMENT_TYPES.map((r) => r.map(String))).toEqual(rows);
  });

  it("recognises the 2017 spellings of today's types", () => {
    expect(canonicalType("Free Schools - 16-19")).toBe("Free schools 16 to 19");
    expect(canonicalType("LA Nursery School")).toBe("Local authority nursery school");
    expect(canonicalType("Academy 16-19 Converter")).toBe("Academy 16-19 converter");
    expect(canonicalType("Free Schools - Alternative Provision")).toBe(
      "Free schools alternative provision",
    );
    expect(groupForType("Other Independent Special School")).toBe("Special schools");
    expect(groupForType("City Technology College")).toBe("Independent schools");
    expect(groupForType("Children's centre")).toBe("");
  });
});

describe("schoolsFromTable: current GIAS download", () => {
  const { header, rows } = giasSample();
  const result = schoolsFromTable(header, rows);
  const schools = byUrn(result.schools);

  it("reads all four real rows (README says three; one is ragged, 139 cells) with no problems", () => {
    expect(header).toHaveLength(133);
    expect(rows.map((r) => r.length)).toEqual([133, 133, 133, 139]);
    expect(result.problems).toEqual([]);
    expect([...schools.keys()]).toEqual(["106653", "126416", "117137", "148847"]);
    expect(schools.get("148847")).toMatchObject({
      status: "Proposed to open",
      typeGroup: "Academies",
    });
  });

  it("reduces a row to the fields the rules need", () => {
    expect(schools.get("106653")).toEqual({
      urn: "106653",
      name: "Penistone Grammar School",
      type: "Community school",
      typeGroup: "LA maintained schools",
      status: "Open",
      phase: "Secondary",
      lowAge: 11,
      highAge: 18,
      la: "Barnsley",
      postcode: "S36 7BX",
      region: "Yorkshire and the Humber",
      trust: "",
      successorUrn: "",
    });
    expect(schools.get("126416")?.name).toBe(
      "St Thomas à Becket Church of England Aided Primary School",
    );
    expect(schools.get("117137")?.status).toBe("Closed");
  });

  it("does not depend on the order of the columns", () => {
    const order = header.map((_, i) => i).reverse();
    const shuffled = schoolsFromTable(
      order.map((i) => header[i]),
      rows.map((row) => order.map((i) => row[i] ?? "")),
    );
    expect(shuffled.schools).toEqual(result.schools);
  });

  it("names each missing required column and imports nothing", () => {
    const without = header.map((h) =>
      h === "Postcode" || h === "EstablishmentName" ? "Dropped" : h,
    );
    const broken = schoolsFromTable(without, rows);
    expect(broken.schools).toEqual([]);
    expect(broken.problems).toHaveLength(2);
    expect(broken.problems.join(" ")).toContain('"Postcode"');
    expect(broken.problems.join(" ")).toContain('"EstablishmentName"');
  });

  it("reports rows without a URN and repeated URNs, and keeps the first", () => {
    const urnAt = header.indexOf("URN");
    const nameAt = header.indexOf("EstablishmentName");
    const repeat = [...rows[0]];
    repeat[nameAt] = "Imposter";
    const blank = [...rows[1]];
    blank[urnAt] = "";
    const junk = [...rows[1]];
    junk[urnAt] = "abc";
    const out = schoolsFromTable(header, [rows[0], repeat, blank, junk]);
    expect(out.schools.map((s) => s.name)).toEqual(["Penistone Grammar School"]);
    expect(out.problems).toEqual([
      "Row 3: URN 106653 already appeared on row 2; this row was ignored.",
      "Row 4 has no URN, so it was skipped.",
      'Row 5: "abc" is not a URN, so the row was skipped.',
    ]);
  });

  it("lists at most 50 row problems and counts the rest", () => {
    const out = schoolsFromTable(
      header,
      Array.from({ length: 80 }, () => ["x"]),
    );
    expect(out.problems).toHaveLength(51);
    expect(out.problems[50]).toBe("30 more rows had problems that are not listed here.");
  });
});

describe("schoolsFromTable: 2017 EduBase style", () => {
  const { header, rows } = sample2017();
  const started = performance.now();
  const result = schoolsFromTable(header, rows);
  const ms = performance.now() - started;
  const schools = byUrn(result.schools);

  it(`imports the 6,022 real schools (the all-"NA" row is skipped silently) in ${ms.toFixed(0)} ms`, () => {
    expect(rows).toHaveLength(6023);
    expect(result.problems).toEqual([]);
    expect(result.schools).toHaveLength(6022);
  });

  it("derives the type group from the type, defaults the status to Open, and uses today's spellings", () => {
    expect(schools.get("138205")).toMatchObject({
      name: "Fleetville Junior School",
      type: "Academy converter",
      typeGroup: "Academies",
      status: "Open",
      phase: "Primary",
      la: "Hertfordshire",
      region: "East of England",
      postcode: "AL1 4LW",
      lowAge: 7,
      highAge: 11,
    });
    expect(schools.get("100001")).toMatchObject({
      type: "Other independent school",
      typeGroup: "Independent schools",
      phase: "Not applicable",
    });
    const phases = new Set(result.schools.map((s) => s.phase));
    expect([...phases].sort()).toEqual(
      [
        "16 plus",
        "All-through",
        "Middle deemed primary",
        "Middle deemed secondary",
        "Not applicable",
        "Nursery",
        "Primary",
        "Secondary",
      ].sort(),
    );
    expect(result.schools.every((s) => s.typeGroup !== "")).toBe(true);
    expect(result.schools.filter((s) => s.status === "Open, but proposed to close")).toHaveLength(
      143,
    );
  });

  it("accepts 'School name' for the name and reports an unknown type once with its count", () => {
    const renamed = header.map((h) => (h === "Establishment name" ? "School name" : h));
    const typeAt = header.indexOf("Type of establishment");
    const odd = rows
      .slice(0, 3)
      .map((row) => row.map((cell, i) => (i === typeAt ? "Children's centre" : cell)));
    const out = schoolsFromTable(renamed, odd);
    expect(out.schools.map((s) => s.name)).toEqual([
      "City of London School for Girls",
      "St Paul's Cathedral School",
      "Thomas Coram Centre",
    ]);
    expect(out.schools[0].typeGroup).toBe("");
    expect(out.problems).toEqual([
      '3 schools have the type "Children\'s centre", which is not a GIAS establishment type; whether they are state-funded will need review.',
    ]);
  });

  it("round-trips every school through a Schools sheet row, including numbers Sheets hands back", () => {
    for (const school of result.schools) {
      const row = schoolToRow(school);
      expect(row).toHaveLength(SCHOOL_SHEET_HEADERS.length);
      expect(schoolFromRow(row)).toEqual(school);
    }
    const asSheets: unknown[] = [...schoolToRow(schools.get("138205")!)];
    asSheets[0] = 138205;
    expect(schoolFromRow(asSheets)?.urn).toBe("138205");
    expect(schoolFromRow(["", "No URN"])).toBeNull();
  });

  it("reads a Schools sheet back through its own headers too", () => {
    const sheet = result.schools.slice(0, 200);
    const again = schoolsFromTable(
      [...SCHOOL_SHEET_HEADERS],
      sheet.map((s) => schoolToRow(s).map(String)),
    );
    expect(again.problems).toEqual([]);
    expect(again.schools).toEqual(sheet);
  });
});

describe("successor links", () => {
  const { header, rows } = linksTable();
  const links = successorsFromLinks(header, rows);

  it("reads real Successor* links and ignores Predecessor and other links", () => {
    expect(rows.length).toBeGreaterThan(33_000);
    expect(links.get("117137")).toBe("138205"); // Fleetville Junior School became an academy in 2012
    expect(links.get("101936")).toBe("136737"); // "Successor - merged"
    expect(links.get("138205")).toBeUndefined(); // only a Predecessor link
    const successorRows = new Set(
      rows.filter((r) => r[3].startsWith("Successor")).map((r) => r[0]),
    );
    expect(links.size).toBe(successorRows.size);
  });

  it("chooses the same successor for a split school whatever the row order", () => {
    const reversed = successorsFromLinks(header, [...rows].reverse());
    expect(reversed).toEqual(links);
    expect(links.get("100362")).toBe("133545");
  });

  it("prefers the most recent link", () => {
    const map = successorsFromLinks(header, [
      ["100001", "200002", "New", "Successor", "01-09-2020"],
      ["100001", "100003", "Newer", "Successor - Split School", "01-09-2022"],
      ["100001", "100001", "Self", "Successor", ""],
    ]);
    expect(map).toEqual(new Map([["100001", "100003"]]));
  });

  it("refuses a file without the link columns, naming the column", () => {
    expect(() => successorsFromLinks(["URN", "LinkURN"], [])).toThrow(LinksFileError);
    expect(() => successorsFromLinks(["URN", "LinkURN"], [])).toThrow(/"LinkType"/);
  });

  it("applySuccessors sets successors from the links without touching other schools", () => {
    const schools = schoolsFromTable(giasSample().header, giasSample().rows).schools;
    const linked = applySuccessors(schools, links);
    // St Thomas à Becket became an academy in 2023; Fleetville Junior in 2012.
    expect(linked.map((s) => s.successorUrn)).toEqual(["", "149557", "138205", ""]);
    expect(linked[0]).toBe(schools[0]);
    expect(schools[2].successorUrn).toBe("");
  });
});

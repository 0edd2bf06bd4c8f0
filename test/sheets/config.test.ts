// configFromTables over in-memory tables: a valid hub config reads cleanly; every mistake is
// reported at once, by sheet and cell, with what to write instead, and no config is returned.
import { defaultProgrammeRows } from "../../src/services/setup";
import type { Cell } from "../../src/sheets/cells";
import { configFromTables, ConfigError, type ConfigResult } from "../../src/sheets/config";
import { describeProblem } from "../../src/sheets/config-cells";
import {
  GROUPS_SHEET,
  headersOf,
  LEADS_SHEET,
  PROGRAMMES_SHEET,
  SETTINGS_SHEET,
} from "../../src/sheets/layout";
import { defaultSettingsRows } from "../../src/sheets/settings";
import { tableFromValues } from "../../src/sheets/table";

type Grid = Cell[][];

interface Sheets {
  programmes: Grid;
  leads: Grid;
  groups: Grid;
  settings: Grid;
}

/** A valid hub: every programme, one lead, one Work Group, default settings. Rows are 1-based. */
function validSheets(): Sheets {
  const programmes = [headersOf(PROGRAMMES_SHEET), ...defaultProgrammeRows("2024/25")].map((r) =>
    // defaultProgrammeRows keeps text with a leading apostrophe, as Sheets would store it typed.
    r.map((c) => (typeof c === "string" && c.startsWith("'") ? c.slice(1) : c)),
  );
  programmes[1]![3] = "2024-01-08 09:00"; // sec-specialist Opens (D2)
  programmes[1]![4] = "2024-03-29 17:00"; // sec-specialist Closes (E2)
  return {
    programmes,
    leads: [
      headersOf(LEADS_SHEET),
      [
        "Jo Lead",
        "jo.lead@example.org",
        "sec-specialist, sktm-ta",
        "Hertfordshire; Essex",
        20,
        "117465",
        "Yes",
      ],
    ],
    groups: [
      headersOf(GROUPS_SHEET),
      ["DEV-HERTS-1", "sec-development", "jo.lead@example.org", 6, "Stevenage", "Hertfordshire"],
    ],
    settings: [headersOf(SETTINGS_SHEET), ...defaultSettingsRows("Example Maths Hub")],
  };
}

function read(s: Sheets): ConfigResult {
  return configFromTables({
    programmes: tableFromValues("Programmes", s.programmes),
    leads: tableFromValues("Leads", s.leads),
    groups: tableFromValues("Groups", s.groups),
    settings: tableFromValues("Settings", s.settings),
  });
}

function problemsOf(s: Sheets): string[] {
  const result = read(s);
  if (result.ok) throw new Error("expected problems, the config read cleanly");
  expect(result).not.toHaveProperty("config");
  return result.problems.map(describeProblem);
}

/** Column index (0-based) of a header in one of the config sheets. */
function col(grid: Grid, header: string): number {
  const i = grid[0]!.indexOf(header);
  if (i < 0) throw new Error(`no column ${header}`);
  return i;
}

/** Sets one cell of a sheet by 1-based row and header. */
function set(grid: Grid, row: number, header: string, value: Cell): void {
  grid[row - 1]![col(grid, header)] = value;
}

function setSetting(grid: Grid, label: string, value: Cell): number {
  const i = grid.findIndex((r) => r[0] === label);
  if (i < 0) throw new Error(`no setting ${label}`);
  grid[i]![1] = value;
  return i + 1;
}

describe("configFromTables", () => {
  it("reads a valid config with every programme, lead, group and setting", () => {
    const result = read(validSheets());
    if (!result.ok) throw new Error(result.problems.map(describeProblem).join("\n"));
    const { programmes, leads, groups, settings } = result.config;
    expect(programmes).toHaveLength(16);
    expect(programmes[0]).toMatchObject({
      key: "sec-specialist",
      year: "2024/25",
      places: 3,
      maxPerSchool: 1,
      active: true,
      row: 2,
    });
    // Europe/London wall clock: 29 March 2024 is still GMT, 8 January too.
    expect(programmes[0]!.opens?.toISOString()).toBe("2024-01-08T09:00:00.000Z");
    expect(programmes[0]!.closes?.toISOString()).toBe("2024-03-29T17:00:00.000Z");
    expect(leads).toEqual([
      {
        name: "Jo Lead",
        email: "jo.lead@example.org",
        programmes: ["sec-specialist", "sktm-ta"],
        localAuthorities: ["Hertfordshire", "Essex"],
        maxLoad: 20,
        ownSchoolUrn: "117465",
        active: true,
        row: 2,
      },
    ]);
    expect(groups).toEqual([
      {
        id: "DEV-HERTS-1",
        programme: "sec-development",
        leadEmail: "jo.lead@example.org",
        capacity: 6,
        location: "Stevenage",
        localAuthorities: ["Hertfordshire"],
        row: 2,
      },
    ]);
    expect(settings).toMatchObject({ hubName: "Example Maths Hub", retentionMonths: 24 });
  });

  it("reports twelve mistakes across the four sheets at once, in sheet and row order", () => {
    const s = validSheets();
    setSetting(s.settings, "Data retention months", "two years"); // Settings first on purpose
    set(s.programmes, 2, "Closes", "2024-03-29 17.00");
    set(s.programmes, 3, "Key", "pri-specialst");
    set(s.programmes, 4, "Places", "three");
    set(s.programmes, 5, "Max per school", 0);
    set(s.programmes, 7, "Academic year", "2024-2025x");
    set(s.programmes, 8, "Opens", "2024-03-01 09:00");
    set(s.programmes, 8, "Closes", "2024-02-01 17:00");
    s.programmes.push([...s.programmes[15]!]); // pd-lead (row 16) again, on row 18
    set(s.leads, 2, "Email", "jo.lead.example.org");
    set(s.leads, 2, "Programmes", "sktm-tas, sec-specialist");
    set(s.leads, 2, "Own school URN", "12ab");
    set(s.groups, 2, "Capacity", "");
    expect(problemsOf(s)).toEqual([
      'Programmes!E2: closing time "2024-03-29 17.00" is not a date and time ("17.00" is not a time); write 2024-03-29 17:00',
      'Programmes!A3: key "pri-specialst" is not a programme key; write pri-specialist',
      'Programmes!F4: places "three" is not a whole number of places; write 3, or leave it blank for no limit',
      "Programmes!G5: max per school 0 is less than 1; write 1 or more, or leave it blank for no limit",
      'Programmes!C7: academic year "2024-2025x" is not an academic year; write 2024/25',
      "Programmes!E8: closing time 2024-02-01 17:00 is not after the opening time 2024-03-01 09:00; write a closing time after 2024-03-01 09:00",
      "Programmes!A18: pd-lead is listed twice (first on row 16); delete this row, or change its key",
      'Leads!B2: lead\'s email "jo.lead.example.org" is not an email address (it has no @); write one address such as name@example.org',
      'Leads!C2: programme "sktm-tas" is not a programme key; write sktm-ta in its place',
      'Leads!F2: own school URN "12ab" is not a URN; write the school\'s six-digit URN from Get Information About Schools, or leave it blank',
      "Groups!D2: capacity is empty; write how many schools the group takes",
      'Settings!B9: Data retention months "two years" is not a whole number of months; write 24',
    ]);
  });

  it("says the same in a ConfigError, with the count and that nothing was changed", () => {
    const s = validSheets();
    set(s.programmes, 4, "Places", "three");
    set(s.groups, 2, "Capacity", "");
    const result = read(s);
    if (result.ok) throw new Error("expected problems");
    expect(new ConfigError(result.problems).message).toBe(
      "The hub's configuration has 2 problems; nothing was changed.\n" +
        'Programmes!F4: places "three" is not a whole number of places; write 3, or leave it blank for no limit\n' +
        "Groups!D2: capacity is empty; write how many schools the group takes",
    );
  });

  // One mistake at a time: the sheet, the cell typed, and the exact message.
  const cases: Array<{
    name: string;
    edit: (s: Sheets) => void;
    message: string;
  }> = [
    {
      name: "a time with no date",
      edit: (s) => set(s.programmes, 2, "Closes", "17.00"),
      message:
        'Programmes!E2: closing time "17.00" has no date; write a date and time such as 2024-03-29 17:00',
    },
    {
      name: "a British date with a dotted time",
      edit: (s) => set(s.programmes, 2, "Opens", "08/01/2024 9.00"),
      message:
        'Programmes!D2: opening time "08/01/2024 9.00" is not a date and time ("9.00" is not a time); write 08/01/2024 09:00',
    },
    {
      name: "a date that does not exist",
      edit: (s) => set(s.programmes, 2, "Closes", "2024-02-30 17:00"),
      message:
        'Programmes!E2: closing time "2024-02-30 17:00" is not a date and time; write it as 2024-03-29 17:00',
    },
    {
      name: "closing at the very moment of opening",
      edit: (s) => set(s.programmes, 2, "Closes", "2024-01-08 09:00"),
      message:
        "Programmes!E2: closing time 2024-01-08 09:00 is not after the opening time 2024-01-08 09:00; write a closing time after 2024-01-08 09:00",
    },
    {
      name: "negative places",
      edit: (s) => set(s.programmes, 2, "Places", -1),
      message:
        "Programmes!F2: places -1 is less than 0; write 0 or more, or leave it blank for no limit",
    },
    {
      name: "a fraction of a place",
      edit: (s) => set(s.programmes, 2, "Places", 2.5),
      message:
        'Programmes!F2: places "2.5" is not a whole number of places; write 0 or more, or leave it blank for no limit',
    },
    {
      name: "places with the unit typed",
      edit: (s) => set(s.programmes, 2, "Places", "3 places"),
      message:
        'Programmes!F2: places "3 places" is not a whole number of places; write 3, or leave it blank for no limit',
    },
    {
      name: "an academic year that is not two consecutive years",
      edit: (s) => set(s.programmes, 2, "Academic year", "2024/26"),
      message:
        'Programmes!C2: academic year "2024/26" is not an academic year; write it like 2024/25',
    },
    {
      name: "an empty academic year",
      edit: (s) => set(s.programmes, 2, "Academic year", ""),
      message: "Programmes!C2: academic year is empty; write it like 2024/25",
    },
    {
      name: "a programme key nothing like any key",
      edit: (s) => set(s.programmes, 2, "Key", "maths-club"),
      message:
        'Programmes!A2: key "maths-club" is not a programme key; write one of sec-specialist, pri-specialist, sec-development, sec-embedding, special-crossphase, subject-leaders, mat-leaders, securing-foundations, crossphase-l2, sktm-nonspecialist, sktm-ect-1, sktm-ect-2, sktm-ta, itt-partnerships, pd-lead, school-dev-lead',
    },
    {
      name: "Active that is neither Yes nor No",
      edit: (s) => set(s.programmes, 2, "Active", "maybe"),
      message: 'Programmes!J2: active "maybe" is not Yes or No; write Yes or No',
    },
    {
      name: "an empty programme name",
      edit: (s) => set(s.programmes, 2, "Programme", ""),
      message: "Programmes!B2: programme name is empty; write it in",
    },
    {
      name: "a missing column",
      edit: (s) => set(s.programmes, 1, "Places", "Seats"),
      message: 'Programmes!1:1: the column "Places" is missing; add a column headed Places',
    },
    {
      name: "two email addresses in one cell",
      edit: (s) => set(s.leads, 2, "Email", "jo@example.org, sam@example.org"),
      message:
        'Leads!B2: lead\'s email "jo@example.org, sam@example.org" is not an email address (it holds more than one); write one address such as name@example.org',
    },
    {
      name: "an empty lead email",
      edit: (s) => set(s.leads, 2, "Email", ""),
      message: "Leads!B2: lead's email is empty; write an email address such as name@example.org",
    },
    {
      name: "a lead programme nothing like any key",
      edit: (s) => set(s.leads, 2, "Programmes", "everything"),
      message:
        'Leads!C2: programme "everything" is not a programme key; write programme keys separated by commas (such as sec-specialist, sktm-ta), or all',
    },
    {
      name: "a max load in words",
      edit: (s) => set(s.leads, 2, "Max load", "twenty"),
      message: 'Leads!E2: max load "twenty" is not a whole number of applications; write 20',
    },
    {
      name: "a group capacity in words (one message, not two)",
      edit: (s) => set(s.groups, 2, "Capacity", "six"),
      message: 'Groups!D2: capacity "six" is not a whole number of schools; write 6',
    },
    {
      name: "a group capacity of nought",
      edit: (s) => set(s.groups, 2, "Capacity", 0),
      message: "Groups!D2: capacity 0 is less than 1; write 1 or more",
    },
    {
      name: "a misspelt group programme",
      edit: (s) => set(s.groups, 2, "Programme", "sec-developement"),
      message:
        'Groups!B2: programme "sec-developement" is not a programme key; write sec-development',
    },
    {
      name: "a duplicated Work Group id",
      edit: (s) => s.groups.push([...s.groups[1]!]),
      message:
        "Groups!A3: Work Group DEV-HERTS-1 is listed twice (first on row 2); give each group its own id",
    },
    {
      name: "a retention period over ten years",
      edit: (s) => {
        setSetting(s.settings, "Data retention months", 200);
      },
      message:
        "Settings!B9: Data retention months 200 is more than 120; write a whole number from 1 to 120",
    },
    {
      name: "a retention period typed in years",
      edit: (s) => {
        setSetting(s.settings, "Data retention months", "3 years");
      },
      message:
        'Settings!B9: Data retention months "3 years" is not a whole number of months; write 36',
    },
    {
      name: "an empty hub name",
      edit: (s) => {
        setSetting(s.settings, "Hub name", "");
      },
      message: "Settings!B2: Hub name is empty; write it in",
    },
    {
      name: "a reminder that is not a number of days",
      edit: (s) => {
        setSetting(s.settings, "Closing reminders (days before)", "7, a week");
      },
      message:
        'Settings!B19: Closing reminders "a week" is not a number of days from 0 to 60; write whole numbers of days separated by commas, e.g. 7, 1',
    },
  ];
  it.each(cases)("$name", ({ edit, message }) => {
    const s = validSheets();
    edit(s);
    expect(problemsOf(s)).toEqual([message]);
  });
});

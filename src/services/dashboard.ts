// The Dashboard sheet: applications by programme and verdict, by local authority and by week,
// places filled and waitlists, and the area's schools that have never engaged, with Sheets charts.
// Rebuilt in one write (plus one call per chart).
import { dashboardFigures } from "../domain/dashboard";
import type { Cell } from "../sheets/cells";
import { requireConfig } from "../sheets/config";
import { readEngagement, readSchools } from "../sheets/reference";
import { readRegister } from "../sheets/register";
import { writeBlock } from "../sheets/table";
import type { Services } from "./services";

export const DASHBOARD_SHEET = "Dashboard";

interface Section {
  title: string;
  header: string[];
  rows: Cell[][];
  chart?: { type: "COLUMN" | "BAR" | "LINE"; title: string; stacked?: boolean };
}

export function refreshDashboard(services: Services): { sections: number; charts: number } {
  const ss = services.spreadsheetApp.getActiveSpreadsheet();
  const config = requireConfig(ss);
  const register = readRegister(ss);
  const figures = dashboardFigures({
    applications: register.records.map((r) => ({
      programme: r.programme,
      verdict: r.verdict,
      localAuthority: r.localAuthority,
      submitted: r.submitted,
      decision: r.decision,
      schoolUrn: r.schoolUrn,
    })),
    programmes: config.programmes.map((p) => ({ key: p.key, title: p.title, places: p.places })),
    schools: readSchools(ss),
    engagement: readEngagement(ss),
    hubLas: config.settings.localAuthorities,
  });
  const sections: Section[] = [
    {
      title: "Applications by programme and verdict",
      header: ["Programme", ...figures.verdicts, "Total"],
      rows: figures.byProgramme,
      chart: { type: "BAR", title: "Applications by programme and verdict", stacked: true },
    },
    {
      title: "Applications by local authority",
      header: ["Local authority", "Applications"],
      rows: figures.byLocalAuthority,
      chart: { type: "BAR", title: "Applications by local authority" },
    },
    {
      title: "Applications received by week (week starting)",
      header: ["Week starting", "Applications"],
      rows: figures.byWeek,
      chart: { type: "COLUMN", title: "Applications received by week" },
    },
    {
      title: "Places",
      header: ["Programme", "Places", "Offered or accepted", "Waitlisted"],
      rows: figures.places,
    },
    {
      title: "Secondary schools in the hub's area that have never engaged",
      header: ["Local authority", "Never engaged", "State-funded secondary schools"],
      rows: figures.neverEngaged,
    },
  ];
  let sheet = ss.getSheetByName(DASHBOARD_SHEET);
  if (!sheet) sheet = ss.insertSheet(DASHBOARD_SHEET, 0);
  for (const chart of sheet.getCharts()) sheet.removeChart(chart);
  sheet.clear();

  const block: Cell[][] = [
    [`${config.settings.hubName}: recruitment dashboard`],
    [`Updated ${services.now().toISOString().slice(0, 16).replace("T", " ")} UTC`],
    [],
  ];
  const placed: Array<{ section: Section; headerRow: number }> = [];
  for (const section of sections) {
    block.push([section.title]);
    placed.push({ section, headerRow: block.length + 1 });
    block.push(section.header, ...(section.rows.length ? section.rows : [["(none yet)"]]), []);
  }
  writeBlock(sheet, 1, 1, block);
  let charts = 0;
  let anchorRow = 1;
  for (const { section, headerRow } of placed) {
    if (!section.chart || section.rows.length === 0) continue;
    const range = sheet.getRange(headerRow, 1, section.rows.length + 1, section.header.length);
    const builder = sheet
      .newChart()
      .setChartType(services.charts.ChartType[section.chart.type])
      .addRange(range)
      .setPosition(anchorRow, 9, 0, 0)
      .setOption("title", section.chart.title);
    if (section.chart.stacked) builder.setOption("isStacked", true);
    sheet.insertChart(builder.build());
    anchorRow += 20;
    charts++;
  }
  return { sections: sections.length, charts };
}

// The README's screenshots of a demo hub, run by hand (not part of the test suite):
//   npm run demo && npx ts-node-transpile-only -O '{"module":"commonjs","moduleResolution":"node10"}' \
//     emulator/demo/screenshots.ts [demo-hub] [docs/screenshots]
// Renders the hub's sheets as the spreadsheet shows them (display values, header formats, frozen
// rows) and the demo's report.html, then photographs them with Chromium through playwright-core.
// CHROMIUM overrides the browser (default /usr/bin/chromium).
import * as fs from "node:fs";
import * as path from "node:path";
import { chromium } from "playwright-core";
import { loadHub } from "../cli/hub-folder";
import type { HubEnvironment } from "../runner/environment";
import { columnLetter } from "../services/spreadsheet/a1";
import { esc, writeReport } from "./report";

const CHROMIUM_ARGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
];

/** A sheet's top-left corner as a spreadsheet shows it: letters, row numbers, gridlines, tabs. */
export function sheetHtml(
  env: HubEnvironment,
  name: string,
  options: { rows: number; columns: number; widths?: Record<number, number> },
): string {
  const { title, tabs, display, backgrounds, weights, frozen } = env.rt.uncharged(() => {
    const ss = env.spreadsheet;
    const sheet = ss.getSheetByName(name)!;
    const rows = Math.min(options.rows, Math.max(1, sheet.getLastRow()));
    const columns = Math.min(options.columns, Math.max(1, sheet.getLastColumn()));
    const range = sheet.getRange(1, 1, rows, columns);
    return {
      title: ss.getName(),
      tabs: ss.getSheets().map((s) => s.getName()),
      display: range.getDisplayValues(),
      backgrounds: range.getBackgrounds(),
      weights: range.getFontWeights(),
      frozen: sheet.getFrozenRows(),
    };
  });
  const width = (c: number) => options.widths?.[c] ?? 110;
  const head = display[0]!
    .map((_, c) => `<th style="width:${width(c)}px">${columnLetter(c + 1)}</th>`)
    .join("");
  const body = display
    .map((row, r) => {
      const cells = row
        .map((v, c) => {
          const bg = backgrounds[r]![c]!;
          const style = [
            bg && bg !== "#ffffff" ? `background:${bg}` : "",
            weights[r]![c] === "bold" ? "font-weight:bold" : "",
            /^-?[\d.,]+$/.test(v) ? "text-align:right" : "",
          ]
            .filter(Boolean)
            .join(";");
          return `<td${style ? ` style="${style}"` : ""}>${esc(v.split("\n")[0])}</td>`;
        })
        .join("");
      return `<tr${r + 1 === frozen ? ' class="frozen"' : ""}><th>${r + 1}</th>${cells}</tr>`;
    })
    .join("");
  return `<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><style>
body{margin:0;font:13px Arial,"Liberation Sans",sans-serif;color:#202124;background:#fff}
.bar{display:flex;align-items:center;gap:10px;padding:10px 14px;border-bottom:1px solid #dadce0}
.logo{width:22px;height:28px;background:#0f9d58;border-radius:3px;position:relative}
.logo:after{content:"";position:absolute;left:5px;top:9px;width:12px;height:12px;border:2px solid #fff;border-radius:1px}
.name{font-size:17px}
.fx{padding:4px 14px;border-bottom:1px solid #dadce0;color:#5f6368;font-size:12px}
table{border-collapse:collapse;table-layout:fixed}
th,td{border:1px solid #e2e3e3;height:21px;padding:0 4px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
thead th,tbody th{background:#f8f9fa;color:#5f6368;font-weight:normal;text-align:center;font-size:11px}
tbody th{width:38px}
tr.frozen td,tr.frozen th{border-bottom:3px solid #c0c4c8}
.tabs{display:flex;gap:2px;padding:0 14px;border-top:1px solid #dadce0;background:#f8f9fa;font-size:12px}
.tabs span{padding:7px 14px;color:#5f6368}
.tabs span.on{background:#fff;color:#188038;font-weight:bold;border-bottom:3px solid #188038}
</style></head><body>
<div class="bar"><div class="logo"></div><div class="name">${esc(title)}</div></div>
<div class="fx">fx&nbsp;&nbsp;${esc(display[0]![0] ?? "")}</div>
<table style="width:${38 + display[0]!.reduce((w, _, c) => w + width(c), 0)}px"><thead><tr><th style="width:38px"></th>${head}</tr></thead><tbody>${body}</tbody></table>
<div class="tabs">${tabs
    .slice(0, 9)
    .map((t) => `<span${t === name ? ' class="on"' : ""}>${esc(t)}</span>`)
    .join("")}</div>
</body></html>`;
}

async function main(): Promise<void> {
  const hubDir = path.resolve(process.argv[2] ?? "demo-hub");
  const outDir = path.resolve(process.argv[3] ?? "docs/screenshots");
  const env = await loadHub(hubDir);
  writeReport(env, hubDir); // as the demo writes it, with this version of the report
  fs.mkdirSync(outDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(hubDir, "..", ".screenshots-"));
  const pages: Array<{ png: string; file: string; width: number; height?: number }> = [];

  const applications = path.join(work, "applications.html");
  fs.writeFileSync(
    applications,
    sheetHtml(env, "Applications", {
      rows: 16,
      columns: 13,
      widths: {
        0: 150,
        1: 115,
        2: 125,
        3: 105,
        4: 180,
        5: 75,
        6: 215,
        7: 75,
        8: 45,
        9: 230,
        10: 90,
        11: 165,
        12: 110,
      },
    }),
  );
  pages.push({ png: "hub-applications.png", file: applications, width: 1850 });

  const dashboard = path.join(work, "dashboard.html");
  fs.writeFileSync(
    dashboard,
    sheetHtml(env, "Dashboard", {
      rows: 30,
      columns: 6,
      widths: { 0: 470, 1: 80, 2: 80, 3: 90, 4: 80, 5: 60 },
    }),
  );
  pages.push({ png: "hub-dashboard.png", file: dashboard, width: 1000 });
  pages.push({
    png: "hub-report.png",
    file: path.join(hubDir, "report.html"),
    width: 1100,
    height: 1500,
  });

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  try {
    for (const p of pages) {
      const page = await browser.newPage({ viewport: { width: p.width, height: p.height ?? 200 } });
      await page.goto(`file://${p.file}`);
      const png = path.join(outDir, p.png);
      await page.screenshot({ path: png, fullPage: p.height === undefined });
      await page.close();
      process.stdout.write(
        `${path.relative(process.cwd(), png)}  ${fs.statSync(png).size} bytes\n`,
      );
    }
  } finally {
    await browser.close();
    fs.rmSync(work, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  });
}

// The runner's commands (DESIGN.md, "The local runner"): init, forms, submit, clock, menu, export.
import * as fs from "node:fs";
import { SingleBar, Presets } from "cli-progress";
import type { Command } from "commander";
import { loadGiasRegister, readGiasLinksFile } from "../gias/read";
import { mapQuestionTitles, normaliseTitle } from "../../src/domain/form-binding";
import { normaliseAcademicYear, academicYearStart, londonInstant } from "../../src/domain/calendar";
import { PROGRAMMES, isProgrammeKey } from "../../src/domain/programmes/catalogue";
import { withPredecessors } from "../../src/domain/schools/predecessors";
import type { School } from "../../src/domain/types";
import { setProgramme, setSetting, sheetObjects, sheetValues, writeSchools } from "../runner/admin";
import { HubEnvironment, runFailed, type RunResult } from "../runner/environment";
import { CsvError, readResponsesCsv } from "../runner/responses-csv";
import { formatBench, runBench } from "../bench/bench";
import { describeDemo, runDemo } from "../demo/demo";
import { writeReport } from "../demo/report";
import { CliError } from "./errors";
import { hubExists, loadHub, saveHub } from "./hub-folder";
import { readTextFile } from "./main";
import { readBundleOrFail, registerServe } from "./serve";

/** Menu actions the runner can run, and the add-on function behind each. */
export const MENU_ACTIONS: Record<
  string,
  { fn: string; args: (o: MenuOptions) => unknown[]; needsProgramme?: boolean }
> = {
  setup: { fn: "menuSetUpHub", args: () => [] },
  "process-all": { fn: "menuProcessAll", args: (o) => [{ programme: o.programme }] },
  route: { fn: "menuRouteUnassigned", args: () => [] },
  digest: { fn: "menuSendDigests", args: () => [] },
  dashboard: { fn: "menuRefreshDashboard", args: () => [] },
  purge: { fn: "menuPurge", args: (o) => [{ dryRun: o.dryRun }] },
  // The sidebar's dry run: prints who would be placed where, and why; changes nothing.
  allocate: {
    fn: "apiPreviewAllocation",
    args: (o) => [{ programme: o.programme, overrides: [] }],
    needsProgramme: true,
  },
  "confirm-allocation": {
    fn: "menuConfirmAllocation",
    args: (o) => [{ programme: o.programme }],
    needsProgramme: true,
  },
  "offer-next": {
    fn: "menuOfferNext",
    args: (o) => [{ programme: o.programme }],
    needsProgramme: true,
  },
};

interface MenuOptions {
  programme?: string;
  dryRun?: boolean;
  as?: string;
}

function failIfError(run: RunResult, what: string): void {
  if (run.error) throw new CliError(`${what} failed in the add-on: ${run.error.message}`, 1);
  if (run.record.outcome === "killed")
    throw new CliError(`${what} was stopped: ${run.record.error}`, 1);
}

function progress(total: number, label: string): { tick(): void; stop(): void } {
  if (!process.stderr.isTTY || total < 20) return { tick() {}, stop() {} };
  const bar = new SingleBar(
    { format: `${label} [{bar}] {value}/{total} {eta_formatted}`, stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return { tick: () => bar.increment(), stop: () => bar.stop() };
}

function parseDate(text: string, flag: string): Date {
  const d = new Date(text);
  if (Number.isNaN(d.getTime()))
    throw new CliError(
      `${flag} "${text}" is not a date and time; write it as ISO 8601, e.g. 2024-03-29T17:00:00Z.`,
    );
  return d;
}

export async function initHub(
  dir: string,
  o: {
    year?: string;
    schools?: string[];
    links?: string;
    hubName?: string;
    area?: string;
    at?: string;
    hubLead?: string;
  },
): Promise<HubEnvironment> {
  if (fs.existsSync(dir) && fs.readdirSync(dir).length > 0)
    throw new CliError(`${dir} already exists and is not empty; choose a new folder for the hub.`);
  const year = o.year ? normaliseAcademicYear(o.year) : "2024/25";
  if (!year)
    throw new CliError(`--year "${o.year}" is not an academic year; write it like 2024/25.`);
  for (const f of [...(o.schools ?? []), ...(o.links ? [o.links] : [])]) {
    if (!fs.existsSync(f)) throw new CliError(`The file ${f} does not exist.`);
  }
  const start = o.at ? parseDate(o.at, "--at") : londonInstant(academicYearStart(year), 9, 2, 9, 0);
  const env = HubEnvironment.create({
    now: start,
    bundleCode: readBundleOrFail(),
    hubName: o.hubName ?? "Maths Hub",
    hubLead: o.hubLead,
  });
  let schools: School[] | null = null;
  if (o.schools?.length) {
    const register = await loadGiasRegister({ schools: o.schools, links: o.links });
    for (const p of register.problems.slice(0, 5)) process.stderr.write(`mhr: note: ${p}\n`);
    const links = o.links ? await readGiasLinksFile(o.links) : new Map<string, string>();
    schools = withPredecessors(register.schools, links);
  }
  failIfError(env.run("menuSetUpHub"), "Set up");
  if (schools) writeSchools(env, schools);
  setSetting(env, "Hub name", o.hubName ?? "Maths Hub");
  if (o.area) setSetting(env, "Local authorities served", o.area);
  for (const key of Object.keys(PROGRAMMES))
    setProgramme(env, key, { "Academic year": `'${year}` });
  await saveHub(dir, env);
  return env;
}

interface FormListing {
  key: string;
  title: string;
  closes: string | null;
  questions: Array<{
    field: string | null;
    title: string;
    type: string;
    required: boolean;
    choices: string[];
  }>;
}

export function listForms(env: HubEnvironment): FormListing[] {
  const rows = sheetObjects(env, "Programmes");
  const out: FormListing[] = [];
  for (const row of rows) {
    const key = String(row.Key);
    const formId = String(row.Form ?? "");
    if (!isProgrammeKey(key) || !formId) continue;
    const questions = env.forms._questions(formId);
    const mapping = mapQuestionTitles(
      PROGRAMMES[key],
      questions.map((q) => q.title),
    );
    const closes = row.Closes instanceof Date ? row.Closes.toISOString() : null;
    out.push({
      key,
      title: env.forms.openById(formId).getTitle(),
      closes,
      questions: questions.map((q) => ({
        field: mapping.fieldByTitle.get(normaliseTitle(q.title)) ?? null,
        title: q.title,
        type: q.type,
        required: q.required,
        choices: q.choices,
      })),
    });
  }
  return out;
}

function formFor(env: HubEnvironment, key: string): { formId: string; listing: FormListing } {
  const forms = listForms(env);
  const listing = forms.find((f) => f.key === key);
  if (!listing)
    throw new CliError(
      `The hub has no form "${key}"; "mhr forms" lists them (${forms.map((f) => f.key).join(", ")}).`,
    );
  const row = sheetObjects(env, "Programmes").find((r) => r.Key === key)!;
  return { formId: String(row.Form), listing };
}

export function submitCsv(
  env: HubEnvironment,
  key: string,
  csvText: string,
  o: { at?: Date } = {},
) {
  const { formId, listing } = formFor(env, key);
  let parsed;
  try {
    parsed = readResponsesCsv(csvText);
  } catch (err) {
    if (err instanceof CsvError) throw new CliError(err.message);
    throw err;
  }
  const titles = new Map(listing.questions.map((q) => [q.title.trim().toLowerCase(), q]));
  const unknown = parsed.header.filter(
    (h) =>
      h !== "" &&
      !["timestamp", "email address"].includes(h.toLowerCase()) &&
      !titles.has(h.toLowerCase()),
  );
  if (unknown.length) {
    throw new CliError(
      `The CSV has column${unknown.length > 1 ? "s" : ""} ${unknown.map((u) => `"${u}"`).join(", ")} that the ${key} form does not ask; the form's questions are listed by "mhr forms".`,
    );
  }
  const summary = { submitted: 0, refused: [] as string[], triggerRuns: 0, failedRuns: 0 };
  const bar = progress(parsed.rows.length, `Submitting to ${key}`);
  for (const row of parsed.rows) {
    const answers: Record<string, string | string[]> = {};
    for (const [title, value] of Object.entries(row.answers)) {
      const q = titles.get(title.toLowerCase())!;
      if (value === "") continue;
      answers[q.title] = q.type === "CHECKBOX" ? value.split(", ") : value;
    }
    const at = row.at ?? o.at ?? env.rt.now();
    try {
      const { runs } = env.submit(formId, answers, {
        at: at.getTime() < env.rt.nowMillis() ? env.rt.now() : at,
        email: row.email || undefined,
      });
      summary.submitted++;
      summary.triggerRuns += runs.length;
      summary.failedRuns += runs.filter(runFailed).length;
    } catch (err) {
      summary.refused.push(`row ${row.line}: ${(err as Error).message}`);
    }
    bar.tick();
  }
  bar.stop();
  return summary;
}

export function exportSheet(env: HubEnvironment, name: string, format: string): string {
  if (!env.spreadsheet.getSheetByName(name)) {
    throw new CliError(
      `The hub has no sheet "${name}"; its sheets are ${env.spreadsheet
        .getSheets()
        .map((s) => s.getName())
        .join(", ")}.`,
    );
  }
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
  if (format === "json") {
    return (
      JSON.stringify(
        sheetObjects(env, name).map((r) =>
          Object.fromEntries(Object.entries(r).map(([k, v]) => [k, iso(v)])),
        ),
        null,
        2,
      ) + "\n"
    );
  }
  if (format !== "csv") throw new CliError(`--format "${format}" is not csv or json.`);
  const quote = (v: unknown) => `"${String(iso(v) ?? "").replace(/"/g, '""')}"`;
  return (
    sheetValues(env, name)
      .map((r) => r.map(quote).join(","))
      .join("\n") + "\n"
  );
}

export function registerCommands(program: Command): void {
  program
    .command("demo")
    .description("a realistic hub from scratch: forms, a season of applications, the closing dates")
    .option("--out <dir>", "where to write the hub", "demo-hub")
    .action(async (o: { out: string }) => {
      if (fs.existsSync(o.out) && fs.readdirSync(o.out).length > 0 && !hubExists(o.out)) {
        throw new CliError(`${o.out} exists and is not a hub; choose another --out folder.`);
      }
      const started = Date.now();
      const bar = process.stderr.isTTY
        ? new SingleBar(
            {
              format: "Recruitment season [{bar}] {value}/{total} submissions",
              stream: process.stderr,
            },
            Presets.shades_classic,
          )
        : null;
      let total = 0;
      const { hub, summary } = await runDemo({
        bundleCode: readBundleOrFail(),
        progress: (done, all) => {
          if (bar && total === 0) bar.start((total = all), 0);
          bar?.update(done);
        },
      });
      bar?.stop();
      fs.rmSync(o.out, { recursive: true, force: true });
      await saveHub(o.out, hub.env);
      writeReport(hub.env, o.out);
      process.stdout.write(
        describeDemo(summary, o.out) +
          `\n\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.\n`,
      );
    });

  program
    .command("bench")
    .description("run the benchmark scenarios: service calls, simulated seconds and wall time")
    .option("--json", "print the results as JSON")
    .option("--quick", "smaller sizes (for a quick look)")
    .action(async (o: { json?: boolean; quick?: boolean }) => {
      const results = await runBench({
        bundleCode: readBundleOrFail(),
        quick: o.quick,
        progress: (label) => {
          if (process.stderr.isTTY) process.stderr.write(`bench: ${label}\n`);
        },
      });
      process.stdout.write(o.json ? JSON.stringify(results, null, 2) + "\n" : formatBench(results));
    });

  program
    .command("init <hub>")
    .description(
      "create a hub: its spreadsheet, configuration sheets, every programme's Form and the triggers",
    )
    .option("--year <year>", "academic year whose rules apply", "2024/25")
    .option(
      "--schools <files...>",
      "GIAS download(s) or extract(s) to import into the Schools sheet",
    )
    .option("--links <file>", "GIAS links file: old URNs are followed to their successors")
    .option("--hub-name <name>", "the hub's name")
    .option("--area <las>", 'local authorities the hub serves, e.g. "Leeds;Bradford"')
    .option("--at <iso>", "start the hub's clock at this time")
    .action(async (dir: string, o) => {
      const env = await initHub(dir, o);
      const forms = listForms(env);
      process.stdout.write(
        `Created a hub in ${dir} with ${forms.length} forms; the clock reads ${env.rt.now().toISOString()}.\n`,
      );
    });

  program
    .command("forms <hub>")
    .description("list the hub's forms and their questions")
    .option(
      "--json",
      "print [{key, title, closes, questions:[{field, title, type, required, choices}]}]",
    )
    .action(async (dir: string, o: { json?: boolean }) => {
      const env = await loadHub(dir, { bundleCode: readBundleOrFail() });
      const forms = listForms(env);
      if (o.json) process.stdout.write(JSON.stringify(forms, null, 2) + "\n");
      else
        for (const f of forms)
          process.stdout.write(
            `${f.key.padEnd(22)} ${f.title} (${f.questions.length} questions${f.closes ? `, closes ${f.closes}` : ""})\n`,
          );
    });

  program
    .command("submit <hub>")
    .description("replay a Google Forms response CSV export, each row as a form submission")
    .requiredOption("--form <key>", "the programme key of the form")
    .requiredOption("--responses <file>", "the CSV export")
    .option("--at <iso>", "submission time for rows without a timestamp")
    .action(async (dir: string, o: { form: string; responses: string; at?: string }) => {
      const csv = readTextFile(o.responses, "responses file");
      const env = await loadHub(dir, { bundleCode: readBundleOrFail() });
      const summary = submitCsv(env, o.form, csv, {
        at: o.at ? parseDate(o.at, "--at") : undefined,
      });
      await saveHub(dir, env);
      process.stdout.write(
        `Submitted ${summary.submitted} responses to ${o.form}; ${summary.triggerRuns} trigger runs (${summary.failedRuns} did not complete).\n`,
      );
      for (const r of summary.refused) process.stdout.write(`Refused by the form, ${r}\n`);
    });

  program
    .command("clock <hub>")
    .description("advance the hub's clock, firing the time-driven triggers that fall due")
    .requiredOption("--to <iso>", "the time to move to")
    .action(async (dir: string, o: { to: string }) => {
      const to = parseDate(o.to, "--to");
      const env = await loadHub(dir, { bundleCode: readBundleOrFail() });
      if (to.getTime() < env.rt.nowMillis())
        throw new CliError(
          `The hub's clock already reads ${env.rt.now().toISOString()}; time only moves forward.`,
        );
      const runs = env.advanceTo(to);
      await saveHub(dir, env);
      process.stdout.write(
        `Clock at ${to.toISOString()}; ${runs.length} scheduled runs (${runs.filter((r) => r.error).length} failed).\n`,
      );
    });

  program
    .command("menu <hub> <action>")
    .description(`run a menu action as the hub lead: ${Object.keys(MENU_ACTIONS).join(", ")}`)
    .option("--programme <key>", "the programme to act on")
    .option("--dry-run", "show what would happen without changing anything")
    .option("--as <email>", "run as this user instead of the hub lead")
    .action(async (dir: string, action: string, o: MenuOptions) => {
      const entry = MENU_ACTIONS[action];
      if (!entry)
        throw new CliError(
          `"${action}" is not a menu action; choose one of ${Object.keys(MENU_ACTIONS).join(", ")}.`,
        );
      if (o.programme && !isProgrammeKey(o.programme))
        throw new CliError(`--programme "${o.programme}" is not a programme key.`);
      if (entry.needsProgramme && !o.programme)
        throw new CliError(`"${action}" needs --programme KEY, e.g. --programme sec-specialist.`);
      const env = await loadHub(dir, { bundleCode: readBundleOrFail() });
      const run = env.run(entry.fn, entry.args(o), { kind: "menu", user: o.as });
      failIfError(run, action);
      if (!o.dryRun) await saveHub(dir, env);
      process.stdout.write(JSON.stringify(run.value ?? null, null, 2) + "\n");
    });

  program
    .command("export <hub>")
    .description("print a sheet of the hub")
    .requiredOption("--sheet <name>", "the sheet, e.g. Applications")
    .option("--format <format>", "csv or json", "csv")
    .action(async (dir: string, o: { sheet: string; format: string }) => {
      const env = await loadHub(dir, { bundleCode: readBundleOrFail() });
      process.stdout.write(exportSheet(env, o.sheet, o.format));
    });

  program
    .command("report <hub>")
    .description("refresh the hub's Dashboard and write it as report.html in the hub folder")
    .action(async (dir: string) => {
      const env = await loadHub(dir, { bundleCode: readBundleOrFail() });
      const run = env.run("menuRefreshDashboard", [], { kind: "menu" });
      failIfError(run, "dashboard");
      await saveHub(dir, env);
      const { file, bytes } = writeReport(env, dir);
      process.stdout.write(`Wrote ${file} (${Math.round(bytes / 1024)} KB).\n`);
    });

  registerServe(program);
}

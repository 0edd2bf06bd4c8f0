// A hub on disk: hub.xlsx (the spreadsheet), state.json (everything else), outbox.jsonl (every
// email sent) and log.jsonl (executions and errors). Saving writes a complete new folder beside the
// old one and swaps it in, so a failure never leaves a hub half written.
import * as fs from "node:fs";
import * as path from "node:path";
import { HubEnvironment, type HubState } from "../runner/environment";
import { readHubXlsx, snapshotWithoutCells, writeHubXlsx } from "../runner/xlsx";
import type { SpreadsheetSnapshot } from "../services/spreadsheet";
import { CliError } from "./errors";

interface StateFile extends HubState {
  spreadsheet: SpreadsheetSnapshot;
}

export function hubExists(dir: string): boolean {
  return fs.existsSync(path.join(dir, "state.json")) && fs.existsSync(path.join(dir, "hub.xlsx"));
}

export async function loadHub(
  dir: string,
  options: { bundleCode?: string } = {},
): Promise<HubEnvironment> {
  if (!hubExists(dir)) {
    throw new CliError(`There is no hub at ${dir}: run "mhr init ${dir}" first.`);
  }
  let state: StateFile;
  try {
    state = JSON.parse(fs.readFileSync(path.join(dir, "state.json"), "utf8")) as StateFile;
  } catch (err) {
    throw new CliError(`The hub's state.json could not be read (${(err as Error).message}).`);
  }
  const spreadsheet = await readHubXlsx(path.join(dir, "hub.xlsx"), state.spreadsheet);
  return HubEnvironment.restore(state, spreadsheet, options);
}

function appendLines(target: string, source: string | null, lines: unknown[]): void {
  const existing = source && fs.existsSync(source) ? fs.readFileSync(source, "utf8") : "";
  fs.writeFileSync(target, existing + lines.map((l) => JSON.stringify(l) + "\n").join(""));
}

export async function saveHub(dir: string, env: HubEnvironment): Promise<void> {
  const abs = path.resolve(dir);
  const tmp = `${abs}.saving-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  try {
    const snapshot = env.spreadsheetSnapshot();
    await writeHubXlsx(snapshot, path.join(tmp, "hub.xlsx"));
    const state: StateFile = { ...env.state(), spreadsheet: snapshotWithoutCells(snapshot) };
    fs.writeFileSync(path.join(tmp, "state.json"), JSON.stringify(state, null, 1));
    appendLines(path.join(tmp, "outbox.jsonl"), path.join(abs, "outbox.jsonl"), env.outbox);
    appendLines(path.join(tmp, "log.jsonl"), path.join(abs, "log.jsonl"), env.log);
    // Anything else a person put in the folder (e.g. the demo's report) is carried across.
    if (fs.existsSync(abs)) {
      for (const name of fs.readdirSync(abs)) {
        if (!["hub.xlsx", "state.json", "outbox.jsonl", "log.jsonl"].includes(name)) {
          fs.cpSync(path.join(abs, name), path.join(tmp, name), { recursive: true });
        }
      }
    }
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const old = `${abs}.old-${process.pid}`;
  if (fs.existsSync(abs)) fs.renameSync(abs, old);
  fs.renameSync(tmp, abs);
  fs.rmSync(old, { recursive: true, force: true });
}

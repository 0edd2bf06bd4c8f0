// Functions the sidebar calls through google.script.run. Arguments and results are plain values
// (ISO strings, never Dates), as HtmlService requires.
import { readConfig } from "../sheets/config";
import type { Services } from "../services/services";

export interface ProgrammeSummary {
  key: string;
  title: string;
  year: string;
  closes: string | null;
  places: number | null;
  active: boolean;
}

export function listProgrammes(services: Services): ProgrammeSummary[] {
  const config = readConfig(services.spreadsheetApp.getActiveSpreadsheet());
  if (!config.ok)
    throw new Error(
      `Please fix the configuration first: ${config.problems.map((p) => `${p.cell}: ${p.message}`).join("; ")}`,
    );
  return config.config.programmes.map((p) => ({
    key: p.key,
    title: p.title,
    year: p.year,
    closes: p.closes ? p.closes.toISOString() : null,
    places: p.places,
    active: p.active,
  }));
}

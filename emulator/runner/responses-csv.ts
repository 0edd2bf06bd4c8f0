// Reading a Google Forms response export ("Download responses (.csv)"): every cell quoted, first
// column "Timestamp" like "2020/10/30 3:08:44 PM GMT+1" (the form owner's zone with its offset,
// "GMT" in winter), one column per question title, an optional "Email Address", checkbox answers
// joined by ", ". A Sheet's own CSV export is accepted too ("3/20/2026 19:10:37", read in the
// spreadsheet's time zone, Europe/London).
import { parse } from "csv-parse/sync";
import { londonInstant } from "../../src/domain/calendar";

export interface CsvResponse {
  /** 1-based data row in the file, for messages. */
  line: number;
  at: Date | null;
  email: string;
  /** Answers by question title, as in the file. */
  answers: Record<string, string>;
}

export class CsvError extends Error {}

export function parseFormsTimestamp(text: string): Date | null {
  const t = text.trim();
  // Forms export: 2020/10/30 3:08:44 PM GMT+1 (also GMT+01:00, GMT-5, plain GMT)
  let m =
    /^(\d{4})\/(\d{1,2})\/(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s*(AM|PM)?\s*(?:GMT|UTC)([+-]\d{1,2})?(?::?(\d{2}))?$/i.exec(
      t,
    );
  if (m) {
    let hour = Number(m[4]);
    const ampm = m[7]?.toUpperCase();
    if (ampm === "PM" && hour < 12) hour += 12;
    if (ampm === "AM" && hour === 12) hour = 0;
    const sign = m[8]?.startsWith("-") ? -1 : 1;
    const offsetMinutes = m[8] ? sign * (Math.abs(Number(m[8])) * 60 + Number(m[9] ?? 0)) : 0;
    const utc = Date.UTC(
      Number(m[1]),
      Number(m[2]) - 1,
      Number(m[3]),
      hour,
      Number(m[5]),
      Number(m[6]),
    );
    return new Date(utc - offsetMinutes * 60_000);
  }
  // A Sheet's CSV export (US-style month first, as Sheets writes it): 3/20/2026 19:10:37
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(t);
  if (m)
    return londonInstant(
      Number(m[3]),
      Number(m[1]),
      Number(m[2]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
    );
  // ISO, for hand-written files.
  if (/^\d{4}-\d{2}-\d{2}T/.test(t)) {
    const d = new Date(t);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

export function readResponsesCsv(text: string): { header: string[]; rows: CsvResponse[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), {
      relax_column_count: true,
      skip_empty_lines: true,
    }) as string[][];
  } catch (err) {
    throw new CsvError(`The CSV could not be read: ${(err as Error).message}`);
  }
  if (records.length === 0)
    throw new CsvError("The CSV is empty: it needs a header row of question titles.");
  const header = records[0]!.map((h) => h.trim());
  const timestampCol = header.findIndex((h) => h.toLowerCase() === "timestamp");
  const emailCol = header.findIndex((h) => h.toLowerCase() === "email address");
  const rows: CsvResponse[] = records.slice(1).map((cells, i) => {
    const answers: Record<string, string> = {};
    header.forEach((h, c) => {
      if (c === timestampCol || c === emailCol || h === "") return;
      answers[h] = cells[c] ?? "";
    });
    const stamp = timestampCol >= 0 ? (cells[timestampCol] ?? "") : "";
    const at = stamp ? parseFormsTimestamp(stamp) : null;
    if (stamp && !at)
      throw new CsvError(
        `Row ${i + 2} has a timestamp "${stamp}" that is not in a Forms or Sheets export format.`,
      );
    return { line: i + 2, at, email: emailCol >= 0 ? (cells[emailCol] ?? "").trim() : "", answers };
  });
  return { header, rows };
}

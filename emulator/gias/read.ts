// Reading GIAS files from disk for the local runner (`mhr init --schools FILE --links FILE`).
// Rows are streamed and only the reduced School records are kept, so a 60 MB national download
// imports in bounded memory.
import { createReadStream } from "node:fs";
import { pipeline } from "node:stream";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import type { School } from "../../src/domain/types";
import {
  applySuccessors,
  startLinksImport,
  startSchoolImport,
} from "../../src/domain/schools/import";
import { LinksFileError } from "../../src/domain/schools/links";
import { detectEncoding } from "./encoding";

/** A file that cannot be read at all; the message is one sentence fit for the command line. */
export class GiasFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GiasFileError";
  }
}

/** Calls `onRecord` with each CSV record of the file, decoded, the header first. */
async function eachRecord(path: string, onRecord: (record: string[]) => void): Promise<void> {
  let encoding;
  try {
    encoding = await detectEncoding(path);
  } catch (error) {
    throw new GiasFileError(`Cannot read ${path}: ${describe(error)}.`);
  }
  const parser = parse({
    relax_column_count: true,
    skip_empty_lines: true,
    bom: true,
    // Files stitched together from several sources mix CRLF and LF line ends.
    record_delimiter: ["\r\n", "\n", "\r"],
  });
  // pipeline, not pipe: a failure anywhere ends the iteration below with that error.
  pipeline(createReadStream(path), iconv.decodeStream(encoding), parser, () => undefined);
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  try {
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await records.next();
      } catch (error) {
        throw new GiasFileError(`Cannot read ${path} as CSV: ${describe(error)}.`);
      }
      if (next.done) return;
      onRecord(next.value);
    }
  } finally {
    // Stops reading when onRecord gives up part-way (a file that is not what it claims).
    parser.destroy();
  }
}

function describe(error: unknown): string {
  if ((error as NodeJS.ErrnoException)?.code === "ENOENT") return "there is no such file";
  if ((error as NodeJS.ErrnoException)?.code === "EISDIR") return "it is a folder, not a file";
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\.$/, "");
}

export interface SchoolsFile {
  schools: School[];
  problems: string[];
}

/** Schools from a GIAS download or a 2017-style extract (UTF-8 or Windows-1252). */
export async function readGiasSchoolsFile(path: string): Promise<SchoolsFile> {
  let run: ReturnType<typeof startSchoolImport> | undefined;
  await eachRecord(path, (record) => {
    if (run === undefined) run = startSchoolImport(record);
    else run.add(record);
  });
  if (run === undefined) return { schools: [], problems: [`${path} is empty.`] };
  return run.finish();
}

/** URN -> successor URN from a GIAS links file. */
export async function readGiasLinksFile(path: string): Promise<Map<string, string>> {
  let run: ReturnType<typeof startLinksImport> | undefined;
  try {
    await eachRecord(path, (record) => {
      if (run === undefined) run = startLinksImport(record);
      else run.add(record);
    });
  } catch (error) {
    if (error instanceof LinksFileError) throw new GiasFileError(`${path}: ${describe(error)}.`);
    throw error;
  }
  return run === undefined ? new Map() : run.finish();
}

export interface GiasRegister extends SchoolsFile {
  /** How many schools received a successor from the links file. */
  linked: number;
}

/**
 * Everything `mhr init --schools A.csv B.csv --links L.csv` needs: the schools of every file (a
 * URN in two files keeps its first record) with successors applied from the links file.
 */
export async function loadGiasRegister(options: {
  schools: readonly string[];
  links?: string;
}): Promise<GiasRegister> {
  const schools: School[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const path of options.schools) {
    const file = await readGiasSchoolsFile(path);
    problems.push(...file.problems.map((problem) => `${path}: ${problem}`));
    let repeated = 0;
    for (const school of file.schools) {
      if (seen.has(school.urn)) repeated++;
      else {
        seen.add(school.urn);
        schools.push(school);
      }
    }
    if (repeated > 0) {
      problems.push(`${path}: ${repeated} URNs were already in an earlier file and were ignored.`);
    }
  }
  if (options.links === undefined) return { schools, problems, linked: 0 };
  const links = await readGiasLinksFile(options.links);
  const linked = schools.filter((school) => links.has(school.urn)).length;
  return { schools: applySuccessors(schools, links), problems, linked };
}

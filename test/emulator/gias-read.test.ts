import {
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { once } from "node:events";
import { buildSync } from "esbuild";
import iconv from "iconv-lite";
import {
  GiasFileError,
  detectEncoding,
  loadGiasRegister,
  readGiasLinksFile,
  readGiasSchoolsFile,
} from "../../emulator/gias";
import { stateFundedLabel } from "../../src/domain/schools/classify";
import { schoolsFromTable, successorsFromLinks } from "../../src/domain/schools/import";
import {
  GIAS_SAMPLE,
  LINKS_CSV,
  SAMPLE_2017_CSV,
  giasSample,
  linksTable,
} from "../fixtures/gias/load";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "mhr-gias-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const temp = (name: string, content: string | Buffer) => {
  const file = path.join(dir, name);
  writeFileSync(file, content);
  return file;
};

describe("readGiasSchoolsFile", () => {
  it("decodes the real Windows-1252 GIAS rows ('St Thomas à Becket')", async () => {
    expect(await detectEncoding(GIAS_SAMPLE)).toBe("win1252");
    const { schools, problems } = await readGiasSchoolsFile(GIAS_SAMPLE);
    expect(problems).toEqual([]);
    expect(schools.map((s) => s.urn)).toEqual(["106653", "126416", "117137", "148847"]);
    expect(schools[1].name).toBe("St Thomas à Becket Church of England Aided Primary School");
    // Streaming gives exactly what the in-memory reader gives.
    expect(schools).toEqual(schoolsFromTable(giasSample().header, giasSample().rows).schools);
  });

  it("reads the same rows re-saved as UTF-8 with a byte-order mark", async () => {
    const text = iconv.decode(readFileSync(GIAS_SAMPLE), "win1252");
    const file = temp(
      "utf8-bom.csv",
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]),
    );
    expect(await detectEncoding(file)).toBe("utf8");
    const { schools, problems } = await readGiasSchoolsFile(file);
    expect(problems).toEqual([]);
    expect(schools).toEqual((await readGiasSchoolsFile(GIAS_SAMPLE)).schools);
  });

  it("spots Windows-1252 even when the first accented byte is megabytes in", async () => {
    const filler = `"URN","EstablishmentName"\n` + "100001,Plain Name\n".repeat(200_000);
    const file = temp(
      "late-accent.csv",
      Buffer.concat([Buffer.from(filler), iconv.encode("100002,Ecole Ã  côté\n", "win1252")]),
    );
    expect(statSync(file).size).toBeGreaterThan(3_000_000);
    expect(await detectEncoding(file)).toBe("win1252");
  });

  it("imports the real 2017 sample (UTF-8, 6,023 rows) with state funding that matches the type groups", async () => {
    const started = performance.now();
    const { schools, problems } = await readGiasSchoolsFile(SAMPLE_2017_CSV);
    const ms = performance.now() - started;
    console.log(
      `2017 sample: ${schools.length} schools streamed from ${SAMPLE_2017_CSV} in ${ms.toFixed(0)} ms`,
    );
    expect(problems).toEqual([]);
    expect(schools).toHaveLength(6022);
    for (const s of schools) {
      const label = stateFundedLabel(s);
      if (s.typeGroup === "Independent schools") expect(label).toBe("No");
      else if (s.type === "Other independent special school") expect(label).toBe("No");
      else if (s.type === "Non-maintained special school") expect(label).toBe("Review");
      else expect(label).toBe("Yes");
    }
    expect(schools.filter((s) => s.typeGroup === "Independent schools").length).toBe(455);
  });

  it("says what is wrong with a file it cannot use", async () => {
    await expect(readGiasSchoolsFile(path.join(dir, "missing.csv"))).rejects.toThrow(GiasFileError);
    await expect(readGiasSchoolsFile(path.join(dir, "missing.csv"))).rejects.toThrow(
      /there is no such file/,
    );
    await expect(
      readGiasSchoolsFile(temp("broken.csv", 'URN,Name\n100001,"unclosed\n')),
    ).rejects.toThrow(/as CSV/);
    expect(await readGiasSchoolsFile(temp("empty.csv", ""))).toEqual({
      schools: [],
      problems: [`${path.join(dir, "empty.csv")} is empty.`],
    });
    const wrong = await readGiasSchoolsFile(temp("wrong.csv", "Name,Town\nA,B\n"));
    expect(wrong.schools).toEqual([]);
    expect(wrong.problems.join(" ")).toMatch(/"URN".*"Postcode"/);
  });
});

describe("readGiasLinksFile", () => {
  it("reads the real Windows-1252 links file into successor pairs", async () => {
    const started = performance.now();
    const links = await readGiasLinksFile(LINKS_CSV);
    console.log(
      `links: ${links.size} successor pairs in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(links).toEqual(successorsFromLinks(linksTable().header, linksTable().rows));
    expect(links.get("117137")).toBe("138205");
    expect(links.get("126416")).toBe("149557");
    expect(links.size).toBeGreaterThan(16_000);
  });

  it("refuses a file that is not a links file, naming the missing column", async () => {
    const promise = readGiasLinksFile(GIAS_SAMPLE);
    await expect(promise).rejects.toThrow(GiasFileError);
    await expect(readGiasLinksFile(GIAS_SAMPLE)).rejects.toThrow(/"LinkURN"/);
  });
});

describe("loadGiasRegister", () => {
  it("combines schools files and applies the links, as `mhr init --schools ... --links ...` does", async () => {
    const register = await loadGiasRegister({
      schools: [GIAS_SAMPLE, SAMPLE_2017_CSV, GIAS_SAMPLE],
      links: LINKS_CSV,
    });
    expect(register.schools).toHaveLength(4 + 6022);
    expect(register.problems).toEqual([
      `${GIAS_SAMPLE}: 4 URNs were already in an earlier file and were ignored.`,
    ]);
    expect(register.schools.find((s) => s.urn === "117137")?.successorUrn).toBe("138205");
    expect(register.linked).toBe(register.schools.filter((s) => s.successorUrn !== "").length);
    expect(register.linked).toBeGreaterThan(1000);
  });
});

describe("a national-size download", () => {
  // Run in a child Node with a 64 MB heap, as the runner runs: jest's sandbox makes csv-parse's
  // streaming path several times slower (every global it touches goes through the vm context),
  // and a separate process gives an honest heap figure. Reading the file whole and parsing it
  // needs about 200 MB of heap, so finishing inside 64 MB shows the rows really are streamed.
  it("streams a synthetic 60 MB, 52,000-row Windows-1252 GIAS file within a 64 MB heap", async () => {
    // The real rows with fresh URNs: ~1.15 KB a row, like the real 60 MB / 50,000-row download.
    // The sample mixes CRLF and a bare last line, so the file mixes line ends too.
    const [header, ...rows] = readFileSync(GIAS_SAMPLE)
      .toString("latin1")
      .split("\n")
      .filter((line) => line !== "");
    const file = path.join(dir, "edubasealldata-synthetic.csv");
    const out = createWriteStream(file);
    const ROWS = 52_000;
    out.write(Buffer.from(header + "\n", "latin1"));
    for (let start = 0; start < ROWS; start += 1000) {
      let chunk = "";
      for (let i = start; i < Math.min(ROWS, start + 1000); i++) {
        chunk += rows[i % rows.length].replace(/^\d+/, String(500000 + i)) + "\n";
      }
      if (!out.write(Buffer.from(chunk, "latin1"))) await once(out, "drain");
    }
    out.end();
    await once(out, "finish");
    const bytes = statSync(file).size;
    expect(bytes).toBeGreaterThan(58_000_000);

    const script = path.join(dir, "import-national.js");
    buildSync({
      stdin: { contents: CHILD, resolveDir: path.resolve(__dirname, "../.."), loader: "ts" },
      bundle: true,
      platform: "node",
      outfile: script,
      logLevel: "warning",
    });
    const stdout = execFileSync(process.execPath, ["--max-old-space-size=64", script, file], {
      encoding: "utf8",
      timeout: 20_000,
    });
    const report = JSON.parse(stdout) as {
      ms: number;
      peakHeap: number;
      count: number;
      problems: string[];
      accented: number;
      lastUrn: string;
    };
    console.log(
      `synthetic GIAS download: ${(bytes / 1e6).toFixed(1)} MB, ${report.count} rows imported in ` +
        `${(report.ms / 1000).toFixed(1)} s; peak heap ${(report.peakHeap / 1e6).toFixed(0)} MB (limit 64 MB)`,
    );
    expect(report.problems).toEqual([]);
    expect(report.count).toBe(ROWS);
    expect(report.accented).toBe(ROWS / 4);
    expect(report.lastUrn).toBe(String(500000 + ROWS - 1));
    expect(report.ms).toBeLessThan(15_000);
  });
});

const CHILD = `
import { readGiasSchoolsFile } from "./emulator/gias";
let peakHeap = 0;
const sample = () => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed); };
const timer = setInterval(sample, 5);
const started = performance.now();
readGiasSchoolsFile(process.argv[2]).then(({ schools, problems }) => {
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  const accented = schools.filter((s) => s.name.startsWith("St Thomas \u00e0 Becket")).length;
  const lastUrn = schools[schools.length - 1].urn;
  console.log(JSON.stringify({ ms, peakHeap, count: schools.length, problems, accented, lastUrn }));
});
`;

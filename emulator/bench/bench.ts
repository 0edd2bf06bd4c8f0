// mhr bench: the benchmark scenarios. Service-call counts are exact; simulated seconds come from
// the latency model (emulator/core/latency.ts) and are only a model; wall time is this machine.
import { allocate, type AllocationCandidate } from "../../src/domain/allocation";
import { seededRandom } from "../demo/people";
import {
  routeApplications,
  type LeadProfile,
  type RoutingApplication,
} from "../../src/domain/routing";
import type { ProgrammeKey, School } from "../../src/domain/types";
import { sampleHub, specialistAnswers, type SampleHub } from "../runner/sample-hub";
import { setProgramme } from "../runner/admin";
import type { ExecutionRecord } from "../core/runtime";

export interface BenchResult {
  scenario: string;
  calls: number | null;
  /** Calls that are round trips to a sheet (reads and writes of values). */
  sheetRoundTrips: number | null;
  /** The fewest calls possible: one read and one write per sheet touched. */
  physicalLimit: number | null;
  simulatedSeconds: number | null;
  wallMs: number;
  note: string;
}

const ROUND_TRIPS = [
  "Range.getValues",
  "Range.setValues",
  "Sheet.appendRow",
  "Range.getValue",
  "Range.setValue",
];

function roundTrips(r: ExecutionRecord): number {
  return ROUND_TRIPS.reduce((n, m) => n + (r.byMethod[m] ?? 0), 0);
}

function applicant(school: School, i: number) {
  return specialistAnswers(
    school,
    { email: `applicant${i}@example.org`, firstName: `Applicant${i}`, lastName: "Example" },
    { yearsTeaching: String(2 + (i % 10)) },
  );
}

function secondaries(hub: SampleHub): School[] {
  return hub.schools.filter(
    (s) => s.la === "Hertfordshire" && s.phase === "Secondary" && s.status === "Open",
  );
}

function backlog(hub: SampleHub, n: number, key: ProgrammeKey = "sec-specialist"): void {
  const schools = secondaries(hub);
  const formId = hub.formId(key);
  const start = hub.env.rt.nowMillis();
  for (let i = 0; i < n; i++)
    hub.env.forms._submit(formId, applicant(schools[i % schools.length]!, i), {
      at: new Date(start + i * 1000),
    });
  hub.env.rt.setNow(new Date(start + n * 1000));
}

async function oneSubmission(existing: number, bundleCode: string): Promise<BenchResult> {
  const hub = await sampleHub({ bundleCode });
  backlog(hub, existing);
  if (existing > 0) hub.env.run("menuProcessAll");
  const wall = Date.now();
  const { runs } = hub.env.submit(
    hub.formId("sec-specialist"),
    applicant(secondaries(hub)[0]!, 999_999),
    { at: new Date(hub.env.rt.nowMillis() + 60_000) },
  );
  const r = runs[0]!.record;
  // Sheets touched: 4 config + Schools + Engagement + response sheet (read); Applications and Mail
  // queue (read and write); Audit (write: the head teacher's endorsement is requested).
  return {
    scenario: `one submission, register of ${existing.toLocaleString("en-GB")}`,
    calls: r.calls,
    sheetRoundTrips: roundTrips(r),
    physicalLimit: 12,
    simulatedSeconds: r.simulatedMs / 1000,
    wallMs: Date.now() - wall,
    note: r.outcome,
  };
}

async function sweep(n: number, bundleCode: string): Promise<BenchResult> {
  const hub = await sampleHub({ bundleCode });
  backlog(hub, n);
  const wall = Date.now();
  const runs: ExecutionRecord[] = [];
  let remaining = n;
  while (remaining > 0 && runs.length < 10) {
    const run = hub.env.run<{ remaining: number }>("menuProcessAll");
    runs.push(run.record);
    remaining = run.value?.remaining ?? remaining;
  }
  const calls = runs.reduce((a, r) => a + r.calls, 0);
  const sim = runs.reduce((a, r) => a + r.simulatedMs, 0) / 1000;
  return {
    scenario: `sweep of ${n.toLocaleString("en-GB")} responses`,
    calls,
    sheetRoundTrips: runs.reduce((a, r) => a + roundTrips(r), 0),
    // 4 config sheets, Schools, Engagement and 16 response sheets read; Applications and Mail
    // queue read and written; Audit written (endorsement requests).
    physicalLimit: 27,
    simulatedSeconds: sim,
    wallMs: Date.now() - wall,
    note: `${runs.length} execution${runs.length > 1 ? "s" : ""} (limit 360 s each): ${runs.map((r) => `${(r.simulatedMs / 1000).toFixed(1)} s`).join(", ")}; ${remaining} left; written in chunks of 250 so a stopped run resumes`,
  };
}

function routing(n: number): BenchResult {
  const las = ["Hertfordshire", "Essex", "Luton", "Bedford", "Thurrock", "Southend-on-Sea"];
  const leads: LeadProfile[] = Array.from({ length: 20 }, (_, i) => ({
    email: `lead${i}@example.org`,
    name: `Lead ${i}`,
    programmes:
      i % 4 === 0
        ? ["all"]
        : ["sec-specialist", "sec-development", "sktm-ect-1"].slice(0, 1 + (i % 3)),
    localAuthorities: i % 3 === 0 ? ["all"] : [las[i % las.length]!, las[(i + 1) % las.length]!],
    maxLoad: 40 + (i % 5) * 10,
    ownSchoolUrn: String(100000 + i),
    active: true,
  }));
  const keys: ProgrammeKey[] = ["sec-specialist", "sec-development", "sktm-ect-1"];
  const apps: RoutingApplication[] = Array.from({ length: n }, (_, i) => ({
    responseId: `r${String(i).padStart(5, "0")}`,
    programme: keys[i % keys.length]!,
    localAuthority: las[(i * 7) % las.length]!,
    schoolUrn: String(100000 + (i % 300)),
    groupKey:
      keys[i % keys.length] === "sec-development" && i % 2 === 0 ? `pair-${Math.floor(i / 6)}` : "",
    currentLead: "",
    open: true,
  }));
  const wall = Date.now();
  const decisions = routeApplications(apps, leads);
  return {
    scenario: `routing of ${n.toLocaleString("en-GB")} applications to 20 leads`,
    calls: null,
    sheetRoundTrips: null,
    physicalLimit: null,
    simulatedSeconds: null,
    wallMs: Date.now() - wall,
    note: `${decisions.filter((d) => !d.unassigned).length} assigned, ${decisions.filter((d) => d.unassigned).length} unassigned (pure domain code: no service calls)`,
  };
}

function allocation(n: number, groups: number): BenchResult {
  const random = seededRandom(n * 31 + groups);
  const las = Array.from({ length: 12 }, (_, i) => `Authority ${i + 1}`);
  const candidates: AllocationCandidate[] = Array.from({ length: n }, (_, i) => ({
    responseId: `r${String(i).padStart(5, "0")}`,
    schoolUrn: String(100000 + Math.floor(random() * (n / 2))),
    localAuthority: las[Math.floor(random() * las.length)]!,
    verdict: random() < 0.8 ? "ELIGIBLE" : "REVIEW",
    allocatable: true,
    score: Math.round(random() * 1000) / 10,
    tiers: random() < 0.3 ? ["never-engaged"] : [],
    endorsement: "Confirmed",
    unitKey: "",
  }));
  const wall = Date.now();
  const result = allocate(candidates, {
    places: null,
    groups: Array.from({ length: groups }, (_, g) => ({
      id: `G${g + 1}`,
      capacity: Math.max(1, Math.floor((n * 0.6) / groups)),
      localAuthorities: [las[g % las.length]!, las[(g + 3) % las.length]!],
    })),
    maxPerSchool: 1,
    tierWeights: { "never-engaged": 25 },
    distancePenalty: 40,
    seed: 7,
    overrides: [],
  });
  return {
    scenario: `allocation of ${n.toLocaleString("en-GB")} applications to ${groups} Work Groups`,
    calls: null,
    sheetRoundTrips: null,
    physicalLimit: null,
    simulatedSeconds: null,
    wallMs: Date.now() - wall,
    note: `${result.placed.length} placed, ${result.waitlist.length} waitlisted; ${result.exact ? "proven optimal (exact min-cost flow)" : "best found within the search budget"}`,
  };
}

/** Marks every application's endorsement Confirmed, as endorsers answering would (not measured). */
function confirmEndorsements(hub: SampleHub): void {
  hub.env.rt.uncharged(() => {
    const sheet = hub.env.spreadsheet.getSheetByName("Applications")!;
    const values = sheet.getDataRange().getValues();
    const col = values[0]!.indexOf("Endorsement");
    const column = values.slice(1).map(() => ["Confirmed"]);
    if (column.length) sheet.getRange(2, col + 1, column.length, 1).setValues(column);
  });
}

/** Allocation as the hub lead runs it: the sidebar's preview, then confirmation, in the hub. */
async function allocationInHub(n: number, bundleCode: string): Promise<BenchResult[]> {
  const hub = await sampleHub({ bundleCode });
  backlog(hub, n);
  hub.env.run("menuProcessAll");
  confirmEndorsements(hub);
  const places = Math.round(n * 0.3);
  setProgramme(hub.env, "sec-specialist", { Places: places, "Max per school": "" });
  const request = { programme: "sec-specialist", overrides: [] };
  let wall = Date.now();
  const preview = hub.env.run<{ token: string; placed: unknown[]; waitlist: unknown[] }>(
    "apiPreviewAllocation",
    [request],
    { kind: "sidebar" },
  );
  const previewWall = Date.now() - wall;
  if (preview.error) throw preview.error;
  wall = Date.now();
  const confirm = hub.env.run<{ offered: number; waitlisted: number; emailsQueued: number }>(
    "apiConfirmAllocation",
    [{ ...request, token: preview.value!.token }],
    { kind: "sidebar" },
  );
  const confirmWall = Date.now() - wall;
  if (confirm.error) throw confirm.error;
  const p = preview.record;
  const c = confirm.record;
  return [
    {
      scenario: `allocation preview in the hub, ${n.toLocaleString("en-GB")} applications`,
      calls: p.calls,
      sheetRoundTrips: roundTrips(p),
      // Reads: 4 config sheets, Applications, Schools, Engagement, and the Mail queue (to say how
      // many emails confirming would queue).
      physicalLimit: 8,
      simulatedSeconds: p.simulatedMs / 1000,
      wallMs: previewWall,
      note: `${preview.value!.placed.length} placed, ${preview.value!.waitlist.length} waiting; nothing written`,
    },
    {
      scenario: `allocation confirmed in the hub, ${n.toLocaleString("en-GB")} applications`,
      calls: c.calls,
      sheetRoundTrips: roundTrips(c),
      // Reads: 4 config, Applications, Schools, Engagement, Mail queue; writes: Applications, the
      // run sheet, the cohort sheet, Engagement, Audit, Mail queue, Log.
      physicalLimit: 15,
      simulatedSeconds: c.simulatedMs / 1000,
      wallMs: confirmWall,
      note: `${confirm.value!.offered} offered, ${confirm.value!.waitlisted} waitlisted, ${confirm.value!.emailsQueued} emails queued`,
    },
  ];
}

export async function runBench(options: {
  bundleCode: string;
  quick?: boolean;
  progress?: (label: string) => void;
}): Promise<BenchResult[]> {
  const sizes = options.quick ? [10, 1000] : [10, 1000, 10_000];
  const out: BenchResult[] = [];
  for (const n of sizes) {
    options.progress?.(`one submission at ${n}`);
    out.push(await oneSubmission(n, options.bundleCode));
  }
  options.progress?.("sweep");
  out.push(await sweep(options.quick ? 1000 : 10_000, options.bundleCode));
  options.progress?.("routing");
  out.push(routing(1000));
  options.progress?.("allocation");
  out.push(allocation(100, 10));
  out.push(allocation(1000, 50));
  options.progress?.("allocation in the hub");
  out.push(...(await allocationInHub(options.quick ? 200 : 1000, options.bundleCode)));
  return out;
}

export function formatBench(results: BenchResult[]): string {
  const rows = results.map((r) => [
    r.scenario,
    r.calls === null ? "-" : String(r.calls),
    r.sheetRoundTrips === null ? "-" : String(r.sheetRoundTrips),
    r.physicalLimit === null ? "-" : String(r.physicalLimit),
    r.simulatedSeconds === null ? "-" : r.simulatedSeconds.toFixed(2),
    String(r.wallMs),
    r.note,
  ]);
  const header = [
    "scenario",
    "calls",
    "sheet round trips",
    "fewest possible",
    "simulated s",
    "wall ms",
    "note",
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ");
  return (
    [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n") + "\n"
  );
}

// The figures on the hub's Dashboard, computed from the register and the school list. Pure.
import { formatLondon } from "./calendar";
import { phaseFlagsOf, fundingOf } from "./schools/classify";
import { VERDICTS, type EngagementRecord, type School } from "./types";

export interface DashboardApplication {
  programme: string;
  verdict: string;
  localAuthority: string;
  submitted: Date | null;
  decision: string;
  schoolUrn: string;
}

export interface DashboardFigures {
  /** Rows: programme, then one count per verdict, then total. */
  byProgramme: Array<[string, ...number[]]>;
  verdicts: string[];
  byLocalAuthority: Array<[string, number]>;
  /** ISO week starting Monday (London), applications received. */
  byWeek: Array<[string, number]>;
  /** Programme, places, offered or accepted, waitlisted. */
  places: Array<[string, number | "", number, number]>;
  /** State-funded schools in the hub's area that have never engaged, by local authority. */
  neverEngaged: Array<[string, number, number]>;
}

function mondayOf(d: Date): string {
  const day = Number(formatLondon(d, "i")); // 1 = Monday
  return formatLondon(new Date(d.getTime() - (day - 1) * 86_400_000), "yyyy-MM-dd");
}

export function dashboardFigures(input: {
  applications: DashboardApplication[];
  programmes: Array<{ key: string; title: string; places: number | null }>;
  schools: School[];
  engagement: EngagementRecord[];
  hubLas: string[];
}): DashboardFigures {
  const titles = new Map(input.programmes.map((p) => [p.key, p.title]));
  const perProgramme = input.programmes.map(
    (p) => [p, input.applications.filter((a) => a.programme === p.key)] as const,
  );
  const byProgramme = perProgramme.map(([p, mine]) => {
    return [
      p.title,
      ...VERDICTS.map((v) => mine.filter((a) => a.verdict === v).length),
      mine.length,
    ] as [string, ...number[]];
  });
  const tally = (keys: string[]) => {
    const m = new Map<string, number>();
    for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
    return [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  };
  const byLocalAuthority = tally(
    input.applications.map((a) => a.localAuthority || "(school not found)"),
  ).sort((a, b) => b[1] - a[1]);
  const byWeek = tally(
    input.applications.filter((a) => a.submitted).map((a) => mondayOf(a.submitted!)),
  );
  const places = perProgramme.map(([p, mine]) => {
    return [
      titles.get(p.key) ?? p.key,
      p.places ?? "",
      mine.filter((a) => a.decision === "Offered" || a.decision === "Accepted").length,
      mine.filter((a) => a.decision === "Waitlisted").length,
    ] as [string, number | "", number, number];
  });
  const engaged = new Set(input.engagement.map((e) => e.urn));
  const area = new Set(input.hubLas.map((la) => la.toLowerCase()));
  const neverEngaged = new Map<string, [number, number]>();
  for (const s of input.schools) {
    if (
      !/^open/i.test(s.status) ||
      fundingOf(s) !== "state" ||
      (area.size > 0 && !area.has(s.la.toLowerCase()))
    )
      continue;
    if (!phaseFlagsOf(s).secondary) continue;
    const entry = neverEngaged.get(s.la) ?? [0, 0];
    entry[1]++;
    if (!engaged.has(s.urn)) entry[0]++;
    neverEngaged.set(s.la, entry);
  }
  return {
    byProgramme,
    verdicts: [...VERDICTS],
    byLocalAuthority,
    byWeek,
    places,
    neverEngaged: [...neverEngaged]
      .map(([la, [never, all]]) => [la, never, all] as [string, number, number])
      .sort((a, b) => b[1] - a[1]),
  };
}

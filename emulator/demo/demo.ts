// mhr demo: a recruitment season at a realistic hub, from set-up to the closing dates, run by the
// compiled add-on in the emulator. Real East of England schools; invented applicants at
// example.org; a realistic share of messy answers.
import { londonInstant } from "../../src/domain/calendar";
import { PROGRAMMES } from "../../src/domain/programmes/catalogue";
import { phaseFlagsOf, fundingOf } from "../../src/domain/schools/classify";
import type { CanonicalField, ProgrammeKey, School } from "../../src/domain/types";
import { appendSheetRows, editApplication, setProgramme, sheetObjects } from "../runner/admin";
import { runFailed } from "../runner/environment";
import { answersByTitle, sampleHub, SAMPLE_AREA, type SampleHub } from "../runner/sample-hub";
import { allocateSeason, describeAllocation, type DemoAllocation } from "./allocation";
import { DemoEndorsers, type EndorserSummary } from "./endorsers";
import { people, seededRandom, type Person } from "./people";

type Answers = Partial<Record<CanonicalField, string | string[]>>;

/** How many applications each programme gets, as hubs see them (DESIGN.md). */
const VOLUMES: Record<ProgrammeKey, number> = {
  "sec-specialist": 6,
  "pri-specialist": 5,
  "sec-development": 14,
  "sec-embedding": 5,
  "special-crossphase": 3,
  "subject-leaders": 7,
  "mat-leaders": 3,
  "securing-foundations": 6,
  "crossphase-l2": 4,
  "sktm-nonspecialist": 8,
  "sktm-ect-1": 6,
  "sktm-ect-2": 4,
  "sktm-ta": 4,
  "itt-partnerships": 3,
  "pd-lead": 4,
  "school-dev-lead": 3,
};

const OPENS = londonInstant(2024, 1, 8, 9, 0);
/** Closing times, Europe/London: the Specialists at 5pm on 29 March 2024 (GMT), the rest in BST. */
const CLOSES: Partial<Record<ProgrammeKey, Date>> = {
  "sec-specialist": londonInstant(2024, 3, 29, 17, 0),
  "pri-specialist": londonInstant(2024, 3, 29, 17, 0),
  "sec-development": londonInstant(2024, 5, 17, 17, 0),
  "sec-embedding": londonInstant(2024, 5, 17, 17, 0),
};
const DEFAULT_CLOSE = londonInstant(2024, 6, 14, 17, 0);
const END = londonInstant(2024, 6, 17, 9, 0);
/** The hub lead allocates the morning after the last closing summary. */
const ALLOCATION_DAY = londonInstant(2024, 6, 18, 10, 0);
/** By now the decision emails have gone out, within the daily email budget. */
const AFTER_DECISIONS = londonInstant(2024, 6, 24, 9, 0);

function closesOf(key: ProgrammeKey): Date {
  return CLOSES[key] ?? DEFAULT_CLOSE;
}

/** Which schools an applicant to each programme plausibly comes from. */
function schoolPool(key: ProgrammeKey, schools: School[]): School[] {
  const open = schools.filter((s) => /^open/i.test(s.status) && fundingOf(s) === "state");
  const flags = (s: School) => phaseFlagsOf(s);
  switch (key) {
    case "pri-specialist":
      return open.filter((s) => flags(s).primary && !flags(s).special);
    case "special-crossphase":
      return open.filter((s) => flags(s).special);
    case "crossphase-l2":
      return open.filter((s) => flags(s).secondary || flags(s).college);
    case "itt-partnerships":
      return [];
    default:
      return open.filter((s) => flags(s).secondary && !flags(s).special);
  }
}

function baseAnswers(
  key: ProgrammeKey,
  person: Person,
  school: School | null,
  random: () => number,
): Answers {
  const a: Answers = {
    email: person.email,
    firstName: person.firstName,
    lastName: person.lastName,
    role: "Classroom teacher",
    consent: ["I agree"],
    statement: "I would like to deepen mastery teaching in my school and share it with colleagues.",
  };
  if (school)
    Object.assign(a, {
      schoolUrn: school.urn,
      schoolName: school.name,
      schoolPostcode: school.postcode,
    });
  const head = {
    headName: "Alex Head",
    headEmail: `head.${school?.urn ?? "0"}@example.org`,
    headSupport: "Yes",
  };
  const years = String(3 + Math.floor(random() * 10));
  switch (key) {
    case "sec-specialist":
      return { ...a, ...head, qts: "Yes", yearsTeaching: years, headAttendsLaunch: "Yes" };
    case "pri-specialist":
      return { ...a, ...head, qts: "Yes", yearsTeaching: years };
    case "sec-development":
      return {
        ...a,
        ...head,
        role: "Head of maths / subject leader",
        hodSupport: "Yes",
        advocate2Name: "Jordan Second",
        advocate2Email: `second.${school?.urn}@example.org`,
      };
    case "sec-embedding":
      return { ...a, role: "Head of maths / subject leader", previousDevelopmentYear: "2022/23" };
    case "subject-leaders":
      return { ...a, role: "Head of maths / subject leader" };
    case "special-crossphase":
      return a;
    case "mat-leaders":
      return {
        ...a,
        role: "Trust (MAT) maths leader",
        matName: "Example Learning Trust",
        matSchoolCount: "5",
        matSecondaryCount: "2",
      };
    case "securing-foundations":
      return { ...a, teachesYear7: "Yes" };
    case "crossphase-l2":
      return { ...a, teachesL2: "Yes" };
    case "sktm-nonspecialist":
      return { ...a, teachesMaths: "Yes", ittInMaths: "No" };
    case "sktm-ect-1":
      return { ...a, ectYear: String(1 + Math.floor(random() * 2)) };
    case "sktm-ect-2":
      return { ...a, yearsTeaching: "2", sktmPhase1Done: "Yes" };
    case "sktm-ta":
      return { ...a, role: "Teaching assistant", schoolInWorkGroup: "Yes" };
    case "itt-partnerships":
      return {
        ...a,
        role: "Initial teacher training tutor or leader",
        ittProvider: "University of Hertfordshire (example)",
        ittInMaths: "Yes",
      };
    case "pd-lead":
      return { ...a, role: "Senior leader", ledPdBeyondSchool: "Yes" };
    case "school-dev-lead":
      return {
        ...a,
        ...head,
        role: "Senior leader",
        pdLeadCompleted: random() < 0.7 ? "Yes" : "No",
      };
  }
}

interface Submission {
  key: ProgrammeKey;
  at: Date;
  answers: Answers;
  story: string;
}

/** The season's submissions, with a realistic share of messy ones. */
function season(hub: SampleHub, seed: number): Submission[] {
  const random = seededRandom(seed);
  const nextPerson = people(random);
  const inArea = hub.schools.filter((s) => SAMPLE_AREA.includes(s.la));
  const elsewhere = hub.schools.filter((s) => !SAMPLE_AREA.includes(s.la));
  const oldUrns = hub.schools.filter(
    (s) => s.status === "Closed" && s.successorUrn && SAMPLE_AREA.includes(s.la),
  );
  const independent = hub.schools.filter(
    (s) =>
      SAMPLE_AREA.includes(s.la) && fundingOf(s) === "independent" && phaseFlagsOf(s).secondary,
  );
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const out: Submission[] = [];
  for (const key of Object.keys(VOLUMES) as ProgrammeKey[]) {
    const local = schoolPool(key, inArea);
    const away = schoolPool(key, elsewhere);
    const span = closesOf(key).getTime() - OPENS.getTime();
    for (let i = 0; i < VOLUMES[key]; i++) {
      const roll = random();
      let school: School | null =
        key === "itt-partnerships"
          ? null
          : random() < 0.9 || away.length === 0
            ? pick(local)
            : pick(away);
      let story = school && !SAMPLE_AREA.includes(school.la) ? "out of area" : "ordinary";
      const person = nextPerson();
      const at = new Date(OPENS.getTime() + Math.floor(random() * span * 0.97));
      const answers = baseAnswers(key, person, school, random);
      if (school && roll < 0.08 && oldUrns.length) {
        const old = pick(oldUrns);
        school = hub.schools.find((s) => s.urn === old.successorUrn) ?? school;
        Object.assign(answers, {
          schoolUrn: `URN ${old.urn}`,
          schoolName: school.name,
          schoolPostcode: school.postcode,
        });
        story = "quoted the school's old URN";
      } else if (school && roll < 0.12) {
        Object.assign(answers, {
          schoolUrn: String(Number(school.urn) + 7_000_000).slice(0, 6),
          schoolName: school.name.toUpperCase(),
          schoolPostcode: school.postcode.toLowerCase(),
        });
        story = "mistyped the URN (found by name and postcode)";
      } else if (roll < 0.15) {
        answers.email = `${person.firstName}.${person.lastName}@example`.toLowerCase();
        story = "mistyped their email address";
      } else if (roll < 0.19 && "headEmail" in answers) {
        answers.headEmail = `${person.firstName}.head@gmail.com`.toLowerCase();
        story = "gave a free-mail address for the head teacher";
      } else if (roll < 0.22 && "qts" in answers) {
        answers.qts = "No";
        story = "has no QTS";
      }
      out.push({ key, at, answers, story });
      if (roll > 0.95) {
        out.push({
          key,
          at: new Date(at.getTime() + 3 * 86_400_000),
          answers: {
            ...answers,
            statement: "Resubmitted with a fuller statement about our department's plans.",
          },
          story: "applied twice",
        });
      }
    }
    // A late one for every programme with a deadline: a minute after it closed.
    const late = baseAnswers(
      key,
      nextPerson(),
      key === "itt-partnerships" ? null : pick(local),
      random,
    );
    out.push({
      key,
      // The form closes in the first hourly run after the deadline; until then a response is LATE.
      at: new Date(closesOf(key).getTime() + 60_000),
      answers: late,
      story: "submitted after the closing time",
    });
  }
  if (independent.length) {
    const school = pick(independent);
    out.push({
      key: "sec-specialist",
      at: londonInstant(2024, 2, 12, 20, 15),
      answers: baseAnswers("sec-specialist", nextPerson(), school, random),
      story: "teaches at an independent school",
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}

function configure(hub: SampleHub): void {
  for (const key of Object.keys(PROGRAMMES) as ProgrammeKey[]) {
    setProgramme(hub.env, key, {
      "Academic year": "'2023/24",
      Opens: OPENS,
      Closes: closesOf(key),
      "Cohort starts": londonInstant(2024, 9, 1),
    });
  }
  setProgramme(hub.env, "sec-specialist", { Places: 3 });
  setProgramme(hub.env, "sec-development", { Places: 10 });
  const herts = hub.schools.find(
    (s) => s.la === "Hertfordshire" && phaseFlagsOf(s).secondary && /^open/i.test(s.status),
  )!;
  appendSheetRows(hub.env, "Leads", [
    [
      "Priya Shah",
      "priya.shah@example.org",
      "sec-specialist, sec-development, sec-embedding",
      "Hertfordshire",
      25,
      `'${herts.urn}`,
      "Yes",
    ],
    [
      "Tom Evans",
      "tom.evans@example.org",
      "sktm-nonspecialist, sktm-ect-1, sktm-ect-2, sktm-ta, subject-leaders",
      "Essex",
      30,
      "",
      "Yes",
    ],
    ["Hannah Lee", "hannah.lee@example.org", "all", "all", 40, "", "Yes"],
    [
      "Omar Khan",
      "omar.khan@example.org",
      "pri-specialist, special-crossphase, securing-foundations, crossphase-l2",
      "all",
      20,
      "",
      "Yes",
    ],
  ]);
  appendSheetRows(hub.env, "Groups", [
    ["DEV-HERTS-1", "sec-development", "priya.shah@example.org", 5, "St Albans", "Hertfordshire"],
    ["DEV-ESSEX-1", "sec-development", "hannah.lee@example.org", 5, "Chelmsford", "Essex"],
  ]);
  // Last year's Development Work Groups: the basis of Embedding and of "never engaged".
  const previous = hub.schools
    .filter((s) => SAMPLE_AREA.includes(s.la) && phaseFlagsOf(s).secondary)
    .slice(0, 12);
  appendSheetRows(
    hub.env,
    "Engagement",
    previous.map((s) => [
      `'${s.urn}`,
      "sec-development",
      "'2022/23",
      "completed",
      "2022/23 cohort list",
    ]),
  );
}

/** What the leads say of an application when they review it, by verdict. */
const REVIEW_OUTCOME: Record<string, string> = {
  ELIGIBLE: "Recommend",
  REVIEW: "Needs info",
  INELIGIBLE: "Not recommended",
  INVALID: "Not recommended",
};

/** A lead recommends about half of the applications the rules leave to judgement. */
function reviewOutcome(verdict: string, row: number): string {
  if (verdict === "REVIEW") return row % 2 === 0 ? "Recommend" : "Needs info";
  return REVIEW_OUTCOME[verdict] ?? "In review";
}

/**
 * The leads review, in the Sheet, each application that has waited four days: its assigned lead
 * sets Review status (the add-on's onEdit audits each change).
 */
function reviewWaiting(hub: SampleHub, now: Date): { reviewed: number; failed: number } {
  let reviewed = 0;
  let failed = 0;
  sheetObjects(hub.env, "Applications").forEach((r, i) => {
    const submitted = r.Submitted instanceof Date ? r.Submitted.getTime() : Number.NaN;
    if (r["Review status"] !== "New" || !r.Lead || !(now.getTime() - submitted > 4 * 86_400_000))
      return;
    const run = editApplication(
      hub.env,
      String(r["Response ID"]),
      "Review status",
      reviewOutcome(String(r.Verdict), i),
      String(r.Lead),
    );
    if (run.error) failed++;
    else reviewed++;
  });
  return { reviewed, failed };
}

export interface DemoSummary {
  reviewed: number;
  submissions: number;
  refused: string[];
  registerRows: number;
  byVerdict: Record<string, number>;
  byProgramme: Record<string, number>;
  reasons: Record<string, number>;
  emailsSent: number;
  emailsQueued: number;
  scheduledRuns: number;
  failedRuns: number;
  stories: Record<string, number>;
  allocation: DemoAllocation;
  endorsers: EndorserSummary;
}

export async function runDemo(options: {
  bundleCode: string;
  seed?: number;
  progress?: (done: number, total: number) => void;
}): Promise<{ hub: SampleHub; summary: DemoSummary }> {
  const hub = await sampleHub({
    now: londonInstant(2024, 1, 2, 9, 0),
    bundleCode: options.bundleCode,
    hubName: "Example East Maths Hub",
  });
  configure(hub);
  const subs = season(hub, options.seed ?? 2024);
  const refused: string[] = [];
  let scheduledRuns = 0;
  let failedRuns = 0;
  const stories: Record<string, number> = {};
  let reviewed = 0;
  const endorsers = new DemoEndorsers(hub, seededRandom((options.seed ?? 2024) + 1));
  subs.forEach((s, i) => {
    const runs = endorsers.answerUntil(s.at);
    scheduledRuns += runs.length;
    failedRuns += runs.filter(runFailed).length;
    const review = reviewWaiting(hub, s.at);
    reviewed += review.reviewed;
    failedRuns += review.failed;
    try {
      const { runs: fired } = hub.env.submit(hub.formId(s.key), answersByTitle(s.key, s.answers), {
        at: s.at,
      });
      failedRuns += fired.filter(runFailed).length;
      stories[s.story] = (stories[s.story] ?? 0) + 1;
    } catch (err) {
      refused.push(`${s.key} at ${s.at.toISOString()}: ${(err as Error).message}`);
    }
    options.progress?.(i + 1, subs.length);
  });
  const tail = endorsers.answerUntil(END);
  scheduledRuns += tail.length;
  failedRuns += tail.filter(runFailed).length;

  const beforeAllocation = endorsers.answerUntil(ALLOCATION_DAY);
  const allocation = allocateSeason(hub);
  const afterDecisions = hub.env.advanceTo(AFTER_DECISIONS);
  for (const runs of [beforeAllocation, afterDecisions]) {
    scheduledRuns += runs.length;
    failedRuns += runs.filter(runFailed).length;
  }

  const dashboard = hub.env.run("menuRefreshDashboard");
  if (dashboard.error) failedRuns++;
  const register = sheetObjects(hub.env, "Applications");
  const count = (values: string[]) =>
    values.reduce<Record<string, number>>((m, v) => ((m[v] = (m[v] ?? 0) + 1), m), {});
  const queue = sheetObjects(hub.env, "Mail queue");
  return {
    hub,
    summary: {
      reviewed,
      submissions: subs.length - refused.length,
      refused,
      registerRows: register.length,
      byVerdict: count(register.map((r) => String(r.Verdict))),
      byProgramme: count(register.map((r) => String(r.Programme))),
      reasons: count(
        register.flatMap((r) =>
          String(r.Reasons)
            .split("\n")
            .map((l) => l.split(":")[0]!)
            .filter(Boolean),
        ),
      ),
      emailsSent: queue.filter((q) => q.Status === "Sent").length,
      emailsQueued: queue.filter((q) => q.Status === "Queued").length,
      scheduledRuns,
      failedRuns,
      stories,
      allocation,
      endorsers: endorsers.summary,
    },
  };
}

export function describeDemo(summary: DemoSummary, outDir: string): string {
  const list = (m: Record<string, number>) =>
    Object.entries(m)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  return [
    `A recruitment season at Example East Maths Hub (Hertfordshire and Essex), 8 January to 24 June 2024.`,
    `Submissions: ${summary.submissions} through 16 Google Forms${summary.refused.length ? ` (${summary.refused.length} refused by the form)` : ""}; ${summary.scheduledRuns} hourly runs (${summary.failedRuns} failed).`,
    `Applications register: ${summary.registerRows} rows. Verdicts: ${list(summary.byVerdict)}.`,
    `Reasons given: ${list(summary.reasons)}.`,
    `Messy answers in the mix: ${list(Object.fromEntries(Object.entries(summary.stories).filter(([k]) => k !== "ordinary")))}.`,
    `Leads reviewed ${summary.reviewed} applications in the Sheet (each edit audited).`,
    `Endorsements: ${summary.endorsers.requests} requests to head teachers; ${summary.endorsers.confirmed} confirmed, ${summary.endorsers.declined} declined (the application becomes INELIGIBLE and the applicant is told), ${summary.endorsers.silent} never answered (reminded before the deadline).`,
    ...describeAllocation(summary.allocation),
    `Emails: ${summary.emailsSent} sent (acknowledgements, digests, reminders, closing summaries, decisions), ${summary.emailsQueued} still queued (daily budget).`,
    ``,
    `Where to look:`,
    `  ${outDir}/hub.xlsx       the hub's spreadsheet (Dashboard, Applications, Programmes, Schools, Log, ...)`,
    `  ${outDir}/outbox.jsonl   every email sent`,
    `  ${outDir}/report.html    the Dashboard's figures and charts as a web page (opens offline)`,
    `  ${outDir}/log.jsonl      every execution of the add-on`,
    `  npx mhr export ${outDir} --sheet Applications --format json`,
  ].join("\n");
}

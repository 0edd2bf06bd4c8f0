// The allocation optimizer's rules, one scenario at a time: who is considered, pins, exclusions,
// the endorsement rule and its override, geography, pairs, the per-school limit, the waitlist and
// its reasons, seeded ties, determinism, and the 1,000 × 50 timing.
import fc from "fast-check";
import {
  VERDICT_PRIORITY,
  allocate,
  priorityOf,
  solveAllocation,
  tieKey,
  type AllocationCandidate,
  type AllocationParams,
} from "../../src/domain/allocation";
import { seededRandom } from "../../emulator/demo/people";

let counter = 0;
function cand(over: Partial<AllocationCandidate> = {}): AllocationCandidate {
  counter++;
  return {
    responseId: `R${String(counter).padStart(3, "0")}`,
    schoolUrn: String(100000 + counter),
    localAuthority: "Leeds",
    verdict: "ELIGIBLE",
    allocatable: true,
    score: 50,
    tiers: [],
    endorsement: "Confirmed",
    unitKey: "",
    ...over,
  };
}

function params(over: Partial<AllocationParams> = {}): AllocationParams {
  return {
    places: null,
    groups: [],
    maxPerSchool: null,
    tierWeights: {},
    distancePenalty: null,
    seed: 7,
    overrides: [],
    ...over,
  };
}

const ids = (xs: ReadonlyArray<{ responseId: string }>) => xs.map((x) => x.responseId);
const whyOf = (xs: ReadonlyArray<{ responseId: string; why: string }>, id: string) =>
  xs.find((x) => x.responseId === id)?.why ?? "";

describe("priorityOf", () => {
  it("adds the verdict's points, the score and each distinct tier's weight", () => {
    const weights = { tierWeights: { "never-engaged": 25, "priority-area": 12.5 } };
    expect(priorityOf({ verdict: "ELIGIBLE", score: 72.5, tiers: [] }, weights)).toBe(272.5);
    expect(priorityOf({ verdict: "REVIEW", score: 40, tiers: ["never-engaged", "never-engaged"] }, weights)).toBe(165);
    expect(priorityOf({ verdict: "ELIGIBLE", score: 0, tiers: ["priority-area", "unknown"] }, weights)).toBe(212.5);
    // Tier names are data: Object.prototype's members are not weights.
    expect(priorityOf({ verdict: "ELIGIBLE", score: 0, tiers: ["constructor", "toString"] }, weights)).toBe(200);
    expect(VERDICT_PRIORITY.ELIGIBLE - VERDICT_PRIORITY.REVIEW).toBe(100);
  });
});

describe("who is considered", () => {
  it("places only allocatable ELIGIBLE/REVIEW applications whose endorsement is Confirmed or not needed", () => {
    const ok = cand({ score: 10 });
    const review = cand({ verdict: "REVIEW", score: 90 });
    const notNeeded = cand({ endorsement: "Not needed" });
    const ineligible = cand({ verdict: "INELIGIBLE", score: 99 });
    const invalid = cand({ verdict: "INVALID" });
    const withdrawn = cand({ allocatable: false, notAllocatableReason: "withdrawn by the applicant" });
    const pending = cand({ allocatable: false });
    const requested = cand({ endorsement: "Requested", score: 100 });
    const declined = cand({ endorsement: "Declined" });
    const all = [ok, review, notNeeded, ineligible, invalid, withdrawn, pending, requested, declined];
    const res = allocate(all, params());
    expect(ids(res.placed).sort()).toEqual([ok, review, notNeeded].map((c) => c.responseId).sort());
    expect(res.waitlist).toEqual([]);
    expect(whyOf(res.notConsidered, ineligible.responseId)).toMatch(/^Verdict INELIGIBLE: only ELIGIBLE/);
    expect(whyOf(res.notConsidered, invalid.responseId)).toMatch(/^Verdict INVALID/);
    expect(whyOf(res.notConsidered, withdrawn.responseId)).toBe("Not allocatable: withdrawn by the applicant.");
    expect(whyOf(res.notConsidered, pending.responseId)).toMatch(/^Not allocatable: its review status/);
    expect(whyOf(res.notConsidered, requested.responseId)).toMatch(
      /^Endorsement Requested: a place is offered only once it is Confirmed, or when a lead waives it/,
    );
    expect(whyOf(res.notConsidered, declined.responseId)).toMatch(/^Endorsement Declined/);
    expect(res.objective).toBe(200 + 10 + 100 + 90 + 200 + 50);
  });

  it("ranks ELIGIBLE above a recommended REVIEW application of higher score", () => {
    const review = cand({ verdict: "REVIEW", score: 95 });
    const eligible = cand({ score: 5 });
    const res = allocate([review, eligible], params({ places: 1 }));
    expect(ids(res.placed)).toEqual([eligible.responseId]);
    expect(ids(res.waitlist)).toEqual([review.responseId]);
  });

  it("offers a place without the endorsement when a lead waives it with a written reason, and records it", () => {
    const waiting = cand({ endorsement: "Requested", score: 80 });
    const other = cand({ score: 20 });
    const waiver = {
      responseId: waiting.responseId,
      action: "endorsement-waived" as const,
      reason: "Head confirmed by phone on 3 March",
      by: "lead@hub.example",
    };
    const res = allocate([waiting, other], params({ places: 1, overrides: [waiver] }));
    expect(ids(res.placed)).toEqual([waiting.responseId]);
    expect(res.placed[0]!.why).toContain(
      "endorsement Requested waived by lead@hub.example: Head confirmed by phone on 3 March",
    );
    expect(res.overrides).toEqual([{ ...waiver, effect: "endorsement Requested waived; placed" }]);
  });

  it("rejects overrides without a written reason, an author or a known application", () => {
    const waiting = cand({ endorsement: "Requested" });
    const overrides = [
      { responseId: waiting.responseId, action: "endorsement-waived" as const, reason: "  ", by: "lead" },
      { responseId: waiting.responseId, action: "pin" as const, reason: "Because", by: "" },
      { responseId: "R-nobody", action: "exclude" as const, reason: "Duplicate", by: "lead" },
    ];
    const res = allocate([waiting], params({ overrides }));
    expect(res.placed).toEqual([]);
    expect(res.rejectedOverrides.map((r) => r.why)).toEqual([
      "An override needs a written reason.",
      "An override must say who made it.",
      "No application R-nobody is in this allocation.",
    ]);
    expect(res.overrides).toEqual([]);
    expect(res.infeasiblePins).toEqual([]);
  });
});

describe("exclusions and pins", () => {
  it("never places an excluded application, however high its priority", () => {
    const top = cand({ score: 100, tiers: ["never-engaged"] });
    const low = cand({ score: 1 });
    const exclude = { responseId: top.responseId, action: "exclude" as const, reason: "Left the school", by: "lead" };
    const res = allocate([top, low], params({ places: 5, overrides: [exclude], tierWeights: { "never-engaged": 50 } }));
    expect(ids(res.placed)).toEqual([low.responseId]);
    expect(whyOf(res.notConsidered, top.responseId)).toBe("Excluded by lead: Left the school");
    expect(res.overrides[0]!.effect).toBe("excluded: never placed");
  });

  it("places a pinned application ahead of higher priorities, and says so", () => {
    const high = cand({ score: 90 });
    const pinned = cand({ score: 10 });
    const pin = { responseId: pinned.responseId, action: "pin" as const, reason: "Hub's commitment to the MAT", by: "hub lead" };
    const res = allocate([high, pinned], params({ places: 1, overrides: [pin] }));
    expect(ids(res.placed)).toEqual([pinned.responseId]);
    expect(res.placed[0]!.why).toContain("pinned by hub lead: Hub's commitment to the MAT");
    expect(ids(res.waitlist)).toEqual([high.responseId]);
    expect(res.infeasiblePins).toEqual([]);
    expect(res.overrides[0]!.effect).toBe("placed");
  });

  it("reports pins it cannot honour, with the reason", () => {
    const groups = [{ id: "LEEDS-1", capacity: 1, localAuthorities: ["Leeds"] }];
    const a = cand({ score: 90 });
    const b = cand({ score: 30 });
    const wakefield = cand({ localAuthority: "Wakefield" });
    const excluded = cand();
    const ineligible = cand({ verdict: "INELIGIBLE" });
    const pin = (c: AllocationCandidate) => ({ responseId: c.responseId, action: "pin" as const, reason: "Promised", by: "lead" });
    const overrides = [
      pin(a),
      pin(b),
      pin(wakefield),
      pin(excluded),
      { responseId: excluded.responseId, action: "exclude" as const, reason: "Withdrew", by: "lead" },
      pin(ineligible),
    ];
    const res = allocate([a, b, wakefield, excluded, ineligible], params({ groups, overrides }));
    expect(ids(res.placed)).toEqual([a.responseId]); // two pins for one seat: the higher priority wins
    const why = Object.fromEntries(res.infeasiblePins.map((p) => [p.responseId, p.why]));
    expect(Object.keys(why).sort()).toEqual([b, wakefield, excluded, ineligible].map((c) => c.responseId).sort());
    expect(why[b.responseId]).toBe(
      "No feasible placement: no place left in a group serving Leeds (LEEDS-1 full) (1 other pinned unit took seats it could use)",
    );
    expect(why[wakefield.responseId]).toBe(
      "No feasible placement: no group serves Wakefield, and the hub places no one outside their area",
    );
    expect(why[excluded.responseId]).toBe("Excluded by lead: Withdrew (an exclusion wins over a pin)");
    expect(why[ineligible.responseId]).toMatch(/^Verdict INELIGIBLE/);
    expect(res.overrides.find((o) => o.responseId === b.responseId)!.effect).toMatch(/^pin infeasible: No feasible placement/);
  });
});

describe("geography", () => {
  const groups = [
    { id: "LEEDS-1", capacity: 1, localAuthorities: ["Leeds"] },
    { id: "BRAD-1", capacity: 2, localAuthorities: ["Bradford", "Calderdale"] },
  ];

  it("sends a school only to a group serving its local authority when there is no distance penalty", () => {
    const first = cand({ score: 80 });
    const second = cand({ score: 72.5 });
    const res = allocate([first, second], params({ groups }));
    expect(res.placed).toEqual([
      {
        responseId: first.responseId,
        group: "LEEDS-1",
        why: "Score 80, priority 280 (ELIGIBLE 200, score 80); placed in LEEDS-1, which serves Leeds",
      },
    ]);
    expect(res.waitlist).toEqual([
      {
        responseId: second.responseId,
        position: 1,
        why: "Score 72.5, priority 272.5 (ELIGIBLE 200, score 72.5); no place left in a group serving Leeds (LEEDS-1 full)",
      },
    ]);
    expect(res.capacityUsed).toEqual({ "LEEDS-1": { used: 1, capacity: 1 }, "BRAD-1": { used: 0, capacity: 2 } });
  });

  it("places a school elsewhere at the configured distance penalty, when that is worth it", () => {
    const first = cand({ score: 80 });
    const second = cand({ score: 72.5, localAuthority: " leeds " });
    const res = allocate([first, second], params({ groups, distancePenalty: 30 }));
    expect(res.placed.map((p) => [p.responseId, p.group])).toEqual([
      [first.responseId, "LEEDS-1"],
      [second.responseId, "BRAD-1"],
    ]);
    expect(whyOf(res.placed, second.responseId)).toContain("placed in BRAD-1, which does not serve leeds: distance penalty 30");
    expect(res.objective).toBe(280 + 272.5 - 30);
  });

  it("leaves a school waiting when the penalty outweighs its priority", () => {
    const first = cand({ score: 80 });
    const second = cand({ score: 72.5 });
    const res = allocate([first, second], params({ groups, distancePenalty: 1000 }));
    expect(ids(res.placed)).toEqual([first.responseId]);
    expect(res.waitlist[0]!.why).toBe(
      "Score 72.5, priority 272.5 (ELIGIBLE 200, score 72.5); no place left in a group serving Leeds (LEEDS-1 full); " +
        "a seat in BRAD-1 would cost the distance penalty 1000, not less than its priority 272.5",
    );
  });

  it("treats groups serving 'all' or no listed authority as local everywhere", () => {
    const everywhere = [
      { id: "ALL", capacity: 1, localAuthorities: ["All"] },
      { id: "ANY", capacity: 1, localAuthorities: [] },
    ];
    const res = allocate([cand({ localAuthority: "York" }), cand({ localAuthority: "" })], params({ groups: everywhere }));
    expect(res.placed.map((p) => p.group).sort()).toEqual(["ALL", "ANY"]);
    expect(res.placed[0]!.why).toContain("which serves every area");
  });
});

describe("pairs and schools", () => {
  it("places a school's two advocates together in one group or not at all", () => {
    const groups = [
      { id: "G1", capacity: 3, localAuthorities: ["Leeds"] },
      { id: "G2", capacity: 1, localAuthorities: ["Leeds"] },
    ];
    const a1 = cand({ schoolUrn: "140001", unitKey: "140001", score: 60 });
    const a2 = cand({ schoolUrn: "140001", unitKey: "140001", score: 40 });
    const b1 = cand({ schoolUrn: "140002", unitKey: "140002", score: 55 });
    const b2 = cand({ schoolUrn: "140002", unitKey: "140002", score: 55 });
    const single = cand({ score: 30 });
    const res = allocate([a1, a2, b1, b2, single], params({ groups }));
    const group = Object.fromEntries(res.placed.map((p) => [p.responseId, p.group]));
    // Only G1 has room for a pair: the better pair (510 against 500) takes it.
    expect(group[b1.responseId]).toBe("G1");
    expect(group[b2.responseId]).toBe("G1");
    expect(group[single.responseId]).toBeDefined();
    expect(res.placed).toHaveLength(3);
    expect(res.objective).toBe(200 + 55 + 200 + 55 + 200 + 30);
    expect(res.waitlist.map((w) => [w.responseId, w.position]).sort()).toEqual([
      [a1.responseId, 1],
      [a2.responseId, 1],
    ]);
    expect(whyOf(res.waitlist, a1.responseId)).toMatch(
      /; no place left in a group serving Leeds \((G1 has 1 seat left, 2 needed, G2 full|G1 full, G2 has 1 seat left, 2 needed)\); together with R\d+$/,
    );
    expect(res.method).toMatch(/^Exact: branch and bound/);
    expect(res.exact).toBe(true);
  });

  it("does not consider a unit whose partner is not considered", () => {
    const a1 = cand({ schoolUrn: "140001", unitKey: "K" });
    const a2 = cand({ schoolUrn: "140001", unitKey: "K", endorsement: "Requested" });
    const res = allocate([a1, a2], params());
    expect(res.placed).toEqual([]);
    expect(whyOf(res.notConsidered, a1.responseId)).toBe(
      `Placed together with ${a2.responseId} or not at all, and ${a2.responseId} is not considered (Endorsement Requested: ` +
        "a place is offered only once it is Confirmed, or when a lead waives it with a written reason.)",
    );
  });

  it("does not consider linked applications from different schools", () => {
    const a = cand({ schoolUrn: "1", unitKey: "U" });
    const b = cand({ schoolUrn: "2", unitKey: "U" });
    const res = allocate([a, b], params());
    expect(res.placed).toEqual([]);
    expect(whyOf(res.notConsidered, a.responseId)).toMatch(/name different schools \(1, 2\); a unit is one school's applications\.$/);
  });

  it("keeps to the per-school limit, counted in units", () => {
    const x = cand({ schoolUrn: "150000", score: 90 });
    const y = cand({ schoolUrn: "150000", score: 80 });
    const z = cand({ schoolUrn: "", score: 10 });
    const w = cand({ schoolUrn: "", score: 10 });
    const res = allocate([x, y, z, w], params({ maxPerSchool: 1 }));
    expect(ids(res.placed).sort()).toEqual([x, z, w].map((c) => c.responseId).sort()); // no school: no limit
    expect(res.waitlist[0]!.why).toContain("its school (URN 150000) already has 1 place, the most allowed per school");
  });
});

describe("the waitlist", () => {
  it("orders the unplaced by priority, then by the seeded tie-break, with positions from 1", () => {
    const tierWeights = { "priority-area": 20 };
    const cs = [
      cand({ score: 70 }),
      cand({ score: 55, tiers: ["priority-area"] }), // 275
      cand({ score: 75 }), // 275
      cand({ score: 99 }),
      cand({ score: 10 }),
      cand({ verdict: "REVIEW", score: 100 }),
    ];
    const res = allocate(cs, params({ places: 1, tierWeights }));
    expect(ids(res.placed)).toEqual([cs[3]!.responseId]);
    const tied = [cs[1]!, cs[2]!].sort((a, b) => (tieKey(7, a.responseId) < tieKey(7, b.responseId) ? -1 : 1));
    expect(ids(res.waitlist)).toEqual([...ids(tied), cs[0]!.responseId, cs[4]!.responseId, cs[5]!.responseId]);
    expect(res.waitlist.map((w) => w.position)).toEqual([1, 2, 3, 4, 5]);
    expect(whyOf(res.waitlist, cs[1]!.responseId)).toBe(
      "Score 55, priority 275 (ELIGIBLE 200, score 55, priority-area +20); the 1 place is taken",
    );
    expect(res.placesUsed).toEqual({ used: 1, capacity: 1 });
  });
});

describe("ties", () => {
  it("gives a contested seat to the smaller seeded hash, records the rule, and never changes the objective", () => {
    const cs = Array.from({ length: 6 }, () => cand({ score: 50 }));
    const objectives = new Set<number>();
    const winners = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const res = allocate(cs, params({ places: 2, seed }));
      const expected = cs
        .map((c) => c.responseId)
        .sort((a, b) => (tieKey(seed, a) < tieKey(seed, b) ? -1 : 1))
        .slice(0, 2)
        .sort();
      expect(ids(res.placed).sort()).toEqual(expected);
      expect(res.tieBreak).toContain(`"${seed}:<responseId>"`);
      expect(res.tieBreak).toContain(`(seed ${seed})`);
      objectives.add(res.objective);
      for (const id of ids(res.placed)) winners.add(id);
    }
    expect([...objectives]).toEqual([500]);
    expect(winners.size).toBeGreaterThan(2); // the seed matters
  });

  it("is deterministic and independent of the order of the candidates", () => {
    const groups = [
      { id: "A", capacity: 3, localAuthorities: ["Leeds", "Bradford"] },
      { id: "B", capacity: 2, localAuthorities: ["Wakefield"] },
      { id: "C", capacity: 2, localAuthorities: ["all"] },
    ];
    const las = ["Leeds", "Bradford", "Wakefield", "York"];
    const pool = Array.from({ length: 14 }, (_, i) =>
      cand({
        schoolUrn: String(200 + (i % 9)),
        localAuthority: las[i % 4]!,
        score: [40, 50, 50, 60][i % 4]!,
        unitKey: i === 3 || i === 12 ? "pair" : "",
      }),
    );
    pool[12]!.schoolUrn = pool[3]!.schoolUrn;
    pool[12]!.localAuthority = pool[3]!.localAuthority;
    const p = params({ groups, maxPerSchool: 1, distancePenalty: 15, places: 7 });
    const reference = allocate(pool, p);
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length, maxLength: pool.length }), (shuffled) => {
        const res = allocate(shuffled, p);
        expect(res.placed).toEqual(reference.placed);
        expect(res.waitlist).toEqual(reference.waitlist);
        expect(res.objective).toBe(reference.objective);
      }),
      { numRuns: 50 },
    );
  });
});

describe("inputs", () => {
  it("refuses malformed inputs with a clear message", () => {
    const c = cand();
    expect(() => allocate([c, c], params())).toThrow(`allocate: response ${c.responseId} is given twice.`);
    expect(() => allocate([c], params({ groups: [{ id: "G", capacity: -1, localAuthorities: [] }] }))).toThrow(
      "allocate: group G needs a whole-number capacity ≥ 0.",
    );
    expect(() => allocate([c], params({ places: 1.5 }))).toThrow(RangeError);
    expect(() => allocate([c], params({ distancePenalty: -5 }))).toThrow(/distancePenalty/);
    expect(() => allocate([cand({ score: Number.NaN })], params())).toThrow(/score that is not a number/);
  });

  it("handles nothing to allocate", () => {
    const res = allocate([], params({ groups: [{ id: "G", capacity: 3, localAuthorities: [] }] }));
    expect(res.placed).toEqual([]);
    expect(res.objective).toBe(0);
    expect(res.capacityUsed).toEqual({ G: { used: 0, capacity: 3 } });
    expect(res.exact).toBe(true);
  });
});

describe("the branch-and-bound budget", () => {
  // Two pairs and a single for one group of three seats: the relaxation wants a pair and a half.
  const input = {
    units: [
      { school: 0, size: 2, cls: 0, pin: 0, pri: 600, sec: 3 },
      { school: 1, size: 2, cls: 0, pin: 0, pri: 590, sec: 2 },
      { school: 2, size: 1, cls: 1, pin: 0, pri: 100, sec: 1 },
    ],
    schools: 3,
    classCost: [[0], [0]],
    groupCap: [3],
    places: null,
    maxPerSchool: 1,
  };

  it("proves the optimum when it may search", () => {
    const out = solveAllocation(input);
    expect(Array.from(out.groupOf)).toEqual([0, -1, 0]);
    expect(out.exact).toBe(true);
    expect(out.uniform).toBe(false);
    expect(out.nodes).toBeGreaterThan(1);
  });

  it("returns its best feasible solution, marked not proven, when the budget runs out", () => {
    const out = solveAllocation({ ...input, workLimit: 1 });
    expect(out.exact).toBe(false);
    expect(Array.from(out.groupOf)).toEqual([0, -1, 0]); // found by rounding the first relaxation
  });
});

describe("performance", () => {
  const rng = seededRandom;

  /** A large hub: 20 local authorities, 450 schools, 50 groups of 17 seats, 800 places. */
  function hub(pairShare: number, distancePenalty: number | null) {
    const r = rng(2024);
    const las = Array.from({ length: 20 }, (_, i) => `LA ${i}`);
    const schools = Array.from({ length: 450 }, (_, i) => ({
      urn: String(100000 + i),
      la: las[Math.floor(r() * 20)]!,
      pairs: i % 10 < pairShare * 10,
    }));
    const candidates: AllocationCandidate[] = [];
    for (let u = 0; candidates.length < 1000; u++) {
      const s = schools[Math.floor(r() * schools.length)]!;
      const size = s.pairs && candidates.length < 999 ? 2 : 1;
      for (let k = 0; k < size; k++) {
        candidates.push({
          responseId: `R${candidates.length}`,
          schoolUrn: s.urn,
          localAuthority: s.la,
          verdict: r() < 0.9 ? "ELIGIBLE" : "REVIEW",
          allocatable: true,
          score: Math.round(r() * 1000) / 10,
          tiers: r() < 0.3 ? ["never-engaged"] : [],
          endorsement: "Confirmed",
          unitKey: size === 2 ? `U${u}` : "",
        });
      }
    }
    const p: AllocationParams = {
      places: 800,
      groups: Array.from({ length: 50 }, (_, g) => ({
        id: `G${g}`,
        capacity: 17,
        localAuthorities: g % 10 === 0 ? ["all"] : [las[g % 20]!, las[(g * 7) % 20]!],
      })),
      maxPerSchool: 2,
      tierWeights: { "never-engaged": 25 },
      distancePenalty,
      seed: 1,
      overrides: [],
    };
    return { candidates, p };
  }

  it.each([
    ["1,000 individual applications, distance penalty 40", 0, 40],
    ["1,000 individual applications, own area only", 0, null],
    ["1,000 applications as 500 pairs, distance penalty 40", 1, 40],
    ["1,000 applications, 30% of schools sending pairs (branch and bound)", 0.3, 40],
  ] as const)("%s into 50 groups", (label, pairShare, penalty) => {
    const { candidates, p } = hub(pairShare, penalty);
    allocate(candidates, p); // warm the JIT
    const t0 = performance.now();
    const res = allocate(candidates, p);
    const ms = performance.now() - t0;
    console.log(`allocation timing: ${label} into 50 groups: ${ms.toFixed(0)} ms; ${res.method}`);
    expect(res.exact).toBe(true);
    expect(res.placed.length + res.waitlist.length).toBe(1000);
    expect(ms).toBeLessThan(20_000); // a sanity bound only; the figure is the console line
  });
});

// From the register's view of a programme to the optimizer's input: review gates, withdrawals,
// places already offered, tiers, units and the recorded seed.
import fc from "fast-check";
import { allocate } from "../../src/domain/allocation";
import {
  allocationInput,
  defaultSeed,
  reviewBlock,
  TIER_NEVER_ENGAGED,
  TIER_PRIORITY_AREA,
  tiersOf,
  type ApplicationForAllocation,
} from "../../src/domain/allocation/from-register";
import { snapshotFromValues, snapshotRows } from "../../src/sheets/allocation-runs";

function app(over: Partial<ApplicationForAllocation> = {}): ApplicationForAllocation {
  return {
    responseId: "R1",
    verdict: "ELIGIBLE",
    score: 60,
    reviewStatus: "New",
    decision: "",
    endorsement: "Confirmed",
    schoolUrn: "100001",
    localAuthority: "Essex",
    group: "",
    reasonCodes: [],
    ...over,
  };
}

const facts = {
  engagedUrns: new Set(["100002"]),
  priorityLocalAuthorities: ["Thurrock"],
  priorityUrns: ["100003"],
};

describe("review gates", () => {
  it.each([
    [{ decision: "Withdrawn" }, /withdrawn/],
    [{ reasonCodes: ["DUPLICATE"] }, /duplicates/],
    [{ reviewStatus: "Not recommended" }, /did not recommend/],
    [{ reviewStatus: "Needs info" }, /more information/],
    [{ verdict: "REVIEW", reviewStatus: "In review" }, /needs a lead's review/],
  ])("%j keeps an application out", (over, why) => {
    expect(reviewBlock(app(over))).toMatch(why);
  });

  it("lets an ELIGIBLE application in before review, and a REVIEW one once recommended", () => {
    expect(reviewBlock(app())).toBeNull();
    expect(reviewBlock(app({ verdict: "REVIEW", reviewStatus: "Recommend" }))).toBeNull();
  });
});

describe("tiers", () => {
  it("marks never-engaged schools and priority areas or schools", () => {
    expect(tiersOf(app(), facts)).toEqual([TIER_NEVER_ENGAGED]);
    expect(tiersOf(app({ schoolUrn: "100002" }), facts)).toEqual([]);
    expect(tiersOf(app({ schoolUrn: "100002", localAuthority: " thurrock " }), facts)).toEqual([
      TIER_PRIORITY_AREA,
    ]);
    expect(tiersOf(app({ schoolUrn: "100003" }), facts)).toEqual([
      TIER_NEVER_ENGAGED,
      TIER_PRIORITY_AREA,
    ]);
    expect(tiersOf(app({ schoolUrn: "" }), facts)).toEqual([]);
  });
});

describe("allocationInput", () => {
  const base = {
    groups: [],
    facts,
    tierWeights: { [TIER_NEVER_ENGAGED]: 20 },
    distancePenalty: null,
    seed: 5,
    overrides: [],
  };

  it("keeps places already offered, and fills only what is left", () => {
    const input = allocationInput({
      ...base,
      programme: { key: "sec-specialist", unit: "individual", places: 3, maxPerSchool: 1 },
      applications: [
        app({ responseId: "A", decision: "Offered", schoolUrn: "1" }),
        app({ responseId: "B", decision: "Accepted", schoolUrn: "2" }),
        app({ responseId: "C", schoolUrn: "1" }),
        app({ responseId: "D", schoolUrn: "3" }),
      ],
    });
    expect(input.holding.map((h) => h.responseId)).toEqual(["A", "B"]);
    expect(input.params.places).toBe(1);
    expect(input.candidates.map((c) => [c.responseId, c.allocatable])).toEqual([
      ["C", false],
      ["D", true],
    ]);
    expect(input.candidates[0]!.notAllocatableReason).toMatch(/already holds 1 place/);
  });

  it("reduces each Work Group by the seats already offered in it", () => {
    const input = allocationInput({
      ...base,
      groups: [
        { id: "G1", capacity: 3, localAuthorities: ["Essex"] },
        { id: "G2", capacity: 2, localAuthorities: [] },
      ],
      programme: { key: "sec-development", unit: "school-pair", places: null, maxPerSchool: 1 },
      applications: [
        app({ responseId: "A", decision: "Offered", group: "G1" }),
        app({ responseId: "B", schoolUrn: "9" }),
      ],
    });
    expect(input.params.groups.map((g) => g.capacity)).toEqual([2, 2]);
    expect(input.candidates[0]!.unitKey).toBe(""); // alone: no unit
  });

  it("gives a stable seed per programme and year", () => {
    expect(defaultSeed("sec-specialist", "2024/25")).toBe(defaultSeed("sec-specialist", "2024/25"));
    expect(defaultSeed("sec-specialist", "2024/25")).not.toBe(
      defaultSeed("sec-specialist", "2025/26"),
    );
  });

  const arbitraryApp = fc.record({
    responseId: fc.string(),
    verdict: fc.constantFrom("ELIGIBLE", "REVIEW", "INELIGIBLE", "INVALID", "", "junk"),
    score: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    reviewStatus: fc.constantFrom(
      "",
      "New",
      "In review",
      "Recommend",
      "Not recommended",
      "Needs info",
    ),
    decision: fc.constantFrom("", "Offered", "Accepted", "Waitlisted", "Not offered", "Withdrawn"),
    endorsement: fc.constantFrom("Not needed", "Requested", "Confirmed", "Declined", ""),
    schoolUrn: fc.constantFrom("", "1", "2", "3"),
    localAuthority: fc.constantFrom("Essex", "Kent"),
    group: fc.constantFrom("", "G1", "G2"),
    reasonCodes: fc.subarray(["DUPLICATE", "LATE"]),
  });

  it("never lets the optimizer offer a place to a withdrawn, refused or unreviewed application, or beyond the places left", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryApp, { selector: (a) => a.responseId, maxLength: 25 }),
        fc.integer({ min: 0, max: 8 }),
        (generated, places) => {
          const applications = generated.map((a, i) => ({ ...a, responseId: `R${i}` }));
          const input = allocationInput({
            ...base,
            programme: { key: "sec-specialist", unit: "individual", places, maxPerSchool: 2 },
            applications,
          });
          const held = applications.filter(
            (a) => a.decision === "Offered" || a.decision === "Accepted",
          );
          expect(input.holding).toHaveLength(held.length);
          expect(input.params.places).toBe(Math.max(0, places - held.length));
          const result = allocate(input.candidates, input.params);
          expect(result.placed.length).toBeLessThanOrEqual(input.params.places!);
          const byId = new Map(applications.map((a) => [a.responseId, a]));
          for (const p of result.placed) {
            const a = byId.get(p.responseId)!;
            expect(reviewBlock(a)).toBeNull();
            expect(["ELIGIBLE", "REVIEW"]).toContain(a.verdict);
            expect(["Confirmed", "Not needed", ""]).toContain(a.endorsement);
            expect(held).not.toContain(a);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it("round-trips through the frozen run sheet and reproduces the result", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(arbitraryApp, { selector: (a) => a.responseId, maxLength: 20 }),
        (applications) => {
          const input = allocationInput({
            ...base,
            programme: { key: "sec-specialist", unit: "individual", places: 3, maxPerSchool: 1 },
            applications: applications.map((a, i) => ({ ...a, responseId: `R${i}` })),
          });
          const result = allocate(input.candidates, input.params);
          const rows = snapshotRows(
            {
              programme: "sec-specialist",
              programmeTitle: "Secondary Mastery Specialists",
              year: "2024/25",
              confirmedAt: new Date("2024-03-04T10:00:00Z"),
              confirmedBy: "lead@example.org",
              token: "t",
              holding: input.holding,
              fullGroups: [],
              fullPlaces: 3,
            },
            input.candidates,
            input.params,
            result,
          );
          // As a sheet gives them back: text without the apostrophe that keeps it text.
          const values = rows.map((r) =>
            r.map((c) => (typeof c === "string" ? c.replace(/^'/, "") : c)),
          );
          const back = snapshotFromValues("Run", values)!;
          expect(back.candidates).toEqual(input.candidates);
          expect(back.params).toEqual(input.params);
          const again = allocate(back.candidates, back.params);
          expect(again.placed).toEqual(result.placed);
          expect(again.waitlist).toEqual(result.waitlist);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe("school pairs", () => {
  const pair = (over: Partial<ApplicationForAllocation>[]) =>
    allocationInput({
      groups: [],
      facts,
      tierWeights: {},
      distancePenalty: null,
      seed: 1,
      overrides: [
        {
          responseId: "A",
          action: "endorsement-waived",
          reason: "Head confirmed by phone.",
          by: "lead@example.org",
        },
      ],
      programme: { key: "sec-development", unit: "school-pair", places: 4, maxPerSchool: 1 },
      applications: over.map((o, i) =>
        app({
          responseId: String.fromCharCode(65 + i),
          schoolUrn: "7",
          endorsement: "Requested",
          ...o,
        }),
      ),
    });

  it("places a school's two advocates together, and a waiver for one covers the other", () => {
    const input = pair([{}, {}]);
    expect(input.candidates.map((c) => c.unitKey)).toEqual(["school:7", "school:7"]);
    expect(input.params.overrides.map((o) => o.responseId)).toEqual(["A", "B"]);
    expect(input.params.overrides[1]!.reason).toMatch(/same school as A/);
    const result = allocate(input.candidates, input.params);
    expect(result.placed.map((p) => p.responseId).sort()).toEqual(["A", "B"]);
  });

  it("does not tie an application to a duplicate or withdrawn one from its school", () => {
    const input = pair([{}, { reasonCodes: ["DUPLICATE"] }, { decision: "Withdrawn" }]);
    expect(input.candidates.map((c) => c.unitKey)).toEqual(["", "", ""]);
    expect(allocate(input.candidates, input.params).placed.map((p) => p.responseId)).toEqual(["A"]);
  });

  it("extends no waiver that lacks a written reason", () => {
    const input = allocationInput({
      ...{ groups: [], facts, tierWeights: {}, distancePenalty: null, seed: 1 },
      overrides: [
        { responseId: "A", action: "endorsement-waived", reason: " ", by: "lead@example.org" },
      ],
      programme: { key: "sec-development", unit: "school-pair", places: 4, maxPerSchool: 1 },
      applications: [
        app({ responseId: "A", schoolUrn: "7" }),
        app({ responseId: "B", schoolUrn: "7" }),
      ],
    });
    expect(input.params.overrides).toHaveLength(1);
  });
});

// Engagement from confirmed cohorts: one row per school offered a place, kept in step with
// withdrawals, never touching the history a hub imported.
import fc from "fast-check";
import {
  ALLOCATION_SOURCE_PREFIX,
  engagementChanges,
  type EngagementRow,
} from "../../src/domain/allocation/engagement-sync";

const SOURCE = `${ALLOCATION_SOURCE_PREFIX}Run – sec-development – 2024-06-18 10:00:00`;
const base = { programme: "sec-development", year: "2023/24", source: SOURCE };

function row(over: Partial<EngagementRow>): EngagementRow {
  return {
    urn: "1",
    programme: "sec-development",
    year: "2023/24",
    status: "offered a place",
    source: SOURCE,
    ...over,
  };
}

describe("engagementChanges", () => {
  it("adds a row per school offered a place, once however many advocates it has", () => {
    const changes = engagementChanges({
      ...base,
      rows: [],
      holders: [
        { schoolUrn: "2", decision: "Offered" },
        { schoolUrn: "1", decision: "Offered" },
        { schoolUrn: "1", decision: "Accepted" },
        { schoolUrn: "", decision: "Offered" },
      ],
    });
    expect(changes.appended.map((r) => [r.urn, r.status])).toEqual([
      ["1", "participating"],
      ["2", "offered a place"],
    ]);
    expect(changes.updates.size).toBe(0);
  });

  it("marks a school that no longer holds a place as withdrawn, and leaves imported history alone", () => {
    const rows = [
      row({ urn: "1" }),
      row({ urn: "3", source: "2023/24 cohort list", status: "completed" }),
      row({ urn: "4", year: "2022/23" }),
    ];
    const changes = engagementChanges({
      ...base,
      rows,
      holders: [{ schoolUrn: "3", decision: "Offered" }],
    });
    expect([...changes.updates]).toEqual([[0, { ...rows[0], status: "withdrew" }]]);
    expect(changes.appended).toEqual([]);
  });

  it("is idempotent: applying its changes and asking again changes nothing", () => {
    const holder = fc.record({
      schoolUrn: fc.constantFrom("", "1", "2", "3", "4"),
      decision: fc.constantFrom("Offered", "Accepted"),
    });
    const existing = fc.record({
      urn: fc.constantFrom("1", "2", "3", "4", "5"),
      programme: fc.constantFrom("sec-development", "sec-embedding"),
      year: fc.constantFrom("2023/24", "2022/23"),
      status: fc.constantFrom("offered a place", "participating", "withdrew", "completed"),
      source: fc.constantFrom(SOURCE, "imported"),
    });
    fc.assert(
      fc.property(
        fc.array(existing, { maxLength: 8 }),
        fc.array(holder, { maxLength: 8 }),
        (rows, holders) => {
          const first = engagementChanges({ ...base, rows, holders });
          const applied = rows.map((r, i) => first.updates.get(i) ?? r).concat(first.appended);
          const second = engagementChanges({ ...base, rows: applied, holders });
          expect(second.updates.size).toBe(0);
          expect(second.appended).toEqual([]);
          // Every school holding a place has a row for this programme and year that says it took part.
          for (const h of holders.filter((x) => x.schoolUrn)) {
            expect(
              applied.some(
                (r) =>
                  r.urn === h.schoolUrn &&
                  r.programme === base.programme &&
                  r.year === base.year &&
                  !/withdr/.test(r.status),
              ),
            ).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

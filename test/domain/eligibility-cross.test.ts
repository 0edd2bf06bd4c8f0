import fc from "fast-check";
import { crossApplicationReasons, type ApplicationSummary } from "../../src/domain/eligibility";
import { PROGRAMMES } from "../../src/domain/programmes";
import type { ProgrammeKey } from "../../src/domain/types";

const limits = (key: ProgrammeKey) => PROGRAMMES[key].maxPerSchool;

function app(responseId: string, over: Partial<ApplicationSummary> = {}): ApplicationSummary {
  return {
    responseId,
    programme: "sec-specialist",
    email: `${responseId}@school.sch.uk`,
    schoolUrn: `urn-${responseId}`,
    submittedAt: new Date("2024-03-01T10:00:00Z"),
    active: true,
    ...over,
  };
}

const at = (iso: string) => new Date(iso);

describe("crossApplicationReasons: DUPLICATE", () => {
  it("marks every earlier application by the same person, naming the latest", () => {
    const result = crossApplicationReasons(
      [
        app("r3", { email: "jo@school.sch.uk", submittedAt: at("2024-03-03T10:00:00Z") }),
        app("r1", { email: " Jo@School.sch.uk ", submittedAt: at("2024-03-01T10:00:00Z") }),
        app("r2", { email: "JO@school.sch.uk", submittedAt: at("2024-03-02T10:00:00Z") }),
      ],
      limits,
    );
    expect(result.get("r3")).toEqual([]);
    for (const id of ["r1", "r2"]) {
      expect(result.get(id)).toEqual([
        {
          code: "DUPLICATE",
          effect: "INVALID",
          message:
            "The same person applied again to Secondary Mastery Specialist (response r3); the later application is the one judged.",
        },
      ]);
    }
  });

  it("does not treat applications to different programmes as duplicates", () => {
    const result = crossApplicationReasons(
      [app("a", { email: "jo@x.org" }), app("b", { email: "jo@x.org", programme: "pd-lead" })],
      limits,
    );
    expect(result.get("a")).toEqual([]);
    expect(result.get("b")).toEqual([]);
  });

  it("breaks a tie in time by response ID, and ignores blank emails", () => {
    const result = crossApplicationReasons(
      [
        app("b", { email: "jo@x.org" }),
        app("a", { email: "jo@x.org" }),
        app("c", { email: " " }),
        app("d", { email: "" }),
      ],
      limits,
    );
    expect(result.get("a")?.map((r) => r.code)).toEqual(["DUPLICATE"]);
    expect(result.get("b")).toEqual([]);
    expect(result.get("c")).toEqual([]);
    expect(result.get("d")).toEqual([]);
  });

  it("ignores inactive rows entirely", () => {
    const result = crossApplicationReasons(
      [
        app("old", { email: "jo@x.org", active: false }),
        app("new", { email: "jo@x.org", submittedAt: at("2024-03-05T00:00:00Z") }),
        app("later-withdrawn", {
          email: "jo@x.org",
          submittedAt: at("2024-03-09T00:00:00Z"),
          active: false,
        }),
      ],
      limits,
    );
    expect(result.get("old")).toEqual([]);
    expect(result.get("new")).toEqual([]);
    expect(result.get("later-withdrawn")).toEqual([]);
  });
});

describe("crossApplicationReasons: SCHOOL_LIMIT", () => {
  it("notes every application from a school over the programme's limit", () => {
    const result = crossApplicationReasons(
      [app("a", { schoolUrn: "100001" }), app("b", { schoolUrn: "100001" }), app("c")],
      limits,
    );
    const note = {
      code: "SCHOOL_LIMIT",
      effect: "INFO",
      message:
        "2 applications to Secondary Mastery Specialist come from the school with URN 100001; the limit is 1 per school.",
    };
    expect(result.get("a")).toEqual([note]);
    expect(result.get("b")).toEqual([note]);
    expect(result.get("c")).toEqual([]);
  });

  it("counts only the latest of a person's duplicates", () => {
    const result = crossApplicationReasons(
      [
        app("a", { schoolUrn: "100001", email: "jo@x.org" }),
        app("b", {
          schoolUrn: "100001",
          email: "jo@x.org",
          submittedAt: at("2024-03-02T00:00:00Z"),
        }),
      ],
      limits,
    );
    expect(result.get("a")?.map((r) => r.code)).toEqual(["DUPLICATE"]);
    expect(result.get("b")).toEqual([]);
  });

  it("counts a school's pair of Mastery Advocates once", () => {
    const dev = (id: string) => app(id, { programme: "sec-development", schoolUrn: "100012" });
    const pair = crossApplicationReasons([dev("a"), dev("b")], limits);
    expect(pair.get("a")).toEqual([]);
    expect(pair.get("b")).toEqual([]);
    const three = crossApplicationReasons([dev("a"), dev("b"), dev("c")], limits);
    expect(three.get("c")).toEqual([
      expect.objectContaining({
        code: "SCHOOL_LIMIT",
        message:
          "3 applications to Secondary Teaching for Mastery Development Work Group come from the school with URN 100012; the limit is 1 pair of advocates per school.",
      }),
    ]);
  });

  it("has no limit where the programme has none, or the hub sets none", () => {
    const many = ["a", "b", "c"].map((id) =>
      app(id, { programme: "pd-lead", schoolUrn: "100001" }),
    );
    expect([...crossApplicationReasons(many, limits).values()].flat()).toEqual([]);
    const specialists = ["a", "b"].map((id) => app(id, { schoolUrn: "100001" }));
    expect([...crossApplicationReasons(specialists, () => null).values()].flat()).toEqual([]);
    expect([...crossApplicationReasons(specialists, () => 2).values()].flat()).toEqual([]);
  });

  it("does not group applications whose school was not found", () => {
    const result = crossApplicationReasons(
      [app("a", { schoolUrn: "" }), app("b", { schoolUrn: " " })],
      limits,
    );
    expect([...result.values()].flat()).toEqual([]);
  });
});

describe("crossApplicationReasons: properties", () => {
  const summaries = fc.uniqueArray(
    fc.record({
      responseId: fc.stringMatching(/^r[0-9]{1,3}$/),
      programme: fc.constantFrom<ProgrammeKey>("sec-specialist", "sec-development", "pd-lead"),
      email: fc.constantFrom("a@x.org", "A@x.org ", "b@x.org", "c@y.org", ""),
      schoolUrn: fc.constantFrom("100001", "100002", ""),
      submittedAt: fc.integer({ min: 0, max: 5 }).map((d) => new Date(Date.UTC(2024, 2, 1 + d))),
      active: fc.boolean(),
    }),
    { selector: (a) => a.responseId, maxLength: 25 },
  );

  it("gives the same reasons for any order of the same applications", () => {
    fc.assert(
      fc.property(
        summaries.chain((apps) =>
          fc.tuple(
            fc.constant(apps),
            fc.shuffledSubarray(apps, { minLength: apps.length, maxLength: apps.length }),
          ),
        ),
        ([apps, shuffled]) => {
          const a = crossApplicationReasons(apps, limits);
          const b = crossApplicationReasons(shuffled, limits);
          expect([...b.entries()]).toEqual([...a.entries()]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leaves exactly one undisputed application per active person and programme", () => {
    fc.assert(
      fc.property(summaries, (apps) => {
        const result = crossApplicationReasons(apps, limits);
        const people = new Map<string, number>();
        for (const a of apps) {
          const email = a.email.trim().toLowerCase();
          if (!a.active || !email) continue;
          const key = `${a.programme} ${email}`;
          const isDuplicate = result.get(a.responseId)!.some((r) => r.code === "DUPLICATE");
          if (!isDuplicate) people.set(key, (people.get(key) ?? 0) + 1);
          else people.set(key, people.get(key) ?? 0);
        }
        for (const count of people.values()) expect(count).toBe(1);
        for (const a of apps) {
          if (!a.active) expect(result.get(a.responseId)).toEqual([]);
        }
        expect([...result.keys()].sort()).toEqual(apps.map((a) => a.responseId).sort());
      }),
      { numRuns: 300 },
    );
  });
});

import fc from "fast-check";
import {
  applySuccessors,
  schoolsFromTable,
  successorsFromLinks,
} from "../../src/domain/schools/import";
import { nameKey, namesClose } from "../../src/domain/schools/names";
import {
  buildSchoolLookup,
  isOpen,
  normalisePostcode,
  normaliseUrn,
  type SchoolResolution,
} from "../../src/domain/schools/register";
import type { School } from "../../src/domain/types";
import { giasSample, linksTable, sample2017 } from "../fixtures/gias/load";

const links = successorsFromLinks(linksTable().header, linksTable().rows);
// Today's rows first, so a school in both files (St Thomas à Becket) keeps its current record.
const realSchools = applySuccessors(
  [
    ...schoolsFromTable(giasSample().header, giasSample().rows).schools,
    ...schoolsFromTable(sample2017().header, sample2017().rows).schools,
  ],
  links,
);

function school(urn: string, overrides: Partial<School> = {}): School {
  return {
    urn,
    name: `School ${urn}`,
    type: "Academy converter",
    typeGroup: "Academies",
    status: "Open",
    phase: "Secondary",
    lowAge: 11,
    highAge: 16,
    la: "Leeds",
    postcode: "LS1 4AP",
    region: "Yorkshire and the Humber",
    trust: "",
    successorUrn: "",
    ...overrides,
  };
}

/** The real register with some schools closed, as they are today. */
function withClosed(urns: string[]): School[] {
  const closed = new Set(urns);
  return realSchools.map((s) => (closed.has(s.urn) ? { ...s, status: "Closed" } : s));
}

function expectFound(resolution: SchoolResolution) {
  if (!resolution.found) throw new Error(`expected a school, got ${JSON.stringify(resolution)}`);
  return resolution;
}

describe("normaliseUrn", () => {
  it.each([
    ["123456", "123456"],
    ["URN 123456", "123456"],
    [" 123 456 ", "123456"],
    ["urn:123456", "123456"],
    ["School URN: 138205", "138205"],
    ["URN no. 10001", "10001"],
    ["1234567", "1234567"],
  ])("%j -> %s", (typed, urn) => expect(normaliseUrn(typed)).toBe(urn));

  it.each(["", "1234", "12345678", "12a456", "URN", "DfE 919/2093", "-123456"])(
    "%j is not a URN",
    (typed) => expect(normaliseUrn(typed)).toBeNull(),
  );

  it("is idempotent and returns 5 to 7 digits or null for any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (text) => {
        const urn = normaliseUrn(text);
        if (urn === null) return;
        expect(urn).toMatch(/^\d{5,7}$/);
        expect(normaliseUrn(urn)).toBe(urn);
      }),
    );
  });

  it("finds the URN however an applicant decorates it", () => {
    const prefix = fc.constantFrom("", "URN ", "urn:", "URN: ", "School URN ", "urn ");
    fc.assert(
      fc.property(fc.stringMatching(/^\d{5,7}$/), prefix, fc.nat(6), (digits, before, cut) => {
        const spaced = `${digits.slice(0, cut)} ${digits.slice(cut)}`;
        expect(normaliseUrn(`  ${before}${spaced} `)).toBe(digits);
      }),
    );
  });
});

describe("normalisePostcode", () => {
  it.each([
    ["ls1  4ap", "LS1 4AP"],
    ["LS14AP", "LS1 4AP"],
    ["sw1a 1aa", "SW1A 1AA"],
    [" ec2y-8bb ", "EC2Y 8BB"],
    ["not a postcode", "NOT A POSTCODE"],
    ["", ""],
  ])("%j -> %j", (typed, postcode) => expect(normalisePostcode(typed)).toBe(postcode));

  it("is idempotent for any text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" })), (text) => {
        const once = normalisePostcode(text);
        expect(normalisePostcode(once)).toBe(once);
      }),
    );
  });

  it("gives every real register postcode back unchanged", () => {
    for (const s of realSchools) expect(normalisePostcode(s.postcode)).toBe(s.postcode);
  });
});

describe("names", () => {
  it("folds the usual spelling variants", () => {
    const key = nameKey("St Thomas à Becket Church of England Aided Primary School");
    expect(nameKey("Saint Thomas a Becket C of E Aided Primary School")).toBe(key);
    expect(nameKey("st. thomas a'becket CE aided primary school")).not.toBe(key); // a'becket is one word
    expect(nameKey("ST THOMAS A BECKET COFE AIDED PRIMARY SCHOOL")).toBe(key);
    expect(nameKey("Bishop & Clerk's Infants")).toBe(nameKey("Bishop and Clerks Infant"));
    expect(nameKey("St Mary's R.C. School")).toBe(nameKey("Saint Marys Roman Catholic School"));
  });

  it("calls a name close when it drops filler words or has a typo, not when a key word differs", () => {
    expect(namesClose("Penistone Grammar", "Penistone Grammar School")).toBe(true);
    expect(namesClose("Penistone Gramar School", "Penistone Grammar School")).toBe(true);
    expect(namesClose("Oak Farm Infant School", "Oak Farm Junior School")).toBe(false);
    expect(namesClose("The School", "Penistone Grammar School")).toBe(false);
    expect(namesClose("", "Penistone Grammar School")).toBe(false);
  });
});

describe("resolve by URN", () => {
  const lookup = buildSchoolLookup(realSchools);

  it("finds an open school by a decorated URN", () => {
    const r = expectFound(lookup.resolve({ schoolUrn: "URN: 106 653" }));
    expect(r).toMatchObject({
      via: "urn",
      quotedUrn: "106653",
      supersededFrom: [],
      closedWithoutSuccessor: false,
    });
    expect(r.school.name).toBe("Penistone Grammar School");
  });

  it("follows a real closed school to its open academy (Fleetville Junior, 117137 -> 138205)", () => {
    const r = expectFound(lookup.resolve({ schoolUrn: "117137" }));
    expect(r.school.urn).toBe("138205");
    expect(r.school.type).toBe("Academy converter");
    expect(r.supersededFrom).toEqual(["117137"]);
    expect(r).toMatchObject({ via: "urn", quotedUrn: "117137", closedWithoutSuccessor: false });
  });

  it("follows real merger links once the old school is closed (Wood End Infant -> Wood End Academy)", () => {
    const closedLookup = buildSchoolLookup(withClosed(["101936", "115961"]));
    expect(expectFound(closedLookup.resolve({ schoolUrn: "101936" })).school.name).toBe(
      "Wood End Academy",
    );
    const weyford = expectFound(closedLookup.resolve({ schoolUrn: "115961" }));
    expect(weyford.school.name).toBe("Weyford Junior School");
    expect(weyford.supersededFrom).toEqual(["115961"]);
    // While the old school is still open it is the school the applicant means.
    expect(expectFound(lookup.resolve({ schoolUrn: "101936" })).school.urn).toBe("101936");
  });

  it("follows a chain of closed schools and reports every URN it passed", () => {
    const chain = buildSchoolLookup([
      school("100001", { status: "Closed", successorUrn: "100002" }),
      school("100002", { status: "Closed", successorUrn: "100003" }),
      school("100003", { status: "Open, but proposed to close" }),
    ]);
    const r = expectFound(chain.resolve({ schoolUrn: "100001" }));
    expect(r.school.urn).toBe("100003");
    expect(r.supersededFrom).toEqual(["100001", "100002"]);
  });

  it("stops on the real two-way merger link between two Westminster schools", () => {
    expect(links.get("101144")).toBe("101146");
    expect(links.get("101146")).toBe("101144");
    const cycle = buildSchoolLookup(withClosed(["101144", "101146"]));
    const r = expectFound(cycle.resolve({ schoolUrn: "101144" }));
    expect(r).toMatchObject({ supersededFrom: [], closedWithoutSuccessor: true });
    expect(r.school.name).toBe("St Vincent de Paul RC Primary School");
  });

  it("reports a closed school whose successor is not in the register", () => {
    // Fleetville Junior's real successor link, in a register that lacks the academy it points to.
    const orphan = buildSchoolLookup([
      school("117137", { status: "Closed", successorUrn: "138205" }),
      school("100001", { status: "Closed" }),
    ]);
    expect(orphan.resolve({ schoolUrn: "117137" })).toMatchObject({
      found: true,
      school: { urn: "117137" },
      supersededFrom: [],
      closedWithoutSuccessor: true,
    });
    expect(orphan.resolve({ schoolUrn: "100001" })).toMatchObject({
      found: true,
      closedWithoutSuccessor: true,
    });
    // A URN known only from the links file is not a school in the register.
    expect(orphan.resolve({ schoolUrn: "138205" })).toEqual({ found: false, quotedUrn: "138205" });
  });

  it("does not treat a school proposed to open as closed", () => {
    const r = expectFound(lookup.resolve({ schoolUrn: "148847" }));
    expect(r).toMatchObject({
      school: { status: "Proposed to open" },
      closedWithoutSuccessor: false,
    });
  });

  it("gives up after ten links", () => {
    const long = Array.from({ length: 15 }, (_, i) =>
      school(String(200000 + i), {
        status: i === 14 ? "Open" : "Closed",
        successorUrn: String(200001 + i),
      }),
    );
    const r = expectFound(buildSchoolLookup(long).resolve({ schoolUrn: "200000" }));
    expect(r).toMatchObject({ school: { urn: "200000" }, closedWithoutSuccessor: true });
    expect(expectFound(buildSchoolLookup(long).resolve({ schoolUrn: "200005" })).school.urn).toBe(
      "200014",
    );
  });
});

describe("resolve by name and postcode", () => {
  const lookup = buildSchoolLookup(realSchools);

  it("finds a school by its name spelt differently when the URN is missing or unknown", () => {
    const r = expectFound(
      lookup.resolve({
        schoolUrn: "999999",
        schoolName: "Saint Thomas a Becket C of E Aided Primary School",
        schoolPostcode: "sp34rz",
      }),
    );
    expect(r).toMatchObject({
      via: "name-postcode",
      quotedUrn: "999999",
      school: { urn: "126416" },
    });
  });

  it("prefers the open school where a closed one had the same name at the same postcode", () => {
    // Fleetville Junior School: 117137 (closed 2012) and 138205 (its academy) share AL1 4LW.
    const r = expectFound(
      lookup.resolve({ schoolName: "Fleetville Junior School", schoolPostcode: "AL1 4LW" }),
    );
    expect(r.school.urn).toBe("138205");
    expect(r.supersededFrom).toEqual([]);
  });

  it("accepts a near name when one open school at the postcode fits", () => {
    const r = expectFound(
      lookup.resolve({ schoolName: "Penistone Grammar", schoolPostcode: "S36 7BX" }),
    );
    expect(r.school.urn).toBe("106653");
    expect(
      expectFound(lookup.resolve({ schoolName: "Oak Farm Infants", schoolPostcode: "UB10 9PD" }))
        .school.name,
    ).toBe("Oak Farm Infant School");
  });

  it("refuses when the name could be either school at the postcode, or the postcode does not match", () => {
    expect(
      lookup.resolve({ schoolName: "Oak Farm School", schoolPostcode: "UB10 9PD" }).found,
    ).toBe(false);
    expect(
      lookup.resolve({ schoolName: "Penistone Grammar School", schoolPostcode: "S36 7BY" }).found,
    ).toBe(false);
    expect(lookup.resolve({ schoolName: "Penistone Grammar School" }).found).toBe(false);
    expect(lookup.resolve({ schoolPostcode: "S36 7BX" }).found).toBe(false);
    expect(lookup.resolve({})).toEqual({ found: false, quotedUrn: "" });
    expect(lookup.resolve({ schoolUrn: "not known" })).toEqual({
      found: false,
      quotedUrn: "not known",
    });
  });
});

describe("lineage", () => {
  it("lists a school's predecessors from the real links (Fleetville Junior's academy)", () => {
    const lookup = buildSchoolLookup(realSchools);
    expect(lookup.lineage("138205")).toEqual(["138205", "117137"]);
    expect(lookup.lineage("URN 106653")).toEqual(["106653"]);
    expect(lookup.lineage("999999")).toEqual(["999999"]);
  });

  it("collects merged predecessors through several generations and survives cycles", () => {
    const lookup = buildSchoolLookup([
      school("100001", { successorUrn: "100003" }),
      school("100002", { successorUrn: "100003" }),
      school("100003", { successorUrn: "100004" }),
      school("100004", { successorUrn: "100003" }),
    ]);
    expect(lookup.lineage("100004")).toEqual(["100004", "100003", "100001", "100002"]);
  });

  it("finds every real school whose successor is also in the sample", () => {
    const lookup = buildSchoolLookup(realSchools);
    const inRegister = new Set(realSchools.map((s) => s.urn));
    for (const s of realSchools) {
      if (inRegister.has(s.successorUrn)) expect(lookup.lineage(s.successorUrn)).toContain(s.urn);
    }
  });
});

describe("properties", () => {
  const lookup = buildSchoolLookup(realSchools);

  it("resolve never throws on arbitrary answers", () => {
    const text = fc.option(
      fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("138205", "AL1 4LW")),
      {
        nil: undefined,
      },
    );
    fc.assert(
      fc.property(text, text, text, (schoolUrn, schoolName, schoolPostcode) => {
        const r = lookup.resolve({ schoolUrn, schoolName, schoolPostcode });
        expect(typeof r.quotedUrn).toBe("string");
      }),
      { numRuns: 2000 },
    );
  });

  it("successor chains of any shape, cycles included, end in an open school or an honest answer", () => {
    const urns = ["300000", "300001", "300002", "300003", "300004", "300005", "300006", "300007"];
    const node = fc.record({
      status: fc.constantFrom("Open", "Closed", "Proposed to open", "Open, but proposed to close"),
      successor: fc.constantFrom("", "399999", ...urns),
    });
    fc.assert(
      fc.property(fc.array(node, { minLength: urns.length, maxLength: urns.length }), (nodes) => {
        const schools = nodes.map((n, i) =>
          school(urns[i], { status: n.status, successorUrn: n.successor }),
        );
        const graph = buildSchoolLookup(schools);
        for (const urn of urns) {
          const r = expectFound(graph.resolve({ schoolUrn: urn }));
          expect(new Set(r.supersededFrom).size).toBe(r.supersededFrom.length);
          expect(r.supersededFrom.length).toBeLessThanOrEqual(10);
          if (r.supersededFrom.length > 0) {
            expect(r.supersededFrom[0]).toBe(urn);
            expect(isOpen(r.school)).toBe(true);
            const path = [...r.supersededFrom, r.school.urn];
            for (let i = 1; i < path.length; i++)
              expect(graph.byUrn(path[i - 1])?.successorUrn).toBe(path[i]);
          } else {
            expect(r.school.urn).toBe(urn);
            expect(r.closedWithoutSuccessor).toBe(r.school.status === "Closed");
          }
          const lineage = graph.lineage(urn);
          expect(lineage[0]).toBe(urn);
          expect(new Set(lineage).size).toBe(lineage.length);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("scale", () => {
  it("builds a 50,000-school register with 34,000 links in well under a second", () => {
    const base = realSchools;
    const schools = Array.from({ length: 50_000 }, (_, i) => ({
      ...base[i % base.length],
      urn: String(400000 + i),
      successorUrn: "",
    }));
    const links = new Map(
      Array.from({ length: 34_000 }, (_, i) => [
        String(400000 + i),
        String(400000 + ((i * 7 + 1) % 50_000)),
      ]),
    );
    const started = performance.now();
    const lookup = buildSchoolLookup(applySuccessors(schools, links));
    const built = performance.now() - started;
    const resolveStart = performance.now();
    for (let i = 0; i < 10_000; i++) {
      const s = schools[(i * 13) % schools.length];
      lookup.resolve(
        i % 2 ? { schoolUrn: s.urn } : { schoolName: s.name, schoolPostcode: s.postcode },
      );
    }
    const resolved = performance.now() - resolveStart;
    console.log(
      `register of 50,000 schools + 34,000 links built in ${built.toFixed(0)} ms; 10,000 resolves in ${resolved.toFixed(0)} ms`,
    );
    expect(built).toBeLessThan(1000);
    expect(resolved).toBeLessThan(2000);
  });
});

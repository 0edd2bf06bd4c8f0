// Routing to Secondary Leads: worked examples, with the sentences the register shows.
import {
  eligibleLeads,
  planAssignment,
  rebalance,
  routeApplications,
  routeWithSummary,
  type LeadProfile,
  type RoutingApplication,
  type RoutingDecision,
} from "../../src/domain/routing";
import { unassignedWhy, unitWords } from "../../src/domain/routing/explain";

function lead(over: Partial<LeadProfile> & Pick<LeadProfile, "email" | "name">): LeadProfile {
  return {
    programmes: ["all"],
    localAuthorities: ["all"],
    maxLoad: 10,
    ownSchoolUrn: "",
    active: true,
    ...over,
  };
}

function app(
  over: Partial<RoutingApplication> & Pick<RoutingApplication, "responseId">,
): RoutingApplication {
  return {
    programme: "sec-specialist",
    localAuthority: "Leeds",
    schoolUrn: "100001",
    groupKey: "",
    currentLead: "",
    open: true,
    ...over,
  };
}

const alex = lead({ email: "alex.jones@hub.example", name: "Alex Jones" });
const sam = lead({ email: "sam.patel@hub.example", name: "Sam Patel" });

function byId(decisions: RoutingDecision[]): Record<string, RoutingDecision> {
  return Object.fromEntries(decisions.map((d) => [d.responseId, d]));
}

describe("eligibleLeads", () => {
  const leads = [
    lead({ email: "a@hub.example", name: "Ann", programmes: ["pd-lead"] }),
    lead({ email: "b@hub.example", name: "Ben", localAuthorities: ["Kirklees", "Wakefield"] }),
    lead({ email: "c@hub.example", name: "Cat", active: false }),
    lead({ email: "d@hub.example", name: "Dev", ownSchoolUrn: "100001" }),
    lead({
      email: "e@hub.example",
      name: "Eve",
      programmes: ["SEC-SPECIALIST"],
      localAuthorities: [" leeds "],
    }),
  ];

  it("says for every lead, in order of email, whether it may take the application and why not", () => {
    const result = eligibleLeads(app({ responseId: "r1" }), [...leads].reverse());
    expect(result.map((r) => [r.lead.name, r.eligible, r.excludedBecause, r.explanation])).toEqual([
      ["Ann", false, "programme", "Ann does not cover Secondary Mastery Specialist."],
      ["Ben", false, "area", "Ben does not cover Leeds."],
      ["Cat", false, "inactive", "Cat is not active."],
      ["Dev", false, "conflict", "Dev works at this school."],
      ["Eve", true, null, "Eve covers Secondary Mastery Specialist in Leeds."],
    ]);
  });

  it("treats an unknown local authority as covered only by leads of every area", () => {
    const result = eligibleLeads(app({ responseId: "r1", localAuthority: "" }), [alex, leads[1]]);
    expect(result.map((r) => r.eligible)).toEqual([true, false]);
    expect(result[1].explanation).toBe(
      "Ben covers named local authorities only, and this one is not known.",
    );
  });

  it("sees no conflict when either URN is blank, and ignores leading zeros", () => {
    const blankLead = lead({ email: "x@hub.example", name: "X", ownSchoolUrn: "" });
    expect(eligibleLeads(app({ responseId: "r", schoolUrn: "" }), [blankLead])[0].eligible).toBe(
      true,
    );
    const zeros = lead({ email: "y@hub.example", name: "Y", ownSchoolUrn: "0100001" });
    expect(eligibleLeads(app({ responseId: "r" }), [zeros])[0].excludedBecause).toBe("conflict");
  });
});

describe("routeApplications: explanations", () => {
  it("names the lead, what they cover and their load afterwards", () => {
    const held = ["h1", "h2", "h3"].map((id) =>
      app({ responseId: id, currentLead: alex.email, schoolUrn: "100009" }),
    );
    const decisions = byId(routeApplications([...held, app({ responseId: "new" })], [alex]));
    expect(decisions.new).toEqual({
      responseId: "new",
      lead: alex.email,
      unassigned: false,
      changed: true,
      why: "Alex Jones covers Secondary Mastery Specialist in Leeds; now 4 of 10.",
    });
    expect(decisions.h1).toEqual({
      responseId: "h1",
      lead: alex.email,
      unassigned: false,
      changed: false,
      why: "Stays with Alex Jones, who still covers Secondary Mastery Specialist in Leeds.",
    });
  });

  it("flags UNASSIGNED when the only lead who covers it works at the school", () => {
    const jo = lead({
      email: "jo@hub.example",
      name: "Jo Bloggs",
      programmes: ["special-crossphase"],
      localAuthorities: ["Kirklees"],
      ownSchoolUrn: "107777",
    });
    const [decision] = routeApplications(
      [
        app({
          responseId: "r1",
          programme: "special-crossphase",
          localAuthority: "Kirklees",
          schoolUrn: "107777",
        }),
      ],
      [jo, lead({ email: "x@hub.example", name: "X", programmes: ["pd-lead"] })],
    );
    expect(decision).toEqual({
      responseId: "r1",
      lead: "",
      unassigned: true,
      changed: false,
      why: "No lead covers Special Schools Cross-phase Development Work Group in Kirklees without a conflict of interest: the only lead who covers it works at this school.",
    });
  });

  it("says when no lead covers the programme in that area at all", () => {
    const [decision] = routeApplications(
      [app({ responseId: "r1", localAuthority: "Calderdale" })],
      [lead({ ...alex, localAuthorities: ["Leeds"] })],
    );
    expect(decision.unassigned).toBe(true);
    expect(decision.why).toBe("No lead covers Secondary Mastery Specialist in Calderdale.");
  });

  it("says which leads are full, and never overloads them", () => {
    const small = lead({ ...alex, maxLoad: 2 });
    const apps = ["r1", "r2", "r3"].map((id) => app({ responseId: id }));
    const decisions = byId(routeApplications(apps, [small, lead({ ...sam, active: false })]));
    expect(decisions.r1.lead).toBe(alex.email);
    expect(decisions.r2.lead).toBe(alex.email);
    expect(decisions.r2.why).toBe(
      "Alex Jones covers Secondary Mastery Specialist in Leeds; now 2 of 2.",
    );
    expect(decisions.r3).toEqual({
      responseId: "r3",
      lead: "",
      unassigned: true,
      changed: false,
      why: "No lead who covers Secondary Mastery Specialist in Leeds can take it: Alex Jones (2 of 2) is full, and Sam Patel is not active.",
    });
  });

  it("mixes full leads, conflicts and inactive leads in one sentence", () => {
    const leads = [
      lead({ email: "a@hub.example", name: "Ann", maxLoad: 0 }),
      lead({ email: "b@hub.example", name: "Ben", maxLoad: 0 }),
      lead({ email: "c@hub.example", name: "Cat", ownSchoolUrn: "100001" }),
      lead({ email: "d@hub.example", name: "Dev", ownSchoolUrn: "100001" }),
      lead({ email: "e@hub.example", name: "Eve", active: false }),
    ];
    const [decision] = routeApplications([app({ responseId: "r1" })], leads);
    expect(decision.why).toBe(
      "No lead who covers Secondary Mastery Specialist in Leeds can take it: Ann (0 of 0) and Ben (0 of 0) are full, Cat and Dev work at this school, and Eve is not active.",
    );
  });

  it("explains a move away from a lead who is no longer eligible", () => {
    const apps = [
      app({ responseId: "r1", currentLead: sam.email }),
      app({ responseId: "r2", currentLead: "gone@hub.example" }),
      app({ responseId: "r3", currentLead: alex.email }),
    ];
    const decisions = byId(
      routeApplications(apps, [
        lead({ ...alex, localAuthorities: ["Kirklees"] }),
        lead({ ...sam, active: false }),
        lead({ email: "kim@hub.example", name: "Kim Lee" }),
      ]),
    );
    expect(decisions.r1.why).toBe(
      "Moved from Sam Patel, who is no longer active, to Kim Lee, who covers Secondary Mastery Specialist in Leeds; now 3 of 10.",
    );
    expect(decisions.r2.why).toBe(
      "Moved from gone@hub.example, who is no longer in the Leads sheet, to Kim Lee, who covers Secondary Mastery Specialist in Leeds; now 3 of 10.",
    );
    expect(decisions.r3.why).toBe(
      "Moved from Alex Jones, who no longer covers Leeds, to Kim Lee, who covers Secondary Mastery Specialist in Leeds; now 3 of 10.",
    );
    expect(Object.values(decisions).every((d) => d.changed && d.lead === "kim@hub.example")).toBe(
      true,
    );
  });

  it("says when an unassigned application has lost its lead", () => {
    const [decision] = routeApplications(
      [app({ responseId: "r1", currentLead: alex.email })],
      [lead({ ...alex, ownSchoolUrn: "100001" })],
    );
    expect(decision).toEqual({
      responseId: "r1",
      lead: "",
      unassigned: true,
      changed: true,
      why: "No lead covers Secondary Mastery Specialist in Leeds without a conflict of interest: the only lead who covers it works at this school; it was with Alex Jones, who works at this school.",
    });
  });

  it("leaves decided and withdrawn applications alone and does not count them", () => {
    const one = lead({ ...alex, maxLoad: 1 });
    const apps = [
      app({ responseId: "done", currentLead: alex.email.toUpperCase(), open: false }),
      app({ responseId: "new" }),
    ];
    const decisions = byId(routeApplications(apps, [one]));
    expect(decisions.done).toEqual({
      responseId: "done",
      lead: alex.email,
      unassigned: false,
      changed: false,
      why: "Not routed: the application has been decided or withdrawn.",
    });
    expect(decisions.new.lead).toBe(alex.email);
    expect(decisions.new.why).toMatch(/now 1 of 1\.$/);
  });

  it("rejects two applications with one response ID", () => {
    expect(() =>
      routeApplications([app({ responseId: "r1" }), app({ responseId: "r1" })], [alex]),
    ).toThrow("Response ID r1 appears twice in the applications to route.");
  });
});

describe("routeApplications: groups", () => {
  const pair = (id: string, over: Partial<RoutingApplication> = {}) =>
    app({ responseId: id, programme: "sec-development", groupKey: "school-100001", ...over });

  it("gives both advocates of a school to one lead and counts them as two", () => {
    const decisions = routeApplications([pair("a1"), pair("a2")], [alex, sam]);
    expect(decisions.map((d) => d.lead)).toEqual([alex.email, alex.email]);
    expect(decisions[0].why).toBe(
      "Alex Jones covers Secondary Teaching for Mastery Development Work Group in Leeds and takes both advocates of this school together; now 2 of 10.",
    );
  });

  it("puts a second advocate who applies later with the lead who has the first", () => {
    const decisions = byId(
      routeApplications([pair("a1", { currentLead: sam.email }), pair("a2")], [alex, sam]),
    );
    expect(decisions.a1.changed).toBe(false);
    expect(decisions.a2).toEqual({
      responseId: "a2",
      lead: sam.email,
      unassigned: false,
      changed: true,
      why: "Sam Patel covers Secondary Teaching for Mastery Development Work Group in Leeds and already has the other advocate of this school; now 2 of 10.",
    });
  });

  it("moves the whole pair when the first advocate's lead has no room for the second", () => {
    const decisions = byId(
      routeApplications(
        [pair("a1", { currentLead: sam.email }), pair("a2")],
        [alex, lead({ ...sam, maxLoad: 1 })],
      ),
    );
    expect(decisions.a1.lead).toBe(alex.email);
    expect(decisions.a2.lead).toBe(alex.email);
    expect(decisions.a1.why).toBe(
      "Moved from Sam Patel, who has no room for the other advocate of this school as well, to Alex Jones, who covers Secondary Teaching for Mastery Development Work Group in Leeds and takes both advocates of this school together; now 2 of 10.",
    );
  });

  it("leaves a pair unassigned together rather than split it, saying who has too little room", () => {
    const decisions = routeApplications(
      [pair("a1"), pair("a2")],
      [lead({ ...alex, maxLoad: 1 }), lead({ ...sam, maxLoad: 1 })],
    );
    expect(decisions.map((d) => [d.lead, d.unassigned])).toEqual([
      ["", true],
      ["", true],
    ]);
    expect(decisions[0].why).toBe(
      "No lead who covers Secondary Teaching for Mastery Development Work Group in Leeds can take both advocates of this school together: Alex Jones (0 of 1) and Sam Patel (0 of 1) have too little room.",
    );
  });

  it("needs one lead eligible for every member of a group", () => {
    const leeds = lead({ ...alex, localAuthorities: ["Leeds"] });
    const kirklees = lead({ ...sam, localAuthorities: ["Kirklees"] });
    const decisions = routeApplications(
      [
        app({ responseId: "g1", groupKey: "mat" }),
        app({ responseId: "g2", groupKey: "mat", localAuthority: "Kirklees", schoolUrn: "100002" }),
      ],
      [leeds, kirklees],
    );
    expect(decisions.every((d) => d.unassigned)).toBe(true);
    expect(decisions[0].why).toBe(
      "No one lead covers every application in its group (Secondary Mastery Specialist in Leeds and Secondary Mastery Specialist in Kirklees).",
    );
  });

  it("keeps a group off a lead who works at any of its schools", () => {
    const decisions = routeApplications(
      [
        app({ responseId: "g1", groupKey: "mat" }),
        app({ responseId: "g2", groupKey: "mat", schoolUrn: "100002" }),
      ],
      [lead({ ...alex, ownSchoolUrn: "100002" }), sam],
    );
    expect(decisions.map((d) => d.lead)).toEqual([sam.email, sam.email]);
    expect(decisions[0].why).toBe(
      "Sam Patel covers Secondary Mastery Specialist in Leeds and takes both applications in its group together; now 2 of 10.",
    );
  });
});

describe("routeApplications: balance", () => {
  it("fills leads in proportion to their maximum load", () => {
    const apps = Array.from({ length: 9 }, (_, i) => app({ responseId: `r${i}` }));
    const result = routeWithSummary(apps, [
      lead({ ...alex, maxLoad: 10 }),
      lead({ ...sam, maxLoad: 5 }),
    ]);
    expect(result.loads.map((l) => [l.email, l.load])).toEqual([
      [alex.email, 6],
      [sam.email, 3],
    ]);
    expect(result.exact).toBe(true);
  });

  it("gives the flexible applications to the lead others cannot use", () => {
    // Kirklees applications can only go to Sam; Leeds ones to either, so Alex takes those.
    const leads = [
      lead({ ...alex, localAuthorities: ["Leeds"], maxLoad: 4 }),
      lead({ ...sam, maxLoad: 4 }),
    ];
    const apps = [
      ...["k1", "k2", "k3"].map((id) => app({ responseId: id, localAuthority: "Kirklees" })),
      ...["l1", "l2", "l3"].map((id) => app({ responseId: id })),
    ];
    const result = routeWithSummary(apps, leads);
    expect(result.loads.map((l) => l.load)).toEqual([3, 3]);
    expect(result.decisions.filter((d) => d.responseId.startsWith("k")).map((d) => d.lead)).toEqual(
      [sam.email, sam.email, sam.email],
    );
  });

  it("does not take work from a lead whose maximum was lowered, but gives them nothing new", () => {
    const held = ["h1", "h2", "h3"].map((id) => app({ responseId: id, currentLead: alex.email }));
    const result = routeWithSummary(
      [...held, app({ responseId: "new" })],
      [lead({ ...alex, maxLoad: 2 }), sam],
    );
    expect(result.decisions.map((d) => d.lead)).toEqual([
      alex.email,
      alex.email,
      alex.email,
      sam.email,
    ]);
    expect(result.loads.map((l) => [l.load, l.maxLoad])).toEqual([
      [3, 2],
      [1, 10],
    ]);
  });

  it("rebalances everything from scratch when asked", () => {
    const held = ["h1", "h2", "h3", "h4"].map((id) =>
      app({ responseId: id, currentLead: alex.email }),
    );
    const kept = routeApplications(held, [alex, sam]);
    expect(kept.every((d) => d.lead === alex.email && !d.changed)).toBe(true);
    const moved = rebalance(held, [alex, sam], { keepCurrent: false });
    expect(moved.map((d) => d.lead)).toEqual([alex.email, alex.email, sam.email, sam.email]);
    expect(moved[0].why).toBe(
      "Stays with Alex Jones, who still covers Secondary Mastery Specialist in Leeds.",
    );
    expect(moved[3].why).toBe(
      "Rebalanced from Alex Jones to Sam Patel, who covers Secondary Mastery Specialist in Leeds; now 2 of 10.",
    );
  });

  it("plans the hard cases of pairs exactly", () => {
    // Two leads of 3 and two pairs plus two singles: each lead must take one pair and one single.
    const plan = planAssignment(
      [
        { cap: 3, base: 0 },
        { cap: 3, base: 0 },
      ],
      [
        { size: 1, eligible: [0, 1] },
        { size: 1, eligible: [0, 1] },
        { size: 2, eligible: [0, 1] },
        { size: 2, eligible: [0, 1] },
      ],
    );
    expect(plan.assigned).toBe(6);
    expect(plan.leadOf.slice(2).sort()).toEqual([0, 1]);
    expect(plan.exact).toBe(true);
  });

  it("finds the lowest top fill even where splitting groups would promise a lower one", () => {
    // A (max 9) and B (max 4); a triple either may take, a group of five only A, a single only B.
    // Split, the triple could leave both at 6 of 9 and 2 of 4; whole, the best is A 8 of 9.
    const plan = planAssignment(
      [
        { cap: 9, base: 0 },
        { cap: 4, base: 0 },
      ],
      [
        { size: 1, eligible: [1] },
        { size: 3, eligible: [0, 1] },
        { size: 5, eligible: [0] },
      ],
    );
    expect(plan).toEqual({
      leadOf: [1, 0, 0],
      assigned: 9,
      bottleneck: { k: 8, cap: 9 },
      exact: true,
    });
  });

  it("says when the search over groups ran out of budget, and still keeps every rule", () => {
    const leads = [
      { cap: 4, base: 0 },
      { cap: 4, base: 0 },
      { cap: 1, base: 0 },
    ];
    const units = [
      { size: 2, eligible: [0, 2] },
      { size: 3, eligible: [0, 1] },
      { size: 3, eligible: [0, 2] },
      { size: 3, eligible: [0, 2] },
    ];
    const rushed = planAssignment(leads, units, 0);
    const thorough = planAssignment(leads, units);
    expect(rushed.exact).toBe(false);
    expect(thorough.exact).toBe(true);
    expect(thorough.assigned).toBe(6);
    expect(rushed.assigned).toBeLessThanOrEqual(thorough.assigned);
    const load = [0, 0, 0];
    rushed.leadOf.forEach((l, u) => {
      if (l < 0) return;
      expect(units[u].eligible).toContain(l);
      load[l] += units[u].size;
    });
    load.forEach((n, l) => expect(n).toBeLessThanOrEqual(leads[l].cap));

    // The same hub through routeApplications: lead a covers everywhere, b Leeds, c Kirklees.
    const hubLeads = [
      lead({ email: "a@hub.example", name: "Ann", maxLoad: 4 }),
      lead({ email: "b@hub.example", name: "Ben", maxLoad: 4, localAuthorities: ["Leeds"] }),
      lead({ email: "c@hub.example", name: "Cat", maxLoad: 1, localAuthorities: ["Kirklees"] }),
    ];
    const members = (group: string, n: number, localAuthority: string) =>
      Array.from({ length: n }, (_, i) =>
        app({ responseId: `${group}-${i}`, groupKey: group, localAuthority }),
      );
    const apps = [
      ...members("g1", 2, "Kirklees"),
      ...members("g2", 3, "Leeds"),
      ...members("g3", 3, "Kirklees"),
      ...members("g4", 3, "Kirklees"),
    ];
    const result = routeWithSummary(apps, hubLeads, { searchBudget: 0 });
    expect(result.exact).toBe(false);
    result.loads.forEach((l) => expect(l.load).toBeLessThanOrEqual(l.maxLoad));
    expect(routeWithSummary(apps, hubLeads).exact).toBe(true);
  });

  it("uses the first row, in order of email, when a lead's email appears twice", () => {
    const rows = [
      lead({ email: "ALEX.JONES@hub.example", name: "Alex Jones", maxLoad: 1 }),
      lead({ email: "alex.jones@hub.example", name: "Alex Jones", maxLoad: 5 }),
    ];
    const apps = ["r1", "r2"].map((id) => app({ responseId: id }));
    const one = routeWithSummary(apps, rows);
    expect(one.loads).toHaveLength(1);
    expect(routeWithSummary(apps, [...rows].reverse())).toEqual(one);
  });
});

describe("unassigned sentences", () => {
  it("admits when a lead had room but the search for a place ran out", () => {
    const a = app({ responseId: "r1" });
    const why = unassignedWhy({
      app: a,
      unit: unitWords([a], (s) => s),
      subjects: [],
      covering: [{ lead: alex, state: "room", load: 3, maxLoad: 10 }],
      previous: null,
    });
    expect(why).toBe(
      "No lead who covers Secondary Mastery Specialist in Leeds can take it: Alex Jones (3 of 10) has room, but the search for an arrangement that fits it ran out of time.",
    );
  });

  it("lists at most three leads by name", () => {
    const a = app({ responseId: "r1" });
    const covering = ["Ann", "Ben", "Cat", "Dev", "Eve"].map((name) => ({
      lead: lead({ email: `${name}@hub.example`, name }),
      state: "full" as const,
      load: 2,
      maxLoad: 2,
    }));
    expect(
      unassignedWhy({
        app: a,
        unit: unitWords([a], (s) => s),
        subjects: [],
        covering,
        previous: null,
      }),
    ).toBe(
      "No lead who covers Secondary Mastery Specialist in Leeds can take it: Ann (2 of 2), Ben (2 of 2), Cat (2 of 2) and 2 others are full.",
    );
  });
});

// Allocation through the compiled bundle: dry run, overrides, confirmation (decisions, cohort
// sheets, a frozen record that reproduces the run, decision emails) and "Offer next".
import {
  appendSheetRows,
  callSidebar,
  editApplication,
  setProgramme,
  sheetObjects,
} from "../../emulator/runner/admin";
import { allocate } from "../../src/domain/allocation";
import { snapshotFromValues } from "../../src/sheets/allocation-runs";
import type {
  AllocationConfirmation,
  AllocationPreview,
  OfferNextResult,
} from "../../src/ui/allocation-bridge";
import { specialistAnswers } from "../../emulator/runner/sample-hub";
import { answersFor, openSecondaries, setUpHub, type HubFixture } from "./fixture";

const LEAD = "hub.lead@example.org";
const CLOSES = new Date("2024-03-01T17:00:00Z");

/** Marks endorsements as the Endorsement Form would (here by direct edit: not the subject). */
function setEndorsement(hub: HubFixture, responseIds: string[], status: string): void {
  for (const id of responseIds) editApplication(hub.env, id, "Endorsement", status, LEAD);
}

function setDecision(hub: HubFixture, responseId: string, decision: string): void {
  const run = editApplication(hub.env, responseId, "Decision", decision, LEAD);
  expect(run.error).toBeUndefined();
}

function queue(hub: HubFixture) {
  return sheetObjects(hub.env, "Mail queue");
}

describe("allocation of Specialist places", () => {
  let hub: HubFixture;
  let ids: string[];

  beforeEach(async () => {
    hub = await setUpHub({ closes: { "sec-specialist": CLOSES } });
    setProgramme(hub.env, "sec-specialist", { Places: 2 });
    const schools = openSecondaries(hub, "Hertfordshire").slice(0, 6);
    schools.forEach((school, i) => {
      const { runs } = hub.env.submit(
        hub.formId("sec-specialist"),
        specialistAnswers(
          school,
          {
            email: `teacher${i}@example.org`,
            firstName: `Teacher${i}`,
            lastName: "Example",
          },
          { yearsTeaching: String(4 + i) },
        ),
        { at: new Date(Date.UTC(2024, 1, 1, 10, i)) },
      );
      expect(runs[0]!.error).toBeUndefined();
    });
    hub.env.advanceTo(new Date("2024-03-04T09:00:00Z"));
    ids = sheetObjects(hub.env, "Applications").map((r) => String(r["Response ID"]));
    expect(ids).toHaveLength(6);
    setEndorsement(hub, ids.slice(0, 5), "Confirmed");
  });

  it("previews without writing anything or queuing any email", () => {
    const before = JSON.stringify(sheetObjects(hub.env, "Applications"));
    const queued = queue(hub).length;
    const preview = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides: [],
    });
    expect(preview.placed).toHaveLength(2);
    expect(preview.waitlist.map((w) => w.position)).toEqual([1, 2, 3]);
    expect(preview.notConsidered.map((n) => n.responseId)).toEqual([ids[5]]);
    expect(preview.notConsidered[0]!.why).toMatch(/^Endorsement Requested/);
    expect(preview.placesUsed).toEqual({ used: 2, capacity: 2 });
    expect(preview.exact).toBe(true);
    expect(preview.warnings.join(" ")).toMatch(/waiting for the school's endorsement/);
    // Placed are the highest priorities: nobody waiting outranks anyone placed.
    const worstPlaced = Math.min(...preview.placed.map((p) => p.score ?? 0));
    for (const w of preview.waitlist) expect(w.score ?? 0).toBeLessThanOrEqual(worstPlaced);
    expect(JSON.stringify(sheetObjects(hub.env, "Applications"))).toBe(before);
    expect(queue(hub).length).toBe(queued);
    expect(hub.env.outbox.filter((m) => /place/i.test(m.subject))).toHaveLength(0);
  });

  it("pins and waives with written reasons, refuses an override without one, and confirms", () => {
    const first = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides: [],
    });
    const lastWaiting = first.waitlist[first.waitlist.length - 1]!.responseId;
    const overrides = [
      {
        responseId: lastWaiting,
        action: "pin",
        reason: "Only applicant from a school in special measures.",
      },
      { responseId: ids[5], action: "endorsement-waived", reason: "" },
    ];
    const preview = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides,
    });
    expect(preview.placed.map((p) => p.responseId)).toContain(lastWaiting);
    const refused = preview.overrides.find((o) => o.responseId === ids[5])!;
    expect(refused.accepted).toBe(false);
    expect(refused.effect).toMatch(/written reason/);
    expect(preview.overrides.find((o) => o.responseId === lastWaiting)!.by).toBe(LEAD);

    const confirmation = callSidebar<AllocationConfirmation>(hub.env, "apiConfirmAllocation", {
      programme: "sec-specialist",
      overrides,
      token: preview.token,
    });
    // The preview promised exactly what confirming did.
    expect(preview.onConfirm).toEqual({
      offered: 2,
      waitlisted: 3,
      notOffered: 0,
      undecided: 1,
      emailsQueued: 5,
    });
    expect(confirmation).toMatchObject({
      offered: 2,
      waitlisted: 3,
      notOffered: 0,
      emailsQueued: 5,
    });

    const rows = sheetObjects(hub.env, "Applications");
    const decision = (id: string) => rows.find((r) => r["Response ID"] === id)!.Decision;
    expect(decision(lastWaiting)).toBe("Offered");
    expect(rows.filter((r) => r.Decision === "Offered")).toHaveLength(2);
    expect(rows.filter((r) => r.Decision === "Waitlisted")).toHaveLength(3);
    expect(decision(ids[5]!)).toBe(""); // waiting for its endorsement: undecided, no email

    const cohort = sheetObjects(hub.env, "Cohort – sec-specialist");
    expect(cohort.map((r) => r["Response ID"]).sort()).toEqual(
      rows
        .filter((r) => r.Decision === "Offered")
        .map((r) => r["Response ID"])
        .sort(),
    );
    expect(cohort[0]!.School).not.toBe("");

    const q = queue(hub).filter((m) => String(m.Key).startsWith("decision:"));
    expect(q.map((m) => m.Kind).sort()).toEqual([
      "offer",
      "offer",
      "waitlist",
      "waitlist",
      "waitlist",
    ]);
    const offer = q.find((m) => m.Kind === "offer")!;
    expect(String(offer.Subject)).toMatch(/A place for you/);

    // The override is audited with its reason.
    const audit = sheetObjects(hub.env, "Audit");
    expect(
      audit.some(
        (a) => /override: pin/.test(String(a.Action)) && /special measures/.test(String(a.After)),
      ),
    ).toBe(true);

    // The frozen record reproduces the run exactly.
    const runSheet = hub.env.spreadsheet
      .getSheets()
      .map((s) => s.getName())
      .find((n) => n.startsWith("Run – sec-specialist – "))!;
    expect(runSheet).toBe(confirmation.run);
    const values = hub.env.rt.uncharged(() =>
      hub.env.spreadsheet.getSheetByName(runSheet)!.getDataRange().getValues(),
    );
    const snapshot = snapshotFromValues(runSheet, values as never)!;
    const again = allocate(snapshot.candidates, snapshot.params);
    expect(again.placed.map((p) => p.responseId).sort()).toEqual(
      snapshot.outcomes
        .filter((o) => o.outcome === "Placed")
        .map((o) => o.responseId)
        .sort(),
    );
    expect(again.waitlist.map((w) => [w.responseId, w.position])).toEqual(
      snapshot.outcomes
        .filter((o) => o.outcome === "Waitlisted")
        .sort((a, b) => a.position! - b.position!)
        .map((o) => [o.responseId, o.position]),
    );
    expect(snapshot.meta.confirmedBy).toBe(LEAD);
  });

  it("refuses a stale preview (a double click or a change since) and writes nothing", () => {
    const preview = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides: [],
    });
    setEndorsement(hub, [ids[5]!], "Confirmed");
    expect(() =>
      callSidebar(hub.env, "apiConfirmAllocation", {
        programme: "sec-specialist",
        overrides: [],
        token: preview.token,
      }),
    ).toThrow(/changed since your preview/);
    expect(sheetObjects(hub.env, "Applications").every((r) => r.Decision === "")).toBe(true);

    const fresh = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides: [],
    });
    const request = { programme: "sec-specialist", overrides: [], token: fresh.token };
    callSidebar(hub.env, "apiConfirmAllocation", request);
    const queued = queue(hub).length;
    // The same click again: the register now holds the decisions, so the token no longer matches.
    expect(() => callSidebar(hub.env, "apiConfirmAllocation", request)).toThrow(
      /changed since your preview/,
    );
    expect(queue(hub).length).toBe(queued);
  });

  it.each([1, 2, 3, 4])(
    "loses and duplicates no decision or email when confirmation is killed at write %i",
    (nth) => {
      const request = { programme: "sec-specialist", overrides: [] };
      const preview = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", request);
      hub.env.addFault({
        method: "Range.setValues",
        nth,
        action: "kill",
        message: "Exceeded maximum execution time",
      });
      const killed = hub.env.run("apiConfirmAllocation", [{ ...request, token: preview.token }], {
        kind: "sidebar",
        user: LEAD,
      });
      expect(killed.record.outcome).toBe("killed");
      hub.env.rt.clearFaults();
      // The lead previews again and confirms what is left to decide (perhaps nothing).
      const again = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", request);
      callSidebar(hub.env, "apiConfirmAllocation", { ...request, token: again.token });
      const rows = sheetObjects(hub.env, "Applications");
      expect(rows.filter((r) => r.Decision === "Offered")).toHaveLength(2);
      expect(rows.filter((r) => r.Decision === "Waitlisted")).toHaveLength(3);
      const keys = queue(hub)
        .map((m) => String(m.Key))
        .filter((k) => k.startsWith("decision:"));
      expect(keys).toHaveLength(5);
      expect(new Set(keys).size).toBe(5);
      for (const r of rows.filter((x) => x.Decision !== ""))
        expect(String(r.Notified)).toMatch(/email queued/);
      expect(sheetObjects(hub.env, "Cohort – sec-specialist")).toHaveLength(2);
    },
  );

  it("offers the next place on the waiting list when a placed applicant withdraws", () => {
    const preview = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides: [],
    });
    callSidebar(hub.env, "apiConfirmAllocation", {
      programme: "sec-specialist",
      overrides: [],
      token: preview.token,
    });
    // A later preview names the confirmed run, who confirmed it and when.
    const later = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-specialist",
      overrides: [],
    });
    expect(later.confirmed).toEqual({
      run: expect.stringMatching(/^Run – sec-specialist – /),
      at: expect.stringMatching(/^2024-03-04T09:00:\d\d\.\d{3}Z$/),
      by: LEAD,
    });
    const full = callSidebar<OfferNextResult>(hub.env, "apiOfferNext", {
      programme: "sec-specialist",
    });
    expect(full.offered).toBeNull();
    expect(full.message).toMatch(/Every place/);

    setDecision(hub, preview.placed[0]!.responseId, "Withdrawn");
    // The cohort sheet follows the edit at once (onEdit), before anyone is offered the place.
    expect(sheetObjects(hub.env, "Cohort – sec-specialist").map((r) => r["Response ID"])).toEqual([
      preview.placed[1]!.responseId,
    ]);
    setDecision(hub, preview.placed[1]!.responseId, "Accepted");
    const accepted = sheetObjects(hub.env, "Engagement").find(
      (e) => e.URN === preview.placed[1]!.schoolUrn && e.Programme === "sec-specialist",
    );
    expect(accepted?.Status).toBe("participating");
    const next = callSidebar<OfferNextResult>(hub.env, "apiOfferNext", {
      programme: "sec-specialist",
    });
    expect(next.offered?.responseId).toBe(preview.waitlist[0]!.responseId);
    const rows = sheetObjects(hub.env, "Applications");
    expect(rows.find((r) => r["Response ID"] === preview.waitlist[0]!.responseId)!.Decision).toBe(
      "Offered",
    );
    expect(
      queue(hub).some((m) => m.Key === `decision:${preview.waitlist[0]!.responseId}:Offered`),
    ).toBe(true);
    const cohort = sheetObjects(hub.env, "Cohort – sec-specialist").map((r) => r["Response ID"]);
    expect(cohort).toContain(preview.waitlist[0]!.responseId);
    expect(cohort).not.toContain(preview.placed[0]!.responseId);
    // The hub's history follows the cohort: the withdrawn school's row says so, the new one is added.
    const engagement = sheetObjects(hub.env, "Engagement").filter(
      (e) =>
        e.Programme === "sec-specialist" &&
        String(e.Source).startsWith("Allocation: Run – sec-specialist"),
    );
    const status = (email: string) => {
      const urn = rows.find((r) => r.Email === email)!["School URN"];
      return engagement.filter((e) => e.URN === urn).map((e) => e.Status);
    };
    expect(status(preview.placed[0]!.email)).toEqual(["withdrew"]);
    expect(status(preview.placed[1]!.email)).toEqual(["participating"]);
    expect(status(preview.waitlist[0]!.email)).toEqual(["offered a place"]);
    expect(engagement).toHaveLength(3);

    // Emails go out with the next hourly run, once.
    hub.env.advanceTo(new Date("2024-03-04T12:30:00Z"));
    const offers = hub.env.outbox.filter((m) => /A place for you/.test(m.subject));
    expect(offers.map((m) => m.to).sort()).toEqual(
      [...new Set([...preview.placed.map((p) => p.email), preview.waitlist[0]!.email])].sort(),
    );
  });
});

describe("allocation of Development Work Groups", () => {
  it("places each school in a Work Group serving its local authority, with one sheet per group", async () => {
    const hub = await setUpHub({ closes: { "sec-development": CLOSES } });
    setProgramme(hub.env, "sec-development", { Places: 4 });
    appendSheetRows(hub.env, "Leads", [
      ["Priya Shah", "priya.shah@example.org", "sec-development", "Hertfordshire", 10, "", "Yes"],
      ["Hannah Lee", "hannah.lee@example.org", "sec-development", "Essex", 10, "", "Yes"],
    ]);
    appendSheetRows(hub.env, "Groups", [
      ["DEV-HERTS-1", "sec-development", "priya.shah@example.org", 2, "St Albans", "Hertfordshire"],
      ["DEV-ESSEX-1", "sec-development", "hannah.lee@example.org", 2, "Chelmsford", "Essex"],
    ]);
    const herts = openSecondaries(hub, "Hertfordshire").slice(0, 3);
    const essex = openSecondaries(hub, "Essex").slice(0, 2);
    [...herts, ...essex].forEach((school, i) => {
      const { runs } = hub.env.submit(
        hub.formId("sec-development"),
        answersFor("sec-development", {
          email: `hod${i}@example.org`,
          firstName: `Hod${i}`,
          lastName: "Example",
          role: "Head of maths / subject leader",
          schoolUrn: school.urn,
          schoolName: school.name,
          schoolPostcode: school.postcode,
          headName: "Alex Head",
          headEmail: `head${i}@example.org`,
          headSupport: "Yes",
          hodSupport: "Yes",
          advocate2Name: `Second${i} Advocate`,
          advocate2Email: `second${i}@example.org`,
          consent: ["I agree"],
          statement: "We want to develop mastery together.",
        }),
        { at: new Date(Date.UTC(2024, 1, 2, 9, i)) },
      );
      expect(runs[0]!.error).toBeUndefined();
    });
    hub.env.advanceTo(new Date("2024-03-04T09:00:00Z"));
    const all = sheetObjects(hub.env, "Applications");
    setEndorsement(
      hub,
      all.map((r) => String(r["Response ID"])),
      "Confirmed",
    );

    const preview = callSidebar<AllocationPreview>(hub.env, "apiPreviewAllocation", {
      programme: "sec-development",
      overrides: [],
    });
    expect(preview.placed).toHaveLength(4);
    for (const p of preview.placed) {
      expect(p.group).toBe(p.localAuthority === "Essex" ? "DEV-ESSEX-1" : "DEV-HERTS-1");
    }
    expect(preview.groups.map((g) => [g.id, g.used, g.capacity])).toEqual([
      ["DEV-HERTS-1", 2, 2],
      ["DEV-ESSEX-1", 2, 2],
    ]);
    expect(preview.waitlist).toHaveLength(1);
    expect(preview.waitlist[0]!.localAuthority).toBe("Hertfordshire");

    const confirmation = callSidebar<AllocationConfirmation>(hub.env, "menuConfirmAllocation", {
      programme: "sec-development",
    });
    expect(confirmation.cohortSheets.sort()).toEqual([
      "Cohort – sec-development – DEV-ESSEX-1",
      "Cohort – sec-development – DEV-HERTS-1",
    ]);
    const essexCohort = sheetObjects(hub.env, "Cohort – sec-development – DEV-ESSEX-1");
    expect(essexCohort).toHaveLength(2);
    expect(essexCohort.every((r) => /^Second\d Advocate$/.test(String(r["Second advocate"])))).toBe(
      true,
    );
    expect(essexCohort.every((r) => r["Local authority"] === "Essex")).toBe(true);
    expect(essexCohort[0]!.Lead).not.toBe(undefined);
    const offer = queue(hub).find(
      (m) => m.Kind === "offer" && String(m.Body).includes("DEV-ESSEX-1"),
    );
    expect(String(offer?.Body)).toMatch(/Work Group DEV-ESSEX-1 \(Chelmsford\)/);
  });
});

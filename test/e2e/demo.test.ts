// The demo (npm run demo) as a test: a season at a realistic hub through the compiled add-on.
import { PROGRAMME_KEYS } from "../../src/domain/types";
import { runDemo } from "../../emulator/demo/demo";
import { sheetObjects } from "../../emulator/runner/admin";
import { BUNDLE } from "./helpers";

describe("mhr demo", () => {
  it("runs a whole season: every programme recruits, every hourly run completes, every application is acknowledged once", async () => {
    const { hub, summary } = await runDemo({ bundleCode: BUNDLE, seed: 2024 });
    expect(summary.failedRuns).toBe(0);
    // The leads reviewed in the Sheet, and every change is in the Audit sheet.
    expect(summary.reviewed).toBeGreaterThan(50);
    expect(
      sheetObjects(hub.env, "Audit").filter((a) => a.Action === "Edited Review status"),
    ).toHaveLength(summary.reviewed);
    expect(summary.refused).toEqual([]);
    expect(summary.registerRows).toBe(summary.submissions);
    for (const key of PROGRAMME_KEYS) expect(summary.byProgramme[key]).toBeGreaterThan(0);
    for (const verdict of ["ELIGIBLE", "REVIEW", "INELIGIBLE", "INVALID"])
      expect(summary.byVerdict[verdict]).toBeGreaterThan(0);
    for (const code of [
      "LATE",
      "URN_SUPERSEDED",
      "DUPLICATE",
      "BAD_EMAIL",
      "NOT_STATE_FUNDED",
      "OUT_OF_AREA",
    ])
      expect(summary.reasons[code]).toBeGreaterThan(0);
    // One acknowledgement per application with a usable email address, none twice.
    const register = sheetObjects(hub.env, "Applications");
    const withEmail = register.filter((r) => !String(r.Reasons).includes("BAD_EMAIL"));
    const acks = hub.env.outbox.filter((m) => /^Application received/.test(m.subject));
    expect(acks).toHaveLength(withEmail.length);
    expect(new Set(acks.map((m) => m.to)).size).toBe(new Set(withEmail.map((r) => r.Email)).size);
    // The dashboard agrees with the register and carries its charts.
    const dashboard = hub.env.spreadsheet.getSheetByName("Dashboard")!;
    const cells = hub.env.rt.uncharged(() => dashboard.getDataRange().getValues());
    const totalColumn = cells.findIndex((r) => r[0] === "Programme");
    const header = cells[totalColumn]!;
    const specialistRow = cells.find((r) => r[0] === "Secondary Mastery Specialist")!;
    expect(specialistRow[header.indexOf("Total")]).toBe(summary.byProgramme["sec-specialist"]);
    expect(hub.env.rt.uncharged(() => dashboard.getCharts()).length).toBe(3);

    // Allocation: every programme decided, cohorts written, each decision emailed once.
    const { allocation } = summary;
    expect(allocation.failed).toEqual([]);
    expect(allocation.programmes.map((p) => p.programme).sort()).toEqual(
      [...PROGRAMME_KEYS].sort(),
    );
    const final = sheetObjects(hub.env, "Applications");
    const offered = final.filter((r) => r.Decision === "Offered");
    const cohortIds = allocation.programmes
      .flatMap((p) => p.cohortSheets)
      .flatMap((name) => sheetObjects(hub.env, name).map((r) => r["Response ID"]));
    expect(cohortIds.sort()).toEqual(offered.map((r) => r["Response ID"]).sort());
    const specialists = offered.filter((r) => r.Programme === "sec-specialist");
    expect(specialists.length).toBeGreaterThanOrEqual(2);
    expect(specialists.length).toBeLessThanOrEqual(3);
    expect(allocation.offeredNext).toMatch(/is offered a place in DEV-/);
    expect(final.filter((r) => r.Decision === "Withdrawn")).toHaveLength(1);
    const decisions = hub.env.outbox.filter((m) =>
      /^(A place for you|Your application):/.test(m.subject),
    );
    const decided = final.filter(
      (r) =>
        ["Offered", "Waitlisted", "Not offered"].includes(String(r.Decision)) &&
        /^[^\s@]+@[^\s@]+\.[a-z]+$/.test(String(r.Email)),
    );
    expect(decisions.length).toBe(allocation.decisionEmailsQueued);
    expect(new Set(decisions.map((m) => `${m.to} ${m.subject}`)).size).toBe(decisions.length);
    expect(decisions.length).toBeGreaterThanOrEqual(decided.length);
  }, 180_000);
});

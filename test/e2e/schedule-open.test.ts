// Opening times through the compiled bundle: a hub set up before a programme opens keeps its form
// closed, saying when it opens, and the first hourly run from the opening time opens it, once.
import { setProgramme, sheetObjects } from "../../emulator/runner/admin";
import { failures, scheduledHub } from "./schedule-fixture";

describe("a programme that opens after the hub is set up", () => {
  // 09:00 on Monday 8 April 2024 (BST), set up the Thursday before.
  const opens = new Date("2024-04-08T08:00:00.000Z");

  it("waits closed with a plain message, then opens in the first run after 09:00 UK time", async () => {
    const hub = await scheduledHub(new Date("2024-04-04T10:00:00Z"), "2024-05-17 17:00");
    setProgramme(hub.env, "sec-specialist", { Opens: "2024-04-08 09:00" });
    const setup = hub.env.run("menuSetUpHub");
    expect(setup.error).toBeUndefined();
    expect(hub.formAccepting()).toBe(false);
    const message = hub.env.rt.uncharged(() =>
      hub.env.forms
        ._all()
        .find((f) => f.getId() === hub.formId("sec-specialist"))!
        .getCustomClosedFormMessage(),
    );
    expect(message).toMatch(
      /^Applications for Secondary Mastery Specialist open at 09:00 on Monday 8 April 2024 \(UK time\)\./,
    );
    // Forms itself refuses a response while the form is closed: nothing reaches the register.
    expect(() => hub.apply(1, new Date("2024-04-05T12:00:00Z"))).toThrow();
    expect(sheetObjects(hub.env, "Applications")).toHaveLength(0);

    // The hour before opening changes nothing.
    expect(failures(hub.env.advanceTo(new Date(opens.getTime() - 1000)))).toEqual([]);
    expect(hub.formAccepting()).toBe(false);
    const fire = hub.nextFire();
    expect(fire.getTime()).toBeGreaterThanOrEqual(opens.getTime() - 1000);
    expect(failures(hub.env.advanceTo(new Date(opens.getTime() + 3_600_000)))).toEqual([]);
    expect(hub.formAccepting()).toBe(true);
    const opened = sheetObjects(hub.env, "Log").filter((l) =>
      String(l.Job).startsWith("open:sec-specialist:"),
    );
    expect(opened.map((l) => l.Message)).toEqual([
      "Secondary Mastery Specialist opened: its form accepts responses.",
    ]);
    expect(failures(hub.apply(2, new Date(opens.getTime() + 2 * 3_600_000)))).toEqual([]);
    expect(sheetObjects(hub.env, "Applications")).toHaveLength(1);

    // Once only: a later run, or a lead closing the form by hand, is not undone by the opening job.
    hub.env.rt.uncharged(() =>
      hub.env.forms
        ._all()
        .find((f) => f.getId() === hub.formId("sec-specialist"))!
        .setAcceptingResponses(false),
    );
    expect(failures(hub.env.advanceTo(new Date(opens.getTime() + 5 * 3_600_000)))).toEqual([]);
    expect(hub.formAccepting()).toBe(false);
  });
});

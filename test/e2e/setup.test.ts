// "Set up this hub" through the compiled bundle: the sheets, the Forms (published, even though
// Forms made after 30 June 2026 start unpublished), the triggers, and that running it twice adds
// nothing.
import { sheetObjects } from "../../emulator/runner/admin";
import { HubEnvironment } from "../../emulator/runner/environment";
import { PROGRAMME_KEYS } from "../../src/domain/types";
import { BUNDLE } from "./helpers";

describe("Set up this hub", () => {
  it("creates every programme's Form from the catalogue, publishes it, links it here, and installs the two triggers once", () => {
    const env = HubEnvironment.create({
      now: new Date("2026-09-01T08:00:00Z"),
      bundleCode: BUNDLE,
      hubName: "Example Maths Hub",
    });
    const first = env.run<{
      ok: boolean;
      formsCreated: string[];
      triggersCreated: string[];
      endorsementForm: string;
    }>("menuSetUpHub");
    expect(first.error).toBeUndefined();
    expect(first.value!.ok).toBe(true);
    expect([...first.value!.formsCreated].sort()).toEqual([...PROGRAMME_KEYS].sort());
    const forms = env.forms._all();
    // Sixteen programmes and the Endorsement Form.
    expect(forms).toHaveLength(17);
    expect(first.value!.endorsementForm).toBe("created");
    // Made after 30 June 2026, so they started unpublished; set-up published them.
    expect(forms.every((f) => f.isPublished())).toBe(true);
    expect(forms.every((f) => f.getDestinationId() === env.spreadsheet.getId())).toBe(true);
    const programmes = sheetObjects(env, "Programmes");
    for (const p of programmes) {
      expect(env.spreadsheet.getSheetByName(String(p["Response sheet"]))).not.toBeNull();
      expect(String(p.Form)).not.toBe("");
    }
    expect(
      env.script
        ._triggers()
        .map((t) => `${t.getHandlerFunction()}:${String(t.getEventType())}`)
        .sort(),
    ).toEqual(["onFormSubmit:ON_FORM_SUBMIT", "runScheduledJobs:CLOCK"]);

    const again = env.run<{
      ok: boolean;
      formsCreated: string[];
      formsBound: string[];
      triggersCreated: string[];
      sheetsCreated: string[];
    }>("menuSetUpHub");
    expect(again.value).toMatchObject({
      ok: true,
      formsCreated: [],
      triggersCreated: [],
      sheetsCreated: [],
    });
    expect(again.value!.formsBound).toHaveLength(16);
    expect(env.forms._all()).toHaveLength(17);
    expect(env.script._triggers()).toHaveLength(2);
  });

  it("gives the owned sheets their headers, notes, dropdowns and a protected header row", () => {
    const env = HubEnvironment.create({ bundleCode: BUNDLE });
    env.run("menuSetUpHub");
    const sheet = env.spreadsheet.getSheetByName("Applications")!;
    env.rt.uncharged(() => {
      const header = sheet.getRange(1, 1, 1, 16).getValues()[0];
      expect(header).toEqual([
        "Response ID",
        "Submitted",
        "Programme",
        "Applicant",
        "Email",
        "School URN",
        "School",
        "Verdict",
        "Score",
        "Reasons",
        "Endorsement",
        "Lead",
        "Review status",
        "Decision",
        "Group",
        "Notified",
      ]);
      const status = sheet.getRange(2, 13).getDataValidation();
      expect(status?.getCriteriaValues()[0]).toEqual([
        "New",
        "In review",
        "Recommend",
        "Not recommended",
        "Needs info",
      ]);
      expect(sheet.getFrozenRows()).toBe(1);
      expect(
        sheet
          .getProtections(env.sheets.ProtectionType.RANGE)
          .map((p) => p.getRange().getA1Notation()),
      ).toContain("A1:X1");
      expect(env.spreadsheet.getSheetByName("Programmes")!.getRange("E1").getNote()).toMatch(
        /Europe\/London/,
      );
    });
  });
});

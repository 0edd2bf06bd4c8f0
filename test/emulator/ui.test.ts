// Ui emulation, checked against:
// https://developers.google.com/apps-script/reference/base/ui
// https://developers.google.com/apps-script/reference/base/menu
// https://developers.google.com/apps-script/reference/base/prompt-response
import { Runtime } from "../../emulator/core/runtime";
import { EmuHtmlService } from "../../emulator/services/html";
import { EmuUi, type UiResponder } from "../../emulator/services/ui";

function setup(responder?: UiResponder) {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  const ui = new EmuUi(rt, { responder, addonName: "Maths Hub Recruitment" });
  return { rt, ui, html: new EmuHtmlService(rt) };
}

describe("Ui (developers.google.com/apps-script/reference/base/ui)", () => {
  test("createAddonMenu().addItem/addSeparator/addSubMenu/addToUi records the menu and maps captions to functions (ui#createAddonMenu())", () => {
    const { ui } = setup();
    const sub = ui
      .createMenu("Allocation")
      .addItem("Allocate places", "menuAllocate")
      .addItem("Confirm", "menuConfirm");
    ui.createAddonMenu()
      .addItem("Set up hub", "menuSetup")
      .addSeparator()
      .addItem("Process all responses", "menuProcessAll")
      .addSubMenu(sub)
      .addToUi();
    expect(ui._menus()).toEqual([
      {
        kind: "addon",
        caption: "Maths Hub Recruitment",
        items: [
          { type: "item", caption: "Set up hub", functionName: "menuSetup" },
          { type: "separator" },
          { type: "item", caption: "Process all responses", functionName: "menuProcessAll" },
          {
            type: "submenu",
            caption: "Allocation",
            items: [
              { type: "item", caption: "Allocate places", functionName: "menuAllocate" },
              { type: "item", caption: "Confirm", functionName: "menuConfirm" },
            ],
          },
        ],
      },
    ]);
    expect(ui._functionFor("process all responses")).toBe("menuProcessAll");
    expect(ui._functionFor("Maths Hub Recruitment > Allocation > Confirm")).toBe("menuConfirm");
    expect(ui._functionFor("menuSetup")).toBe("menuSetup");
    expect(ui._functionFor("nothing")).toBeNull();
  });

  test("running onOpen again replaces the menu rather than duplicating it (menu#addToUi())", () => {
    const { ui } = setup();
    ui.createAddonMenu().addItem("A", "a").addToUi();
    ui.createAddonMenu().addItem("B", "b").addToUi();
    expect(ui._menuItems().map((i) => i.functionName)).toEqual(["b"]);
  });

  test("alert returns OK by default; with a responder it returns the chosen Button, comparable by identity (ui#alert(String,String,ButtonSet))", () => {
    const { ui } = setup((kind, req) => (req.buttons === "YES_NO" ? "NO" : undefined));
    expect(ui.alert("Saved")).toBe(ui.Button.OK);
    const answer = ui.alert("Confirm allocation", "Offer 3 places?", ui.ButtonSet.YES_NO);
    expect(answer).toBe(ui.Button.NO);
    expect(answer == ui.Button.YES).toBe(false);
    expect(String(answer)).toBe("NO");
    expect(ui._shown().map((s) => [s.kind, s.title, (s as { answer: string }).answer])).toEqual([
      ["alert", "", "OK"],
      ["alert", "Confirm allocation", "NO"],
    ]);
  });

  test("alert(prompt, buttons) with two arguments and YES_NO defaults to YES (ui#alert(String,ButtonSet))", () => {
    const { ui } = setup();
    expect(ui.alert("Purge old data?", ui.ButtonSet.YES_NO)).toBe(ui.Button.YES);
  });

  test("prompt returns a PromptResponse with the text and button; the default is OK with empty text (prompt-response#getResponseText())", () => {
    const { ui } = setup((kind) =>
      kind === "prompt" ? { button: "OK", text: "sec-specialist" } : undefined,
    );
    const r = ui.prompt("Programme", "Which programme?", ui.ButtonSet.OK_CANCEL);
    expect(r.getResponseText()).toBe("sec-specialist");
    expect(r.getSelectedButton()).toBe(ui.Button.OK);
    const plain = setup().ui.prompt("Name?");
    expect(plain.getResponseText()).toBe("");
    expect(plain.getSelectedButton()).toBe(ui.Button.OK);
  });

  test("a responder may close the dialog (CLOSE) but not pick a button the dialog lacks (button: CLOSE)", () => {
    expect(setup(() => "CLOSE").ui.alert("x")).toBe(setup().ui.Button.CLOSE);
    expect(() => setup(() => "YES").ui.alert("x")).toThrow(/not a button of OK/);
  });

  test("showSidebar / showModalDialog / showModelessDialog are recorded with title, content and size (ui#showSidebar(Object))", () => {
    const { ui, html } = setup();
    ui.showSidebar(html.createHtmlOutput("<p>Queue</p>").setTitle("Review queue"));
    ui.showModalDialog(
      html.createHtmlOutput("<p>Sure?</p>").setWidth(400).setHeight(200),
      "Confirm allocation",
    );
    ui.showModelessDialog(html.createHtmlOutput("<p>Log</p>"), "Log");
    expect(ui._shown()).toEqual([
      {
        kind: "sidebar",
        at: expect.any(String),
        title: "Review queue",
        content: "<p>Queue</p>",
        width: null,
        height: null,
      },
      {
        kind: "modal",
        at: expect.any(String),
        title: "Confirm allocation",
        content: "<p>Sure?</p>",
        width: 400,
        height: 200,
      },
      {
        kind: "modeless",
        at: expect.any(String),
        title: "Log",
        content: "<p>Log</p>",
        width: null,
        height: null,
      },
    ]);
  });

  test("in a time-driven trigger there is no editor: alert, showSidebar and menus throw 'Cannot call SpreadsheetApp.getUi() from this context.' (ui: only for an open editor)", () => {
    const { ui, html } = setup();
    ui._setContext("trigger");
    expect(ui._available()).toBe(false);
    expect(() => ui.alert("hi")).toThrow("Cannot call SpreadsheetApp.getUi() from this context.");
    expect(() => ui.showSidebar(html.createHtmlOutput("x"))).toThrow(
      "Cannot call SpreadsheetApp.getUi() from this context.",
    );
    expect(() => ui.createAddonMenu()).toThrow(
      "Cannot call SpreadsheetApp.getUi() from this context.",
    );
    expect(ui._shown()).toEqual([]);
    ui._setContext("interactive");
    expect(ui.alert("hi")).toBe(ui.Button.OK);
  });

  test("a wrong argument (not a ButtonSet) throws the signature error", () => {
    const { ui } = setup();
    expect(() => ui.alert("t", "p", "MAYBE" as never)).toThrow(
      /don't match the method signature for Ui.alert/,
    );
    expect(() => ui.showSidebar("<p>raw string</p>" as never)).toThrow(/Ui.showSidebar/);
  });
});

// Ui: menus, alerts, prompts, sidebars and dialogs of the editor the add-on runs in.
//
// https://developers.google.com/apps-script/reference/base/ui:
//  - alert(prompt) / alert(prompt, buttons) / alert(title, prompt, buttons) return the Button the
//    user clicked (CLOSE when they closed the dialog); prompt(...) returns a PromptResponse;
//  - createMenu(caption) and createAddonMenu() (a submenu of the Extensions menu) return a Menu;
//  - showSidebar(htmlOutput), showModalDialog(htmlOutput, title), showModelessDialog(...).
// https://developers.google.com/apps-script/reference/base/menu: addItem(caption, functionName),
//  addSeparator(), addSubMenu(menu), addToUi().
// https://developers.google.com/apps-script/reference/base/prompt-response: getResponseText(),
//  getSelectedButton().
// https://developers.google.com/apps-script/reference/base/button and .../base/button-set.
// "A script can only interact with the UI for the current instance of an open editor": from a
// time-driven or other installable trigger there is no editor, and Google throws
// "Cannot call SpreadsheetApp.getUi() from this context." (`_setContext("trigger")`).
//
// The emulator records every menu added and every surface shown so the runner can list menu
// actions (`_menus()`), map them to function names, and show what a user would have seen.
import type { Runtime } from "../../core/runtime";
import { enumValue, gasEnum, type GasEnumValue } from "../utilities/enum";
import { signatureError } from "../utilities/wait";

export const Button = gasEnum(["CLOSE", "OK", "CANCEL", "YES", "NO"]);
export const ButtonSet = gasEnum(["OK", "OK_CANCEL", "YES_NO", "YES_NO_CANCEL"]);
export type ButtonName = keyof typeof Button;
export type ButtonSetName = keyof typeof ButtonSet;

const SET_BUTTONS: Record<ButtonSetName, ButtonName[]> = {
  OK: ["OK"],
  OK_CANCEL: ["OK", "CANCEL"],
  YES_NO: ["YES", "NO"],
  YES_NO_CANCEL: ["YES", "NO", "CANCEL"],
};

type GB = typeof GoogleAppsScript.Base;

export interface DialogRequest {
  title: string;
  prompt: string;
  buttons: ButtonSetName;
}

/** What the simulated user answers: a button (name or enum), or for a prompt {button, text}. */
export type UiAnswer =
  | ButtonName
  | GasEnumValue
  | { button?: ButtonName | GasEnumValue; text?: string }
  | string
  | undefined
  | null;

export type UiResponder = (kind: "alert" | "prompt", request: DialogRequest) => UiAnswer;

export interface EmuUiOptions {
  responder?: UiResponder;
  /** Caption of createAddonMenu()'s submenu (the add-on's name). */
  addonName?: string;
  /** The container service named in the context error; default "SpreadsheetApp". */
  container?: string;
  /** Initial context; default "interactive". */
  context?: UiContext;
}

export type UiContext = "interactive" | "trigger";

export type MenuEntry =
  | { type: "item"; caption: string; functionName: string }
  | { type: "separator" }
  | { type: "submenu"; caption: string; items: MenuEntry[] };

export interface MenuRecord {
  kind: "menu" | "addon";
  caption: string;
  items: MenuEntry[];
}

export type ShownRecord =
  | {
      kind: "sidebar" | "modal" | "modeless";
      at: string;
      title: string;
      content: string;
      width: number | null;
      height: number | null;
    }
  | {
      kind: "alert";
      at: string;
      title: string;
      prompt: string;
      buttons: ButtonSetName;
      answer: ButtonName;
    }
  | {
      kind: "prompt";
      at: string;
      title: string;
      prompt: string;
      buttons: ButtonSetName;
      answer: ButtonName;
      text: string;
    };

export class EmuPromptResponse implements GoogleAppsScript.Base.PromptResponse {
  constructor(
    private readonly rt: Runtime,
    private readonly text: string,
    private readonly button: GasEnumValue,
  ) {}
  getResponseText(): string {
    this.rt.call("PromptResponse.getResponseText");
    return this.text;
  }
  getSelectedButton(): GoogleAppsScript.Base.Button {
    this.rt.call("PromptResponse.getSelectedButton");
    return this.button as unknown as GoogleAppsScript.Base.Button;
  }
}

const menuEntries = new WeakMap<
  object,
  { kind: MenuRecord["kind"]; caption: string; items: MenuEntry[] }
>();

export class EmuMenu implements GoogleAppsScript.Base.Menu {
  constructor(
    private readonly rt: Runtime,
    private readonly ui: EmuUi,
    kind: MenuRecord["kind"],
    caption: string,
  ) {
    menuEntries.set(this, { kind, caption, items: [] });
  }

  private get state() {
    return menuEntries.get(this)!;
  }

  addItem(caption: string, functionName: string): EmuMenu {
    this.rt.call("Menu.addItem");
    if (typeof caption !== "string" || typeof functionName !== "string") {
      throw signatureError("Menu.addItem", [caption, functionName]);
    }
    this.state.items.push({ type: "item", caption, functionName });
    return this;
  }

  addSeparator(): EmuMenu {
    this.rt.call("Menu.addSeparator");
    this.state.items.push({ type: "separator" });
    return this;
  }

  addSubMenu(menu: GoogleAppsScript.Base.Menu): EmuMenu {
    this.rt.call("Menu.addSubMenu");
    const sub = menuEntries.get(menu);
    if (!sub) throw signatureError("Menu.addSubMenu", [menu]);
    this.state.items.push({
      type: "submenu",
      caption: sub.caption,
      items: structuredClone(sub.items),
    });
    return this;
  }

  addToUi(): void {
    this.rt.call("Menu.addToUi");
    this.ui._addMenu({
      kind: this.state.kind,
      caption: this.state.caption,
      items: structuredClone(this.state.items),
    });
  }
}

export const UI_CONTEXT_MESSAGE = (container: string) =>
  `Cannot call ${container}.getUi() from this context.`;

export class EmuUi implements GoogleAppsScript.Base.Ui {
  readonly Button = Button as unknown as GB["Button"];
  readonly ButtonSet = ButtonSet as unknown as GB["ButtonSet"];
  private readonly menus: MenuRecord[] = [];
  private readonly shown: ShownRecord[] = [];
  private responder: UiResponder | undefined;
  private context: UiContext;
  private readonly addonName: string;
  private readonly container: string;

  constructor(
    private readonly rt: Runtime,
    options: EmuUiOptions = {},
  ) {
    this.responder = options.responder;
    this.addonName = options.addonName ?? "Maths Hub Recruitment";
    this.container = options.container ?? "SpreadsheetApp";
    this.context = options.context ?? "interactive";
  }

  private enter(method: string): void {
    this.rt.call(`Ui.${method}`);
    if (this.context !== "interactive") throw new Error(UI_CONTEXT_MESSAGE(this.container));
  }

  private dialogArgs(method: string, args: unknown[]): DialogRequest {
    let title = "";
    let prompt: unknown;
    let buttons: unknown = ButtonSet.OK;
    if (args.length === 1) [prompt] = args;
    else if (args.length === 2) [prompt, buttons] = args;
    else if (args.length === 3) [title, prompt, buttons] = args as [string, unknown, unknown];
    else throw signatureError(`Ui.${method}`, args);
    const set = enumValue(ButtonSet, buttons);
    if (
      typeof prompt !== "string" ||
      typeof title !== "string" ||
      !set ||
      (args.length === 2 && typeof buttons === "string")
    ) {
      throw signatureError(`Ui.${method}`, args);
    }
    return { title, prompt, buttons: set.name };
  }

  private answerButton(answer: unknown, req: DialogRequest): GasEnumValue<ButtonName> {
    if (answer === undefined || answer === null) return Button[SET_BUTTONS[req.buttons][0]];
    const b = enumValue(Button, answer);
    if (!b || (b.name !== "CLOSE" && !SET_BUTTONS[req.buttons].includes(b.name))) {
      throw new Error(
        `Emulator responder answered ${String(answer)}, which is not a button of ${req.buttons}.`,
      );
    }
    return b;
  }

  alert(...args: unknown[]): GoogleAppsScript.Base.Button {
    this.enter("alert");
    const req = this.dialogArgs("alert", args);
    const answer = this.answerButton(this.responder?.("alert", req) as unknown, req);
    this.shown.push({
      kind: "alert",
      at: this.rt.now().toISOString(),
      ...req,
      answer: answer.name,
    });
    return answer as unknown as GoogleAppsScript.Base.Button;
  }

  prompt(...args: unknown[]): EmuPromptResponse {
    this.enter("prompt");
    const req = this.dialogArgs("prompt", args);
    const raw = this.responder?.("prompt", req);
    let button: unknown;
    let text = "";
    if (raw && typeof raw === "object" && !enumValue(Button, raw)) {
      const r = raw as { button?: unknown; text?: string };
      button = r.button;
      text = r.text ?? "";
    } else if (typeof raw === "string" && !enumValue(Button, raw)) {
      text = raw;
    } else {
      button = raw;
    }
    const answer = this.answerButton(button, req);
    this.shown.push({
      kind: "prompt",
      at: this.rt.now().toISOString(),
      ...req,
      answer: answer.name,
      text,
    });
    return new EmuPromptResponse(this.rt, text, answer);
  }

  createMenu(caption: string): EmuMenu {
    this.enter("createMenu");
    if (typeof caption !== "string") throw signatureError("Ui.createMenu", [caption]);
    return new EmuMenu(this.rt, this, "menu", caption);
  }

  createAddonMenu(): EmuMenu {
    this.enter("createAddonMenu");
    return new EmuMenu(this.rt, this, "addon", this.addonName);
  }

  private show(
    kind: "sidebar" | "modal" | "modeless",
    method: string,
    userInterface: unknown,
    title?: unknown,
  ): void {
    this.enter(method);
    const out = userInterface as {
      _state?: () => {
        title: string;
        content: string;
        width: number | null;
        height: number | null;
      };
      getContent?: () => string;
    };
    if (!out || (typeof out._state !== "function" && typeof out.getContent !== "function")) {
      throw signatureError(
        `Ui.${method}`,
        title === undefined ? [userInterface] : [userInterface, title],
      );
    }
    const state = out._state
      ? out._state()
      : {
          title: "",
          content: this.rt.uncharged(() => out.getContent!()),
          width: null,
          height: null,
        };
    this.shown.push({
      kind,
      at: this.rt.now().toISOString(),
      // A sidebar's title comes from HtmlOutput.setTitle; a dialog's from the argument.
      title: kind === "sidebar" ? state.title : String(title ?? ""),
      content: state.content,
      width: state.width,
      height: state.height,
    });
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    this.show("sidebar", "showSidebar", userInterface);
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show("modal", "showModalDialog", userInterface, title);
  }

  showModelessDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    this.show("modeless", "showModelessDialog", userInterface, title);
  }

  /** Deprecated: a modal dialog titled by HtmlOutput.setTitle. */
  showDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const title = (userInterface as { _state?: () => { title: string } })?._state?.().title ?? "";
    this.show("modal", "showDialog", userInterface, title);
  }

  // ---- emulator hooks ----

  /** @internal Called by Menu.addToUi(); a menu added again (onOpen re-run) replaces the old one. */
  _addMenu(record: MenuRecord): void {
    const i = this.menus.findIndex((m) => m.kind === record.kind && m.caption === record.caption);
    if (i >= 0) this.menus[i] = record;
    else this.menus.push(record);
  }

  /** Menus added to the UI, in order. */
  _menus(): MenuRecord[] {
    return structuredClone(this.menus);
  }

  /** Every menu item, flattened: its caption path and the function it runs. */
  _menuItems(): Array<{ path: string[]; caption: string; functionName: string }> {
    const out: Array<{ path: string[]; caption: string; functionName: string }> = [];
    const walk = (items: MenuEntry[], path: string[]) => {
      for (const e of items) {
        if (e.type === "item")
          out.push({
            path: [...path, e.caption],
            caption: e.caption,
            functionName: e.functionName,
          });
        else if (e.type === "submenu") walk(e.items, [...path, e.caption]);
      }
    };
    for (const m of this.menus) walk(m.items, [m.caption]);
    return out;
  }

  /** The function behind a menu item, found by caption (case-insensitive) or function name. */
  _functionFor(captionOrFunction: string): string | null {
    const needle = captionOrFunction.toLowerCase();
    const items = this._menuItems();
    const hit =
      items.find((i) => i.functionName === captionOrFunction) ??
      items.find((i) => i.caption.toLowerCase() === needle) ??
      items.find((i) => i.path.join(" > ").toLowerCase() === needle);
    return hit?.functionName ?? null;
  }

  /** Sidebars, dialogs, alerts and prompts shown so far. */
  _shown(): ShownRecord[] {
    return structuredClone(this.shown);
  }

  _clearShown(): void {
    this.shown.length = 0;
  }

  /** "interactive" (menu, sidebar, editor) or "trigger" (no editor: every Ui method throws). */
  _setContext(context: UiContext): void {
    this.context = context;
  }

  /** Whether SpreadsheetApp.getUi() may be called now (for the container's emulator). */
  _available(): boolean {
    return this.context === "interactive";
  }

  /** The error Google throws for getUi() outside an editor. */
  _contextError(): Error {
    return new Error(UI_CONTEXT_MESSAGE(this.container));
  }

  _setResponder(responder: UiResponder | undefined): void {
    this.responder = responder;
  }
}

// One hub's emulated Apps Script world: the services, the clock, and the compiled add-on loaded
// into a node:vm context. Runs entry points as Google would (one execution each, with its limits),
// submits form responses (firing the form-submit trigger), and steps the clock (firing hourly jobs).
import { Runtime, type ExecutionKind, type ExecutionRecord, type Fault } from "../core/runtime";
import type { LatencyModel } from "../core/latency";
import { EmuCacheService } from "../services/cache";
import { EmuCardService } from "../services/card";
import { EmuFormApp, type FormsSnapshot, type SubmitResult } from "../services/forms";
import { EmuHtmlService } from "../services/html";
import { EmuLockService } from "../services/lock";
import { EmuMailApp, type MailQuotaSnapshot, type OutboxMessage } from "../services/mail";
import { EmuPropertiesService, type PropertiesSnapshot } from "../services/properties";
import {
  EmuScriptApp,
  formSubmitEventFromSheet,
  timeDrivenEvent,
  type ScriptSnapshot,
} from "../services/script";
import { EmuSession } from "../services/session";
import { EmuConsole, EmuLogger } from "../services/session/logger";
import {
  Charts,
  EmuSpreadsheetApp,
  type EmuSpreadsheet,
  type SpreadsheetSnapshot,
} from "../services/spreadsheet";
import { EmuUi } from "../services/ui";
import { EmuUtilities, type UtilitiesSnapshot } from "../services/utilities";
import { loadBundle, readBundle, simulatedDateClass, type LoadedBundle } from "./bundle";

export const DEFAULT_HUB_LEAD = "hub.lead@example.org";

/** Everything about a hub except its cells, as state.json keeps it. */
export interface HubState {
  version: 1;
  clock: string;
  hubLead: string;
  spreadsheetId: string;
  mailDailyQuota: number;
  properties: PropertiesSnapshot;
  triggers: ScriptSnapshot;
  forms: FormsSnapshot;
  mail: MailQuotaSnapshot;
  utilities: UtilitiesSnapshot;
  executions: number;
}

export interface LogRecord {
  at: string;
  kind: "execution" | "log" | "error";
  execution?: string;
  message?: string;
  record?: ExecutionRecord;
}

export interface EnvironmentOptions {
  now?: Date;
  hubLead?: string;
  hubName?: string;
  mailDailyQuota?: number;
  latency?: Partial<LatencyModel>;
  bundleCode?: string;
}

export interface RunResult<T = unknown> {
  value: T | undefined;
  record: ExecutionRecord;
  error?: Error;
}

/** Whether a run failed: it threw, or did not complete (it was killed, say). */
export function runFailed(run: RunResult): boolean {
  return Boolean(run.error) || run.record.outcome !== "completed";
}

export class HubEnvironment {
  readonly rt: Runtime;
  readonly sheets: EmuSpreadsheetApp;
  readonly forms: EmuFormApp;
  readonly script: EmuScriptApp;
  readonly lock: EmuLockService;
  readonly properties: EmuPropertiesService;
  readonly cache: EmuCacheService;
  readonly mail: EmuMailApp;
  readonly session: EmuSession;
  readonly utilities: EmuUtilities;
  readonly html: EmuHtmlService;
  readonly ui: EmuUi;
  readonly logger: EmuLogger;
  readonly hubLead: string;
  /** Emails sent since this environment was created (the runner appends them to outbox.jsonl). */
  readonly outbox: OutboxMessage[] = [];
  /** Executions and log lines since creation (the runner appends them to log.jsonl). */
  readonly log: LogRecord[] = [];
  spreadsheet!: EmuSpreadsheet;
  private activeUser: string;
  private bundle: LoadedBundle | null = null;
  private readonly bundleCode: string | undefined;
  executions = 0;
  mailDailyQuota: number;

  private constructor(
    options: EnvironmentOptions,
    sheets: (rt: Runtime, env: HubEnvironment) => EmuSpreadsheetApp,
  ) {
    this.rt = new Runtime({ now: options.now, latency: options.latency });
    this.hubLead = options.hubLead ?? DEFAULT_HUB_LEAD;
    this.activeUser = this.hubLead;
    this.bundleCode = options.bundleCode;
    this.mailDailyQuota = options.mailDailyQuota ?? 100;
    const docId = () => this.spreadsheet?.getId() ?? null;
    const rt = this.rt;
    this.ui = new EmuUi(rt, {});
    this.sheets = sheets(rt, this);
    this.forms = new EmuFormApp(rt, {
      now: () => rt.now(),
      spreadsheets: {
        byId: (id: string) => this.sheets._all().find((s) => s.getId() === id),
      } as never,
    });
    this.script = new EmuScriptApp(rt, {
      addOn: true,
      now: () => rt.now(),
      activeDocumentId: docId,
      effectiveUser: () => this.hubLead,
    });
    this.lock = new EmuLockService(rt, {
      activeDocumentId: docId,
      activeUser: () => this.activeUser,
    });
    this.properties = new EmuPropertiesService(rt, {
      activeDocumentId: docId,
      activeUser: () => this.activeUser,
    } as never);
    this.cache = new EmuCacheService(rt, {
      activeDocumentId: docId,
      activeUser: () => this.activeUser,
    });
    this.mail = new EmuMailApp(rt, {
      dailyQuota: this.mailDailyQuota,
      outbox: (m) => this.outbox.push(m),
      from: () => this.hubLead,
    });
    this.session = new EmuSession(rt, {
      timeZone: "Europe/London",
      activeUser: () => this.activeUser,
      effectiveUser: () => this.hubLead,
    });
    this.utilities = new EmuUtilities(rt, {});
    this.html = new EmuHtmlService(rt, {});
    const sink = (line: { at: string; level?: string; message: string; execution?: string }) =>
      this.log.push({ at: line.at, kind: "log", execution: line.execution, message: line.message });
    this.logger = new EmuLogger(rt, sink as never);
    this.console = new EmuConsole(rt, sink as never);
  }
  private readonly console: EmuConsole;

  /** A new hub: an empty spreadsheet owned by the hub lead. */
  static create(options: EnvironmentOptions = {}): HubEnvironment {
    const env = new HubEnvironment(
      options,
      (rt, self) =>
        new EmuSpreadsheetApp(rt, {
          ui: () => self.ui,
          owner: self.hubLead,
          _activeUser: () => self.activeUser,
        }),
    );
    env.spreadsheet = env.sheets._createSpreadsheet({
      name: options.hubName ?? "Maths Hub Recruitment",
      owner: env.hubLead,
      timeZone: "Europe/London",
    });
    env.sheets._setActive(env.spreadsheet);
    return env;
  }

  /** A hub restored from state.json and its spreadsheet. */
  static restore(
    state: HubState,
    spreadsheet: SpreadsheetSnapshot,
    options: Omit<EnvironmentOptions, "now" | "hubLead"> = {},
  ): HubEnvironment {
    const env = new HubEnvironment(
      {
        ...options,
        now: new Date(state.clock),
        hubLead: state.hubLead,
        mailDailyQuota: state.mailDailyQuota,
      },
      (rt, self) =>
        EmuSpreadsheetApp.fromSnapshot(rt, [spreadsheet], {
          ui: () => self.ui,
          owner: state.hubLead,
          _activeUser: () => self.activeUser,
        }),
    );
    const ss = env.sheets._all().find((s) => s.getId() === state.spreadsheetId);
    if (!ss)
      throw new Error(`The hub's spreadsheet ${state.spreadsheetId} is missing from hub.xlsx.`);
    env.spreadsheet = ss;
    env.sheets._setActive(ss);
    env.forms.fromSnapshot(state.forms);
    env.script.fromSnapshot(state.triggers);
    (env as { properties: EmuPropertiesService }).properties = EmuPropertiesService.fromSnapshot(
      env.rt,
      state.properties,
      {
        activeDocumentId: () => env.spreadsheet.getId(),
        activeUser: () => env.activeUser,
      } as never,
    );
    env.mail._restore(state.mail);
    env.utilities._restore(state.utilities);
    env.executions = state.executions;
    return env;
  }

  state(): HubState {
    return {
      version: 1,
      clock: this.rt.now().toISOString(),
      hubLead: this.hubLead,
      spreadsheetId: this.spreadsheet.getId(),
      mailDailyQuota: this.mailDailyQuota,
      properties: this.properties._snapshot(),
      triggers: this.script.toSnapshot(),
      forms: this.forms.toSnapshot(),
      mail: this.mail._snapshot(),
      utilities: this.utilities._snapshot(),
      executions: this.executions,
    };
  }

  spreadsheetSnapshot(): SpreadsheetSnapshot {
    return this.spreadsheet.toSnapshot();
  }

  /** The globals the add-on sees. */
  private globals(): Record<string, unknown> {
    return {
      SpreadsheetApp: this.sheets,
      FormApp: this.forms,
      ScriptApp: this.script,
      LockService: this.lock,
      PropertiesService: this.properties,
      CacheService: this.cache,
      MailApp: this.mail,
      Session: this.session,
      Utilities: this.utilities,
      HtmlService: this.html,
      Charts,
      CardService: new EmuCardService(this.rt),
      Logger: this.logger,
      console: this.console,
      Date: simulatedDateClass(() => this.rt.nowMillis()),
    };
  }

  private loaded(): LoadedBundle {
    if (!this.bundle) this.bundle = loadBundle(this.bundleCode ?? readBundle(), this.globals());
    return this.bundle;
  }

  addFault(fault: Fault): void {
    this.rt.addFault(fault);
  }

  /**
   * Runs one top-level function of the add-on as one execution: counted, charged, limited
   * (30 s for simple triggers, 6 min otherwise), with the Ui available only interactively.
   */
  run<T = unknown>(
    functionName: string,
    args: unknown[] = [],
    options: { kind?: ExecutionKind; user?: string } = {},
  ): RunResult<T> {
    const fn = this.loaded().fn(functionName);
    if (!fn) throw new Error(`The add-on has no function ${functionName}.`);
    const kind = options.kind ?? "menu";
    const previousUser = this.activeUser;
    this.activeUser = options.user ?? this.hubLead;
    this.ui._setContext(
      kind === "menu" || kind === "sidebar" || kind === "simple-trigger"
        ? "interactive"
        : "trigger",
    );
    this.rt.beginExecution(functionName, kind);
    this.executions++;
    let value: T | undefined;
    let error: Error | undefined;
    try {
      value = fn(...args) as T;
    } catch (err) {
      // Errors thrown inside the script come from its own realm: keep their message and stack.
      if (err instanceof Error) error = err;
      else {
        const foreign = err as { name?: string; message?: string; stack?: string } | null;
        error = new Error(foreign?.message ?? String(err));
        if (foreign?.name) error.name = foreign.name;
        if (foreign?.stack) error.stack = foreign.stack;
      }
    }
    const record = this.rt.endExecution(error);
    this.activeUser = previousUser;
    this.log.push({
      at: this.rt.now().toISOString(),
      kind: record.outcome === "completed" ? "execution" : "error",
      execution: functionName,
      record,
      message: record.error,
    });
    return { value, record, error };
  }

  /**
   * A respondent submits a form: Google records the response, writes the response sheet row,
   * then fires every installed form-submit trigger of the spreadsheet (each as its own execution).
   * `duplicateFires` fires the trigger again for the same event, as Google sometimes does.
   */
  submit(
    formId: string,
    answers: Record<string, string | string[]>,
    options: { at: Date; email?: string; editOf?: string; duplicateFires?: number },
  ): { result: SubmitResult; runs: RunResult[] } {
    this.rt.setNow(options.at);
    const result = this.forms._submit(formId, answers, {
      at: options.at,
      email: options.email,
      editOf: options.editOf,
    });
    const runs: RunResult[] = [];
    if (result.destination) {
      for (const trigger of this.script._formSubmitTriggersFor(result.destination.spreadsheetId)) {
        const event = formSubmitEventFromSheet(result, trigger);
        for (let i = 0; i <= (options.duplicateFires ?? 0); i++) {
          runs.push(
            this.run(trigger.getHandlerFunction(), [event], {
              kind: "installable-trigger",
              user: this.hubLead,
            }),
          );
        }
      }
    }
    return { result, runs };
  }

  /**
   * A person edits cells of the hub's spreadsheet in the Sheets UI: the values are written as that
   * user (protections apply), then the simple onEdit trigger fires with Google's event object.
   */
  edit(sheetName: string, a1: string, values: unknown[][], options: { user: string }): RunResult {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`The hub has no sheet "${sheetName}".`);
    const previousUser = this.activeUser;
    this.activeUser = options.user;
    let range: ReturnType<typeof sheet.getRange>;
    let oldValue: unknown;
    try {
      range = this.rt.uncharged(() => sheet.getRange(a1));
      oldValue = this.rt.uncharged(() => (range.getNumRows() === 1 && range.getNumColumns() === 1 ? range.getValue() : undefined));
      this.rt.uncharged(() => range.setValues(values as never));
    } finally {
      this.activeUser = previousUser;
    }
    const single = values.length === 1 && values[0]!.length === 1;
    const event = {
      authMode: "LIMITED",
      range,
      source: this.spreadsheet,
      user: { getEmail: () => options.user },
      ...(single ? { value: String(values[0]![0]), oldValue: oldValue === "" ? undefined : String(oldValue) } : {}),
    };
    return this.run("onEdit", [event], { kind: "simple-trigger", user: options.user });
  }

  /** Moves the clock to `to`, firing each time-driven trigger when it falls due (at most hourly). */
  advanceTo(to: Date): RunResult[] {
    const runs: RunResult[] = [];
    for (;;) {
      const next = this.script._nextFireTimeOfAll();
      if (!next || next.getTime() > to.getTime()) break;
      this.rt.setNow(next);
      const due = this.script._due(next);
      if (due.length === 0) break;
      for (const trigger of due) {
        this.script._markFired(trigger, next);
        runs.push(
          this.run(trigger.getHandlerFunction(), [timeDrivenEvent(trigger, next)], {
            kind: "time-trigger",
            user: this.hubLead,
          }),
        );
      }
    }
    this.rt.setNow(to);
    return runs;
  }

  /** The add-on's menu, as onOpen builds it. */
  menu(): Array<{ caption: string; functionName: string }> {
    this.run("onOpen", [{ authMode: "LIMITED" }], { kind: "simple-trigger" });
    const out: Array<{ caption: string; functionName: string }> = [];
    for (const m of this.ui._menus()) {
      for (const item of (
        m as unknown as { items: Array<{ caption?: string; functionName?: string }> }
      ).items ?? []) {
        if (item.caption && item.functionName)
          out.push({ caption: item.caption, functionName: item.functionName });
      }
    }
    return out;
  }
}

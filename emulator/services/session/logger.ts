// Logger and console, the two logging globals of the Base service.
// https://developers.google.com/apps-script/reference/base/logger:
//  - log(data) writes a string; log(format, ...values) replaces each "%s" with the next value
//    (the docs' example: Logger.log('The user\'s name is %s.', name));
//  - getLog() "returns the complete list of messages in the current log", clear() empties it.
// https://developers.google.com/apps-script/reference/base/console: log/info/warn/error go to
//  Cloud Logging with a severity; time(label)/timeEnd(label) log the elapsed time.
// The emulator sends every entry to a sink (the runner writes log.jsonl) stamped with the
// simulated clock.
import { format as nodeFormat } from "node:util";
import type { Runtime } from "../../core/runtime";

export type LogLevel = "INFO" | "WARNING" | "ERROR" | "DEBUG";

export interface LogEntry {
  /** ISO time on the simulated clock. */
  at: string;
  source: "Logger" | "console";
  level: LogLevel;
  message: string;
  execution?: string;
}

export type LogSink = (entry: LogEntry) => void;

function show(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Error || Object.prototype.toString.call(v) === "[object Error]") {
    const e = v as Error;
    return e.stack ?? `${e.name}: ${e.message}`;
  }
  if (Object.prototype.toString.call(v) === "[object Date]") return String(v);
  if (v !== null && typeof v === "object") {
    try {
      return JSON.stringify(v);
    } catch {
      return String(v);
    }
  }
  return String(v);
}

/** Logger.log's formatting: "%s" takes the next value; extra values are ignored. */
export function formatLoggerMessage(data: unknown, values: unknown[]): string {
  if (typeof data !== "string" || values.length === 0) return show(data);
  let i = 0;
  return data.replace(/%s/g, (m) => (i < values.length ? show(values[i++]) : m));
}

export class EmuLogger implements GoogleAppsScript.Base.Logger {
  private lines: string[] = [];

  constructor(
    private readonly rt: Runtime,
    private readonly sink: LogSink = () => {},
  ) {}

  log(data: unknown, ...values: unknown[]): EmuLogger {
    this.rt.call("Logger.log");
    const message = formatLoggerMessage(data, values);
    this.lines.push(message);
    this.sink({
      at: this.rt.now().toISOString(),
      source: "Logger",
      level: "INFO",
      message,
      execution: this.rt.currentExecution()?.name,
    });
    return this;
  }

  getLog(): string {
    this.rt.call("Logger.getLog");
    return this.lines.join("\n");
  }

  clear(): void {
    this.rt.call("Logger.clear");
    this.lines = [];
  }
}

/** console.* in the V8 runtime: printf-style formatting like Node (%s %d %o %j %%). */
export class EmuConsole {
  private readonly timers = new Map<string, number>();

  constructor(
    private readonly rt: Runtime,
    private readonly sink: LogSink = () => {},
  ) {}

  private emit(method: string, level: LogLevel, args: unknown[]): void {
    this.rt.call(`console.${method}`);
    const message = typeof args[0] === "string" ? nodeFormat(...args) : args.map(show).join(" ");
    this.sink({
      at: this.rt.now().toISOString(),
      source: "console",
      level,
      message,
      execution: this.rt.currentExecution()?.name,
    });
  }

  log(...args: unknown[]): void {
    this.emit("log", "INFO", args);
  }
  info(...args: unknown[]): void {
    this.emit("info", "INFO", args);
  }
  warn(...args: unknown[]): void {
    this.emit("warn", "WARNING", args);
  }
  error(...args: unknown[]): void {
    this.emit("error", "ERROR", args);
  }
  time(label = "default"): void {
    this.rt.call("console.time");
    this.timers.set(label, this.rt.nowMillis());
  }
  timeEnd(label = "default"): void {
    const start = this.timers.get(label);
    this.timers.delete(label);
    if (start === undefined)
      return this.emit("timeEnd", "WARNING", [`Timer '${label}' does not exist`]);
    this.emit("timeEnd", "INFO", [`${label}: ${this.rt.nowMillis() - start}ms`]);
  }
}

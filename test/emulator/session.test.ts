// Session, User, Logger and console emulation, checked against:
// https://developers.google.com/apps-script/reference/base/session
// https://developers.google.com/apps-script/reference/base/user
// https://developers.google.com/apps-script/reference/base/logger
// https://developers.google.com/apps-script/reference/base/console
import { Runtime } from "../../emulator/core/runtime";
import { EmuSession } from "../../emulator/services/session";
import { EmuConsole, EmuLogger, type LogEntry } from "../../emulator/services/session/logger";

function setup() {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  let active = "lead@hub.example";
  const session = new EmuSession(rt, {
    timeZone: "Europe/London",
    activeUser: () => active,
    effectiveUser: () => "owner@hub.example",
  });
  return { rt, session, setActive: (e: string) => (active = e) };
}

describe("Session (developers.google.com/apps-script/reference/base/session)", () => {
  test("getActiveUser / getEffectiveUser return Users whose getEmail() gives the address (session#getEffectiveUser())", () => {
    const { session, setActive } = setup();
    expect(session.getActiveUser().getEmail()).toBe("lead@hub.example");
    expect(session.getEffectiveUser().getEmail()).toBe("owner@hub.example");
    setActive(""); // e.g. a simple trigger run by someone outside the domain: blank, not an error
    expect(session.getActiveUser().getEmail()).toBe("");
  });

  test("getScriptTimeZone and getActiveUserLocale (session#getScriptTimeZone())", () => {
    const { session } = setup();
    expect(session.getScriptTimeZone()).toBe("Europe/London");
    expect(session.getActiveUserLocale()).toBe("en-GB");
  });

  test("getTemporaryActiveUserKey is stable per user, differs between users and does not reveal the email (session#getTemporaryActiveUserKey())", () => {
    const { session, setActive } = setup();
    const k1 = session.getTemporaryActiveUserKey();
    expect(session.getTemporaryActiveUserKey()).toBe(k1);
    expect(k1).not.toContain("lead");
    setActive("other@hub.example");
    expect(session.getTemporaryActiveUserKey()).not.toBe(k1);
  });

  test("Session calls are counted and charged (latency.ts: Session.getActiveUser 5 ms)", () => {
    const { rt, session } = setup();
    rt.beginExecution("x", "menu");
    session.getActiveUser();
    session.getScriptTimeZone();
    const rec = rt.endExecution();
    expect(rec.byMethod).toEqual({ "Session.getActiveUser": 1, "Session.getScriptTimeZone": 1 });
    expect(rec.simulatedMs).toBe(6);
  });
});

describe("Logger and console (developers.google.com/apps-script/reference/base/logger)", () => {
  test("Logger.log replaces %s with values, getLog returns all messages, clear empties it (logger#log(String,Object...))", () => {
    const { rt } = setup();
    const entries: LogEntry[] = [];
    const logger = new EmuLogger(rt, (e) => entries.push(e));
    logger.log("The user's name is %s.", "Ann");
    logger.log({ processed: 3 });
    logger.log("%s of %s rows", 2);
    expect(logger.getLog()).toBe('The user\'s name is Ann.\n{"processed":3}\n2 of %s rows');
    expect(entries[0]).toMatchObject({
      source: "Logger",
      level: "INFO",
      message: "The user's name is Ann.",
      at: "2024-03-01T09:00:00.010Z",
    });
    logger.clear();
    expect(logger.getLog()).toBe("");
  });

  test("console.log/warn/error go to the sink with a severity; time/timeEnd measure simulated time (console)", () => {
    const { rt } = setup();
    const entries: LogEntry[] = [];
    const c = new EmuConsole(rt, (e) => entries.push(e));
    rt.beginExecution("hourly", "time-trigger");
    c.log("rows: %d", 5);
    c.warn("late");
    c.time("sweep");
    rt.advance(1500);
    c.timeEnd("sweep");
    c.error(new Error("boom"));
    rt.endExecution();
    expect(entries.map((e) => [e.level, e.message.split("\n")[0]])).toEqual([
      ["INFO", "rows: 5"],
      ["WARNING", "late"],
      ["INFO", "sweep: 1500ms"],
      ["ERROR", "Error: boom"],
    ]);
    expect(entries[0].execution).toBe("hourly");
  });
});

// ScriptApp emulator (installable triggers): each test names the Google page it follows.
import { Runtime } from "../../emulator/core/runtime";
import {
  EmuScriptApp,
  AuthMode,
  EventType,
  TriggerSource,
  MAX_TRIGGERS_PER_USER,
  TOO_MANY_TRIGGERS_MESSAGE,
  OTHER_FILE_MESSAGE,
  SUB_HOURLY_MESSAGE,
  tooManyOfTypeMessage,
  formSubmitEventFromSheet,
  formSubmitEventFromForm,
  timeDrivenEvent,
  localParts,
  type EmuScriptAppOptions,
} from "../../emulator/services/script";
import { EmuFormApp, DestinationType } from "../../emulator/services/forms";
import {
  FakeSpreadsheet,
  FakeSpreadsheets,
  type FakeRange,
} from "../../emulator/services/forms/fake-spreadsheet";

const EDITOR_TRIGGERS =
  "https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions";
const INSTALLABLE = "https://developers.google.com/apps-script/guides/triggers/installable";
const SCRIPT_REF = "https://developers.google.com/apps-script/reference/script";
const EVENTS = "https://developers.google.com/apps-script/guides/triggers/events";
const HOUR = 3_600_000;

function setup(opts: Partial<Omit<EmuScriptAppOptions, "now">> & { now?: string } = {}) {
  const { now, ...rest } = opts;
  const rt = new Runtime({ now: new Date(now ?? "2024-03-28T10:00:00Z") });
  let user = "lead@hub.example";
  const script = new EmuScriptApp(rt, {
    addOn: true,
    now: () => rt.now(),
    activeDocumentId: () => "ss-hub",
    effectiveUser: () => user,
    ...rest,
  });
  return { rt, script, setUser: (u: string) => (user = u) };
}

const ssRef = { getId: () => "ss-hub" };

describe("ScriptApp: creating and listing triggers", () => {
  test(`forSpreadsheet(ss).onFormSubmit().create() makes a trigger that describes itself (${SCRIPT_REF}/trigger)`, () => {
    const { script } = setup();
    const t = script.newTrigger("onHubFormSubmit").forSpreadsheet(ssRef).onFormSubmit().create();
    expect(t.getHandlerFunction()).toBe("onHubFormSubmit");
    expect(t.getEventType()).toBe(EventType.ON_FORM_SUBMIT);
    expect(t.getEventType()).toBe(script.EventType.ON_FORM_SUBMIT);
    expect(t.getTriggerSource()).toBe(TriggerSource.SPREADSHEETS);
    expect(t.getTriggerSourceId()).toBe("ss-hub");
    expect(t.getUniqueId()).toMatch(/^\d{19}$/);
  });

  test(`an add-on may have only one trigger of each type per user per document (${EDITOR_TRIGGERS})`, () => {
    const { script, setUser } = setup();
    script.newTrigger("a").forSpreadsheet("ss-hub").onFormSubmit().create();
    expect(() => script.newTrigger("b").forSpreadsheet("ss-hub").onFormSubmit().create()).toThrow(
      tooManyOfTypeMessage("ON_FORM_SUBMIT"),
    );
    // A different type in the same document is fine…
    script.newTrigger("c").forSpreadsheet("ss-hub").onEdit().create();
    // …and another user has their own set.
    setUser("second.lead@hub.example");
    script.newTrigger("a").forSpreadsheet("ss-hub").onFormSubmit().create();
    expect(script._triggers()).toHaveLength(3);
  });

  test(`a plain (non-add-on) script may create several triggers of one type (${INSTALLABLE})`, () => {
    const { script } = setup({ addOn: false });
    script.newTrigger("a").forSpreadsheet("ss-hub").onFormSubmit().create();
    script.newTrigger("b").forSpreadsheet("ss-hub").onFormSubmit().create();
    script.newTrigger("c").timeBased().everyMinutes(5).create();
    expect(script.getProjectTriggers()).toHaveLength(3);
  });

  test(`an add-on's time-driven triggers run at most hourly: everyMinutes throws, everyHours(1) is allowed (${EDITOR_TRIGGERS})`, () => {
    const { script } = setup();
    expect(() => script.newTrigger("tick").timeBased().everyMinutes(30)).toThrow(
      SUB_HOURLY_MESSAGE,
    );
    expect(() => script.newTrigger("tick").timeBased().everyHours(0)).toThrow(
      /Invalid argument: hours/,
    );
    const t = script.newTrigger("hourly").timeBased().everyHours(1).create();
    expect(t.getEventType()).toBe(EventType.CLOCK);
    expect(t.getTriggerSource()).toBe(TriggerSource.CLOCK);
    expect(t.getTriggerSourceId()).toBeNull();
    // And only one time-driven trigger per document.
    expect(() => script.newTrigger("daily").timeBased().everyDays(1).atHour(6).create()).toThrow(
      tooManyOfTypeMessage("CLOCK"),
    );
  });

  test(`everyMinutes accepts only 1, 5, 10, 15 or 30 (${SCRIPT_REF}/clock-trigger-builder#everyminutesn)`, () => {
    const { script } = setup({ addOn: false });
    expect(() => script.newTrigger("f").timeBased().everyMinutes(7)).toThrow(/1, 5, 10, 15 or 30/);
    expect(script.newTrigger("f").timeBased().everyMinutes(15).create().getHandlerFunction()).toBe(
      "f",
    );
  });

  test(`atHour needs everyDays/everyWeeks, and a clock trigger needs a schedule (${SCRIPT_REF}/clock-trigger-builder#athourhour)`, () => {
    const { script } = setup({ addOn: false });
    expect(() => script.newTrigger("f").timeBased().atHour(9).create()).toThrow(/needs everyDays/);
    expect(() => script.newTrigger("f").timeBased().create()).toThrow(/needs a schedule/);
    expect(() => script.newTrigger("f").timeBased().atHour(24)).toThrow(/Invalid argument: hour/);
    expect(script.getProjectTriggers()).toHaveLength(0);
  });

  test(`an add-on can only create triggers for the file it is used in (${EDITOR_TRIGGERS})`, () => {
    const { script } = setup();
    expect(() => script.newTrigger("f").forSpreadsheet("another-sheet").onEdit().create()).toThrow(
      OTHER_FILE_MESSAGE,
    );
    expect(() => script.newTrigger("f").forForm("some-form-id").onFormSubmit().create()).toThrow(
      OTHER_FILE_MESSAGE,
    );
    expect(script._triggers()).toHaveLength(0);
  });

  test(`a script has at most ${MAX_TRIGGERS_PER_USER} triggers per user (https://developers.google.com/apps-script/guides/services/quotas)`, () => {
    const { script, setUser } = setup({ addOn: false });
    for (let i = 0; i < MAX_TRIGGERS_PER_USER; i++)
      script.newTrigger(`f${i}`).timeBased().everyHours(1).create();
    expect(() => script.newTrigger("one-more").timeBased().everyHours(1).create()).toThrow(
      TOO_MANY_TRIGGERS_MESSAGE,
    );
    setUser("someone.else@hub.example");
    expect(
      script.newTrigger("theirs").timeBased().everyHours(1).create().getHandlerFunction(),
    ).toBe("theirs");
  });

  test(`getProjectTriggers and getUserTriggers list only the effective user's triggers (${SCRIPT_REF}/script-app#getprojecttriggers)`, () => {
    const { script, setUser } = setup();
    script.newTrigger("mine").forSpreadsheet(ssRef).onFormSubmit().create();
    script.newTrigger("hourly").timeBased().everyHours(1).create();
    setUser("other@hub.example");
    script.newTrigger("theirs").forSpreadsheet(ssRef).onFormSubmit().create();
    expect(script.getProjectTriggers().map((t) => t.getHandlerFunction())).toEqual(["theirs"]);
    setUser("lead@hub.example");
    expect(script.getUserTriggers(ssRef).map((t) => t.getHandlerFunction())).toEqual([
      "mine",
      "hourly",
    ]);
    expect(script.getUserTriggers({ getId: () => "elsewhere" })).toEqual([]);
  });

  test(`deleteTrigger removes it; an add-on may then create that type again (${SCRIPT_REF}/script-app#deletetriggertrigger)`, () => {
    const { script } = setup();
    const t = script.newTrigger("a").forSpreadsheet(ssRef).onFormSubmit().create();
    script.deleteTrigger(script.getProjectTriggers()[0]);
    expect(script.getProjectTriggers()).toHaveLength(0);
    expect(() => t.getHandlerFunction()).toThrow(/deleted/);
    expect(
      script.newTrigger("b").forSpreadsheet(ssRef).onFormSubmit().create().getHandlerFunction(),
    ).toBe("b");
    expect(script._formSubmitTriggersFor("ss-hub")).toHaveLength(1);
  });

  test("every ScriptApp method is counted and charged", () => {
    const { rt, script } = setup();
    script.newTrigger("a").forSpreadsheet(ssRef).onFormSubmit().create();
    script.getProjectTriggers();
    expect(rt.callCounts()).toEqual({
      "ScriptApp.newTrigger": 1,
      "TriggerBuilder.forSpreadsheet": 1,
      "SpreadsheetTriggerBuilder.onFormSubmit": 1,
      "TriggerBuilder.create": 1,
      "ScriptApp.getProjectTriggers": 1,
    });
    expect(rt.nowMillis() - new Date("2024-03-28T10:00:00Z").getTime()).toBeGreaterThanOrEqual(
      200 + 300 + 50,
    );
  });

  test(`enums and authorization info (${SCRIPT_REF}/auth-mode)`, () => {
    const { script } = setup();
    expect(String(script.AuthMode.FULL)).toBe("FULL");
    expect(script.AuthMode.NONE).toBe(AuthMode.NONE);
    expect(String(script.getAuthorizationInfo(AuthMode.FULL).getAuthorizationStatus())).toBe(
      "NOT_REQUIRED",
    );
    expect(() => script.getOAuthToken()).toThrow(/not available/);
  });
});

describe("ScriptApp: when time-driven triggers are due", () => {
  test(`an hourly trigger fires once per hour at a fixed, ID-seeded moment within the hour (${INSTALLABLE}#time-driven_triggers)`, () => {
    const { script } = setup({ now: "2024-03-28T10:00:00Z" });
    const t = script.newTrigger("hourly").timeBased().everyHours(1).create();
    const first = script._nextFireTime(t)!;
    expect(first.getTime()).toBeGreaterThan(new Date("2024-03-28T10:00:00Z").getTime());
    const offset = first.getTime() % HOUR;
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(HOUR);
    // Not due a second before; due at that moment.
    expect(script._due(new Date(first.getTime() - 1000))).toHaveLength(0);
    expect(script._due(first).map((x) => x._id())).toEqual([t._id()]);
    script._markFired(t, first);
    // Duplicate-safe: not due again in the same window, due again one hour later.
    expect(script._due(new Date(first.getTime() + HOUR - 1000))).toHaveLength(0);
    expect(script._due(new Date(first.getTime() + HOUR))).toHaveLength(1);
    expect(script._nextFireTime(t)!.getTime() % HOUR).toBe(offset);
  });

  test("different triggers get different offsets, the same trigger always the same one", () => {
    const { script } = setup({ addOn: false });
    const offsets = new Set<number>();
    for (let i = 0; i < 10; i++) {
      const t = script.newTrigger(`h${i}`).timeBased().everyHours(1).create();
      offsets.add(script._nextFireTime(t)!.getTime() % HOUR);
    }
    expect(offsets.size).toBeGreaterThan(5);
    const restored = new EmuScriptApp(new Runtime(), { ...script.options });
    restored.fromSnapshot(JSON.parse(JSON.stringify(script.toSnapshot())));
    expect(restored._triggers().map((t) => restored._nextFireTime(t)!.getTime() % HOUR)).toEqual(
      script._triggers().map((t) => script._nextFireTime(t)!.getTime() % HOUR),
    );
  });

  test("missed hours are coalesced: after a 5-hour jump the trigger fires once, then resumes hourly", () => {
    const { script } = setup({ now: "2024-03-28T10:00:00Z" });
    const t = script.newTrigger("hourly").timeBased().everyHours(1).create();
    const later = new Date("2024-03-28T15:30:00Z");
    expect(script._due(later)).toHaveLength(1);
    script._markFired(t, later);
    expect(script._due(later)).toHaveLength(0);
    const next = script._nextFireTime(t)!;
    expect(next.getTime()).toBeGreaterThan(later.getTime());
    expect(next.getTime() - later.getTime()).toBeLessThanOrEqual(HOUR);
    expect(t._state().fired).toBe(1);
  });

  test(`everyDays(1).atHour(17) fires between 17:00 and 18:00 London time, every 24 hours, across the clock change (${SCRIPT_REF}/clock-trigger-builder#athourhour)`, () => {
    const { script } = setup({ now: "2024-03-29T12:00:00Z" });
    const t = script.newTrigger("daily").timeBased().everyDays(1).atHour(17).create();
    const fires: Date[] = [];
    for (let i = 0; i < 4; i++) {
      const at = script._nextFireTime(t)!;
      fires.push(at);
      script._markFired(t, at);
    }
    for (const f of fires) expect(localParts(f.getTime(), "Europe/London").hour).toBe(17);
    // 31 March 2024 the clocks go forward: the wall-clock time stays, the UTC hour moves.
    expect(fires.map((f) => f.getUTCHours())).toEqual([17, 17, 16, 16]);
    expect(new Set(fires.map((f) => localParts(f.getTime(), "Europe/London").minute)).size).toBe(1);
  });

  test(`everyWeeks(1).onWeekDay(MONDAY).atHour(8) fires on Mondays (${SCRIPT_REF}/clock-trigger-builder#onweekdayday)`, () => {
    const { script } = setup({ addOn: false, now: "2024-03-28T10:00:00Z" });
    const t = script
      .newTrigger("weekly")
      .timeBased()
      .everyWeeks(1)
      .onWeekDay(script.WeekDay.MONDAY)
      .atHour(8)
      .create();
    const first = script._nextFireTime(t)!;
    expect(localParts(first.getTime(), "Europe/London")).toMatchObject({
      year: 2024,
      month: 4,
      day: 1,
      hour: 8,
    });
    script._markFired(t, first);
    expect(localParts(script._nextFireTime(t)!.getTime(), "Europe/London")).toMatchObject({
      month: 4,
      day: 8,
    });
  });

  test(`after(ms) is a one-off: due once, never again, and still listed until deleted (${SCRIPT_REF}/clock-trigger-builder#afterdurationmilliseconds)`, () => {
    const { script } = setup({ now: "2024-03-28T10:00:00Z" });
    const t = script
      .newTrigger("later")
      .timeBased()
      .after(10 * 60 * 1000)
      .create();
    const when = script._nextFireTime(t)!;
    // Ten minutes after create() ran (the builder calls themselves took simulated time).
    expect(when.getTime() - new Date("2024-03-28T10:10:00Z").getTime()).toBeGreaterThanOrEqual(0);
    expect(when.getTime() - new Date("2024-03-28T10:10:00Z").getTime()).toBeLessThan(2000);
    expect(script._due(new Date(when.getTime() - 1))).toHaveLength(0);
    expect(script._due(when)).toHaveLength(1);
    script._markFired(t, when);
    expect(script._due(new Date("2025-01-01T00:00:00Z"))).toHaveLength(0);
    expect(script._nextFireTime(t)).toBeNull();
    expect(script.getProjectTriggers()).toHaveLength(1);
  });

  test(`at(date) fires at that instant; atDate fires within 15 minutes of local midnight (${SCRIPT_REF}/clock-trigger-builder#atdatedate)`, () => {
    const { script } = setup({ addOn: false, now: "2024-03-28T10:00:00Z" });
    const close = script
      .newTrigger("close")
      .timeBased()
      .at(new Date("2024-03-29T17:00:00Z"))
      .create();
    expect(script._nextFireTime(close)).toEqual(new Date("2024-03-29T17:00:00Z"));
    const d = script.newTrigger("d").timeBased().atDate(2024, 7, 1).create();
    const midnight = new Date("2024-06-30T23:00:00Z").getTime(); // 00:00 BST on 1 July
    expect(Math.abs(script._nextFireTime(d)!.getTime() - midnight)).toBeLessThanOrEqual(
      15 * 60 * 1000,
    );
  });

  test("event triggers are never due; _due returns only clock triggers, earliest first", () => {
    const { script } = setup({ addOn: false, now: "2024-03-28T10:00:00Z" });
    script.newTrigger("submit").forSpreadsheet(ssRef).onFormSubmit().create();
    const late = script
      .newTrigger("late")
      .timeBased()
      .at(new Date("2024-03-28T12:00:00Z"))
      .create();
    const early = script
      .newTrigger("early")
      .timeBased()
      .at(new Date("2024-03-28T11:00:00Z"))
      .create();
    expect(script._due(new Date("2024-03-28T13:00:00Z")).map((t) => t._id())).toEqual([
      early._id(),
      late._id(),
    ]);
    expect(script._nextFireTimeOfAll()).toEqual(new Date("2024-03-28T11:00:00Z"));
  });

  test(`_formSubmitTriggersFor and _editTriggersFor find triggers by source (${INSTALLABLE}#event-driven_triggers)`, () => {
    const { script } = setup({ addOn: false });
    const s = script.newTrigger("s").forSpreadsheet(ssRef).onFormSubmit().create();
    const f = script.newTrigger("f").forForm("form-1").onFormSubmit().create();
    const e = script.newTrigger("e").forSpreadsheet(ssRef).onEdit().create();
    expect(script._formSubmitTriggersFor("ss-hub").map((t) => t._id())).toEqual([s._id()]);
    expect(script._formSubmitTriggersFor("form-1").map((t) => t._id())).toEqual([f._id()]);
    expect(script._editTriggersFor("ss-hub").map((t) => t._id())).toEqual([e._id()]);
    expect(f.getTriggerSource()).toBe(TriggerSource.FORMS);
  });

  test("a snapshot round-trips triggers, their next fire times and the ID sequence", () => {
    const { script, rt } = setup();
    script.newTrigger("submit").forSpreadsheet(ssRef).onFormSubmit().create();
    const hourly = script.newTrigger("hourly").timeBased().everyHours(2).create();
    script._markFired(hourly, script._nextFireTime(hourly)!);
    const json = JSON.stringify(script.toSnapshot());
    expect(json).toContain('"$date"');
    const restored = new EmuScriptApp(rt, { ...script.options });
    restored.fromSnapshot(JSON.parse(json));
    expect(JSON.stringify(restored.toSnapshot())).toBe(json);
    const again = restored._triggers().find((t) => t._state().handler === "hourly")!;
    expect(restored._nextFireTime(again)).toEqual(script._nextFireTime(hourly));
    expect(again._state().fired).toBe(1);
    restored.deleteTrigger(restored.getProjectTriggers()[0]);
    const fresh = restored.newTrigger("submit2").forSpreadsheet(ssRef).onFormSubmit().create();
    expect(script._triggers().map((t) => t._id())).not.toContain(fresh._id());
  });
});

describe("ScriptApp: event objects", () => {
  function hub() {
    const rt = new Runtime({ now: new Date("2024-03-28T10:00:00Z") });
    const sheets = new FakeSpreadsheets();
    const ss = sheets.add(new FakeSpreadsheet("ss-hub"));
    const forms = new EmuFormApp(rt, { now: () => rt.now(), spreadsheets: sheets });
    const script = new EmuScriptApp(rt, {
      addOn: true,
      now: () => rt.now(),
      activeDocumentId: () => "ss-hub",
      effectiveUser: () => "lead@hub.example",
    });
    const form = forms.create("PD Lead Programme");
    form.addTextItem().setTitle("Name").setRequired(true);
    form.addCheckboxItem().setTitle("Phases").setChoiceValues(["Primary", "Secondary"]);
    form.setDestination(DestinationType.SPREADSHEET, "ss-hub");
    return { rt, ss, forms, script, form };
  }

  test(`a spreadsheet form-submit event has values, namedValues, range (the response row) and triggerUid (${EVENTS}#form-submit)`, () => {
    const { forms, script, form } = hub();
    const trigger = script
      .newTrigger("onHubFormSubmit")
      .forSpreadsheet(ssRef)
      .onFormSubmit()
      .create();
    const result = forms._submit(
      form.getId(),
      { Name: "Ann", Phases: ["Primary", "Secondary"] },
      { at: new Date("2024-03-29T17:04:05Z") },
    );
    const e = formSubmitEventFromSheet(result, trigger);
    expect(e.authMode).toBe(AuthMode.FULL);
    expect(e.triggerUid).toBe(trigger.getUniqueId());
    expect(e.values).toEqual(["29/03/2024 17:04:05", "Ann", "Primary, Secondary"]);
    expect(e.namedValues).toEqual({
      Timestamp: ["29/03/2024 17:04:05"],
      Name: ["Ann"],
      Phases: ["Primary, Secondary"],
    });
    const range = e.range as FakeRange;
    expect(range.getRow()).toBe(2);
    expect(range.getSheet().getName()).toBe("Form Responses 1");
    expect(range.getValues()[0]).toEqual([
      new Date("2024-03-29T17:04:05Z"),
      "Ann",
      "Primary, Secondary",
    ]);
    expect(e.source?.getId()).toBe("ss-hub");
  });

  test(`a form's form-submit event carries the FormResponse and the Form (${EVENTS}#form-submit_1)`, () => {
    const { forms, form } = hub();
    const script = new EmuScriptApp(forms.rt, {
      addOn: false,
      now: () => forms.rt.now(),
      activeDocumentId: () => null,
      effectiveUser: () => "lead@hub.example",
    });
    const trigger = script.newTrigger("onResponse").forForm(form).onFormSubmit().create();
    expect(trigger.getTriggerSourceId()).toBe(form.getId());
    const result = forms._submit(
      form.getId(),
      { Name: "Bob" },
      { at: new Date("2024-03-29T09:00:00Z") },
    );
    const e = formSubmitEventFromForm(result, trigger);
    expect(e.response.getId()).toBe(result.responseId);
    expect(e.source.getId()).toBe(form.getId());
    expect(e.triggerUid).toBe(trigger._id());
    expect(e.authMode).toBe(AuthMode.FULL);
  });

  test(`a time-driven event gives the firing time's fields in UTC (${EVENTS}#time-driven_events)`, () => {
    const { script } = setup();
    const t = script.newTrigger("hourly").timeBased().everyHours(1).create();
    const e = timeDrivenEvent(t, new Date("2024-12-29T23:59:58Z"));
    expect(e).toEqual({
      authMode: AuthMode.FULL,
      triggerUid: t._id(),
      year: 2024,
      month: 12,
      "day-of-month": 29,
      hour: 23,
      minute: 59,
      second: 58,
      timezone: "UTC",
      "week-of-year": 52,
      "day-of-week": 7,
    });
    expect(timeDrivenEvent(t, new Date("2024-12-30T08:00:00Z"))["week-of-year"]).toBe(1);
    expect(timeDrivenEvent(t, new Date("2024-12-30T08:00:00Z"))["day-of-week"]).toBe(1);
  });

  test("a spreadsheet event cannot be built for a form with no response sheet", () => {
    const { forms, script, form } = hub();
    const trigger = script.newTrigger("f").forSpreadsheet(ssRef).onFormSubmit().create();
    form.removeDestination();
    const result = forms._submit(
      form.getId(),
      { Name: "Ann" },
      { at: new Date("2024-03-29T09:00:00Z") },
    );
    expect(() => formSubmitEventFromSheet(result, trigger)).toThrow(/no response spreadsheet/);
  });
});

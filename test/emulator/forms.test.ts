// FormApp emulator: each test names the Google reference page whose behaviour it checks.
import { Runtime } from "../../emulator/core/runtime";
import {
  EmuFormApp,
  ItemType,
  DestinationType,
  NO_SUCH_FORM_MESSAGE,
  NO_DESTINATION_MESSAGE,
  type EmuFormAppOptions,
} from "../../emulator/services/forms";
import { FakeSpreadsheet, FakeSpreadsheets } from "../../emulator/services/forms/fake-spreadsheet";

const REF = "https://developers.google.com/apps-script/reference/forms";

function setup(now = "2024-03-28T10:00:00Z", extra: Partial<EmuFormAppOptions> = {}) {
  const rt = new Runtime({ now: new Date(now) });
  const sheets = new FakeSpreadsheets();
  const ss = sheets.add(new FakeSpreadsheet("ss-hub"));
  const app = new EmuFormApp(rt, { now: () => rt.now(), spreadsheets: sheets, ...extra });
  return { rt, sheets, ss, app };
}

/** A small application form linked to the hub spreadsheet. */
function applicationForm(ctx: ReturnType<typeof setup>, opts: { link?: boolean } = {}) {
  const form = ctx.app.create("Secondary Mastery Specialist 2024");
  const name = form.addTextItem().setTitle("Full name").setRequired(true);
  const role = form
    .addMultipleChoiceItem()
    .setTitle("Role")
    .setChoiceValues(["Teacher", "Head of department"])
    .setRequired(true);
  const days = form.addCheckboxItem().setTitle("Days available");
  days.setChoiceValues(["Monday", "Tuesday", "Wednesday, morning only"]);
  const statement = form.addParagraphTextItem().setTitle("Statement");
  if (opts.link !== false) form.setDestination(DestinationType.SPREADSHEET, "ss-hub");
  return { form, name, role, days, statement };
}

const at = (iso: string) => ({ at: new Date(iso) });

describe("FormApp: forms and their lifecycle", () => {
  test(`a form created before 1 July 2026 starts published and accepting (${REF}/form#ispublished)`, () => {
    const { app } = setup("2026-06-30T23:59:00Z");
    const form = app.create("Before the change");
    expect(form.isPublished()).toBe(true);
    expect(form.isAcceptingResponses()).toBe(true);
  });

  test(`a form created after 30 June 2026 starts unpublished and takes no responses until setPublished(true) (${REF}/form#ispublished)`, () => {
    const ctx = setup("2026-07-01T09:00:00Z");
    const form = ctx.app.create("After the change");
    form.addTextItem().setTitle("Name");
    expect(form.isPublished()).toBe(false);
    // Forms API PublishState: isAcceptingResponses is forced to false while unpublished.
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() =>
      ctx.app._submit(form.getId(), { Name: "Ann" }, at("2026-07-02T09:00:00Z")),
    ).toThrow(/not published/);
    form.setPublished(true);
    expect(form.isAcceptingResponses()).toBe(true);
    expect(
      ctx.app._submit(form.getId(), { Name: "Ann" }, at("2026-07-02T09:00:00Z")).responseId,
    ).toMatch(/^2_ABaOnud/);
  });

  test(`openById of an unknown ID throws Google's message (${REF}/form-app#openbyidid)`, () => {
    const { app } = setup();
    expect(() => app.openById("nope")).toThrow(NO_SUCH_FORM_MESSAGE);
    expect(() => app.openByUrl("https://docs.google.com/forms/d/nope/edit")).toThrow(
      NO_SUCH_FORM_MESSAGE,
    );
  });

  test(`openByUrl accepts the edit URL and the responder URL (${REF}/form-app#openbyurlurl)`, () => {
    const { app } = setup();
    const form = app.create("F");
    expect(form.getEditUrl()).toBe(`https://docs.google.com/forms/d/${form.getId()}/edit`);
    expect(form.getPublishedUrl()).toMatch(
      /^https:\/\/docs\.google\.com\/forms\/d\/e\/1FAIpQL[\w-]+\/viewform$/,
    );
    expect(app.openByUrl(form.getEditUrl()).getId()).toBe(form.getId());
    expect(app.openByUrl(form.getPublishedUrl()).getId()).toBe(form.getId());
    expect(form.getSummaryUrl()).toContain(form.getId());
  });

  test(`getActiveForm is null in a spreadsheet-bound add-on (${REF}/form-app#getactiveform)`, () => {
    const { app } = setup();
    expect(app.getActiveForm()).toBeNull();
    const bound = setup();
    const f = bound.app.create("Bound");
    const app2 = new EmuFormApp(bound.rt, {
      now: () => bound.rt.now(),
      spreadsheets: bound.sheets,
      activeFormId: () => f.getId(),
    });
    app2.fromSnapshot(bound.app.toSnapshot());
    expect(app2.getActiveForm()?.getId()).toBe(f.getId());
  });

  test(`settings round-trip and setters chain like Google's (${REF}/form)`, () => {
    const { app } = setup();
    const form = app
      .create("T")
      .setTitle("Primary Mastery Specialist")
      .setDescription("Cohort 8")
      .setConfirmationMessage("Thank you")
      .setCollectEmail(true)
      .setAllowResponseEdits(true)
      .setLimitOneResponsePerUser(true)
      .setCustomClosedFormMessage("Applications closed at 5pm on 29 March.");
    expect(form.getTitle()).toBe("Primary Mastery Specialist");
    expect(form.getDescription()).toBe("Cohort 8");
    expect(form.getConfirmationMessage()).toBe("Thank you");
    expect(form.collectsEmail()).toBe(true);
    expect(form.canEditResponse()).toBe(true);
    expect(form.hasLimitOneResponsePerUser()).toBe(true);
    expect(form.getCustomClosedFormMessage()).toBe("Applications closed at 5pm on 29 March.");
  });

  test("every FormApp method is counted and charged as '<class>.<method>'", () => {
    const { rt, app } = setup();
    const id = app.create("F").getId();
    rt.resetCounts();
    const before = rt.nowMillis();
    const form = app.openById(id);
    form.getResponses();
    form.addTextItem().setTitle("Q");
    expect(rt.callCounts()).toEqual({
      "FormApp.openById": 1,
      "Form.getResponses": 1,
      "Form.addTextItem": 1,
      "TextItem.setTitle": 1,
    });
    expect(rt.nowMillis() - before).toBeGreaterThanOrEqual(300 + 150);
  });
});

describe("FormApp: items and choices", () => {
  test(`getItems lists items in order and filters by ItemType (${REF}/form#getitemsitemtype)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx, { link: false });
    form.addSectionHeaderItem().setTitle("About your school");
    expect(form.getItems().map((i) => i.getTitle())).toEqual([
      "Full name",
      "Role",
      "Days available",
      "Statement",
      "About your school",
    ]);
    const texts = form.getItems(ItemType.TEXT);
    expect(texts.map((i) => i.getTitle())).toEqual(["Full name"]);
    expect(texts[0].getType()).toBe(ItemType.TEXT);
    expect(String(texts[0].getType())).toBe("TEXT");
    expect(
      form
        .getItems(ItemType.CHECKBOX)[0]
        .asCheckboxItem()
        .getChoices()
        .map((c) => c.getValue()),
    ).toEqual(["Monday", "Tuesday", "Wednesday, morning only"]);
  });

  test(`getItemById finds an item and returns null for an unknown ID (${REF}/form#getitembyidid)`, () => {
    const ctx = setup();
    const { form, role } = applicationForm(ctx, { link: false });
    expect(form.getItemById(role.getId())?.getTitle()).toBe("Role");
    expect(form.getItemById(12345)).toBeNull();
    expect(Number.isInteger(role.getId())).toBe(true);
  });

  test(`casting an item to the wrong class throws (${REF}/item#asmultiplechoiceitem)`, () => {
    const ctx = setup();
    const { form, name } = applicationForm(ctx, { link: false });
    const generic = form.getItemById(name.getId())!;
    expect(() => generic.asMultipleChoiceItem()).toThrow(
      /Item \d+ \("Full name"\) is a TEXT item, not a MultipleChoiceItem/,
    );
    expect(() => generic.asCheckboxItem()).toThrow(/not a CheckboxItem/);
    expect(generic.asTextItem().isRequired()).toBe(true);
  });

  test(`createChoice + setChoices, showOtherOption and setRequired via the typed item (${REF}/multiple-choice-item)`, () => {
    const { app } = setup();
    const form = app.create("F");
    const mc = form.addMultipleChoiceItem().setTitle("Phase");
    mc.setChoices([mc.createChoice("Primary"), mc.createChoice("Secondary")]).showOtherOption(true);
    expect(mc.getChoices().map((c) => c.getValue())).toEqual(["Primary", "Secondary"]);
    expect(mc.hasOtherOption()).toBe(true);
    expect(form.getItems()[0].asMultipleChoiceItem().setRequired(true).isRequired()).toBe(true);
    const list = form.addListItem().setTitle("Local authority").setChoiceValues(["Leeds", "York"]);
    expect(list.getChoices()[1].getValue()).toBe("York");
  });

  test(`deleteItem and moveItem reorder the form (${REF}/form#moveitemfrom,-to)`, () => {
    const ctx = setup();
    const { form, statement } = applicationForm(ctx, { link: false });
    form.moveItem(statement, 0);
    expect(form.getItems()[0].getTitle()).toBe("Statement");
    form.deleteItem(1);
    expect(form.getItems().map((i) => i.getTitle())).toEqual([
      "Statement",
      "Role",
      "Days available",
    ]);
    expect(() => form.deleteItem(9)).toThrow(/Invalid argument/);
  });

  test(`createResponse on a choice item rejects a value that is not a choice unless "Other" is shown (${REF}/multiple-choice-item#createresponseresponse)`, () => {
    const ctx = setup();
    const { role, days } = applicationForm(ctx, { link: false });
    expect(() => role.createResponse("Governor")).toThrow(
      /"Governor" is not one of the choices of "Role"/,
    );
    role.showOtherOption(true);
    expect(role.createResponse("Governor").getResponse()).toBe("Governor");
    expect(() => days.createResponse(["Friday"])).toThrow(/not one of the choices/);
  });

  test(`scale items take a whole number within their bounds (${REF}/scale-item)`, () => {
    const { app } = setup();
    const form = app.create("F");
    const scale = form
      .addScaleItem()
      .setTitle("Confidence")
      .setBounds(1, 5)
      .setLabels("Low", "High");
    expect([
      scale.getLowerBound(),
      scale.getUpperBound(),
      scale.getLeftLabel(),
      scale.getRightLabel(),
    ]).toEqual([1, 5, "Low", "High"]);
    expect(scale.createResponse(4).getResponse()).toBe("4");
    expect(() => scale.createResponse(6)).toThrow(/from 1 to 5/);
    expect(() => scale.setBounds(2, 5)).toThrow();
  });
});

describe("FormApp: respondents submitting (the runner's _submit)", () => {
  test(`a closed form refuses submissions with its custom closed message (${REF}/form#setacceptingresponsesenabled)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    form
      .setAcceptingResponses(false)
      .setCustomClosedFormMessage("Cohort 9 closed at 5pm on 29 March 2024.");
    expect(form.isAcceptingResponses()).toBe(false);
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "Ann", Role: "Teacher" },
        at("2024-03-29T17:00:01Z"),
      ),
    ).toThrow(/closed: Cohort 9 closed at 5pm on 29 March 2024\./);
    expect(form.getResponses()).toHaveLength(0);
  });

  test("a missing required answer is refused, naming the question", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    expect(() =>
      ctx.app._submit(form.getId(), { "Full name": "Ann" }, at("2024-03-28T11:00:00Z")),
    ).toThrow(/Question "Role" of "Secondary Mastery Specialist 2024" is required/);
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "  ", Role: "Teacher" },
        at("2024-03-28T11:00:00Z"),
      ),
    ).toThrow(/"Full name".*required/);
  });

  test("an answer that is not one of the choices is refused; a question the form lacks is refused", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "Ann", Role: "Governor" },
        at("2024-03-28T11:00:00Z"),
      ),
    ).toThrow(/"Governor" is not one of the choices of "Role"/);
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "Ann", Role: "Teacher", Shoe: "9" },
        at("2024-03-28T11:00:00Z"),
      ),
    ).toThrow(/no question titled "Shoe"/);
  });

  test(`response IDs are long, opaque and unique; getResponse finds one by ID (${REF}/form#getresponseresponseid)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const ids = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const r = ctx.app._submit(
        form.getId(),
        { "Full name": `T${i}`, Role: "Teacher" },
        at("2024-03-28T11:00:00Z"),
      );
      expect(r.responseId).toMatch(/^2_ABaOnud[\w-]{60,}$/);
      ids.add(r.responseId);
    }
    expect(ids.size).toBe(50);
    const some = [...ids][17];
    expect(form.getResponse(some).getId()).toBe(some);
    expect(() => form.getResponse("2_nope")).toThrow();
  });

  test(`checkbox answers: FormResponse gives String[], the sheet and e.values join them with ", " (${REF}/item-response#getresponse)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher", "Days available": ["Tuesday", "Monday"] },
      at("2024-03-28T11:00:00Z"),
    );
    const days = r.response
      .getItemResponses()
      .find((ir) => ir.getItem().getTitle() === "Days available")!;
    expect(days.getResponse()).toEqual(["Monday", "Tuesday"]);
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getRange(2, 4, 1, 1).getValues()[0][0]).toBe("Monday, Tuesday");
    expect(r.destination!.values[3]).toBe("Monday, Tuesday");
    expect(r.destination!.namedValues["Days available"]).toEqual(["Monday, Tuesday"]);
  });

  test("a checkbox answer given as CSV text is split back into choices, even a choice containing ', '", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher", "Days available": "Monday, Wednesday, morning only" },
      at("2024-03-28T11:00:00Z"),
    );
    expect(r.response.getItemResponses()[2].getResponse()).toEqual([
      "Monday",
      "Wednesday, morning only",
    ]);
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "Ann", Role: "Teacher", "Days available": "Monday, Sunday" },
        at("2024-03-28T11:00:00Z"),
      ),
    ).toThrow(/"Sunday" is not one of the choices/);
  });

  test("unanswered optional questions are absent from getItemResponses and blank in the sheet", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    expect(r.response.getItemResponses().map((ir) => ir.getItem().getTitle())).toEqual([
      "Full name",
      "Role",
    ]);
    expect(r.destination!.values.slice(1)).toEqual(["Ann", "Teacher", "", ""]);
  });

  test(`collecting emails: the response needs one and getRespondentEmail returns it (${REF}/form#setcollectemailcollect)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx, { link: false });
    form.setCollectEmail(true);
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "A", Role: "Teacher" },
        at("2024-03-28T11:00:00Z"),
      ),
    ).toThrow(/collects email addresses/);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": "A", Role: "Teacher" },
      { at: new Date("2024-03-28T11:00:00Z"), email: "ann@school.example" },
    );
    expect(r.response.getRespondentEmail()).toBe("ann@school.example");
  });

  test(`limit one response per user refuses a second response from the same account (${REF}/form#setlimitoneresponseperuserenabled)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    form.setCollectEmail(true).setLimitOneResponsePerUser(true);
    const opts = { at: new Date("2024-03-28T11:00:00Z"), email: "ann@school.example" };
    ctx.app._submit(form.getId(), { "Full name": "A", Role: "Teacher" }, opts);
    expect(() =>
      ctx.app._submit(form.getId(), { "Full name": "A", Role: "Teacher" }, opts),
    ).toThrow(/already responded/);
  });

  test(`getResponses(timestamp) returns responses from that time on, in time order (${REF}/form#getresponsestimestamp)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    for (const [n, t] of [
      ["B", "2024-03-28T12:00:00Z"],
      ["A", "2024-03-28T11:00:00Z"],
      ["C", "2024-03-28T13:00:00Z"],
    ]) {
      ctx.app._submit(form.getId(), { "Full name": n, Role: "Teacher" }, at(t));
    }
    const names = (rs: ReturnType<typeof form.getResponses>) =>
      rs.map((r) => r.getItemResponses()[0].getResponse());
    expect(names(form.getResponses())).toEqual(["A", "B", "C"]);
    expect(names(form.getResponses(new Date("2024-03-28T12:00:00Z")))).toEqual(["B", "C"]);
  });
});

describe("FormApp: the response spreadsheet", () => {
  test(`setDestination adds "Form Responses N" with Timestamp, Email Address and the question titles (${REF}/form#setdestinationtype,-id)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx, { link: false });
    form.setCollectEmail(true);
    form.setDestination(DestinationType.SPREADSHEET, "ss-hub");
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getRange(1, 1, 1, 6).getValues()[0]).toEqual([
      "Timestamp",
      "Email Address",
      "Full name",
      "Role",
      "Days available",
      "Statement",
    ]);
    expect(sheet.getFormUrl()).toBe(form.getEditUrl());
    expect(form.getDestinationId()).toBe("ss-hub");
    expect(form.getDestinationType()).toBe(DestinationType.SPREADSHEET);
    const second = ctx.app.create("Another programme");
    second.addTextItem().setTitle("Name");
    second.setDestination(DestinationType.SPREADSHEET, "ss-hub");
    expect(ctx.ss.getSheetByName("Form Responses 2")).not.toBeNull();
  });

  test(`a response row: Timestamp as a Date, answers in item order; e.values' timestamp is the sheet's text in its zone (${REF}/form#setdestinationtype,-id)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    // 16:04:05 UTC on 29 March 2024 is 16:04:05 GMT; 2 April is BST (UTC+1).
    const winter = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-29T16:04:05Z"),
    );
    const summer = ctx.app._submit(
      form.getId(),
      { "Full name": "Bob", Role: "Teacher" },
      at("2024-04-02T16:04:05Z"),
    );
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    const rows = sheet.getRange(2, 1, 2, 5).getValues();
    expect(rows[0][0]).toEqual(new Date("2024-03-29T16:04:05Z"));
    expect(rows[0].slice(1)).toEqual(["Ann", "Teacher", "", ""]);
    expect(winter.destination!.row).toBe(2);
    expect(summer.destination!.row).toBe(3);
    expect(winter.destination!.values[0]).toBe("29/03/2024 16:04:05");
    expect(summer.destination!.values[0]).toBe("02/04/2024 17:04:05");
    expect(summer.destination!.namedValues).toEqual({
      Timestamp: ["02/04/2024 17:04:05"],
      "Full name": ["Bob"],
      Role: ["Teacher"],
      "Days available": [""],
      Statement: [""],
    });
  });

  test("an en_US spreadsheet shows the timestamp as M/d/yyyy H:mm:ss", () => {
    const rt = new Runtime({ now: new Date("2024-03-28T10:00:00Z") });
    const sheets = new FakeSpreadsheets();
    sheets.add(new FakeSpreadsheet("ss-us", "America/New_York", "en_US"));
    const app = new EmuFormApp(rt, { now: () => rt.now(), spreadsheets: sheets });
    const form = app.create("F");
    form.addTextItem().setTitle("Name");
    form.setDestination(DestinationType.SPREADSHEET, "ss-us");
    const r = app._submit(form.getId(), { Name: "A" }, at("2024-03-20T23:10:37Z"));
    expect(r.destination!.values[0]).toBe("3/20/2024 19:10:37");
  });

  test(`an edit keeps the response ID and overwrites the SAME row with the new answers and time (${REF}/form#setallowresponseeditsenabled)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    form.setAllowResponseEdits(true);
    const first = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    ctx.app._submit(
      form.getId(),
      { "Full name": "Bob", Role: "Teacher" },
      at("2024-03-28T11:30:00Z"),
    );
    const edit = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Head of department", Statement: "I lead maths." },
      { at: new Date("2024-03-28T12:00:00Z"), editOf: first.responseId },
    );
    expect(edit.responseId).toBe(first.responseId);
    expect(edit.edit).toBe(true);
    expect(edit.destination!.row).toBe(first.destination!.row);
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getRange(2, 1, 1, 5).getValues()[0]).toEqual([
      new Date("2024-03-28T12:00:00Z"),
      "Ann",
      "Head of department",
      "",
      "I lead maths.",
    ]);
    expect(form.getResponses()).toHaveLength(2);
    expect(form.getResponse(first.responseId).getTimestamp()).toEqual(
      new Date("2024-03-28T12:00:00Z"),
    );
    expect(edit.changedItemIds).toHaveLength(2);
    // Unchanged answers are blank in e.values on an edit (see form-app.ts header).
    expect(edit.destination!.values.slice(1)).toEqual([
      "",
      "Head of department",
      "",
      "I lead maths.",
    ]);
  });

  test("with editEventValues 'all' an edit's e.values carry every answer", () => {
    const ctx = setup("2024-03-28T10:00:00Z", { editEventValues: "all" });
    const { form } = applicationForm(ctx);
    form.setAllowResponseEdits(true);
    const first = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    const edit = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Head of department" },
      { at: new Date("2024-03-28T12:00:00Z"), editOf: first.responseId },
    );
    expect(edit.destination!.values.slice(1)).toEqual(["Ann", "Head of department", "", ""]);
  });

  test(`edits are refused when the form does not allow them (${REF}/form#canEditResponse)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const first = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    expect(() =>
      ctx.app._submit(
        form.getId(),
        { "Full name": "Ann", Role: "Teacher" },
        { at: new Date("2024-03-28T12:00:00Z"), editOf: first.responseId },
      ),
    ).toThrow(/does not allow respondents to edit/);
  });

  test(`getEditResponseUrl carries the response ID (${REF}/form-response#geteditresponseurl)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    expect(r.response.getEditResponseUrl()).toBe(`${form.getPublishedUrl()}?edit2=${r.responseId}`);
  });

  test("a question added after linking gets a new column at the end; a deleted one keeps its column", () => {
    const ctx = setup();
    const { form, statement } = applicationForm(ctx);
    form.deleteItem(statement);
    form.addTextItem().setTitle("School URN");
    ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher", "School URN": "136278" },
      at("2024-03-28T11:00:00Z"),
    );
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getRange(1, 1, 1, 6).getValues()[0]).toEqual([
      "Timestamp",
      "Full name",
      "Role",
      "Days available",
      "Statement",
      "School URN",
    ]);
    // A plain number is stored as a number, as Sheets parses typed input.
    expect(sheet.getRange(2, 6, 1, 1).getValues()[0][0]).toBe(136278);
  });

  test("the response sheet's grid grows for a form with more than 26 questions", () => {
    const ctx = setup();
    const form = ctx.app.create("Long form");
    const answers: Record<string, string> = {};
    for (let i = 1; i <= 30; i++) {
      form.addTextItem().setTitle(`Q${i}`);
      answers[`Q${i}`] = `a${i}`;
    }
    form.setDestination(DestinationType.SPREADSHEET, "ss-hub");
    const r = ctx.app._submit(form.getId(), answers, at("2024-03-28T11:00:00Z"));
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getMaxColumns()).toBe(31);
    expect(sheet.getRange(2, 31, 1, 1).getValues()[0][0]).toBe("a30");
    expect(r.destination!.values).toHaveLength(31);
  });

  test("an answer that looks like a formula is stored as text, never as a formula", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": '=HYPERLINK("http://x.example","y")', Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getRange(2, 2, 1, 1).getValues()[0][0]).toBe('=HYPERLINK("http://x.example","y")');
    expect(r.destination!.values[1]).toBe('=HYPERLINK("http://x.example","y")');
    ctx.app._submit(
      form.getId(),
      { "Full name": "+44 7700 900123", Role: "Teacher" },
      at("2024-03-28T11:01:00Z"),
    );
    expect(sheet.getRange(3, 2, 1, 1).getValues()[0][0]).toBe("+44 7700 900123");
  });

  test("linking a form that already has responses writes them all to the new sheet", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx, { link: false });
    ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    ctx.app._submit(
      form.getId(),
      { "Full name": "Bob", Role: "Teacher" },
      at("2024-03-28T12:00:00Z"),
    );
    form.setDestination(DestinationType.SPREADSHEET, "ss-hub");
    const sheet = ctx.ss.getSheetByName("Form Responses 1")!;
    expect(sheet.getLastRow()).toBe(3);
    expect(sheet.getRange(3, 2, 1, 1).getValues()[0][0]).toBe("Bob");
  });

  test(`removeDestination unlinks the sheet; getDestinationId then throws (${REF}/form#removedestination)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    form.removeDestination();
    expect(ctx.ss.getSheetByName("Form Responses 1")!.getFormUrl()).toBeNull();
    expect(() => form.getDestinationId()).toThrow(NO_DESTINATION_MESSAGE);
    const r = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    expect(r.destination).toBeUndefined();
  });

  test(`deleteAllResponses empties the form but leaves the sheet's rows (${REF}/form#deleteallresponses)`, () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      at("2024-03-28T11:00:00Z"),
    );
    form.deleteAllResponses();
    expect(form.getResponses()).toHaveLength(0);
    expect(ctx.ss.getSheetByName("Form Responses 1")!.getLastRow()).toBe(2);
  });
});

describe("FormApp: script-built responses and pre-filled links", () => {
  test(`createResponse().withItemResponse(...).submit() records a response and writes its row (${REF}/form-response#submit)`, () => {
    const ctx = setup();
    const { form, name, role, days } = applicationForm(ctx);
    const built = form
      .createResponse()
      .withItemResponse(form.getItemById(name.getId())!.asTextItem().createResponse("Ann"))
      .withItemResponse(role.createResponse("Teacher"))
      .withItemResponse(days.createResponse(["Monday"]));
    expect(built.getId()).toBeNull();
    built.submit();
    expect(built.getId()).toMatch(/^2_ABaOnud/);
    expect(form.getResponses().map((r) => r.getId())).toEqual([built.getId()]);
    expect(ctx.ss.getSheetByName("Form Responses 1")!.getRange(2, 2, 1, 3).getValues()[0]).toEqual([
      "Ann",
      "Teacher",
      "Monday",
    ]);
    expect(() => built.submit()).toThrow(/already been submitted/);
  });

  test(`toPrefilledUrl gives the responder URL with entry.<itemId>=value parameters (${REF}/form-response#toprefilledurl)`, () => {
    const ctx = setup();
    const { form, name, days } = applicationForm(ctx);
    const url = form
      .createResponse()
      .withItemResponse(name.createResponse("Ann O'Neil & co"))
      .withItemResponse(days.createResponse(["Monday", "Tuesday"]))
      .toPrefilledUrl();
    expect(url.startsWith(`${form.getPublishedUrl()}?usp=pp_url&`)).toBe(true);
    const params = new URL(url).searchParams;
    expect(params.get(`entry.${name.getId()}`)).toBe("Ann O'Neil & co");
    expect(params.getAll(`entry.${days.getId()}`)).toEqual(["Monday", "Tuesday"]);
  });
});

describe("FormApp: snapshots", () => {
  test("toSnapshot is plain JSON (dates as {$date}) and fromSnapshot restores forms, responses and rows", () => {
    const ctx = setup();
    const { form } = applicationForm(ctx);
    form.setAllowResponseEdits(true);
    const first = ctx.app._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher", "Days available": ["Monday"] },
      at("2024-03-28T11:00:00Z"),
    );
    const json = JSON.stringify(ctx.app.toSnapshot());
    expect(json).toContain('{"$date":"2024-03-28T11:00:00.000Z"}');

    const restored = new EmuFormApp(ctx.rt, { now: () => ctx.rt.now(), spreadsheets: ctx.sheets });
    restored.fromSnapshot(JSON.parse(json));
    expect(JSON.stringify(restored.toSnapshot())).toBe(json);
    const again = restored.openById(form.getId());
    expect(again.getResponse(first.responseId).getTimestamp()).toEqual(
      new Date("2024-03-28T11:00:00Z"),
    );
    expect(again.getResponses()[0].getItemResponses()[2].getResponse()).toEqual(["Monday"]);
    // An edit after the round trip still rewrites the same row, and new IDs stay unique.
    const edit = restored._submit(
      form.getId(),
      { "Full name": "Ann", Role: "Teacher" },
      { at: new Date("2024-03-28T12:00:00Z"), editOf: first.responseId },
    );
    expect(edit.destination!.row).toBe(2);
    const next = restored._submit(
      form.getId(),
      { "Full name": "Bob", Role: "Teacher" },
      at("2024-03-28T13:00:00Z"),
    );
    expect(next.responseId).not.toBe(first.responseId);
    expect(next.destination!.row).toBe(3);
    expect(restored.create("New").getId()).not.toBe(form.getId());
  });
});

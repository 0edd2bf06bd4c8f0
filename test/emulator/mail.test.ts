// MailApp emulation, checked against:
// https://developers.google.com/apps-script/reference/mail/mail-app
// https://developers.google.com/apps-script/guides/services/quotas
import { Runtime } from "../../emulator/core/runtime";
import {
  EmuMailApp,
  MAIL_DAILY_QUOTA,
  MAIL_QUOTA_MESSAGE,
  type OutboxMessage,
} from "../../emulator/services/mail";
import { EmuUtilities } from "../../emulator/services/utilities";

function setup(dailyQuota: number = MAIL_DAILY_QUOTA.consumer) {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  const outbox: OutboxMessage[] = [];
  const mail = new EmuMailApp(rt, {
    dailyQuota,
    outbox: (m) => outbox.push(m),
    from: () => "hub@hub.example",
  });
  return { rt, mail, outbox };
}

describe("MailApp (developers.google.com/apps-script/reference/mail/mail-app)", () => {
  test("sendEmail(message) delivers every field to the outbox with the simulated time (mail-app#sendEmail(Object))", () => {
    const { mail, outbox } = setup();
    mail.sendEmail({
      to: "a@school.example",
      cc: "b@school.example",
      bcc: "c@school.example",
      subject: "Your application",
      body: "plain",
      htmlBody: "<p>html</p>",
      name: "Maths Hub",
      replyTo: "hub@hub.example",
    });
    expect(outbox).toEqual([
      {
        id: "mail-000001",
        at: "2024-03-01T09:00:00.250Z", // after the call's 250 ms latency
        from: "hub@hub.example",
        to: "a@school.example",
        cc: "b@school.example",
        bcc: "c@school.example",
        subject: "Your application",
        body: "plain",
        htmlBody: "<p>html</p>",
        name: "Maths Hub",
        replyTo: "hub@hub.example",
      },
    ]);
  });

  test("sendEmail(recipient, subject, body, options) and sendEmail(to, replyTo, subject, body) (mail-app#sendEmail(String,String,String,Object))", () => {
    const { mail, outbox } = setup();
    mail.sendEmail("a@x.org", "S1", "B1");
    mail.sendEmail("a@x.org", "S2", "B2", { htmlBody: "<b>B2</b>", name: "Hub", noReply: true });
    mail.sendEmail("a@x.org", "reply@x.org", "S3", "B3");
    expect(
      outbox.map((m) => [m.subject, m.body, m.htmlBody, m.name, m.replyTo, m.noReply ?? false]),
    ).toEqual([
      ["S1", "B1", "", "", "", false],
      ["S2", "B2", "<b>B2</b>", "Hub", "", true],
      ["S3", "B3", "", "", "reply@x.org", false],
    ]);
  });

  test("each recipient in to, cc and bcc costs one unit of getRemainingDailyQuota (mail-app#getRemainingDailyQuota())", () => {
    const { mail } = setup();
    expect(mail.getRemainingDailyQuota()).toBe(100);
    mail.sendEmail({
      to: "a@x.org, b@x.org",
      cc: "c@x.org",
      bcc: "d@x.org",
      subject: "s",
      body: "b",
    });
    expect(mail.getRemainingDailyQuota()).toBe(96);
  });

  test("when the quota is exhausted sendEmail throws 'Service invoked too many times for one day: email.' and sends nothing; it resets 24 h after first use (guides/services/quotas)", () => {
    const { rt, mail, outbox } = setup(3);
    mail.sendEmail("a@x.org", "1", "b");
    rt.advance(60 * 60 * 1000);
    mail.sendEmail("a@x.org", "2", "b");
    expect(() => mail.sendEmail({ to: "a@x.org, b@x.org", subject: "3", body: "b" })).toThrow(
      MAIL_QUOTA_MESSAGE,
    );
    mail.sendEmail("a@x.org", "3", "b");
    expect(mail.getRemainingDailyQuota()).toBe(0);
    expect(() => mail.sendEmail("a@x.org", "4", "b")).toThrow(MAIL_QUOTA_MESSAGE);
    expect(outbox.map((m) => m.subject)).toEqual(["1", "2", "3"]);
    rt.advance(23 * 60 * 60 * 1000); // 24 h after the first send
    expect(mail.getRemainingDailyQuota()).toBe(3);
    mail.sendEmail("a@x.org", "5", "b");
    expect(outbox).toHaveLength(4);
  });

  test.each([
    ["subject", { to: "a@x.org", subject: "Hi\r\nBcc: victim@x.org", body: "b" }],
    ["subject (LF only)", { to: "a@x.org", subject: "Hi\nthere", body: "b" }],
    ["name", { to: "a@x.org", subject: "s", body: "b", name: "Hub\nBcc: v@x.org" }],
    ["replyTo", { to: "a@x.org", subject: "s", body: "b", replyTo: "r@x.org\r\nBcc: v@x.org" }],
    ["to", { to: "a@x.org\r\nBcc: v@x.org", subject: "s", body: "b" }],
    ["cc", { to: "a@x.org", cc: "c@x.org\nX: y", subject: "s", body: "b" }],
  ])(
    "a CR or LF in the %s is refused, so no header can be injected (DESIGN.md Safety rules; APPS-SCRIPT-FACTS Mail)",
    (_field, message) => {
      const { mail, outbox } = setup();
      expect(() => mail.sendEmail(message)).toThrow(/line break/);
      expect(outbox).toHaveLength(0);
      expect(mail.getRemainingDailyQuota()).toBe(100);
    },
  );

  test("an invalid address throws 'Invalid email: x' (mail-app#sendEmail(String,String,String))", () => {
    const { mail, outbox } = setup();
    expect(() => mail.sendEmail("not-an-address", "s", "b")).toThrow(
      "Invalid email: not-an-address",
    );
    expect(() => mail.sendEmail({ to: "a@x.org", cc: "bad@", subject: "s", body: "b" })).toThrow(
      "Invalid email: bad@",
    );
    expect(() =>
      mail.sendEmail({ to: "a@x.org", replyTo: "nope", subject: "s", body: "b" }),
    ).toThrow("Invalid email: nope");
    mail.sendEmail('"Head, Teacher" <head@school.example>', "s", "b");
    expect(outbox).toHaveLength(1);
  });

  test("per-message limits: 50 recipients and a 200 KB body (guides/services/quotas)", () => {
    const { mail } = setup(1500);
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@x.org`).join(",");
    expect(() => mail.sendEmail(many, "s", "b")).toThrow(
      "Limit Exceeded: Email Recipients Per Message.",
    );
    expect(() => mail.sendEmail("a@x.org", "s", "x".repeat(200 * 1024 + 1))).toThrow(
      "Limit Exceeded: Email Body Size.",
    );
    expect(mail.getRemainingDailyQuota()).toBe(1500);
  });

  test("a message with no recipient is refused", () => {
    const { mail } = setup();
    expect(() => mail.sendEmail({ subject: "s", body: "b" })).toThrow(/no recipient/);
  });

  test("attachments are recorded by name, type and size (mail-app#sendEmail(String,String,String,Object): attachments)", () => {
    const { rt, mail, outbox } = setup();
    const blob = new EmuUtilities(rt).newBlob("a,b\n1,2\n", "text/csv", "cohort.csv");
    mail.sendEmail("a@x.org", "s", "b", { attachments: [blob] });
    expect(outbox[0].attachments).toEqual([
      { name: "cohort.csv", contentType: "text/csv", size: 8 },
    ]);
  });

  test("quota state survives a JSON snapshot (state.json); message ids keep counting", () => {
    const { rt, mail } = setup(5);
    mail.sendEmail("a@x.org, b@x.org", "s", "b");
    const snap = JSON.parse(JSON.stringify(mail._snapshot()));
    const outbox: OutboxMessage[] = [];
    const again = new EmuMailApp(rt, { dailyQuota: 5, outbox: (m) => outbox.push(m) });
    again._restore(snap);
    expect(again.getRemainingDailyQuota()).toBe(3);
    again.sendEmail("c@x.org", "s", "b");
    expect(outbox[0].id).toBe("mail-000002");
  });

  test("sendEmail is counted and charged as 'MailApp.sendEmail' (latency.ts: 250 ms)", () => {
    const { rt, mail } = setup();
    rt.beginExecution("x", "time-trigger");
    mail.sendEmail("a@x.org", "s", "b");
    const rec = rt.endExecution();
    expect(rec.byMethod).toEqual({ "MailApp.sendEmail": 1 });
    expect(rec.simulatedMs).toBe(250);
  });
});

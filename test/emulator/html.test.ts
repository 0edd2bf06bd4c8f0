// HtmlService emulation, checked against:
// https://developers.google.com/apps-script/reference/html/html-output
// https://developers.google.com/apps-script/reference/html/html-template
// https://developers.google.com/apps-script/guides/html/templates
import vm from "node:vm";
import { Runtime } from "../../emulator/core/runtime";
import { EmuHtmlService } from "../../emulator/services/html";

function setup(options: ConstructorParameters<typeof EmuHtmlService>[1] = {}) {
  const rt = new Runtime({ now: new Date("2024-03-01T09:00:00Z") });
  return { rt, html: new EmuHtmlService(rt, options) };
}

const XSS = "<img src=x onerror=alert(1)>";

describe("HtmlTemplate (developers.google.com/apps-script/guides/html/templates)", () => {
  test("a printing scriptlet <?= ?> escapes an applicant's name: <img src=x onerror=alert(1)> is inert (guides/html/templates: printing scriptlets use contextual escaping)", () => {
    const { html } = setup();
    const t = html.createTemplate("<p>Applicant: <?= applicant ?></p>");
    t.applicant = XSS;
    const out = t.evaluate().getContent();
    expect(out).toBe("<p>Applicant: &lt;img src=x onerror=alert(1)&gt;</p>");
    expect(out).not.toContain("<img");
  });

  test("<?= ?> escapes & < > \" ' inside attribute values too", () => {
    const { html } = setup();
    const t = html.createTemplate(`<input value="<?= v ?>" title='<?= v ?>'>`);
    t.v = `a&b "quoted" 'single' <tag>`;
    expect(t.evaluate().getContent()).toBe(
      `<input value="a&amp;b &quot;quoted&quot; &#39;single&#39; &lt;tag&gt;" title='a&amp;b &quot;quoted&quot; &#39;single&#39; &lt;tag&gt;'>`,
    );
  });

  test("a force-printing scriptlet <?!= ?> outputs raw HTML (guides/html/templates: force-printing scriptlets)", () => {
    const { html } = setup();
    const t = html.createTemplate("<div><?!= markup ?></div>");
    t.markup = "<b>bold</b>";
    expect(t.evaluate().getContent()).toBe("<div><b>bold</b></div>");
  });

  test("standard scriptlets <? ?> run code: loops and conditionals shape the output (guides/html/templates: standard scriptlets)", () => {
    const { html } = setup();
    const t = html.createTemplate(
      "<ul><? for (var i = 0; i < names.length; i++) { ?><li><?= names[i] ?></li><? } ?></ul><? if (names.length > 2) { ?>many<? } else { ?>few<? } ?>",
    );
    t.names = ["Ann", "Bo & Co"];
    expect(t.evaluate().getContent()).toBe("<ul><li>Ann</li><li>Bo &amp; Co</li></ul>few");
  });

  test("inside <script> a printed value becomes a JavaScript literal that cannot close the script (contextual escaping)", () => {
    const { html } = setup();
    const t = html.createTemplate(
      "<p><?= s ?></p><script>var data = <?= s ?>; var n = <?= n ?>;</script><p><?= s ?></p>",
    );
    t.s = "</script><script>alert(1)</script>";
    t.n = 42;
    const out = t.evaluate().getContent();
    expect(out).toContain(
      'var data = "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e";',
    );
    expect(out).toContain("var n = 42;");
    expect(out.startsWith("<p>&lt;/script&gt;")).toBe(true);
    expect(out.endsWith("<p>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>")).toBe(true);
  });

  test("an unset template variable is a ReferenceError at evaluate(); getRawContent/getCode expose the source and generated code (html-template#getCode())", () => {
    const { html } = setup();
    const t = html.createTemplate("Hi <?= who ?>");
    expect(() => t.evaluate()).toThrow(/who is not defined/);
    expect(t.getRawContent()).toBe("Hi <?= who ?>");
    expect(t.getCode()).toContain("__print((who");
    expect(t.getCodeWithComments()).toContain("// <?=who?>");
  });

  test("createTemplateFromFile / createHtmlOutputFromFile read registered project files, with or without .html; a missing file throws", () => {
    const { html } = setup();
    html._registerFile("Sidebar.html", "<h1><?= title ?></h1>");
    html._registerFile("Help", "<p>help</p>");
    const t = html.createTemplateFromFile("Sidebar");
    t.title = "Allocation";
    expect(t.evaluate().getContent()).toBe("<h1>Allocation</h1>");
    expect(html.createHtmlOutputFromFile("Help.html").getContent()).toBe("<p>help</p>");
    expect(() => html.createHtmlOutputFromFile("Nope")).toThrow(
      "No HTML file named Nope was found.",
    );
  });

  test("a compiler for the script's vm context lets scriptlets call the script's functions (include pattern)", () => {
    const context = vm.createContext({});
    vm.runInContext(
      "function include(name) { return '<style>/*' + name + '*/</style>'; }",
      context,
    );
    const compile = (params: string[], body: string) =>
      vm.runInContext(`(function(${params.join(",")}) {\n${body}\n})`, context) as (
        ...args: unknown[]
      ) => unknown;
    const { html } = setup({ compile });
    expect(html.createTemplate("<?!= include('Stylesheet') ?>").evaluate().getContent()).toBe(
      "<style>/*Stylesheet*/</style>",
    );
  });
});

describe("HtmlOutput (developers.google.com/apps-script/reference/html/html-output)", () => {
  test("append adds trusted HTML, appendUntrusted escapes (html-output#appendUntrusted(String))", () => {
    const { html } = setup();
    const out = html.createHtmlOutput("<b>Name:</b> ").appendUntrusted(XSS).append("<br>");
    expect(out.getContent()).toBe("<b>Name:</b> &lt;img src=x onerror=alert(1)&gt;<br>");
    out.setContent("x");
    expect(out.getContent()).toBe("x");
    expect(out.clear().getContent()).toBe("");
  });

  test("title, size, X-Frame-Options, sandbox mode and meta tags are kept (html-output#setXFrameOptionsMode(XFrameOptionsMode))", () => {
    const { html } = setup();
    const out = html
      .createHtmlOutput("<p>x</p>")
      .setTitle("Allocate places")
      .setWidth(420)
      .setHeight(300)
      .setXFrameOptionsMode(html.XFrameOptionsMode.ALLOWALL)
      .setSandboxMode(html.SandboxMode.IFRAME)
      .addMetaTag("viewport", "width=device-width, initial-scale=1");
    expect(out.getTitle()).toBe("Allocate places");
    expect([out.getWidth(), out.getHeight()]).toEqual([420, 300]);
    expect(out.getMetaTags().map((m) => [m.getName(), m.getContent()])).toEqual([
      ["viewport", "width=device-width, initial-scale=1"],
    ]);
    expect(out._state()).toMatchObject({ xFrameOptionsMode: "ALLOWALL", sandboxMode: "IFRAME" });
    expect(String(html.SandboxMode.IFRAME)).toBe("IFRAME");
    expect(() => out.setXFrameOptionsMode("SOMETIMES" as never)).toThrow(
      /don't match the method signature/,
    );
  });

  test("getBlob is text/html; asTemplate turns the content back into a template (html-output#asTemplate())", () => {
    const { html } = setup();
    const out = html.createHtmlOutput("<i><?= x ?></i>");
    expect(out.getBlob().getContentType()).toBe("text/html");
    const t = out.asTemplate();
    t.x = "<&>";
    expect(t.evaluate().getContent()).toBe("<i>&lt;&amp;&gt;</i>");
  });

  test("HtmlService calls are counted as 'HtmlService.<method>' / 'HtmlTemplate.evaluate'", () => {
    const { rt, html } = setup();
    rt.beginExecution("sidebar", "menu");
    html.createTemplate("x").evaluate();
    const rec = rt.endExecution();
    expect(rec.byMethod).toEqual({ "HtmlService.createTemplate": 1, "HtmlTemplate.evaluate": 1 });
  });
});

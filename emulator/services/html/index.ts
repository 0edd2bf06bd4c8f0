// HtmlService: HtmlOutput, and HtmlTemplate with scriptlets.
//
// https://developers.google.com/apps-script/reference/html/html-service
// https://developers.google.com/apps-script/reference/html/html-output:
//  - append(content) adds trusted HTML; appendUntrusted(content) "using contextual escaping";
//  - setTitle/getTitle, setWidth/setHeight (initial size of a dialog), setXFrameOptionsMode,
//    setSandboxMode ("now has no effect": every page uses IFRAME), addMetaTag, setFaviconUrl.
// https://developers.google.com/apps-script/reference/html/html-template and
// https://developers.google.com/apps-script/guides/html/templates:
//  - "<? ... ?>" standard scriptlets run code; "<?= ... ?>" printing scriptlets output the result
//    "using contextual escaping"; "<?!= ... ?>" force-printing scriptlets output it unescaped;
//  - variables are pushed to a template by assigning properties (t.data = ...), and evaluate()
//    returns an HtmlOutput;
//  - getCode() shows the JavaScript the template compiles to; getRawContent() the source.
// Contextual escaping here: HTML text and attribute values escape & < > " ' as entities; inside a
// <script> element the value is printed as a JavaScript literal (JSON, with < > & and line
// separators \u-escaped so it cannot close the script). URL-specific sanitising is not emulated.
import type { Runtime } from "../../core/runtime";
import { EmuBlob } from "../utilities/blob";
import { enumValue, gasEnum } from "../utilities/enum";
import { signatureError } from "../utilities/wait";

export const SandboxMode = gasEnum(["EMULATED", "IFRAME", "NATIVE"]);
export const XFrameOptionsMode = gasEnum(["ALLOWALL", "DEFAULT"]);

type GH = typeof GoogleAppsScript.HTML;

/** Compiles a function from parameter names and a body (default: `new Function`). */
export type TemplateCompiler = (params: string[], body: string) => (...args: unknown[]) => unknown;

export interface EmuHtmlServiceOptions {
  /**
   * Compile templates. The default compiles in this (host) realm, so scriptlets see only the
   * template's own variables and JavaScript built-ins; the runner should pass a compiler that
   * evaluates inside the script's vm context so scriptlets can call the script's functions
   * (e.g. `<?!= include('Stylesheet') ?>`), as on Google.
   */
  compile?: TemplateCompiler;
  userAgent?: string;
}

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escape for HTML text and attribute values: & < > " '. */
export function escapeHtml(value: unknown): string {
  if (value === null || value === undefined) return "";
  return String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A JavaScript literal safe inside <script>. */
export function jsLiteral(value: unknown): string {
  if (value === undefined) return "undefined";
  let json: string | undefined;
  try {
    json = JSON.stringify(value);
  } catch {
    json = JSON.stringify(String(value));
  }
  if (json === undefined) json = JSON.stringify(String(value));
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

// ---------------------------------------------------------------------------------------------
// HtmlOutput

export interface HtmlOutputState {
  title: string;
  content: string;
  width: number | null;
  height: number | null;
  sandboxMode: string;
  xFrameOptionsMode: string;
  faviconUrl: string | null;
  metaTags: Array<{ name: string; content: string }>;
}

export class EmuHtmlOutputMetaTag implements GoogleAppsScript.HTML.HtmlOutputMetaTag {
  constructor(
    private readonly rt: Runtime,
    private readonly name: string,
    private readonly content: string,
  ) {}
  getName(): string {
    this.rt.call("HtmlOutputMetaTag.getName");
    return this.name;
  }
  getContent(): string {
    this.rt.call("HtmlOutputMetaTag.getContent");
    return this.content;
  }
}

export class EmuHtmlOutput implements GoogleAppsScript.HTML.HtmlOutput {
  private content: string;
  private title = "";
  private width: number | null = null;
  private height: number | null = null;
  private sandboxMode: string = SandboxMode.IFRAME.name;
  private xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT.name;
  private faviconUrl: string | null = null;
  private readonly metaTags: Array<{ name: string; content: string }> = [];

  constructor(
    private readonly rt: Runtime,
    private readonly service: EmuHtmlService,
    content = "",
  ) {
    this.content = content;
  }

  private call(method: string): void {
    this.rt.call(`HtmlOutput.${method}`);
  }

  append(addedContent: string): EmuHtmlOutput {
    this.call("append");
    this.content += addedContent === undefined || addedContent === null ? "" : String(addedContent);
    return this;
  }

  appendUntrusted(addedContent: string): EmuHtmlOutput {
    this.call("appendUntrusted");
    this.content += escapeHtml(addedContent);
    return this;
  }

  asTemplate(): EmuHtmlTemplate {
    this.call("asTemplate");
    return new EmuHtmlTemplate(this.rt, this.service, this.content);
  }

  clear(): EmuHtmlOutput {
    this.call("clear");
    this.content = "";
    return this;
  }

  getContent(): string {
    this.call("getContent");
    return this.content;
  }

  setContent(content: string): EmuHtmlOutput {
    this.call("setContent");
    this.content = content === undefined || content === null ? "" : String(content);
    return this;
  }

  getTitle(): string {
    this.call("getTitle");
    return this.title;
  }

  setTitle(title: string): EmuHtmlOutput {
    this.call("setTitle");
    this.title = String(title);
    return this;
  }

  getWidth(): number {
    this.call("getWidth");
    return this.width as number;
  }

  setWidth(width: number): EmuHtmlOutput {
    this.call("setWidth");
    if (typeof width !== "number" || !Number.isFinite(width))
      throw signatureError("HtmlOutput.setWidth", [width]);
    this.width = Math.trunc(width);
    return this;
  }

  getHeight(): number {
    this.call("getHeight");
    return this.height as number;
  }

  setHeight(height: number): EmuHtmlOutput {
    this.call("setHeight");
    if (typeof height !== "number" || !Number.isFinite(height))
      throw signatureError("HtmlOutput.setHeight", [height]);
    this.height = Math.trunc(height);
    return this;
  }

  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): EmuHtmlOutput {
    this.call("setSandboxMode");
    const m = enumValue(SandboxMode, mode);
    if (!m) throw signatureError("HtmlOutput.setSandboxMode", [mode]);
    // "This method now has no effect": every page is served in IFRAME mode; recorded anyway.
    this.sandboxMode = m.name;
    return this;
  }

  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): EmuHtmlOutput {
    this.call("setXFrameOptionsMode");
    const m = enumValue(XFrameOptionsMode, mode);
    if (!m) throw signatureError("HtmlOutput.setXFrameOptionsMode", [mode]);
    this.xFrameOptionsMode = m.name;
    return this;
  }

  addMetaTag(name: string, content: string): EmuHtmlOutput {
    this.call("addMetaTag");
    this.metaTags.push({ name: String(name), content: String(content) });
    return this;
  }

  getMetaTags(): EmuHtmlOutputMetaTag[] {
    this.call("getMetaTags");
    return this.metaTags.map((t) => new EmuHtmlOutputMetaTag(this.rt, t.name, t.content));
  }

  getFaviconUrl(): string {
    this.call("getFaviconUrl");
    return this.faviconUrl as string;
  }

  setFaviconUrl(iconUrl: string): EmuHtmlOutput {
    this.call("setFaviconUrl");
    this.faviconUrl = String(iconUrl);
    return this;
  }

  getBlob(): EmuBlob {
    this.call("getBlob");
    return new EmuBlob(this.rt, this.content, "text/html", this.title || null);
  }

  getAs(contentType: string): EmuBlob {
    this.call("getAs");
    if (contentType !== "text/html")
      throw new Error(`Converting from text/html to ${contentType} is not supported.`);
    return new EmuBlob(this.rt, this.content, "text/html", this.title || null);
  }

  /** Emulator hook: everything the page carries, uncounted (the Ui records this). */
  _state(): HtmlOutputState {
    return {
      title: this.title,
      content: this.content,
      width: this.width,
      height: this.height,
      sandboxMode: this.sandboxMode,
      xFrameOptionsMode: this.xFrameOptionsMode,
      faviconUrl: this.faviconUrl,
      metaTags: this.metaTags.map((t) => ({ ...t })),
    };
  }
}

// ---------------------------------------------------------------------------------------------
// HtmlTemplate

type Segment =
  | { kind: "text"; text: string; inScript: boolean }
  | { kind: "code"; code: string }
  | { kind: "print"; code: string; inScript: boolean }
  | { kind: "raw"; code: string };

/** Split a template into text and scriptlets, noting which prints fall inside <script>. */
export function parseTemplate(source: string): Segment[] {
  const segments: Segment[] = [];
  let inScript = false;
  let i = 0;
  const trackScript = (text: string) => {
    const re = /<(\/?)script\b[^>]*>?/gi;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text))) inScript = m[1] !== "/";
  };
  while (i < source.length) {
    const open = source.indexOf("<?", i);
    if (open < 0) {
      const text = source.slice(i);
      segments.push({ kind: "text", text, inScript });
      trackScript(text);
      break;
    }
    if (open > i) {
      const text = source.slice(i, open);
      segments.push({ kind: "text", text, inScript });
      trackScript(text);
    }
    const close = source.indexOf("?>", open + 2);
    if (close < 0) throw new Error("Unterminated scriptlet: missing ?>");
    const inner = source.slice(open + 2, close);
    const clean = (code: string) => code.trim().replace(/;+\s*$/, "");
    if (inner.startsWith("!=")) segments.push({ kind: "raw", code: clean(inner.slice(2)) });
    else if (inner.startsWith("="))
      segments.push({ kind: "print", code: clean(inner.slice(1)), inScript });
    else segments.push({ kind: "code", code: inner });
    i = close + 2;
  }
  return segments;
}

const TEMPLATE_PARAMS = ["__data", "__print", "__raw", "output"];

function generate(source: string, withComments: boolean): string {
  const lines: string[] = ["var __out = [];", "output = output(__out);", "with (__data) {"];
  for (const s of parseTemplate(source)) {
    switch (s.kind) {
      case "text":
        lines.push(`__out.push(${JSON.stringify(s.text)});`);
        break;
      case "code":
        if (withComments) lines.push(`// <?${s.code.replace(/\n/g, " ")}?>`);
        lines.push(s.code);
        break;
      case "print":
        if (withComments) lines.push(`// <?=${s.code.replace(/\n/g, " ")}?>`);
        lines.push(`__out.push(__print((${s.code}\n), ${s.inScript}));`);
        break;
      case "raw":
        if (withComments) lines.push(`// <?!=${s.code.replace(/\n/g, " ")}?>`);
        lines.push(`__out.push(__raw((${s.code}\n)));`);
        break;
    }
  }
  lines.push("}", 'return __out.join("");');
  return lines.join("\n");
}

interface TemplateInternals {
  rt: Runtime;
  service: EmuHtmlService;
  source: string;
}
const internals = new WeakMap<object, TemplateInternals>();

export class EmuHtmlTemplate implements GoogleAppsScript.HTML.HtmlTemplate {
  // Template variables are plain own properties (t.applicant = ...), as on Google.
  [propName: string]: unknown;

  constructor(rt: Runtime, service: EmuHtmlService, source: string) {
    internals.set(this, { rt, service, source: String(source) });
  }

  private static of(t: EmuHtmlTemplate): TemplateInternals {
    const i = internals.get(t);
    if (!i) throw new Error("Not an HtmlTemplate");
    return i;
  }

  /** https://developers.google.com/apps-script/reference/html/html-template#evaluate() */
  evaluate(): EmuHtmlOutput {
    const { rt, service, source } = EmuHtmlTemplate.of(this);
    rt.call("HtmlTemplate.evaluate");
    const fn = service.compile(TEMPLATE_PARAMS, generate(source, false));
    const data: Record<string, unknown> = {};
    for (const key of Object.keys(this)) data[key] = this[key];
    const print = (v: unknown, inScript: boolean) => (inScript ? jsLiteral(v) : escapeHtml(v));
    const raw = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    const output = (out: string[]) => ({
      append: (s: unknown) => void out.push(raw(s)),
      appendUntrusted: (s: unknown) => void out.push(escapeHtml(s)),
    });
    // Scriptlets may call services (Session, PropertiesService...): those calls are counted.
    const html = fn(data, print, raw, output) as string;
    return new EmuHtmlOutput(rt, service, html);
  }

  getCode(): string {
    const { rt, source } = EmuHtmlTemplate.of(this);
    rt.call("HtmlTemplate.getCode");
    return generate(source, false);
  }

  getCodeWithComments(): string {
    const { rt, source } = EmuHtmlTemplate.of(this);
    rt.call("HtmlTemplate.getCodeWithComments");
    return generate(source, true);
  }

  getRawContent(): string {
    const { rt, source } = EmuHtmlTemplate.of(this);
    rt.call("HtmlTemplate.getRawContent");
    return source;
  }
}

// ---------------------------------------------------------------------------------------------
// HtmlService

function textOf(v: unknown, method: string): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  const blob = (v as { getBlob?: () => { getDataAsString(): string } })?.getBlob?.();
  if (blob) return blob.getDataAsString();
  throw signatureError(method, [v]);
}

export class EmuHtmlService implements GoogleAppsScript.HTML.HtmlService {
  readonly SandboxMode = SandboxMode as unknown as GH["SandboxMode"];
  readonly XFrameOptionsMode = XFrameOptionsMode as unknown as GH["XFrameOptionsMode"];
  private readonly files = new Map<string, string>();
  /** @internal */
  readonly compile: TemplateCompiler;
  private readonly userAgent: string;

  constructor(
    private readonly rt: Runtime,
    options: EmuHtmlServiceOptions = {},
  ) {
    this.compile =
      options.compile ??
      ((params, body) => new Function(...params, body) as (...args: unknown[]) => unknown);
    this.userAgent =
      options.userAgent ??
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
  }

  /** Runner hook: make a project HTML file available ("Sidebar" or "Sidebar.html"). */
  _registerFile(name: string, content: string): void {
    this.files.set(name.replace(/\.html$/, ""), content);
  }

  _files(): string[] {
    return [...this.files.keys()];
  }

  private file(filename: string, method: string): string {
    if (typeof filename !== "string") throw signatureError(method, [filename]);
    const content = this.files.get(filename.replace(/\.html$/, ""));
    if (content === undefined) throw new Error(`No HTML file named ${filename} was found.`);
    return content;
  }

  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): EmuHtmlOutput {
    this.rt.call("HtmlService.createHtmlOutput");
    return new EmuHtmlOutput(this.rt, this, textOf(html, "HtmlService.createHtmlOutput"));
  }

  createHtmlOutputFromFile(filename: string): EmuHtmlOutput {
    this.rt.call("HtmlService.createHtmlOutputFromFile");
    return new EmuHtmlOutput(
      this.rt,
      this,
      this.file(filename, "HtmlService.createHtmlOutputFromFile"),
    );
  }

  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): EmuHtmlTemplate {
    this.rt.call("HtmlService.createTemplate");
    return new EmuHtmlTemplate(this.rt, this, textOf(html, "HtmlService.createTemplate"));
  }

  createTemplateFromFile(filename: string): EmuHtmlTemplate {
    this.rt.call("HtmlService.createTemplateFromFile");
    return new EmuHtmlTemplate(
      this.rt,
      this,
      this.file(filename, "HtmlService.createTemplateFromFile"),
    );
  }

  getUserAgent(): string {
    this.rt.call("HtmlService.getUserAgent");
    return this.userAgent;
  }
}

// mhr serve: the allocation sidebar in a local browser, backed by a hub folder. The page is the
// very HTML the add-on hands to Ui.showSidebar when the hub lead chooses "Allocate places"
// (menuAllocate, run from build/Code.js), with a small google.script.run shim that POSTs each call
// to /api/<name>. The server runs only the bundle's api* globals, as the hub lead, one call at a
// time, and saves the hub folder (atomically) after each call.
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";
import type { Command } from "commander";
import { readBundle } from "../runner/bundle";
import type { HubEnvironment } from "../runner/environment";
import { CliError } from "./errors";
import { loadHub, saveHub } from "./hub-folder";

/** The only globals the browser may run: the sidebar API, never menus, triggers or jobs. */
export const API_NAME = /^api[A-Za-z0-9_]*$/;
const MAX_BODY = 1_000_000;
export const DEFAULT_PORT = 8080;

export interface ServeOptions {
  /** 0 (or omitted in tests) picks a free port. */
  port?: number;
  bundleCode?: string;
  /** Where one-sentence errors go; default stderr. */
  error?: (line: string) => void;
}

export interface RunningServe {
  url: string;
  port: number;
  /** The hub as the server holds it (reloaded when another command changes the folder). */
  env(): HubEnvironment;
  close(): Promise<void>;
}

/**
 * Runs menuAllocate as the hub lead and returns what the emulated Ui.showSidebar received:
 * the same page Google would show in the Sheets sidebar.
 */
export function allocationSidebar(env: HubEnvironment): { title: string; content: string } {
  const before = env.ui._shown().length;
  let run;
  try {
    run = env.run("menuAllocate", [], { kind: "menu", user: env.hubLead });
  } catch (err) {
    throw new CliError(
      `${(err as Error).message.replace(/\.$/, "")}; run "npm run build" to rebuild build/Code.js.`,
    );
  }
  if (run.error) throw new CliError(`Allocate places failed in the add-on: ${run.error.message}`);
  const sidebar = env.ui
    ._shown()
    .slice(before)
    .reverse()
    .find((s) => s.kind === "sidebar");
  if (!sidebar || sidebar.kind === "alert" || sidebar.kind === "prompt")
    throw new CliError("Allocate places showed no sidebar.");
  return { title: sidebar.title, content: sidebar.content };
}

/**
 * google.script.run for a page served locally: any function name, chained handlers, one POST of
 * the arguments as JSON per call. Defined before the page's own scripts run.
 */
export const GOOGLE_SCRIPT_SHIM = `<script>
(function () {
  function runner(onSuccess, onFailure, userObject) {
    return new Proxy({}, {
      get: function (_target, name) {
        if (typeof name !== "string") return undefined;
        if (name === "withSuccessHandler") return function (f) { return runner(f, onFailure, userObject); };
        if (name === "withFailureHandler") return function (f) { return runner(onSuccess, f, userObject); };
        if (name === "withUserObject") return function (u) { return runner(onSuccess, onFailure, u); };
        return function () {
          var args = Array.prototype.slice.call(arguments);
          var fail = function (message) {
            var error = new Error(message);
            if (onFailure) onFailure(error, userObject);
            else console.error(error);
          };
          fetch("/api/" + encodeURIComponent(name), {
            method: "POST",
            headers: { "Content-Type": "application/json" },
            body: JSON.stringify(args),
          })
            .then(function (response) { return response.json(); })
            .then(function (answer) {
              if (answer && answer.ok) { if (onSuccess) onSuccess(answer.value, userObject); }
              else fail(answer && answer.error ? answer.error : "The local server refused the call.");
            }, function (err) {
              fail("The local mhr serve did not answer (" + err.message + "); is it still running?");
            });
        };
      },
    });
  }
  var noop = function () {};
  window.google = { script: {
    run: runner(null, null, undefined),
    host: { close: noop, setHeight: noop, setWidth: noop, editor: { focus: noop } },
  } };
})();
</script>`;

export function withShim(html: string): string {
  const head = /<head[^>]*>/i.exec(html);
  if (!head) return GOOGLE_SCRIPT_SHIM + html;
  const at = head.index + head[0].length;
  return html.slice(0, at) + "\n" + GOOGLE_SCRIPT_SHIM + html.slice(at);
}

function oneSentence(text: string): string {
  const s = text.replace(/\s+/g, " ").trim();
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "Content-Type": "application/json; charset=utf-8",
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  });
  res.end(text);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("The request is too large."));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** state.json's identity, to notice another mhr command changing the hub while we serve it. */
function stamp(dir: string): string {
  try {
    const s = fs.statSync(path.join(dir, "state.json"));
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return "";
  }
}

export async function serveHub(dir: string, options: ServeOptions = {}): Promise<RunningServe> {
  const bundleCode = options.bundleCode ?? readBundleOrFail();
  const error = options.error ?? ((line: string) => process.stderr.write(`mhr: ${line}\n`));
  let env = await loadHub(dir, { bundleCode });
  let loadedStamp = stamp(dir);
  const page = withShim(allocationSidebar(env).content);

  // One call at a time: the emulated services are synchronous, but saving is not, and a call
  // must never run against a hub that is half way through being saved.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  };

  async function callApi(name: string, args: unknown[]): Promise<[number, unknown]> {
    if (stamp(dir) !== loadedStamp) {
      env = await loadHub(dir, { bundleCode });
      loadedStamp = stamp(dir);
    }
    let run;
    try {
      run = env.run(name, args, { kind: "sidebar", user: env.hubLead });
    } catch (err) {
      return [404, { ok: false, error: oneSentence((err as Error).message) }];
    }
    let failure: string | null = null;
    if (run.error) failure = oneSentence(run.error.message);
    else if (run.record.outcome !== "completed")
      failure = oneSentence(`${name} was stopped: ${run.record.error ?? run.record.outcome}`);
    try {
      await saveHub(dir, env);
      // saveHub appends what this environment sent and logged; keep only what is not yet saved.
      env.outbox.length = 0;
      env.log.length = 0;
      loadedStamp = stamp(dir);
    } catch (err) {
      const message = oneSentence(
        `${name} ran but the hub could not be saved: ${(err as Error).message}`,
      );
      error(message);
      return [500, { ok: false, error: message }];
    }
    if (failure !== null) {
      error(oneSentence(`${name} failed: ${failure}`));
      return [200, { ok: false, error: failure }];
    }
    return [200, { ok: true, value: run.value ?? null }];
  }

  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];

  const server = http.createServer((req, res) => {
    void (async () => {
      // Only this machine's browser, on this origin: a web page elsewhere must not drive the hub
      // (DNS rebinding changes Host; a cross-site POST carries its own Origin).
      if (!allowedHosts().includes(String(req.headers.host ?? ""))) {
        send(res, 403, { ok: false, error: "Requests must come from this machine's address." });
        return;
      }
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().some((h) => origin === `http://${h}`)) {
        send(res, 403, { ok: false, error: "Requests from other web pages are refused." });
        return;
      }
      const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
      if (req.method === "GET" && (url.pathname === "/" || url.pathname === "/index.html")) {
        res.writeHead(200, {
          "Content-Type": "text/html; charset=utf-8",
          "Cache-Control": "no-store",
          "X-Content-Type-Options": "nosniff",
          // The sidebar loads nothing from elsewhere; say so, so nothing can.
          "Content-Security-Policy":
            "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; " +
            "connect-src 'self'; img-src 'self' data:; form-action 'none'; frame-ancestors 'self'",
        });
        res.end(page);
        return;
      }
      if (req.method === "GET" && url.pathname === "/favicon.ico") {
        res.writeHead(204);
        res.end();
        return;
      }
      const match = /^\/api\/([^/]+)$/.exec(url.pathname);
      if (!match) {
        send(res, 404, { ok: false, error: `There is nothing at ${url.pathname}.` });
        return;
      }
      if (req.method !== "POST") {
        send(res, 405, { ok: false, error: "Call the API with POST." });
        return;
      }
      const name = decodeURIComponent(match[1]!);
      if (!API_NAME.test(name)) {
        send(res, 403, { ok: false, error: `${name} is not a sidebar function (api…).` });
        return;
      }
      // application/json cannot be sent cross-site without a preflight, which we never allow.
      if (!String(req.headers["content-type"] ?? "").startsWith("application/json")) {
        send(res, 415, { ok: false, error: "Send the arguments as application/json." });
        return;
      }
      let args: unknown;
      try {
        const body = await readBody(req);
        args = body.trim() === "" ? [] : JSON.parse(body);
      } catch (err) {
        send(res, 400, { ok: false, error: oneSentence((err as Error).message) });
        return;
      }
      if (!Array.isArray(args)) {
        send(res, 400, { ok: false, error: "The arguments must be a JSON array." });
        return;
      }
      const [status, body] = await serial(() => callApi(name, args as unknown[]));
      send(res, status, body);
    })().catch((err: unknown) => {
      const message = oneSentence(`The request failed: ${(err as Error).message}`);
      error(message);
      if (!res.headersSent) send(res, 500, { ok: false, error: message });
      else res.end();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", (err: NodeJS.ErrnoException) => {
      reject(
        err.code === "EADDRINUSE"
          ? new CliError(`Port ${options.port} is already in use; choose another with --port.`)
          : err.code === "EACCES"
            ? new CliError(`Port ${options.port} needs privileges; choose one above 1023.`)
            : err,
      );
    });
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    env: () => env,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await queue; // a call in progress finishes and is saved
    },
  };
}

export function readBundleOrFail(): string {
  try {
    return readBundle();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
}

export function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isInteger(port) || port > 65535)
    throw new CliError(`--port "${text}" is not a port number (0–65535; 0 picks a free one).`);
  return port;
}

export function registerServe(program: Command): void {
  program
    .command("serve <hub>")
    .description("the allocation sidebar on localhost, backed by the hub")
    .option("--port <n>", "the port to listen on (0: any free port)", String(DEFAULT_PORT))
    .action(async (dir: string, o: { port: string }) => {
      const running = await serveHub(dir, { port: parsePort(o.port) });
      process.stdout.write(
        `Serving the allocation sidebar of ${dir} at ${running.url} (press Ctrl+C to stop).\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void running.close().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
    });
}

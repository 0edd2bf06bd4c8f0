// `mhr serve`: what it serves, what it refuses, and that each call is saved to the hub folder once.
// Plain HTTP from Node (the browser test drives the page itself).
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import * as os from "node:os";
import * as path from "node:path";
import { loadHub, saveHub } from "../../emulator/cli/hub-folder";
import { allocationSidebar, serveHub, type RunningServe } from "../../emulator/cli/serve";
import { sampleHub } from "../../emulator/runner/sample-hub";
import type { AllocationProgrammeChoice } from "../../src/ui/allocation-bridge";
import { BUNDLE } from "../e2e/helpers";

const ROOT = path.resolve(__dirname, "../..");

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? "GET", headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

function api(
  server: RunningServe,
  name: string,
  args: unknown[],
  headers: Record<string, string> = {},
) {
  return request(`${server.url}api/${name}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(args),
  });
}

function executionsOnDisk(dir: string, name: string): number {
  return fs
    .readFileSync(path.join(dir, "log.jsonl"), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { execution?: string })
    .filter((r) => r.execution === name).length;
}

describe("mhr serve", () => {
  let dir: string;
  let server: RunningServe;
  const errors: string[] = [];

  beforeAll(async () => {
    const hub = await sampleHub({ bundleCode: BUNDLE });
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mhr-serve-")), "hub");
    await saveHub(dir, hub.env);
    server = await serveHub(dir, { port: 0, bundleCode: BUNDLE, error: (l) => errors.push(l) });
  });

  afterAll(async () => {
    await server?.close();
    if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  test("serves the sidebar menuAllocate shows, with google.script.run defined before the page's script, on 127.0.0.1", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await request(server.url);
    expect(page.status).toBe(200);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(page.headers["content-security-policy"]).toMatch(/default-src 'none'/);
    expect(page.body).toContain("<h1>Allocate places</h1>");
    expect(page.body.indexOf("window.google")).toBeGreaterThan(0);
    expect(page.body.indexOf("window.google")).toBeLessThan(page.body.indexOf("var API = {"));
  });

  test("the page is what Ui.showSidebar received from menuAllocate, titled Allocate places", async () => {
    const env = await loadHub(dir, { bundleCode: BUNDLE });
    const shown = allocationSidebar(env);
    expect(shown.title).toBe("Allocate places");
    expect((await request(server.url)).body).toContain(shown.content.slice(-2000));
  });

  test("runs an api function as the hub lead and answers {ok, value}", async () => {
    const reply = await api(server, "apiAllocationProgrammes", []);
    expect(reply.status).toBe(200);
    const answer = JSON.parse(reply.body) as { ok: boolean; value: AllocationProgrammeChoice[] };
    expect(answer.ok).toBe(true);
    expect(answer.value.map((p) => p.key)).toEqual(
      expect.arrayContaining(["sec-specialist", "sec-development"]),
    );
  });

  test("saves the hub after each call, each execution once", async () => {
    const before = executionsOnDisk(dir, "apiAllocationProgrammes");
    await api(server, "apiAllocationProgrammes", []);
    await api(server, "apiAllocationProgrammes", []);
    expect(executionsOnDisk(dir, "apiAllocationProgrammes")).toBe(before + 2);
  });

  test("an error in the add-on comes back as {ok: false, error} and one sentence on stderr", async () => {
    errors.length = 0;
    const reply = await api(server, "apiPreviewAllocation", [
      { programme: "no-such", overrides: [] },
    ]);
    const answer = JSON.parse(reply.body) as { ok: boolean; error: string };
    expect(answer.ok).toBe(false);
    expect(answer.error).toMatch(/^There is no programme "no-such"/);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^apiPreviewAllocation failed: There is no programme/);
    expect(errors[0]).not.toContain("\n");
  });

  test("runs nothing but api functions: a menu action, a trigger or an unknown name is refused", async () => {
    const setup = executionsOnDisk(dir, "menuSetUpHub");
    for (const name of ["menuSetUpHub", "runScheduledJobs", "onOpen"]) {
      const reply = await api(server, name, []);
      expect(reply.status).toBe(403);
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: `${name} is not a sidebar function (api…).`,
      });
    }
    expect(executionsOnDisk(dir, "menuSetUpHub")).toBe(setup);
    const unknown = await api(server, "apiNoSuchThing", []);
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).error).toBe("The add-on has no function apiNoSuchThing.");
  });

  test("refuses other sites: a foreign Host (DNS rebinding), a foreign Origin, a form post that is not JSON", async () => {
    expect(
      (await api(server, "apiAllocationProgrammes", [], { Host: "evil.example" })).status,
    ).toBe(403);
    expect(
      (await api(server, "apiAllocationProgrammes", [], { Origin: "http://evil.example" })).status,
    ).toBe(403);
    const form = await request(`${server.url}api/apiAllocationProgrammes`, {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: "[]",
    });
    expect(form.status).toBe(415);
    expect((await request(`${server.url}api/apiAllocationProgrammes`)).status).toBe(405);
    const notArray = await request(`${server.url}api/apiAllocationProgrammes`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(notArray.status).toBe(400);
  });

  test("from the command line: prints the URL, serves until stopped, exits 0", async () => {
    const child = spawn(
      process.execPath,
      [path.join(ROOT, "bin/mhr.js"), "serve", dir, "--port", "0"],
      {
        cwd: ROOT,
      },
    );
    let stdout = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on("data", (c: Buffer) => {
        stdout += c.toString();
        const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(stdout);
        if (m) resolve(m[1]!);
      });
      child.on("exit", (code) => reject(new Error(`mhr serve exited with ${code}: ${stdout}`)));
    });
    expect(stdout).toMatch(
      /^Serving the allocation sidebar of .* at http:\/\/127\.0\.0\.1:\d+\/ \(press Ctrl\+C to stop\)\.\n$/,
    );
    expect((await request(url)).status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on("exit", resolve));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
  });

  test("from the command line: a port in use, a bad port or a missing hub is one sentence and exit code 2", async () => {
    const run = (...args: string[]) =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [path.join(ROOT, "bin/mhr.js"), ...args], {
          cwd: ROOT,
        });
        let stderr = "";
        child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
        child.on("exit", (code) => resolve({ code, stderr }));
      });
    const busy = await run("serve", dir, "--port", String(server.port));
    expect(busy).toEqual({
      code: 2,
      stderr: `mhr: Port ${server.port} is already in use; choose another with --port.\n`,
    });
    const bad = await run("serve", dir, "--port", "http");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'mhr: --port "http" is not a port number (0–65535; 0 picks a free one).\n',
    );
    const missing = await run("serve", path.join(path.dirname(dir), "nowhere"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^mhr: There is no hub at .*nowhere: run "mhr init .*" first\.\n$/,
    );
  });
});

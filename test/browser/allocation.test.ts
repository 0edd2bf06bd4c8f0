// The allocation sidebar in a real browser (Debian's Chromium, driven by playwright-core), served
// by `mhr serve` in-process from a hub folder: choose a programme, preview, pin and exclude with
// written reasons, re-run, confirm, offer the next place; then read the hub folder to see what
// the add-on wrote. CI installs Chromium (.ci/run): without it this test fails, it never skips.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { loadHub, saveHub } from "../../emulator/cli/hub-folder";
import { serveHub, type RunningServe } from "../../emulator/cli/serve";
import { sheetObjects } from "../../emulator/runner/admin";
import type { HubEnvironment } from "../../emulator/runner/environment";
import { BUNDLE } from "../e2e/helpers";
import { allocationHub, HUB_LEAD, setCell, SPECIALIST_PLACES } from "./allocation-hub";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = path.resolve(__dirname, "../..");
const SCREENSHOT = path.join(ROOT, "docs/screenshots/allocation-sidebar.png");

jest.setTimeout(300_000);

/** The hub as saved on disk: what a person opening hub.xlsx would see. */
async function onDisk(dir: string): Promise<HubEnvironment> {
  return loadHub(dir, { bundleCode: BUNDLE });
}

function outbox(dir: string): Array<{ to: string; subject: string }> {
  const file = path.join(dir, "outbox.jsonl");
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as { to: string; subject: string });
}

function decisionEmailsQueued(env: HubEnvironment) {
  return sheetObjects(env, "Mail queue").filter((m) => String(m.Key).startsWith("decision:"));
}

/** Waits until the sidebar has no call in flight (it marks the page aria-busy meanwhile). */
async function settled(page: Page): Promise<void> {
  await page.waitForSelector('body[aria-busy="false"]');
}

async function rowIds(page: Page, list: string): Promise<string[]> {
  return page.$$eval(`#${list} .row`, (rows) =>
    rows.map((r) => (r as HTMLElement).dataset.responseId ?? ""),
  );
}

async function override(
  page: Page,
  list: string,
  responseId: string,
  action: "pin" | "exclude" | "endorsement-waived",
  reason: string,
): Promise<void> {
  const row = page.locator(`#${list} .row[data-response-id="${responseId}"]`);
  await row.locator(`button[data-action="${action}"]`).click();
  await row.locator("form textarea").fill(reason);
  await row.locator('form button[type="submit"]').click();
}

describe("allocation sidebar in Chromium (mhr serve)", () => {
  let browser: Browser;
  let server: RunningServe;
  let page: Page;
  let dir: string;
  let ids: Awaited<ReturnType<typeof allocationHub>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(
        `Chromium is not installed at ${CHROMIUM}: install it with "apt-get install chromium" (.ci/run does).`,
      );
    ids = await allocationHub();
    dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "mhr-serve-")), "hub");
    await saveHub(dir, ids.env);
    server = await serveHub(dir, { port: 0, bundleCode: BUNDLE, error: () => undefined });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    // A Sheets sidebar is 300 pixels wide.
    page = await browser.newPage({ viewport: { width: 300, height: 900 } });
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    await settled(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  });

  test("the page is the sidebar menuAllocate shows, titled Allocate places, listing the programmes", async () => {
    expect(await page.textContent("h1")).toBe("Allocate places");
    const options = await page.$$eval("#programme option", (o) =>
      o.map((x) => (x as HTMLOptionElement).value),
    );
    expect(options).toEqual(expect.arrayContaining(["sec-specialist", "sec-development"]));
    expect(await page.isDisabled("#preview")).toBe(true);
  });

  test("Specialist: preview, pin a waitlisted applicant and exclude a placed one with reasons, re-run, confirm", async () => {
    const emailsBefore = outbox(dir).length;
    await page.selectOption("#programme", "sec-specialist");
    await page.click("#preview");
    await settled(page);
    expect(await page.isVisible("#preview-section")).toBe(true);
    expect(await page.textContent("#error")).toBe("");

    const placed = await rowIds(page, "placed");
    const waiting = await rowIds(page, "waitlist");
    const notConsidered = await rowIds(page, "not-considered");
    expect(placed).toHaveLength(SPECIALIST_PLACES);
    expect(waiting).toHaveLength(2);
    expect(notConsidered).toEqual([ids.awaitingEndorsement]);
    expect(await page.textContent("#placed-heading")).toBe(`Placed (${SPECIALIST_PLACES})`);
    // Why, the tie-break rule and seed, and whether the optimum is proven are all shown.
    expect(await page.textContent("#preview-tiebreak")).toMatch(/^Tie-break: .+ Seed: \d+\.$/);
    expect(await page.textContent("#preview-method")).toMatch(/Optimum proven/);
    expect(await page.textContent("#groups")).toContain(
      `${SPECIALIST_PLACES} of ${SPECIALIST_PLACES} places used`,
    );
    const waitingWhy = await page.textContent(
      `#waitlist .row[data-response-id="${waiting[0]}"] .why`,
    );
    expect(waitingWhy).not.toBe("");
    expect(
      await page.textContent(`#not-considered .row[data-response-id="${ids.awaitingEndorsement}"]`),
    ).toMatch(/Endorsement Requested/);
    // Only the application without a confirmed endorsement offers "Waive endorsement".
    expect(await page.locator('#placed button[data-action="endorsement-waived"]').count()).toBe(0);
    expect(
      await page
        .locator(
          `#not-considered .row[data-response-id="${ids.awaitingEndorsement}"] button[data-action="endorsement-waived"]`,
        )
        .count(),
    ).toBe(1);

    // A preview writes nothing and queues nothing.
    let hub = await onDisk(dir);
    expect(sheetObjects(hub, "Applications").every((r) => r.Decision === "")).toBe(true);
    expect(decisionEmailsQueued(hub)).toHaveLength(0);

    // An override without a reason is refused in the sidebar itself.
    const pinned = waiting[waiting.length - 1]!;
    const pinRow = page.locator(`#waitlist .row[data-response-id="${pinned}"]`);
    await pinRow.locator('button[data-action="pin"]').click();
    await pinRow.locator("form textarea").fill("   ");
    await pinRow.locator('form button[type="submit"]').click();
    expect(await pinRow.locator("form .error").textContent()).toBe(
      "Write a reason: every override needs one.",
    );
    expect(await page.isVisible("#no-overrides")).toBe(true);
    await pinRow.locator("form textarea").fill("Only applicant from a school in special measures.");
    await pinRow.locator('form button[type="submit"]').click();

    const excluded = placed[0]!;
    await override(
      page,
      "placed",
      excluded,
      "exclude",
      "Has withdrawn by telephone; email to follow.",
    );
    expect(await page.locator("#overrides li").count()).toBe(2);
    // Until it is re-run, the preview does not show the overrides: confirming is held back.
    expect(await page.isVisible("#stale")).toBe(true);
    expect(await page.isDisabled("#confirm")).toBe(true);

    await page.click("#rerun");
    await settled(page);
    expect(await page.isVisible("#stale")).toBe(false);
    const placedAfter = await rowIds(page, "placed");
    expect(placedAfter).toContain(pinned);
    expect(placedAfter).not.toContain(excluded);
    expect(await rowIds(page, "not-considered")).toContain(excluded);
    expect(
      await page.textContent(`#not-considered .row[data-response-id="${excluded}"] .why`),
    ).toBe(`Excluded by ${HUB_LEAD}: Has withdrawn by telephone; email to follow.`);
    const overridesText = await page.textContent("#overrides");
    expect(overridesText).toContain("Effect:");
    expect(overridesText).not.toContain("Refused:");

    // Removing an override and adding it back: the list is editable, and re-running restores it.
    await page.click('#overrides button[aria-label^="Remove the exclusion"]');
    expect(await page.locator("#overrides li").count()).toBe(1);
    expect(await page.isVisible("#stale")).toBe(true);
    await override(
      page,
      "not-considered",
      excluded,
      "exclude",
      "Has withdrawn by telephone; email to follow.",
    );
    expect(await page.isVisible("#stale")).toBe(false); // the same overrides as the preview

    // The confirm step says what will happen before anything does.
    await page.click("#confirm");
    const effects = await page.textContent("#confirm-effects");
    expect(effects).toContain(`offer ${SPECIALIST_PLACES} places`);
    expect(effects).toContain("on the waiting list");
    expect(effects).toContain("Nothing is sent now.");
    await page.screenshot({ path: SCREENSHOT, fullPage: true });

    await page.click("#confirm-yes");
    await settled(page);
    expect(await page.textContent("#error")).toBe("");
    expect(await page.isVisible("#outcome-section")).toBe(true);
    expect(await page.textContent("#outcome")).toMatch(/offered/);

    hub = await onDisk(dir);
    const rows = sheetObjects(hub, "Applications").filter((r) => r.Programme === "sec-specialist");
    const decision = (id: string) => rows.find((r) => r["Response ID"] === id)!.Decision;
    expect(rows.filter((r) => r.Decision === "Offered")).toHaveLength(SPECIALIST_PLACES);
    expect(decision(pinned)).toBe("Offered");
    expect(decision(excluded)).toBe("Not offered");
    expect(decision(ids.awaitingEndorsement)).toBe(""); // undecided until its endorsement arrives
    expect(rows.filter((r) => r.Decision === "Waitlisted").length).toBeGreaterThan(0);
    const cohort = sheetObjects(hub, "Cohort – sec-specialist");
    expect(cohort.map((r) => r["Response ID"]).sort()).toEqual(
      rows
        .filter((r) => r.Decision === "Offered")
        .map((r) => r["Response ID"])
        .sort(),
    );
    // Decision emails wait in the mail queue for the hourly run: none has been sent.
    const queued = decisionEmailsQueued(hub);
    expect(queued.length).toBe(
      rows.filter((r) => ["Offered", "Waitlisted", "Not offered"].includes(String(r.Decision)))
        .length,
    );
    expect(outbox(dir).length).toBe(emailsBefore);
    const audit = sheetObjects(hub, "Audit");
    expect(
      audit.some(
        (a) => /override: pin/.test(String(a.Action)) && /special measures/.test(String(a.After)),
      ),
    ).toBe(true);

    // Every place is taken, so "Offer next" says so.
    await page.click("#offer-next");
    await settled(page);
    expect(await page.textContent("#offer-next-result")).toMatch(/Every place/);

    // Someone withdraws (a lead edits the hub while it is served): the next on the list is offered.
    const leaving = placedAfter.find((id) => id !== pinned)!;
    setCell(hub, leaving, "Decision", "Withdrawn");
    await saveHub(dir, hub);
    await page.click("#offer-next");
    await settled(page);
    expect(await page.textContent("#offer-next-result")).toMatch(
      /number 1 on the waiting list\) is offered a place/,
    );
    hub = await onDisk(dir);
    expect(
      sheetObjects(hub, "Applications").filter(
        (r) => r.Programme === "sec-specialist" && r.Decision === "Offered",
      ),
    ).toHaveLength(SPECIALIST_PLACES);
  });

  test("Development Work Group: seats per group, a stale preview refused in a plain sentence, then confirmed", async () => {
    await page.selectOption("#programme", "sec-development");
    expect(await page.isVisible("#preview-section")).toBe(false); // a new programme starts afresh
    await page.click("#preview");
    await settled(page);
    const groups = await page.$$eval("#groups .group", (g) => g.map((x) => x.textContent ?? ""));
    expect(groups).toHaveLength(2);
    expect(groups[0]).toMatch(/DEV-HERTS-1 \(Hatfield\).*Priya Shah.*2 of 2 places used/);
    expect(groups[1]).toMatch(/DEV-ESSEX-1 \(Chelmsford\).*Tom Reed.*2 of 2 places used/);
    expect(await rowIds(page, "placed")).toHaveLength(4);
    expect(await rowIds(page, "waitlist")).toHaveLength(1);
    expect(await page.textContent("#placed")).toMatch(/Group: DEV-HERTS-1 \(Hatfield\)/);

    // The register changes after the preview (an endorsement is withdrawn): confirming refuses.
    let hub = await onDisk(dir);
    setCell(hub, ids.development[0]!, "Endorsement", "Requested");
    await saveHub(dir, hub);
    await page.click("#confirm");
    await page.click("#confirm-yes");
    await settled(page);
    const error = await page.textContent("#error");
    expect(error).toMatch(/changed since your preview/);
    expect(error).not.toMatch(/^(Error|Exception)/);
    hub = await onDisk(dir);
    expect(
      sheetObjects(hub, "Applications").filter(
        (r) => r.Programme === "sec-development" && r.Decision !== "",
      ),
    ).toHaveLength(0);

    await page.click("#preview");
    await settled(page);
    expect(await page.textContent("#error")).toBe("");
    await page.click("#confirm");
    await page.click("#confirm-yes");
    await settled(page);
    expect(await page.isVisible("#outcome-section")).toBe(true);
    hub = await onDisk(dir);
    const sheets = hub.spreadsheet.getSheets().map((s) => s.getName());
    const cohortSheets = sheets.filter((n) => n.startsWith("Cohort – sec-development"));
    expect(cohortSheets.length).toBeGreaterThan(0);
    const outcome = await page.textContent("#outcome-details");
    for (const name of cohortSheets) expect(outcome).toContain(name);
    expect(
      sheetObjects(hub, "Applications").filter(
        (r) => r.Programme === "sec-development" && r.Decision === "Offered",
      ).length,
    ).toBeGreaterThan(0);
  });

  test("no script error on the page, and nothing an applicant typed became markup", async () => {
    expect(pageErrors).toEqual([]);
    // Applicant names with apostrophes (Grace O'Neill) arrive as text.
    expect(await page.locator("#preview-section b, #preview-section img").count()).toBe(0);
  });
});

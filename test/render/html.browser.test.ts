/**
 * report.html in a real browser: Debian's chromium driven by playwright-core. The page must show the
 * summary tables of every group and draw every chart (a non-empty SVG box with marks), with no console
 * error and no network request. `.ci/run` installs chromium when it is missing; set FTPARSE_CHROMIUM to
 * use another binary.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, it } from "node:test";
import { chromium, type BrowserContext } from "playwright-core";
import { fixture, runCli } from "../helpers.js";

const executablePath = process.env.FTPARSE_CHROMIUM ?? "/usr/bin/chromium";

describe("report.html in chromium", () => {
  let dir: string;
  let profile: string;
  let browser: BrowserContext;

  before(async () => {
    assert.ok(
      existsSync(executablePath),
      `no browser at ${executablePath}: install Debian's chromium (apt-get install -y chromium) or set FTPARSE_CHROMIUM`,
    );
    dir = await mkdtemp(join(tmpdir(), "ftparse-html-"));
    profile = await mkdtemp(join(tmpdir(), "ftparse-chromium-"));
    const r = await runCli([fixture("samples", "legacy"), "--out", dir, "--format", "json"]);
    assert.equal(r.code, 0, r.stderr);
    // a fresh profile (--user-data-dir) for every run
    browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  });

  after(async () => {
    await browser?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  it("renders every table and chart with no console error and no network request", async () => {
    const page = await browser.newPage();
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => {
      if (!r.url().startsWith("file:")) requests.push(r.url());
    });
    await page.goto(pathToFileURL(join(dir, "report.html")).href, { waitUntil: "load" });

    // tables: one article per test group, each with the reference table and the extended ones
    const groups = await page.locator("article.group h3").allTextContents();
    assert.deepEqual(groups, [
      "Test Group: agg-tp-1-dp-1",
      "Test Group: agg-tp-1-dp-2",
      "Test Group: disagg-tp-1-dp-1",
    ]);
    assert.equal(await page.locator("table.reference").count(), 3);
    assert.equal(await page.locator("table.reference tbody tr").count(), 8);
    assert.ok((await page.locator("table.extended").count()) >= 6);
    const firstRow = await page.locator("table.reference").first().locator("tbody tr").nth(1).textContent();
    assert.match(firstRow ?? "", /frontend.*235.*314.*450.*3\.64/);

    // charts: every figure holds an SVG with a visible box and drawn marks
    const charts = await page.locator("figure.chart").evaluateAll((figures) =>
      figures.map((f) => {
        const svg = f.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        return {
          name: f.getAttribute("data-chart"),
          width: box?.width ?? 0,
          height: box?.height ?? 0,
          marks: svg?.querySelectorAll("path, rect, line, text").length ?? 0,
          text: svg?.textContent ?? "",
        };
      }),
    );
    assert.deepEqual(
      charts.map((c) => c.name),
      ["recovery", "outcomes", "timeline", "latency"],
    );
    for (const c of charts) {
      assert.ok(c.width > 200 && c.height > 150, `${c.name}: SVG box ${c.width}x${c.height}`);
      assert.ok(c.marks > 20, `${c.name}: only ${c.marks} marks`);
    }
    assert.match(charts[0]!.text, /seconds after the fault/);
    assert.match(charts[2]!.text, /disagg-tp-1-dp-1 \/ decode_worker/);

    // the warnings section names the truncated client line
    assert.match((await page.locator("#warnings").textContent()) ?? "", /client_3\.log\.txt:100/);
    assert.deepEqual(problems, []);
    assert.deepEqual(requests, []);
    await page.close();
  });
});

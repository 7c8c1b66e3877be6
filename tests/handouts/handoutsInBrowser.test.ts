import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";
import { checkHandoutsSite } from "./checkHandoutsSite.js";
import { pathToFileURL } from "node:url";
import { launchChromium } from "./openPagesInChromium.js";

const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");

describe("the handouts of the fixtures in headless Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws every chart and formula offline, without errors, and screenshots each notebook page", async () => {
    const reports = await checkHandoutsSite(browser, fixturesDir, fixturesDir, path.join(repoRoot, "dist/handouts-fixtures"));
    const everyOutput = reports.get("01-every-output.html")!;
    expect([everyOutput.charts, everyOutput.drawnCharts, everyOutput.katex]).toEqual([1, 1, 4]);
    const noTitle = reports.get("02-no-title.html")!;
    expect([noTitle.charts, noTitle.drawnCharts, noTitle.katex]).toEqual([1, 1, 1]);
  });

  it("finds a cell of another page with the course search, offline", async () => {
    const page = await browser.newPage();
    const foreign: string[] = [];
    const errors: string[] = [];
    page.on("request", (request) => {
      if (!/^(file|data):/.test(request.url())) foreign.push(request.url());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(pathToFileURL(path.join(repoRoot, "dist/handouts-fixtures/02-no-title.html")).href);
    await page.fill("#course-search", "softmax");
    await page.locator("#course-search-results a").first().waitFor();
    const hits = await page.$$eval("#course-search-results a", (links) =>
      links.map((link) => `${link.getAttribute("href")} ${link.querySelector("strong")!.textContent}`),
    );
    await page.close();
    // The two cells whose text has "softmax": the exercise and the LaTeX display call.
    expect(hits.sort()).toEqual([
      "01-every-output.html#cell-exercise-softmax Every output type › Exercises",
      "01-every-output.html#cell-latex Every output type › Tables and images",
    ]);
    expect([foreign, errors]).toEqual([[], []]);
  });

  it("prints the article alone, full width, without the navigation", async () => {
    const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    await page.goto(pathToFileURL(path.join(repoRoot, "dist/handouts-fixtures/01-every-output.html")).href);
    await page.emulateMedia({ media: "print" });
    const printed = await page.evaluate(() => ({
      hidden: [".site-header", ".course-toc", ".page-outline", ".pager"].map((selector) => getComputedStyle(document.querySelector(selector)!).display),
      articleWidth: document.querySelector("article")!.getBoundingClientRect().width,
      bodyWidth: document.body.getBoundingClientRect().width,
    }));
    await page.close();
    expect(printed.hidden).toEqual(["none", "none", "none", "none"]);
    expect(printed.articleWidth).toBe(printed.bodyWidth);
  });
});

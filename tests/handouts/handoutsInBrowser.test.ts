import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";
import { checkHandoutsSite } from "./checkHandoutsSite.js";
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
});

import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { joinSource, readNotebook, type Notebook } from "../../tools/src/handouts/notebookFormat.js";
import { renderHandouts } from "../../tools/src/handouts/renderHandouts.js";
import { repoRoot } from "../helpers/runNode.js";
import { launchChromium, openPage, type PageReport } from "./openPagesInChromium.js";

const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");
const executedCourseDir = path.join(repoRoot, "dist/notebooks");
const courseExecuted = existsSync(executedCourseDir) && readdirSync(executedCourseDir).some((name) => name.endsWith(".ipynb"));

/** True when the notebook has `$…$`/`$$…$$` math in markdown or a LaTeX output, which must come out as KaTeX. */
function hasMath(notebook: Notebook): boolean {
  return notebook.cells.some((cell) =>
    cell.cell_type === "markdown"
      ? /\$\$[\s\S]+?\$\$|(^|[^\\$])\$[^$\s][^$\n]*\$/.test(joinSource(cell.source))
      : cell.cell_type === "code" && cell.outputs.some((output) => "data" in output && output.data["text/latex"] !== undefined),
  );
}

function expectCleanPage(report: PageReport): void {
  expect(report.consoleErrors, `console errors on ${report.file}`).toEqual([]);
  expect(report.foreignRequests, `requests leaving file:// on ${report.file}`).toEqual([]);
  expect(report.failedRequests, `failed requests on ${report.file}`).toEqual([]);
  expect(report.drawnCharts, `Plotly charts drawn on ${report.file}`).toBe(report.charts);
  expect(report.katexErrors, `KaTeX errors on ${report.file}`).toBe(0);
}

/** Renders `executedDir`, opens every page, screenshots each notebook's page, and checks them all. */
async function checkSite(browser: Browser, executedDir: string, sourceDir: string, outDir: string): Promise<Map<string, PageReport>> {
  const site = await renderHandouts({ executedDir, outDir, sourceDir });
  const reports = new Map<string, PageReport>();
  reports.set("index.html", await openPage(browser, outDir, "index.html"));
  for (const page of site.pages) {
    const screenshot = path.join(outDir, "screenshots", page.file.replace(/\.html$/, ".png"));
    const report = await openPage(browser, outDir, page.file, screenshot);
    reports.set(page.file, report);
    expect(existsSync(screenshot)).toBe(true);
    if (hasMath(await readNotebook(path.join(executedDir, page.notebook)))) {
      expect(report.katex, `rendered math on ${page.file}`).toBeGreaterThan(0);
    }
    expect(report.charts, `charts on ${page.file}`).toBe(page.chartCount);
  }
  for (const report of reports.values()) expectCleanPage(report);
  return reports;
}

describe("the handouts in headless Chromium", () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws every chart and formula of the fixtures offline, without errors", async () => {
    const reports = await checkSite(browser, fixturesDir, fixturesDir, path.join(repoRoot, "dist/handouts-fixtures"));
    const everyOutput = reports.get("01-every-output.html")!;
    expect([everyOutput.charts, everyOutput.drawnCharts, everyOutput.katex]).toEqual([1, 1, 4]);
    const noTitle = reports.get("02-no-title.html")!;
    expect([noTitle.charts, noTitle.drawnCharts, noTitle.katex]).toEqual([1, 1, 1]);
  });

  it.skipIf(!courseExecuted)("draws every page of the executed course (dist/notebooks) offline, without errors", async () => {
    const reports = await checkSite(browser, executedCourseDir, path.join(repoRoot, "notebooks"), path.join(repoRoot, "dist/handouts"));
    expect(reports.size).toBeGreaterThan(1);
  }, 300_000);
});

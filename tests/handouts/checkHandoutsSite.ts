import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { expect } from "vitest";
import { joinSource, readNotebookFile, type Notebook } from "@tsdl/kernel-ext/notebook";
import { renderHandouts } from "../../tools/src/handouts/renderHandouts.js";
import { openPage, type PageReport } from "./openPagesInChromium.js";

/** True when the notebook has `$…$`/`$$…$$` math in markdown or a LaTeX output, which must come out as KaTeX. */
function hasMath(notebook: Notebook): boolean {
  return notebook.cells.some((cell) =>
    cell.cell_type === "markdown"
      ? /\$\$[\s\S]+?\$\$|(^|[^\\$])\$[^$\s][^$\n]*\$/.test(joinSource(cell.source))
      : cell.cell_type === "code" && cell.outputs.some((output) => (output.output_type === "display_data" || output.output_type === "execute_result") && output.data["text/latex"] !== undefined),
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
export async function checkHandoutsSite(browser: Browser, executedDir: string, sourceDir: string, outDir: string): Promise<Map<string, PageReport>> {
  const site = await renderHandouts({ executedDir, outDir, sourceDir });
  const reports = new Map<string, PageReport>();
  // One context for all pages, so Chromium compiles plotly.js once and reuses its code cache.
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  reports.set("index.html", await openPage(context, outDir, "index.html"));
  for (const page of site.pages) {
    const screenshot = path.join(outDir, "screenshots", page.file.replace(/\.html$/, ".png"));
    const report = await openPage(context, outDir, page.file, screenshot);
    reports.set(page.file, report);
    expect(existsSync(screenshot)).toBe(true);
    if (hasMath(await readNotebookFile(path.join(executedDir, page.notebook)))) {
      expect(report.katex, `rendered math on ${page.file}`).toBeGreaterThan(0);
    }
    expect(report.charts, `charts on ${page.file}`).toBe(page.chartCount);
  }
  await context.close();
  for (const report of reports.values()) expectCleanPage(report);
  return reports;
}

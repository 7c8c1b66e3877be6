import { existsSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { expect } from "vitest";
import { joinSource, readNotebookFile, type Notebook } from "@tsdl/kernel-ext/notebook";
import { renderBilingualHandouts } from "../../tools/src/handouts/bilingualHandouts.js";
import type { GlossaryEntry } from "../../tools/src/i18n/glossary.js";
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

/**
 * Renders `executedDir` (and its Chinese edition in `zh/`, when there is one), opens every page of both
 * editions, screenshots each notebook's page, and checks them all. Chinese pages are keyed `zh/<file>`.
 */
export async function checkHandoutsSite(browser: Browser, executedDir: string, sourceDir: string, outDir: string, glossary?: GlossaryEntry[]): Promise<Map<string, PageReport>> {
  const site = await renderBilingualHandouts({ executedDir, outDir, sourceDir, glossary });
  const editions = [
    ...(site.en ? [{ prefix: "", executed: executedDir, pages: site.en.pages }] : []),
    ...(site.zh ? [{ prefix: "zh/", executed: path.join(executedDir, "zh"), pages: site.zh.pages }] : []),
  ];
  const reports = new Map<string, PageReport>();
  // One context for all pages, so Chromium compiles plotly.js once and reuses its code cache.
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  for (const edition of editions) {
    const index = `${edition.prefix}index.html`;
    reports.set(index, await openPage(context, outDir, index));
    for (const page of edition.pages) {
      const file = `${edition.prefix}${page.file}`;
      const screenshot = path.join(outDir, "screenshots", file.replace(/\.html$/, ".png"));
      const report = await openPage(context, outDir, file, screenshot);
      reports.set(file, report);
      expect(existsSync(screenshot)).toBe(true);
      if (hasMath(await readNotebookFile(path.join(edition.executed, page.notebook)))) {
        expect(report.katex, `rendered math on ${file}`).toBeGreaterThan(0);
      }
      expect(report.charts, `charts on ${file}`).toBe(page.chartCount);
    }
  }
  await context.close();
  for (const report of reports.values()) expectCleanPage(report);
  return reports;
}

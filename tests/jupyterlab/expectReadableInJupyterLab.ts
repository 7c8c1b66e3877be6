import path from "node:path";
import { expect } from "vitest";
import { JupyterLabRenderer, type OutputView, type PageView, type Theme } from "./jupyterLabRendering.js";

export interface NotebookToCheck {
  name: string;
  notebook: unknown;
  /** Where to save trusted.png / untrusted.png (light theme) and untrusted-dark.png for this notebook. */
  screenshotDir?: string;
}

/** Per notebook, what was seen: counts trusted → untrusted, for the report. */
export interface ReadabilitySummary {
  name: string;
  plotly: number;
  chartsTrusted: number;
  picturesUntrusted: number;
  tablesTrusted: number;
  tablesUntrusted: number;
  imagesTrusted: number;
  imagesUntrusted: number;
  lowestContrast: number;
}

// WCAG's minimum for large text and UI components; translucent captions sit just above it.
const minimumContrast = 3;

function where(name: string, view: OutputView, mode: string): string {
  return `${name} cell ${view.cell} output ${view.output} (${mode}): ${view.text.replace(/\s+/g, " ").slice(0, 60)}`;
}

function expectCleanPage(name: string, mode: string, page: PageView): void {
  expect(page.errors, `${name} (${mode}): console errors`).toEqual([]);
  expect(page.requests, `${name} (${mode}): requests to another host`).toEqual([]);
}

/**
 * Renders every notebook with JupyterLab's renderers (trusted and untrusted in the light theme, untrusted
 * in the dark one) and asserts
 * that untrusted outputs show what trusted ones show: a static picture for every Plotly chart (an
 * interactive chart when trusted), the same tables and images, and text that contrasts with its
 * background in both themes.
 */
export async function expectReadableInJupyterLab(notebooks: NotebookToCheck[]): Promise<ReadabilitySummary[]> {
  const renderer = await JupyterLabRenderer.start();
  const summaries: ReadabilitySummary[] = [];
  try {
    for (const { name, notebook, screenshotDir } of notebooks) {
      const views: Record<string, PageView> = {};
      // Dark and trusted is left out: there plotly.js draws with its own colours, not the kernel's.
      const modes: Array<[Theme, boolean]> = [["light", true], ["light", false], ["dark", false]];
      for (const [theme, trusted] of modes) {
        const mode = `${trusted ? "trusted" : "untrusted"}, ${theme}`;
        const file = `${trusted ? "trusted" : "untrusted"}${theme === "dark" ? "-dark" : ""}.png`;
        const screenshot = screenshotDir ? path.join(screenshotDir, file) : undefined;
        const page = await renderer.render(notebook, { trusted, theme, screenshot });
        expectCleanPage(name, mode, page);
        for (const view of page.outputs) {
          expect(view.contrast.ratio, `${where(name, view, mode)}: text "${view.contrast.text}" hardly contrasts`).toBeGreaterThanOrEqual(minimumContrast);
          expect(view.overlappingText, `${where(name, view, mode)}: overlapping text (captions)`).toEqual([]);
          expect(view.pictureText.cut, `${where(name, view, mode)}: text cut short in a chart picture`).toEqual([]);
        }
        views[mode] = page;
      }
      const trusted = views["trusted, light"]!.outputs;
      const untrusted = views["untrusted, light"]!.outputs;
      expect(untrusted.length).toBe(trusted.length);
      trusted.forEach((shown, i) => {
        const reopened = untrusted[i]!;
        if (shown.plotly) {
          expect(shown.charts, `${where(name, shown, "trusted")}: interactive chart`).toBe(1);
          expect(shown.pictures, `${where(name, shown, "trusted")}: the picture gives way to the chart`).toBe(0);
          expect(reopened.pictures, `${where(name, reopened, "untrusted")}: static picture`).toBe(1);
        }
        expect(reopened.tables, `${where(name, reopened, "untrusted")}: tables`).toBe(shown.tables);
        expect(reopened.imagesLoaded, `${where(name, reopened, "untrusted")}: images`).toBe(shown.imagesLoaded);
        expect(reopened.images).toBe(reopened.imagesLoaded);
      });
      const all = Object.values(views).flatMap((page) => page.outputs);
      summaries.push({
        name,
        plotly: trusted.filter((v) => v.plotly).length,
        chartsTrusted: trusted.reduce((n, v) => n + v.charts, 0),
        picturesUntrusted: untrusted.reduce((n, v) => n + v.pictures, 0),
        tablesTrusted: trusted.reduce((n, v) => n + v.tables, 0),
        tablesUntrusted: untrusted.reduce((n, v) => n + v.tables, 0),
        imagesTrusted: trusted.reduce((n, v) => n + v.imagesLoaded, 0),
        imagesUntrusted: untrusted.reduce((n, v) => n + v.imagesLoaded, 0),
        lowestContrast: Math.min(...all.map((v) => v.contrast.ratio)),
      });
    }
  } finally {
    await renderer.close();
  }
  return summaries;
}

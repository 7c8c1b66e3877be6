import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { repoRoot } from "../helpers/runNode.js";
import { expectReadableInJupyterLab } from "./expectReadableInJupyterLab.js";

export { jlrenderAvailable } from "./jupyterLabRendering.js";

const pictureBudgetBytes = 100_000;
const displayBudgetBytes = 1_000_000;
// The screenshot pairs kept as CI artifacts: the notebooks with the most charts and tables.
const screenshotNotebooks = ["04-training.ipynb", "05-evaluation.ipynb"];

interface StoredOutput {
  output_type: string;
  data?: Record<string, unknown>;
}

/** Checks the stored sizes: each static picture ≤ 100 KB and each display ≤ 1 MB, plotly.js's own output aside. */
function expectOutputSizes(name: string, notebook: { cells: Array<{ outputs?: StoredOutput[] }> }): { pictures: number; largestPicture: number } {
  let pictures = 0;
  let largestPicture = 0;
  for (const output of notebook.cells.flatMap((cell) => cell.outputs ?? [])) {
    if (!output.data) continue;
    const html = typeof output.data["text/html"] === "string" ? output.data["text/html"] : "";
    if (html.includes("window.__tsdlPlotly = ")) continue;
    for (const [, src] of html.matchAll(/<img id="[^"]+-static" src="([^"]+)"/g)) {
      pictures += 1;
      largestPicture = Math.max(largestPicture, src!.length);
      expect(src!.length, `${name}: a static chart picture`).toBeLessThanOrEqual(pictureBudgetBytes);
    }
    expect(Buffer.byteLength(JSON.stringify(output.data)), `${name}: one display`).toBeLessThanOrEqual(displayBudgetBytes);
  }
  return { pictures, largestPicture };
}

/**
 * Issue 10's acceptance on the executed course: every notebook in `executedDir` rendered by JupyterLab's
 * own renderers shows untrusted what it shows trusted, with no console errors or outside requests;
 * screenshot pairs of two notebooks go to dist/jupyterlab/.
 */
export async function expectCourseInJupyterLab(executedDir: string): Promise<void> {
  const started = Date.now();
  const names = readdirSync(executedDir).filter((name) => name.endsWith(".ipynb")).sort();
  expect(names.length).toBeGreaterThan(0);
  const notebooks = names.map((name) => {
    const file = path.join(executedDir, name);
    const notebook = JSON.parse(readFileSync(file, "utf8")) as { cells: Array<{ outputs?: StoredOutput[] }> };
    return { name, notebook, bytes: statSync(file).size, ...expectOutputSizes(name, notebook) };
  });
  const summaries = await expectReadableInJupyterLab(
    notebooks.map(({ name, notebook }) => ({
      name,
      notebook,
      screenshotDir: screenshotNotebooks.includes(name) ? path.join(repoRoot, "dist/jupyterlab", name.replace(/\.ipynb$/, "")) : undefined,
    })),
  );
  const rows = summaries.map((s, i) => {
    const { bytes, pictures, largestPicture } = notebooks[i]!;
    return `${s.name}: ${(bytes / 1e6).toFixed(2)} MB, charts ${s.plotly} (trusted drawn ${s.chartsTrusted}, untrusted pictures ${s.picturesUntrusted}, ${pictures} stored, largest ${Math.round(largestPicture / 1000)} KB), tables ${s.tablesTrusted}/${s.tablesUntrusted}, images ${s.imagesTrusted}/${s.imagesUntrusted}, lowest contrast ${s.lowestContrast.toFixed(1)}`;
  });
  process.stderr.write(`JupyterLab rendering (${((Date.now() - started) / 1000).toFixed(0)} s):\n${rows.join("\n")}\n`);
}

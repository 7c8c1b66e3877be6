import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

// The classic Notebook (Debian's jupyter-notebook 6.4) sends execute requests without cell ids, so
// the kernel cannot tell by id that the cell carrying plotly.js was re-run. This drives it in Chromium
// as a learner would: run all, re-run the first chart cell, save, reopen; the charts must still draw.
const jupyter = "/usr/bin/jupyter";
const available = existsSync(jupyter) && existsSync("/usr/bin/chromium");

const chartCell = (y: number[]) => `new Figure([{ type: "scatter", mode: "lines", y: ${JSON.stringify(y)} }], { title: { text: "chart" } })`;
const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: { kernelspec: { name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" } },
  cells: [
    { cell_type: "code", id: "imports", metadata: {}, execution_count: null, outputs: [], source: 'import { Figure } from "@tsdl/kernel-ext";' },
    { cell_type: "code", id: "first-chart", metadata: {}, execution_count: null, outputs: [], source: chartCell([1, 3, 2]) },
    { cell_type: "code", id: "second-chart", metadata: {}, execution_count: null, outputs: [], source: chartCell([2, 1, 3]) },
  ],
};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

let prefix: string;
let folder: string;
let server: ChildProcess | undefined;
let browser: Browser;
let base: string;

beforeAll(async () => {
  prefix = mkdtempSync(path.join(tmpdir(), "tsdl-classic-prefix-"));
  execFileSync(process.execPath, [path.join(repoRoot, "kernel-ext/dist/kernelspec/cli.js"), "--prefix", prefix]);
  // Inside the repository, so the notebook resolves @tsdl/kernel-ext from its node_modules.
  mkdirSync(path.join(repoRoot, "dist"), { recursive: true });
  folder = mkdtempSync(path.join(repoRoot, "dist", "classic-notebook-"));
  writeFileSync(path.join(folder, "charts.ipynb"), JSON.stringify(notebook));
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(jupyter, ["notebook", "--no-browser", "--allow-root", `--port=${port}`, "--ip=127.0.0.1", "--NotebookApp.token=", "--NotebookApp.password=", `--notebook-dir=${folder}`], {
    env: { ...process.env, JUPYTER_PATH: path.join(prefix, "share/jupyter"), JUPYTER_CONFIG_DIR: path.join(prefix, "config"), JUPYTER_DATA_DIR: path.join(prefix, "data"), JUPYTER_RUNTIME_DIR: path.join(prefix, "runtime") },
    stdio: "ignore",
  });
  for (let tries = 0; ; tries++) {
    try {
      if ((await fetch(`${base}/api`)).ok) break;
    } catch {
      if (tries > 100) throw new Error("jupyter notebook did not start");
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.kill("SIGTERM");
  rmSync(prefix, { recursive: true, force: true });
  if (folder) rmSync(folder, { recursive: true, force: true });
});

type ClassicWindow = { Jupyter: { notebook: Record<string, (...args: unknown[]) => unknown> & { kernel: { is_connected(): boolean }; get_cell(i: number): { execute(): void } } } };

async function openNotebook(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 1000 } });
  await page.goto(`${base}/notebooks/charts.ipynb`);
  await page.waitForFunction(() => (window as unknown as ClassicWindow).Jupyter?.notebook?.kernel?.is_connected?.() === true, null, { timeout: 60_000 });
  return page;
}

/** Waits until every code cell has run (an execution count, no `*`) and the kernel is idle. */
async function waitForCells(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const prompts = Array.from(document.querySelectorAll(".code_cell .input_prompt"), (p) => p.textContent ?? "");
      return prompts.length > 0 && prompts.every((p) => /\[\d+\]/.test(p)) && document.querySelector("#kernel_indicator_icon.kernel_idle_icon") !== null;
    },
    null,
    { timeout: 120_000 },
  );
}

const drawnCharts = (page: Page) => page.evaluate(() => document.querySelectorAll(".output_area .js-plotly-plot .main-svg").length > 0 ? document.querySelectorAll(".output_area .js-plotly-plot").length : 0);

describe.skipIf(!available)("interactive charts in the classic Notebook", () => {
  it("survive re-running the first chart cell, saving and reopening", async () => {
    const page = await openNotebook();
    await page.evaluate(() => (window as unknown as ClassicWindow).Jupyter.notebook.execute_all_cells());
    await waitForCells(page);
    await page.waitForFunction(() => document.querySelectorAll(".output_area .js-plotly-plot .main-svg").length >= 2, null, { timeout: 60_000 });
    // Re-running the cell that carried plotly.js replaces its outputs, the library with them.
    await page.evaluate(() => {
      document.querySelectorAll(".code_cell .input_prompt").forEach((p) => (p.textContent = ""));
      (window as unknown as ClassicWindow).Jupyter.notebook.get_cell(1).execute();
    });
    await page.waitForFunction(() => /\[\d+\]/.test(document.querySelectorAll(".code_cell .input_prompt")[1]?.textContent ?? ""), null, { timeout: 60_000 });
    await page.waitForTimeout(1_000);
    await page.evaluate(() => (window as unknown as ClassicWindow).Jupyter.notebook.save_notebook());
    await page.waitForTimeout(1_500);
    await page.screenshot({ path: path.join(repoRoot, "dist/jupyterlab/classic-after-rerun.png"), fullPage: true });
    await page.close();

    const saved = JSON.parse(readFileSync(path.join(folder, "charts.ipynb"), "utf8")) as { cells: Array<{ outputs?: Array<{ data?: Record<string, unknown> }> }> };
    const html = saved.cells.flatMap((c) => c.outputs ?? []).map((o) => String(o.data?.["text/html"] ?? ""));
    expect(html.filter((h) => h.includes("window.__tsdlPlotly =")), "outputs carrying plotly.js after the re-run").toHaveLength(1);

    // Reopened (trusted: the Notebook signed what it saved), both charts are drawn by plotly.js, not left as pictures.
    const reopened = await openNotebook();
    await reopened.waitForFunction(() => document.querySelectorAll(".output_area .js-plotly-plot .main-svg").length > 0, null, { timeout: 30_000 }).catch(() => undefined);
    await reopened.waitForTimeout(1_000);
    await reopened.screenshot({ path: path.join(repoRoot, "dist/jupyterlab/classic-reopened.png"), fullPage: true });
    expect(await drawnCharts(reopened)).toBe(2);
    expect(await reopened.evaluate(() => document.querySelectorAll('.output_area img[id$="-static"]').length)).toBe(0);
    await reopened.close();
  }, 240_000);
});

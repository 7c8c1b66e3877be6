// What the live handouts' Chromium tests share: the site built once per test file from the executed
// course, pages opened from file:// with every request off the machine refused, and a notebook run top to
// bottom in the page with its numbers compared to the executed notebook's.
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { readNotebookFile } from "@tsdl/kernel-ext/notebook";
import { renderBilingualHandouts } from "../../tools/src/handouts/bilingualHandouts.js";
import { renderHandouts } from "../../tools/src/handouts/renderHandouts.js";

export const repoRoot = fileURLToPath(new URL("../../", import.meta.url));
export const executedDir = path.join(repoRoot, "dist/notebooks");
export const screenshotDir = path.join(repoRoot, "dist/live-handouts-screenshots");

/** Needs the executed course (dist/notebooks), so it runs in CI after the course test, or with TSDL_LIVE_HANDOUTS=1. */
export function liveTestsEnabled(notebooks: string[]): boolean {
  const enabled = process.env.CI === "true" || process.env.TSDL_LIVE_HANDOUTS === "1";
  return enabled && notebooks.every((name) => existsSync(path.join(executedDir, `${name}.ipynb`)));
}

export class LiveSite {
  readonly offMachine: string[] = [];
  private constructor(readonly dir: string, private readonly browser: Browser) {}

  /** The English edition, or with `bilingual` both (the Chinese pages in `zh/`, when the Chinese course was executed). */
  static async open(bilingual = false): Promise<LiveSite> {
    const dir = await mkdtemp(path.join(tmpdir(), "tsdl-live-"));
    const options = { executedDir, outDir: dir, sourceDir: path.join(repoRoot, "notebooks") };
    await (bilingual ? renderBilingualHandouts(options) : renderHandouts(options));
    await mkdir(screenshotDir, { recursive: true });
    const browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    });
    return new LiveSite(dir, browser);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  /** `file` relative to the site; by default on the backend of the kernel that executed the course, so that seeded numbers agree. */
  async openPage(file: string, backend: string | null = "wasm"): Promise<Page> {
    const page = await this.browser.newPage({ viewport: { width: 1100, height: 900 } });
    await page.route(/^(?!file:|blob:|data:)/, (route) => {
      this.offMachine.push(route.request().url());
      return route.abort();
    });
    if (backend) await page.addInitScript((name) => Object.assign(globalThis, { __tsdlLive: { env: { TSDL_BACKEND: name } } }), backend);
    await page.goto(pathToFileURL(path.join(this.dir, file)).href);
    return page;
  }
}

export const cellsOf = (page: Page) => page.locator("section.code-cell");
export const cell = (page: Page, id: string) => page.locator(`section.code-cell#cell-${id}`);

export async function waitUntilRun(page: Page, expected: number, timeout = 300_000): Promise<void> {
  await page.waitForFunction((n) => document.querySelectorAll("section.code-cell[data-live-status]").length >= n, expected, { timeout, polling: 250 });
}

export async function setCode(target: Locator, code: string): Promise<void> {
  await target.locator(".cm-content").click();
  await target.page().keyboard.press("Control+A");
  await target.page().keyboard.insertText(code);
}

// Times and sizes in memory differ from run to run; every other number a cell prints is compared.
function numbersOf(text: string): string[] {
  const timeless = text.replace(/\b\d+:\d\d\b/g, "").replace(/\d+(\.\d+)?\s*(ms|s|seconds?|µs|GFLOPS)\b/g, "");
  return timeless.match(/-?\d+(\.\d+)?(e[-+]?\d+)?/gi) ?? [];
}

function sameNumbers(actual: string[], expected: string[], countOnly: boolean): boolean {
  return (
    actual.length === expected.length &&
    (countOnly || actual.every((token, i) => Math.abs(Number(token) - Number(expected[i]!)) <= 1e-6 * Math.max(1, Math.abs(Number(expected[i]!)))))
  );
}

// Each cell's outputs as text, whole and without charts (whose axes follow the values they draw).
const outputTexts = (page: Page) =>
  cellsOf(page).evaluateAll((sections) =>
    sections.map((section) => {
      const outputs = section.querySelector<HTMLElement>(".cell-outputs");
      if (!outputs) return { whole: "", withoutCharts: "" };
      const whole = outputs.innerText;
      const charts = Array.from(outputs.querySelectorAll<HTMLElement>(".output-plotly"));
      for (const chart of charts) chart.style.display = "none";
      const withoutCharts = outputs.innerText;
      for (const chart of charts) chart.style.display = "";
      return { whole, withoutCharts };
    }),
  );

/** A status line of training as lib prints it when a run ends. */
const TRAINED = /: [█░]+ (done|stopped)/;

export interface NotebookRun {
  /** Code cells that did not end "ok" (a self-check calling one of the learner's stubs excepted). */
  failures: Array<{ id: string; status?: string; errors: string[] }>;
  /** Comparable cells whose numbers differ from the executed notebook's. */
  differing: Array<{ id: string; expected: string[]; actual: string[] }>;
  codeCells: number;
  executedCodeCells: number;
  firstCellSeconds: number;
  seconds: number;
  /** Every state the status lines of training went through. */
  progressLines: string[];
}

/**
 * Presses "Run all above" on the page's last code cell and compares what every cell printed with the
 * executed notebook. With `trainedCountOnly`, from the first cell that trained on, only how many numbers
 * each cell prints outside charts is compared: Node's wasm backend runs its kernels on several threads and
 * the page's on one, so sums add up in another order and a model trained for minutes ends with other
 * weights (metrics differ from the third digit, per-class percentages by a point or two, samples drawn
 * from the model differ, and a chart's axes follow what it draws).
 */
export async function runWholeNotebook(page: Page, name: string, options: { timeout?: number; trainedCountOnly?: boolean } = {}): Promise<NotebookRun> {
  const { timeout = 300_000, trainedCountOnly = false } = options;
  const executedNotebook = await readNotebookFile(path.join(executedDir, `${name}.ipynb`));
  const before = await outputTexts(page);
  // A MutationObserver sees every state of the status lines (polling misses fast runs).
  await page.evaluate(() => {
    const seen = new Set<string>();
    Object.assign(globalThis, { progressLines: seen });
    new MutationObserver(() => {
      document.querySelectorAll(".live-output").forEach((output) => {
        const line = /[^\n]*: [█░]+ (epoch|done|stopped)[^\n]*/.exec(output.textContent ?? "");
        if (line) seen.add(line[0].trim());
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const clicked = performance.now();
  await cellsOf(page).last().locator(".live-run-above").click();
  await page.waitForSelector("section.code-cell[data-live-status]", { timeout: 120_000 });
  const firstCellSeconds = (performance.now() - clicked) / 1000;
  const statuses = () => cellsOf(page).evaluateAll((sections) => sections.map((s) => `${s.id.replace(/^cell-/, "")} ${s.querySelector(".live-status")?.textContent ?? ""}`));
  try {
    await waitUntilRun(page, before.length, timeout);
  } catch (error) {
    throw new Error(`${name}: not every cell ran in ${timeout / 1000} s; the cells say: ${(await statuses()).join(" | ")}`, { cause: error });
  }
  const seconds = (performance.now() - clicked) / 1000;
  const slowest = (await statuses()).map((status) => ({ status, seconds: Number(/([\d.]+) s$/.exec(status)?.[1] ?? 0) })).sort((a, b) => b.seconds - a.seconds);
  console.log(`${name}: first cell done ${firstCellSeconds.toFixed(1)} s after Run (runtime start included), all ${before.length} cells ${seconds.toFixed(1)} s; slowest: ${slowest.slice(0, 4).map((c) => c.status).join(", ")}`);

  const afterTexts = await outputTexts(page);
  const after = await cellsOf(page).evaluateAll((sections) =>
    sections.map((s) => ({
      id: s.id,
      status: (s as HTMLElement).dataset.liveStatus,
      errors: Array.from(s.querySelectorAll(".output-error")).map((e) => (e as HTMLElement).innerText),
    })),
  );
  // The page shows the learner's stubs; only a self-check calling a stub may fail, and says so.
  const failures = after.filter((c) => c.status !== "ok" && !c.errors.every((e) => e.includes("not implemented yet"))).map(({ id, status, errors }) => ({ id, status, errors }));
  // Not compared: self-checks (the page runs the learner's stubs, the executed notebook the solutions),
  // what describes the machine (backendInfo: Node's backends are not the browser's) and cells that time themselves.
  const codeCells = executedNotebook.cells.filter((c) => c.cell_type === "code");
  const sources = codeCells.map((c) => [c.source].flat().join(""));
  const firstTrained = codeCells.findIndex((c) => TRAINED.test(JSON.stringify(c.outputs)));
  const trained = (i: number) => trainedCountOnly && firstTrained >= 0 && i >= firstTrained;
  const comparable = (i: number) => after[i]!.status === "ok" && before[i]!.whole !== "" && !/selfCheck\(|backendInfo\(\)|performance\.now\(\)|Date\.now\(\)/.test(sources[i]!);
  const differing = after
    .map((c, i) => {
      const text = trained(i) ? "withoutCharts" : "whole";
      return { id: c.id, expected: numbersOf(before[i]![text]), actual: numbersOf(afterTexts[i]![text]) };
    })
    .filter((c, i) => comparable(i) && !sameNumbers(c.actual, c.expected, trained(i)));
  const progressLines = await page.evaluate(() => [...(globalThis as unknown as { progressLines: Set<string> }).progressLines]);
  return { failures, differing, codeCells: before.length, executedCodeCells: sources.length, firstCellSeconds, seconds, progressLines };
}

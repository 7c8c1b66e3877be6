import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { checkClaimsAgainstRun } from "../../tools/src/claims/claims.js";
import { findCellFailures } from "../../tools/src/handouts/executeCourse.js";
import { untranslatedTitles } from "../../tools/src/i18n/untranslatedTitles.js";
import { joinSource, readNotebookFile, type MultilineString } from "@tsdl/kernel-ext/notebook";
import { repoRoot } from "../helpers/runNode.js";
import { expectCourseHandouts } from "./expectCourseHandouts.js";

// The course, executed once: in CI (CI=true) or with TSDL_EXECUTE_COURSE=1 this runs `npm run handouts`,
// which executes every notebook through the tsdl kernel into dist/notebooks (printing the time per
// notebook) and renders dist/handouts; then it checks both. Otherwise it checks what an earlier
// `npm run handouts` left in dist/notebooks, and skips when there is nothing.
const cli = path.join(repoRoot, "tools/dist/handouts/cli.js");
const notebooksDir = path.join(repoRoot, "notebooks");
const executedDir = path.join(repoRoot, "dist/notebooks");
const notebooks = readdirSync(notebooksDir).filter((name) => name.endsWith(".ipynb")).sort();
const execute = process.env.CI === "true" || process.env.TSDL_EXECUTE_COURSE === "1";
const executedBefore = notebooks.length > 0 && notebooks.every((name) => existsSync(path.join(executedDir, name)));
// The Chinese edition (notebooks/zh, built by `npm run zh`) runs and is checked the same way, into dist/notebooks/zh.
// Without CI it checks an earlier run's Chinese edition only if that run had one.
const zhSources = existsSync(path.join(notebooksDir, "zh")) ? readdirSync(path.join(notebooksDir, "zh")).filter((name) => name.endsWith(".ipynb")).sort().map((name) => `zh/${name}`) : [];
const zhNotebooks = execute || zhSources.every((name) => existsSync(path.join(executedDir, name))) ? zhSources : [];
const bothEditions = [...notebooks, ...zhNotebooks];

/** Runs the built CLI, passing its progress through to this process's stderr as it comes. */
function runHandoutsCli(args: string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

/** The `text/plain` of a cell's execute_result in an executed notebook. */
async function resultText(notebookPath: string, cellId: string): Promise<string> {
  const cell = (await readNotebookFile(notebookPath)).cells.find((c) => c.id === cellId);
  expect(cell?.cell_type, `${path.basename(notebookPath)} has no code cell ${cellId}`).toBe("code");
  const result = cell?.cell_type === "code" ? cell.outputs.find((output) => output.output_type === "execute_result") : undefined;
  expect(result, `${cellId} in ${path.basename(notebookPath)} has no result`).toBeDefined();
  return result?.output_type === "execute_result" ? joinSource(result.data["text/plain"] as MultilineString) : "";
}

describe.skipIf(notebooks.length === 0 || (!execute && !executedBefore))("the course, executed and published as handouts", () => {
  beforeAll(async () => {
    if (!execute) return;
    expect(existsSync(cli), `${cli} must be built first (npm run build)`).toBe(true);
    const run = await runHandoutsCli(["--timeout-per-cell", "600"]);
    expect(run.stderr).toMatch(/Rendered \d+ pages/);
  }, 60 * 60_000);

  it.each(bothEditions)("%s executed without an error output", async (name) => {
    const executedPath = path.join(executedDir, name);
    expect(existsSync(executedPath), `${name} was not executed (see the progress above)`).toBe(true);
    expect(findCellFailures(name, await readNotebookFile(executedPath))).toEqual([]);
  });

  // Every run-dependent sentence of the prose is a claim in its markdown cell's metadata (see
  // tools/src/claims/claims.ts); each must hold on the outputs of a run of the current code.
  it.each(bothEditions)("%s: every claim its prose makes holds on its outputs", async (name) => {
    const source = await readNotebookFile(path.join(notebooksDir, name));
    expect(checkClaimsAgainstRun(source, await readNotebookFile(path.join(executedDir, name)), name)).toEqual([]);
  });

  // The targets the trained models must reach, read from the cells that print them (by cell id).
  it.each([
    ["06-language.ipynb", "nb06-18", "English LSTM test accuracy (%)", /English test accuracy: ([\d.]+)%/, 74],
    ["06-language.ipynb", "nb06-29", "Chinese LSTM test accuracy", /prePadding: ([\d.]+)/, 0.8],
    ["07-vision.ipynb", "nb07-09", "CNN Fashion-MNIST test accuracy (%)", /test accuracy on 2000 unseen images: ([\d.]+)%/, 86],
  ] as const)("%s: %s shows %s of at least %s", async (name, cellId, _what, pattern, target) => {
    const value = Number(pattern.exec(await resultText(path.join(executedDir, name), cellId))?.[1]);
    expect(value).toBeGreaterThanOrEqual(target);
  });

  it.each(["nb08-15", "nb08-21"])("08-large-models.ipynb: %s shows the tiny GPT's validation loss well below the unigram baseline", async (cellId) => {
    const text = await resultText(path.join(executedDir, "08-large-models.ipynb"), cellId);
    const loss = Number(/validationLoss: ([\d.]+)/.exec(text)?.[1]);
    const baseline = Number(/unigramBaseline: ([\d.]+)/.exec(text)?.[1]);
    expect(baseline - loss, text).toBeGreaterThan(0.3);
  });

  it.each(zhNotebooks)("%s: the chart and axis titles the notebook sets are in Chinese", async (name) => {
    const english = await readNotebookFile(path.join(notebooksDir, path.basename(name)));
    expect(untranslatedTitles(await readNotebookFile(path.join(executedDir, name)), english)).toEqual([]);
  });

  it("every page draws offline in Chromium with charts and math, and nbconvert accepts every executed notebook", async () => {
    await expectCourseHandouts({ executedDir, notebooksDir });
  }, 15 * 60_000);

  it("every output reads in JupyterLab untrusted as it does trusted (charts as pictures), light and dark", async (context) => {
    const { expectCourseInJupyterLab, jlrenderAvailable } = await import("../jupyterlab/expectCourseInJupyterLab.js");
    if (!jlrenderAvailable()) context.skip("../shared/tools/jlrender is not beside the clone");
    await expectCourseInJupyterLab(executedDir);
  }, 20 * 60_000);
});

import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { findCellFailures } from "../../tools/src/handouts/executeCourse.js";
import { readNotebook } from "../../tools/src/handouts/notebookFormat.js";
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

describe.skipIf(notebooks.length === 0 || (!execute && !executedBefore))("the course, executed and published as handouts", () => {
  beforeAll(async () => {
    if (!execute) return;
    expect(existsSync(cli), `${cli} must be built first (npm run build)`).toBe(true);
    const run = await runHandoutsCli(["--timeout-per-cell", "600"]);
    expect(run.stderr).toMatch(/Rendered \d+ pages/);
  }, 60 * 60_000);

  it.each(notebooks)("%s executed without an error output", async (name) => {
    const executedPath = path.join(executedDir, name);
    expect(existsSync(executedPath), `${name} was not executed (see the progress above)`).toBe(true);
    expect(findCellFailures(name, await readNotebook(executedPath))).toEqual([]);
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

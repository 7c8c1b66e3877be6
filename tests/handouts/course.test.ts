import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findCellFailures } from "../../tools/src/handouts/executeCourse.js";
import { readNotebook } from "../../tools/src/handouts/notebookFormat.js";
import { repoRoot } from "../helpers/runNode.js";
import { checkHandoutsSite } from "./checkHandoutsSite.js";
import { convertWithNbconvert, expectValidConversions } from "./nbconvertCheck.js";
import { launchChromium } from "./openPagesInChromium.js";

// The course is executed once per CI run, here: `npm run handouts` executes every notebook through
// the tsdl kernel into dist/notebooks and renders dist/handouts; this file then checks both.
// Outside CI it checks what a previous `npm run handouts` left (TSDL_EXECUTE_COURSE=1 runs it here).
const cli = path.join(repoRoot, "tools/dist/handouts/cli.js");
const notebooksDir = path.join(repoRoot, "notebooks");
const executedDir = path.join(repoRoot, "dist/notebooks");
const siteDir = path.join(repoRoot, "dist/handouts");
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

describe.skipIf(notebooks.length === 0 || (!execute && !executedBefore))("the course, executed once and published as handouts", () => {
  let browser: Browser;

  beforeAll(async () => {
    expect(existsSync(cli), `${cli} must be built first (npm run build)`).toBe(true);
    const run = await runHandoutsCli(execute ? ["--timeout-per-cell", "300"] : ["--render-only"]);
    expect(run.stderr).toMatch(/Rendered \d+ pages/);
    browser = await launchChromium();
  }, 40 * 60_000);

  afterAll(async () => {
    await browser?.close();
  });

  it.each(notebooks)("%s executed without an error output", async (name) => {
    const executedPath = path.join(executedDir, name);
    expect(existsSync(executedPath), `${name} was not executed (see the progress above)`).toBe(true);
    expect(findCellFailures(name, await readNotebook(executedPath))).toEqual([]);
  });

  it("every handout page draws offline in Chromium, without errors, with charts and math rendered", async () => {
    const reports = await checkHandoutsSite(browser, executedDir, notebooksDir, siteDir);
    expect(reports.size).toBe(notebooks.length + 1);
  }, 10 * 60_000);

  it("every executed notebook is valid nbformat and converts with Debian's nbconvert --to html", async () => {
    const executed = notebooks.map((name) => path.join(executedDir, name)).filter((file) => existsSync(file));
    expectValidConversions(await convertWithNbconvert(executed), executed);
  }, 10 * 60_000);
});

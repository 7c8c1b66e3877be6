import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { expect } from "vitest";
import { readGlossary } from "../../tools/src/i18n/glossary.js";
import { repoRoot } from "../helpers/runNode.js";
import { checkHandoutsSite } from "./checkHandoutsSite.js";
import { convertWithNbconvert, expectValidConversions } from "./nbconvertCheck.js";
import { launchChromium } from "./openPagesInChromium.js";

export interface CourseHandoutsOptions {
  /** Executed notebooks, e.g. what `executeCourse` wrote to `dist/notebooks`. */
  executedDir?: string;
  /** The course notebooks, for the figures they link to. */
  notebooksDir?: string;
  siteDir?: string;
}

/**
 * The handouts acceptance on an already executed course, for the test that executes it (CI runs
 * the course once): renders `dist/handouts`, opens every page in Chromium (no console error, no
 * request leaving file://, every chart drawn, math rendered, a screenshot per notebook under
 * `dist/handouts/screenshots/`), and converts every executed notebook with Debian's nbconvert.
 */
export async function expectCourseHandouts(options: CourseHandoutsOptions = {}): Promise<void> {
  const executedDir = options.executedDir ?? path.join(repoRoot, "dist/notebooks");
  const notebooksDir = options.notebooksDir ?? path.join(repoRoot, "notebooks");
  const siteDir = options.siteDir ?? path.join(repoRoot, "dist/handouts");
  const executedIn = (dir: string) => (existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".ipynb")).sort().map((name) => path.join(dir, name)) : []);
  const english = executedIn(executedDir);
  const chinese = executedIn(path.join(executedDir, "zh"));
  expect(english.length, `executed notebooks in ${executedDir}`).toBeGreaterThan(0);
  const glossaryFile = path.join(repoRoot, "i18n/zh/glossary.json");
  const stems = english.map((file) => path.basename(file, ".ipynb"));
  const glossary = existsSync(glossaryFile) ? await readGlossary(glossaryFile, stems) : undefined;

  const browser = await launchChromium();
  try {
    const reports = await checkHandoutsSite(browser, executedDir, notebooksDir, siteDir, glossary);
    // Each edition: its notebooks' pages and its index.
    expect(reports.size).toBe(english.length + 1 + (chinese.length > 0 ? chinese.length + 1 : 0));
  } finally {
    await browser.close();
  }
  const files = [...english, ...chinese];
  expectValidConversions(await convertWithNbconvert(files), files);
}

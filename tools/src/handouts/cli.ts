#!/usr/bin/env node
import { existsSync, readdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { executeCourse } from "./executeCourse.js";
import { CHINESE_EDITION_DIR, TRANSLATIONS_DIR } from "../i18n/editionPaths.js";
import { readGlossary } from "../i18n/glossary.js";
import { renderBilingualHandouts } from "./bilingualHandouts.js";
import { formatProgress, formatSummary } from "./reportProgress.js";
import { executeWithTsdlKernel } from "./tsdlKernelExecutor.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError(`expected a positive number of seconds, got ${value}`);
  return seconds;
}

function edition(value: string): "en" | "zh" | "both" {
  if (value !== "en" && value !== "zh" && value !== "both") throw new InvalidArgumentError(`expected en, zh or both, got ${value}`);
  return value;
}

function positiveInteger(value: string): number {
  const count = Number(value);
  if (!Number.isInteger(count) || count < 1) throw new InvalidArgumentError(`expected a positive whole number, got ${value}`);
  return count;
}

const program = new Command("handouts")
  .description("Execute every course notebook with the tsdl kernel, then render the executed notebooks as an offline HTML site.")
  .option("--notebooks <dir>", "folder of course notebooks", path.join(root, "notebooks"))
  .option("--executed <dir>", "where executed notebooks go (and are rendered from)", path.join(root, "dist/notebooks"))
  .option("--out <dir>", "where the site goes", path.join(root, "dist/handouts"))
  .option("--only <text>", "execute only notebooks whose file name contains this text")
  .option("--timeout-per-cell <seconds>", "interrupt a cell after this long", positiveSeconds, 600)
  .option("--jobs <n>", "notebooks executed at once, one kernel each", positiveInteger, Math.min(availableParallelism(), 4))
  .option("--render-only", "skip execution; render the notebooks already in --executed")
  .option("--no-live", "static pages only: no Run buttons and no runtime in live/ (about 15 MB less)")
  .option("--edition <edition>", "which editions to execute and render: en, zh (the notebooks in <notebooks>/zh) or both", edition, "both")
  .option("--with-solutions", "show each exercise's reference solution, collapsed (an answer key); by default pages show the learners' stubs")
  .parse();

const options = program.opts<{
  notebooks: string;
  executed: string;
  out: string;
  only?: string;
  timeoutPerCell: number;
  jobs: number;
  renderOnly?: boolean;
  withSolutions?: boolean;
  live: boolean;
  edition: "en" | "zh" | "both";
}>();
const log = (line: string) => process.stderr.write(`${line}\n`);

// The Chinese edition runs from notebooks/zh into <executed>/zh and renders into <out>/zh.
const editions = (["en", "zh"] as const)
  .filter((language) => options.edition === "both" || options.edition === language)
  .map((language) => ({ language, sub: language === "zh" ? CHINESE_EDITION_DIR : "" }))
  .filter(({ sub }) => existsSync(path.join(options.notebooks, sub)) && readdirSync(path.join(options.notebooks, sub)).some((name) => name.endsWith(".ipynb")));

let failed = false;
if (!options.renderOnly) {
  for (const { language, sub } of editions) {
    const notebooksDir = path.join(options.notebooks, sub);
    log(`Executing the ${language === "zh" ? "Chinese" : "English"} notebooks in ${notebooksDir}, ${options.jobs} at a time`);
    const run = await executeCourse({
      notebooksDir,
      outDir: path.join(options.executed, sub),
      timeoutPerCellMs: options.timeoutPerCell * 1000,
      concurrency: options.jobs,
      filter: (name) => !options.only || name.includes(options.only),
      executeNotebook: executeWithTsdlKernel,
      onProgress: (progress) => log(formatProgress(progress)),
    });
    log(formatSummary(run));
    failed ||= run.failures.length > 0 || run.notebooks.some((notebook) => notebook.crash);
  }
}

const started = performance.now();
// The glossary belongs to the course whose notebooks are rendered (its i18n/ beside notebooks/).
const glossaryFile = path.join(options.notebooks, "..", TRANSLATIONS_DIR, "glossary.json");
const notebookStems = readdirSync(options.notebooks).filter((name) => name.endsWith(".ipynb")).map((name) => path.basename(name, ".ipynb"));
const site = await renderBilingualHandouts({
  executedDir: options.executed,
  outDir: options.out,
  sourceDir: options.notebooks,
  live: options.live,
  withSolutions: options.withSolutions ?? false,
  glossary: existsSync(glossaryFile) ? await readGlossary(glossaryFile, notebookStems) : undefined,
});
const [en, zh] = [site.en?.pages.length ?? 0, site.zh?.pages.length ?? 0];
log(`\nRendered ${en + zh} pages${zh ? ` (${en} English, ${zh} Chinese)` : ""} in ${((performance.now() - started) / 1000).toFixed(1)} s: ${(site.en ?? site.zh)!.index}`);
// The site is written even when cells failed (their errors are on the pages), but the run reports failure.
process.exitCode = failed ? 1 : 0;

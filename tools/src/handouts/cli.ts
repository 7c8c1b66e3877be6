#!/usr/bin/env node
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command, InvalidArgumentError } from "commander";
import { executeCourse } from "./executeCourse.js";
import { renderHandouts } from "./renderHandouts.js";
import { formatProgress, formatSummary } from "./reportProgress.js";
import { executeWithTsdlKernel } from "./tsdlKernelExecutor.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

function positiveSeconds(value: string): number {
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new InvalidArgumentError(`expected a positive number of seconds, got ${value}`);
  return seconds;
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
}>();
const log = (line: string) => process.stderr.write(`${line}\n`);

let failed = false;
if (!options.renderOnly) {
  log(`Executing the notebooks in ${options.notebooks}, ${options.jobs} at a time`);
  const run = await executeCourse({
    notebooksDir: options.notebooks,
    outDir: options.executed,
    timeoutPerCellMs: options.timeoutPerCell * 1000,
    concurrency: options.jobs,
    filter: (name) => !options.only || name.includes(options.only),
    executeNotebook: executeWithTsdlKernel,
    onProgress: (progress) => log(formatProgress(progress)),
  });
  log(formatSummary(run));
  failed = run.failures.length > 0 || run.notebooks.some((notebook) => notebook.crash);
}

const started = performance.now();
const site = await renderHandouts({
  executedDir: options.executed,
  outDir: options.out,
  sourceDir: options.notebooks,
  live: options.live,
  withSolutions: options.withSolutions ?? false,
});
log(`\nRendered ${site.pages.length} pages in ${((performance.now() - started) / 1000).toFixed(1)} s: ${site.index}`);
// The site is written even when cells failed (their errors are on the pages), but the run reports failure.
process.exitCode = failed ? 1 : 0;

/** `npm run check [-- NOTEBOOKS_DIR]`: runs the public checks against a folder of notebooks. */
import path from "node:path";
import { Command } from "commander";
import { findTestFiles } from "../grade/gradeSubmissions.js";
import { Judge } from "../judge/runJudge.js";
import { visibilityOf } from "../judge/judgeResult.js";

const program = new Command("check")
  .description("Run the public checks of the exercises against your notebooks")
  .argument("[notebooks]", "folder holding the notebooks", "notebooks")
  .option("--tests <dir>", "where the checks are (*.public.test.ts)", "tests/exercises")
  .option("--timeout <ms>", "time limit for one call into an exercise", "10000")
  .action(async (notebooks: string, options: { tests: string; timeout: string }) => {
    const timeoutMs = Number(options.timeout);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error(`--timeout must be a positive number of ms; got ${JSON.stringify(options.timeout)}`);
    const checks = findTestFiles(options.tests).filter((file) => visibilityOf(file) === "public");
    if (checks.length === 0) throw new Error(`no public checks (*.public.test.ts) in ${options.tests}`);
    const judge = await Judge.create(checks, { verbose: true, timeoutMs });
    const result = await judge.judge({ notebooksDir: path.resolve(notebooks), timeoutMs, memoryMb: 1024 });
    await judge.close();
    const earned = result.tests.filter((test) => test.passed).reduce((sum, test) => sum + test.points, 0);
    const max = result.tests.reduce((sum, test) => sum + test.points, 0);
    console.log(`public checks: ${earned}/${max} points (hidden tests are graded later)`);
    process.exitCode = earned === max && result.fileErrors.length === 0 ? 0 : 1;
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`${program.name()}: ${(error as Error).message}`);
  process.exit(1);
}

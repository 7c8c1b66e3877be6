/** `npm run release [-- OUTDIR]`: the learners' notebooks (solutions stubbed) and public checks. */
import { Command } from "commander";
import { releaseCourse } from "../release/releaseCourse.js";

const program = new Command("release")
  .description("Write learner versions of the notebooks and the public checks")
  .argument("[outDir]", "output folder", "release")
  .option("--notebooks <dir>", "the instructor notebooks", "notebooks")
  .option("--tests <dir>", "graded tests; only *.public.test.ts files are released", "tests/exercises")
  .action((outDir: string, options: { notebooks: string; tests: string }) => {
    const summary = releaseCourse({ notebooksDir: options.notebooks, testsDir: options.tests, outDir });
    console.error(`released ${summary.notebooks.length} notebooks and ${summary.publicChecks.length} public check files to ${outDir}/`);
  });

try {
  program.parse();
} catch (error) {
  console.error(`${program.name()}: ${(error as Error).message}`);
  process.exit(1);
}

/** `npm run grade -- <submissions-dir>`: grades every learner folder and writes the reports. */
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { gradeSubmissions } from "../grade/gradeSubmissions.js";
import { writeReports } from "../grade/writeReports.js";
import { describeIsolation } from "../sandbox/sandboxProcess.js";

function positiveInteger(name: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError(`${name} must be a positive integer; got ${JSON.stringify(raw)}`);
    return value;
  };
}

const program = new Command("grade")
  .description("Grade learners' notebooks: one folder per learner inside SUBMISSIONS")
  .argument("<submissions>", "folder holding one folder of notebooks per learner")
  .option("-o, --out <dir>", "where grades.csv, report.json and feedback/ go", "grades")
  .option("--notebooks <dir>", "the instructor notebooks (reference solutions)", "notebooks")
  .option("--tests <dir>", "graded tests: *.public.test.ts are public checks, other *.test.ts hidden", "tests/exercises")
  .option("-j, --jobs <n>", "learners judged in parallel", positiveInteger("--jobs"), os.availableParallelism())
  .option("--timeout <ms>", "time limit for one call into a learner's code", positiveInteger("--timeout"), 5000)
  .option("--memory <mb>", "heap limit of a learner's sandbox", positiveInteger("--memory"), 512)
  .action(async (submissions: string, options: { out: string; notebooks: string; tests: string; jobs: number; timeout: number; memory: number }) => {
    console.error(describeIsolation(options.memory));
    const report = await gradeSubmissions({
      submissionsDir: submissions,
      notebooksDir: options.notebooks,
      testsDir: options.tests,
      jobs: options.jobs,
      timeoutMs: options.timeout,
      memoryMb: options.memory,
      onProgress: (line) => console.error(line),
    });
    for (const note of writeReports(report, options.out)) console.error(note);
    console.error(`wrote ${path.join(options.out, "grades.csv")}, report.json and feedback/ for ${report.students.length} learners`);
    if (report.instructorCheck.failures.length > 0) {
      console.error(`warning: the instructor notebooks fail ${report.instructorCheck.failures.length} graded tests:\n  ${report.instructorCheck.failures.join("\n  ")}`);
      process.exitCode = 1;
    }
  });

try {
  await program.parseAsync();
} catch (error) {
  console.error(`${program.name()}: ${(error as Error).message}`);
  process.exit(1);
}

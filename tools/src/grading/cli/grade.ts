/**
 * `npm run grade -- <submissions-dir>`: grades every learner folder and writes the reports.
 * `--shard I/N` grades one deterministic N-th of the learners into a part; `--merge PARTS...` joins the parts.
 */
import os from "node:os";
import path from "node:path";
import { Command, InvalidArgumentError } from "commander";
import { gradeSubmissions, listStudents } from "../grade/gradeSubmissions.js";
import { findShardPartFiles, learnersOfShard, mergeShardParts, readShardPart, writeShardPart } from "../grade/mergeShards.js";
import { parseShard, type Shard, shardLabel } from "../grade/shard.js";
import { writeReports } from "../grade/writeReports.js";
import { describeIsolation } from "../sandbox/sandboxProcess.js";

function positiveInteger(name: string) {
  return (raw: string): number => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value <= 0) throw new InvalidArgumentError(`${name} must be a positive integer; got ${JSON.stringify(raw)}`);
    return value;
  };
}

function shardOption(raw: string): Shard {
  try {
    return parseShard(raw);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

interface GradeCliOptions {
  out: string; notebooks: string; tests: string; jobs: number; timeout: number; memory: number; shard?: Shard; merge?: string[];
}

function merge(parts: string[], out: string): void {
  const report = mergeShardParts(findShardPartFiles(parts).map(readShardPart));
  for (const note of writeReports(report, out)) console.error(note);
  console.error(`merged ${report.students.length} learners: wrote ${path.join(out, "grades.csv")}, report.json and feedback/`);
}

const program = new Command("grade")
  .description("Grade learners' notebooks: one folder per learner inside SUBMISSIONS")
  .argument("[submissions]", "folder holding one folder of notebooks per learner")
  .option("-o, --out <dir>", "where grades.csv, report.json and feedback/ go (with --shard: the shard-I-of-N.json part)", "grades")
  .option("--notebooks <dir>", "the instructor notebooks (reference solutions)", "notebooks")
  .option("--tests <dir>", "graded tests: *.public.test.ts are public checks, other *.test.ts hidden", "tests/exercises")
  .option("-j, --jobs <n>", "learners judged in parallel", positiveInteger("--jobs"), os.availableParallelism())
  .option("--timeout <ms>", "time limit for one call into a learner's code", positiveInteger("--timeout"), 5000)
  .option("--memory <mb>", "heap limit of a learner's sandbox", positiveInteger("--memory"), 512)
  .option("--shard <I/N>", "grade only shard I of N (learners split by a hash of their folder name) and write a part for --merge", shardOption)
  .option("--merge <parts...>", "join shard parts (files, or folders of shard-I-of-N.json) into the reports one run would write")
  .action(async (submissions: string | undefined, options: GradeCliOptions) => {
    if (options.merge) {
      if (submissions !== undefined || options.shard) throw new Error(`--merge takes only parts and --out; got ${submissions !== undefined ? `SUBMISSIONS ${JSON.stringify(submissions)}` : `--shard ${shardLabel(options.shard!)}`} as well`);
      merge(options.merge, options.out);
      return;
    }
    if (submissions === undefined) throw new Error("missing SUBMISSIONS: the folder holding one folder per learner (or --merge PARTS...)");
    console.error(describeIsolation(options.memory));
    const shard = options.shard;
    // Listed before grading, so the part names exactly the folders this shard chose from.
    const learners = listStudents(submissions);
    const chosen = new Set(shard ? learnersOfShard(learners, shard) : learners);
    const report = await gradeSubmissions({
      submissionsDir: submissions,
      notebooksDir: options.notebooks,
      testsDir: options.tests,
      jobs: options.jobs,
      timeoutMs: options.timeout,
      memoryMb: options.memory,
      includeLearner: (learner) => chosen.has(learner),
      onProgress: (line) => console.error(shard ? `[shard ${shardLabel(shard)}] ${line}` : line),
    });
    if (shard) {
      const file = writeShardPart({ format: "tsdl-grade-shard", version: 1, shard, learners, report }, options.out);
      console.error(`wrote ${file} for ${report.students.length} learners; join all ${shard.count} with \`npm run grade -- --merge ${options.out} --out DIR\``);
    } else {
      for (const note of writeReports(report, options.out)) console.error(note);
      console.error(`wrote ${path.join(options.out, "grades.csv")}, report.json and feedback/ for ${report.students.length} learners`);
    }
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

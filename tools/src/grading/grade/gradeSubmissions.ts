import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { JudgedTest, JudgeResult } from "../judge/judgeResult.js";
import { CellCompiler } from "../notebook/cellCompiler.js";
import { listExercises } from "../notebook/findExerciseCell.js";
import { readNotebook } from "../notebook/readNotebook.js";
import { findNotebookFile, readSubmissionFile } from "../notebook/submissionFiles.js";
import { defaultNotebooksDir, defaultTestsDir } from "../repoPaths.js";
import { killRecordedSandboxes, sandboxRegistryDir } from "../sandbox/sandboxRegistry.js";
import type { GradingEvent, GradingSettings } from "../testing/gradingMeta.js";
import { FEEDBACK_MESSAGES, type FeedbackLanguage, submissionLanguage } from "./feedbackMessages.js";
import type { ExerciseGrade, GradeReport, StudentGrade } from "./gradeReport.js";
import { JudgePool } from "./judgePool.js";

export interface GradeOptions {
  submissionsDir: string;
  notebooksDir?: string;
  testsDir?: string;
  /** Only these test files of `testsDir` (default: all of them). */
  testFiles?: string[];
  jobs?: number;
  /** Time limit for one call into a learner's code. */
  timeoutMs?: number;
  memoryMb?: number;
  /** Time limit for judging one learner as a whole. */
  studentTimeoutMs?: number;
  /** Grades only the learner folders this accepts (one shard of a class); all of them by default. */
  includeLearner?: (learner: string) => boolean;
  onProgress?: (line: string) => void;
}

const INSTRUCTOR = "(instructor)";

export function findTestFiles(testsDir: string): string[] {
  if (!existsSync(testsDir)) throw new Error(`tests folder ${testsDir} does not exist`);
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(test|spec)\.ts$/.test(entry.name)) found.push(full);
    }
  };
  walk(testsDir);
  return found;
}

export function listStudents(submissionsDir: string): string[] {
  if (!existsSync(submissionsDir) || !statSync(submissionsDir).isDirectory()) {
    throw new Error(`submissions folder ${submissionsDir} does not exist or is not a folder`);
  }
  return readdirSync(submissionsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith("."))
    .map((entry) => entry.name)
    .sort();
}

function instructorExercises(notebooksDir: string): Map<string, string[]> {
  const exercises = new Map<string, string[]>();
  for (const name of readdirSync(notebooksDir).filter((file) => file.endsWith(".ipynb")).sort()) {
    exercises.set(name, listExercises(readNotebook(path.join(notebooksDir, name))));
  }
  return exercises;
}

// Fills the shared compile cache from one warm compile worker, so judges rarely compile themselves.
async function precompile(dir: string, exercises: Map<string, string[]>, compiler: CellCompiler): Promise<void> {
  for (const [notebook, ids] of exercises) {
    let bytes;
    try {
      bytes = readSubmissionFile(dir, findNotebookFile(dir, notebook));
    } catch {
      // The judge meets the same problem and reports it.
      continue;
    }
    await compiler.compile(bytes, notebook, ids);
  }
}

function readEvents(file: string): GradingEvent[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line) as GradingEvent);
}

/** A learner's folder name for the terminal: control characters (escape sequences) made visible. */
function printable(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function testKey(test: JudgedTest): string {
  return `${test.file}\u0000${test.name}`;
}

function exerciseKeyOf(notebook: string, exercise: string): string {
  return `${notebook.replace(/\.ipynb$/, "")}/${exercise}`;
}

function gradeStudent(student: string, reference: JudgeResult, outcome: JudgeResult | undefined, error: string | undefined, events: GradingEvent[], language: FeedbackLanguage = "en"): StudentGrade {
  const say = FEEDBACK_MESSAGES[language];
  const results = new Map((outcome?.tests ?? []).map((test) => [testKey(test), test]));
  const exercises = new Map<string, ExerciseGrade>();
  for (const expected of reference.tests) {
    const key = exerciseKeyOf(expected.notebook, expected.exercise);
    let grade = exercises.get(key);
    if (!grade) {
      grade = { key, notebook: expected.notebook, exercise: expected.exercise, points: 0, max: 0, problems: [], tests: [] };
      exercises.set(key, grade);
    }
    const actual = results.get(testKey(expected));
    const test: JudgedTest = actual ?? { ...expected, passed: false, message: say.notRun(error ?? say.noResult) };
    grade.tests.push(test);
    grade.max += expected.points;
    if (test.passed) grade.points += expected.points;
  }
  for (const event of events) {
    const grade = exercises.get(exerciseKeyOf(event.notebook, event.exercise));
    if (!grade) continue;
    if (!grade.problems.includes(event.message)) grade.problems.push(event.message);
    // Whatever a test matched (an error message describing the submission, say), an exercise that
    // never loaded has shown no behaviour of its own.
    if (event.kind === "load") {
      for (const test of grade.tests) {
        if (test.passed) Object.assign(test, { passed: false, message: say.notLoaded(event.message) });
      }
      grade.points = 0;
    }
  }
  for (const fileError of outcome?.fileErrors ?? []) {
    for (const grade of exercises.values()) {
      if (grade.tests.some((test) => test.file === fileError.file && !test.passed)) grade.problems.push(say.testFileFailed(fileError.file));
    }
  }
  const list = [...exercises.values()];
  return {
    student,
    language,
    points: list.reduce((sum, grade) => sum + grade.points, 0),
    max: list.reduce((sum, grade) => sum + grade.max, 0),
    ...(error ? { error } : {}),
    exercises: list,
  };
}

/**
 * Grades every learner folder in `submissionsDir`: each learner's code runs in its own sandbox
 * process, judged by a pool of warm judge processes (one per core by default).
 */
export async function gradeSubmissions(options: GradeOptions): Promise<GradeReport> {
  const notebooksDir = path.resolve(options.notebooksDir ?? defaultNotebooksDir);
  const testsDir = path.resolve(options.testsDir ?? defaultTestsDir);
  const submissionsDir = path.resolve(options.submissionsDir);
  const timeoutMs = options.timeoutMs ?? 5_000;
  const memoryMb = options.memoryMb ?? 512;
  const studentTimeoutMs = options.studentTimeoutMs ?? 600_000;
  const progress = options.onProgress ?? (() => undefined);

  const testFiles = options.testFiles?.map((file) => path.resolve(file)) ?? findTestFiles(testsDir);
  if (testFiles.length === 0) throw new Error(`no *.test.ts or *.spec.ts files in ${testsDir}`);
  const students = listStudents(submissionsDir).filter(options.includeLearner ?? (() => true));
  const workDir = mkdtempSync(path.join(os.tmpdir(), "tsdl-grade-"));
  const cacheDir = path.join(workDir, "compiled");
  const exercises = instructorExercises(notebooksDir);
  const jobs = Math.max(1, Math.min(options.jobs ?? os.availableParallelism(), students.length + 1));
  const pool = new JudgePool(jobs, { testFiles, timeoutMs });
  const compiler = new CellCompiler(cacheDir);
  const settingsFor = (dir: string, name: string, language?: FeedbackLanguage): GradingSettings => ({
    notebooksDir: dir, eventsFile: path.join(workDir, `${name}.events.jsonl`), compileCache: cacheDir, sandboxRoot: workDir, timeoutMs, memoryMb, language,
  });

  try {
    let reference: JudgeResult | undefined;
    await pool.run([INSTRUCTOR], async (_, judge) => {
      await precompile(notebooksDir, exercises, compiler);
      const outcome = await judge(INSTRUCTOR, settingsFor(notebooksDir, "instructor"), studentTimeoutMs);
      if (!outcome.ok) throw new Error(`judging the instructor notebooks failed: ${outcome.reason}`);
      reference = outcome.result;
    });
    if (!reference || reference.tests.length === 0) throw new Error(`the tests in ${testsDir} declare no graded tests`);
    const instructor = gradeStudent(INSTRUCTOR, reference, reference, undefined, []);
    const failures = reference.tests.filter((test) => !test.passed).map((test) => `${test.name}: ${test.message ?? ""}`);
    failures.push(...reference.fileErrors.map((error) => `${error.file}: ${error.message}`));
    progress(`instructor notebooks: ${instructor.points}/${instructor.max} points${failures.length ? ` (${failures.length} failing: check the tests)` : ""}`);

    const graded = new Map<string, StudentGrade>();
    let done = 0;
    const started = Date.now();
    await pool.run(students, async (student, judge) => {
      const dir = path.join(submissionsDir, student);
      const studentStart = Date.now();
      await precompile(dir, exercises, compiler);
      const language = submissionLanguage(dir, [...exercises.keys()]);
      const settings = settingsFor(dir, `student-${students.indexOf(student)}`, language);
      let outcome = await judge(student, settings, studentTimeoutMs);
      if (!outcome.ok && outcome.infrastructure) {
        progress(`${printable(student)}: retrying on a fresh judge (${outcome.reason})`);
        rmSync(settings.eventsFile!, { force: true });
        outcome = await judge(student, settings, studentTimeoutMs);
      }
      const grade = gradeStudent(student, reference!, outcome.ok ? outcome.result : undefined, outcome.ok ? undefined : outcome.reason, readEvents(settings.eventsFile!), language);
      graded.set(student, grade);
      done += 1;
      progress(`[${done}/${students.length}] ${printable(student)}: ${grade.points}/${grade.max} points (${((Date.now() - studentStart) / 1000).toFixed(1)} s)${grade.error ? ` — ${grade.error}` : ""}`);
    });
    const seconds = (Date.now() - started) / 1000;
    progress(`graded ${students.length} learners in ${seconds.toFixed(1)} s: ${((students.length * 60) / Math.max(seconds, 1e-3)).toFixed(1)} learners/min with ${jobs} judges`);

    return {
      instructorCheck: { points: instructor.points, max: instructor.max, failures },
      exercises: instructor.exercises.map(({ key, notebook, exercise, max }) => ({ key, notebook, exercise, max })),
      students: students.map((student) => graded.get(student)!),
    };
  } finally {
    compiler.close();
    await pool.close();
    // Sandboxes end with their judges; any that did not (a judge killed mid-call) end here.
    killRecordedSandboxes(sandboxRegistryDir(workDir));
    rmSync(workDir, { recursive: true, force: true });
  }
}

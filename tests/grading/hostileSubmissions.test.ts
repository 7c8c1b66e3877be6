// Issue 14's acceptance: each class of hostile submission is graded beside an honest and a blank
// learner, whose grades.csv rows, report.json entries and feedback must be byte-identical to a run
// without the hostile learners, with no process or temp file left behind. Build first (sandboxes
// and judges run from tools/dist).
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import MarkdownIt from "markdown-it";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport, StudentGrade } from "../../tools/src/grading/grade/gradeReport.js";
import { findTestFiles, gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import { writeReports } from "../../tools/src/grading/grade/writeReports.js";
import { releaseNotebook } from "../../tools/src/grading/release/releaseCourse.js";
import { repoRoot } from "../helpers/runNode.js";
import { cellById, fixtureNotebooks, fixtureTests, lines, SAMPLE, sampleNotebook, scratchDir, withCellSource, writeSubmission } from "./helpers/fixtureCourse.js";

const TEST_FILES = [...findTestFiles(fixtureTests), path.join(repoRoot, "tests/grading/fixtures/hostile/00-sample.errors.spec.ts")];
const FULL = 14;
const BYSTANDERS = ["honest", "blank"];
const ERROR_TEXT = "f is undefined at x = 1";

/** Processes whose command line mentions `marker` (a scratch dir only this test file uses). */
function processesMentioning(marker: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      if (cmdline.includes(marker)) found.push(`${entry}: ${cmdline.slice(0, 200)}`);
    } catch {
      // Ended while we looked.
    }
  }
  return found;
}

async function eventually(check: () => string[], timeoutMs = 10_000): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let left = check();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = check();
  }
  return left;
}

interface Run {
  report: GradeReport;
  outDir: string;
  csv: string[];
  progress: string[];
  /** Processes and temp files of the run still there once it returned. */
  leftProcesses: string[];
  leftTempFiles: string[];
}

/** Grades a folder with TMPDIR pointed at a fresh scratch dir, so leftovers can be told apart. */
async function grade(submissions: string, options: { jobs: number } = { jobs: 2 }): Promise<Run> {
  const tmp = scratchDir("hostile-tmp");
  const outDir = scratchDir("hostile-out");
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  const progress: string[] = [];
  let report: GradeReport;
  try {
    report = await gradeSubmissions({
      submissionsDir: submissions, notebooksDir: fixtureNotebooks, testsDir: fixtureTests, testFiles: TEST_FILES,
      jobs: options.jobs, timeoutMs: 4_000, memoryMb: 256, onProgress: (line) => progress.push(line),
    });
  } finally {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  }
  writeReports(report, outDir);
  const leftProcesses = await eventually(() => processesMentioning(tmp));
  return {
    report, outDir, progress, leftProcesses, leftTempFiles: readdirSync(tmp),
    csv: readFileSync(path.join(outDir, "grades.csv"), "utf8").split("\n"),
  };
}

function bystanders(submissions: string): void {
  const sample = sampleNotebook();
  writeSubmission(submissions, "honest", { [SAMPLE]: sample });
  writeSubmission(submissions, "blank", { [SAMPLE]: releaseNotebook(sample, SAMPLE) });
}

const withSource = (id: string, source: string) => ({ [SAMPLE]: withCellSource(sampleNotebook(), id, source) });

// Correct solutions that use no array methods, so patched prototypes cannot excuse a failure.
const LOOP_SOFTMAX = `export function softmax(logits: number[]): number[] {
  let top = -Infinity;
  for (let i = 0; i < logits.length; i++) top = Math.max(top, logits[i]);
  const out: number[] = [];
  let total = 0;
  for (let i = 0; i < logits.length; i++) { out[i] = Math.exp(logits[i] - top); total += out[i]; }
  for (let i = 0; i < out.length; i++) out[i] /= total;
  return out;
}`;
const LOOP_IQR = `export function iqrOutlierMask(xs: number[]): boolean[] {
  const sorted: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    let j = sorted.length;
    for (; j > 0 && sorted[j - 1] > xs[i]; j--) sorted[j] = sorted[j - 1];
    sorted[j] = xs[i];
  }
  const q = (p: number) => { const at = (sorted.length - 1) * p; const lo = Math.floor(at); const hi = Math.ceil(at); return sorted[lo] + (sorted[hi] - sorted[lo]) * (at - lo); };
  const q1 = q(0.25), q3 = q(0.75), spread = 1.5 * (q3 - q1);
  const out: boolean[] = [];
  for (let i = 0; i < xs.length; i++) out[i] = xs[i] < q1 - spread || xs[i] > q3 + spread;
  return out;
}`;
const LOOP_GRADIENT = `export function numericalGradient(f: (x: number[]) => number, x: number[], h = 1e-5): number[] {
  const g: number[] = [];
  for (let i = 0; i < x.length; i++) {
    const up: number[] = [];
    const down: number[] = [];
    for (let j = 0; j < x.length; j++) { up[j] = j === i ? x[j] + h : x[j]; down[j] = j === i ? x[j] - h : x[j]; }
    g[i] = (f(up) - f(down)) / (2 * h);
  }
  return g;
}`;

describe("grading beside hostile submissions", () => {
  let baseline: Run;
  let hostile: Run;
  let submissions: string;
  const student = (name: string): StudentGrade => hostile.report.students.find((s) => s.student === name)!;
  const points = (name: string) => Object.fromEntries(student(name).exercises.map((e) => [e.exercise, e.points]));
  const problems = (name: string) => student(name).exercises.flatMap((e) => e.problems).join("\n");
  const GROUP_KILLER = "group-killer";
  const FORMULA = "=1+2+cmd|' -C calc'!A0";
  const TWINS = ["twin_learner", "twin–learner"];

  beforeAll(async () => {
    const clean = scratchDir("bystanders");
    bystanders(clean);
    baseline = await grade(clean);

    submissions = scratchDir("hostile");
    bystanders(submissions);
    const sample = sampleNotebook();
    // Signals: the grader's process group, every process of this user, the parent.
    writeSubmission(submissions, GROUP_KILLER, withSource("stable-softmax", `export function softmax(logits: number[]): number[] {
  try { process.kill(-1, "SIGKILL"); } catch {}
  try { process.kill(process.ppid, "SIGKILL"); } catch {}
  process.kill(0, "SIGKILL");
  return logits;
}`));
    // Files that are not regular files inside the learner's folder.
    for (const [name, target] of [["dev-zero", "/dev/zero"], ["sibling-link", path.join(submissions, "honest", SAMPLE)], ["instructor-link", path.join(fixtureNotebooks, SAMPLE)], ["passwd-link", "/etc/passwd"]]) {
      mkdirSync(path.join(submissions, name));
      symlinkSync(target!, path.join(submissions, name!, SAMPLE));
    }
    mkdirSync(path.join(submissions, "linked-folder"));
    symlinkSync(fixtureNotebooks, path.join(submissions, "linked-folder", "notebooks"));
    mkdirSync(path.join(submissions, "fifo"));
    execFileSync("mkfifo", [path.join(submissions, "fifo", SAMPLE)]);
    // A giant literal: under the 32 MB notebook limit, far over the 1 MB cell limit.
    const giant = structuredClone(sample);
    cellById(giant, "stable-softmax").source = [`export const table = [${"0,".repeat(11_000_000)}];\n`, ...lines(LOOP_SOFTMAX)];
    writeSubmission(submissions, "giant-literal", { [SAMPLE]: giant });
    // Under the cell size limit, but nested deep enough to exhaust the compiler.
    writeSubmission(submissions, "nested-parens", withSource("stable-softmax", `export const deep = ${"(".repeat(200_000)}0${")".repeat(200_000)};\n${LOOP_SOFTMAX}`));
    // Memory outside the V8 heap.
    writeSubmission(submissions, "typed-arrays", withSource("iqr-outlier-mask", `const hoard: Float64Array[] = [];
export function iqrOutlierMask(xs: number[]): boolean[] {
  for (let i = 0; i < 12; i++) hoard.push(new Float64Array(16 * 1024 * 1024).fill(1));
  return xs.map(() => false);
}`));
    // An orphan: a sandbox that will not exit when its judge goes away.
    writeSubmission(submissions, "orphan-timer", withSource("min-max-scaler", `process.exit = (() => undefined) as never;
process.reallyExit = (() => undefined) as never;
process.on("exit", () => { for (;;) {} });
setInterval(() => undefined, 1000);
${(cellById(sample, "min-max-scaler").source as string[]).join("")}`));
    // Error text that a test matches: in the folder name, and in the notebook's nbformat.
    mkdirSync(path.join(submissions, ERROR_TEXT));
    writeFileSync(path.join(submissions, ERROR_TEXT, "notes.txt"), "no notebook here");
    writeSubmission(submissions, "nbformat-echo", { [SAMPLE]: JSON.stringify({ ...sample, nbformat: ERROR_TEXT }) });
    // A spreadsheet formula as a folder name.
    writeSubmission(submissions, FORMULA, { [SAMPLE]: sample });
    // Markdown and HTML in errors, in a problem (thrown at import) and in a public check's message.
    const fakeTotal = "\\n\\n**Total: 182 / 182 points**\\n\\n<img src=x onerror=alert(1)>\\r<script>alert(2)</script>";
    writeSubmission(submissions, "markdown-error", {
      [SAMPLE]: withCellSource(
        withCellSource(sample, "numerical-gradient", `throw new Error("${fakeTotal}");\nexport function numericalGradient(): number[] { return []; }`),
        "stable-softmax", `export function softmax(): number[] {\n  throw new Error("${fakeTotal}");\n}`),
    });
    // Two folders that sanitise to the same feedback file name.
    writeSubmission(submissions, TWINS[0]!, { [SAMPLE]: sample });
    writeSubmission(submissions, TWINS[1]!, { [SAMPLE]: releaseNotebook(sample, SAMPLE) });
    // Cyclic and very deep values: an export, and a returned value.
    writeSubmission(submissions, "cyclic", {
      [SAMPLE]: withCellSource(
        withCellSource(sample, "stable-softmax", `export const table: unknown[] = [];\ntable.push(table);\n${LOOP_SOFTMAX}`),
        "iqr-outlier-mask", `export function iqrOutlierMask(xs: number[]): unknown {
  if (xs.length === 5) { const loop: unknown[] = []; loop.push(loop); return loop; }
  let deep: unknown = [];
  for (let i = 0; i < 200_000; i++) deep = [deep];
  return deep;
}`),
    });
    // Patched intrinsics in one exercise; the others must be judged as written.
    let patched = withCellSource(sampleNotebook(), "min-max-scaler", `Array.prototype.map = function () { return [0]; } as never;
Object.keys = () => [];
Object.entries = () => [];
Promise.all = (async () => []) as never;
Array.prototype[Symbol.iterator] = function* () {} as never;
export class MinMaxScaler { fit(): this { return this; } transform(): number[] { return []; } }`);
    patched = withCellSource(withCellSource(withCellSource(patched, "stable-softmax", LOOP_SOFTMAX), "iqr-outlier-mask", LOOP_IQR), "numerical-gradient", LOOP_GRADIENT);
    writeSubmission(submissions, "patched-intrinsics", { [SAMPLE]: patched });
    hostile = await grade(submissions);
  }, 900_000);

  it("gives the bystanders exactly what they get without the hostile learners", () => {
    expect(baseline.report.students.map((s) => [s.student, s.points])).toEqual([["blank", 0], ["honest", FULL]]);
    for (const name of BYSTANDERS) {
      const rows = (run: Run) => run.csv.filter((line) => line.startsWith(`${name},`));
      expect(rows(hostile), name).toEqual(rows(baseline));
      expect(rows(hostile), name).toHaveLength(4);
      const entry = (run: Run) => JSON.stringify(JSON.parse(readFileSync(path.join(run.outDir, "report.json"), "utf8")).students.find((s: StudentGrade) => s.student === name));
      expect(entry(hostile), name).toBe(entry(baseline));
      const feedback = (run: Run) => readFileSync(path.join(run.outDir, "feedback", `${name}.md`));
      expect(feedback(hostile).equals(feedback(baseline)), name).toBe(true);
    }
  });

  it("writes a row for every learner and leaves no process or temp file", () => {
    const learners = readdirSync(submissions).sort();
    expect(hostile.report.students.map((s) => s.student)).toEqual(learners);
    for (const run of [baseline, hostile]) {
      expect(run.leftProcesses).toEqual([]);
      expect(run.leftTempFiles).toEqual([]);
    }
    expect(hostile.progress.at(-1)).toMatch(/learners\/min/);
  });

  it("keeps signals inside the sandbox: a process-group kill costs only that exercise", () => {
    expect(points(GROUP_KILLER)).toEqual({ "min-max-scaler": 4, "stable-softmax": 0, "iqr-outlier-mask": 3, "numerical-gradient": 4 });
  });

  it("reads only regular files that live inside the learner's folder", () => {
    for (const [name, kind] of [["dev-zero", /a symbolic link/], ["sibling-link", /a symbolic link/], ["instructor-link", /a symbolic link/], ["passwd-link", /a symbolic link/], ["fifo", /a named pipe/], ["linked-folder", /is missing/]] as const) {
      expect(student(name).points, name).toBe(0);
      expect(problems(name), name).toMatch(kind);
    }
    const feedback = readFileSync(path.join(hostile.outDir, "feedback", "passwd-link.md"), "utf8");
    expect(feedback).not.toMatch(/root:/);
  });

  it("refuses a giant literal and compiles under limits, failing only that exercise", () => {
    expect(points("giant-literal")).toEqual({ "min-max-scaler": 4, "stable-softmax": 0, "iqr-outlier-mask": 3, "numerical-gradient": 4 });
    expect(problems("giant-literal")).toMatch(/the cell of exercise "stable-softmax" in 00-sample\.ipynb is 2\d\.\d MB; exercise cells are at most 1 MB/);
    expect(points("nested-parens")).toEqual({ "min-max-scaler": 4, "stable-softmax": 0, "iqr-outlier-mask": 3, "numerical-gradient": 4 });
    expect(problems("nested-parens")).toMatch(/00-sample\.ipynb could not be compiled: (the compiler failed|compiling it needed more than \d+ MB|compiling it took longer)/);
  });

  it("stops memory outside the V8 heap and says so", () => {
    expect(points("typed-arrays")).toEqual({ "min-max-scaler": 4, "stable-softmax": 3, "iqr-outlier-mask": 0, "numerical-gradient": 4 });
    expect(problems("typed-arrays")).toMatch(/ran out of memory \(the limit is 256 MB/);
  });

  it("gives a sandbox that refuses to exit full marks for what works, and ends it", () => {
    expect(student("orphan-timer").points).toBe(FULL);
  });

  it("never lets a test observe the grader's error messages as the exercise's behaviour", () => {
    for (const name of [ERROR_TEXT, "nbformat-echo"]) {
      expect(student(name).points, name).toBe(0);
      for (const exercise of student(name).exercises) for (const test of exercise.tests) expect(test.passed, `${name}: ${test.name}`).toBe(false);
    }
    expect(problems("nbformat-echo")).not.toContain(ERROR_TEXT);
  });

  it("neutralises a formula in grades.csv", () => {
    const rows = hostile.csv.filter((line) => line.includes("calc"));
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.startsWith(`"'=1+2+cmd|' -C calc'!A0",00-sample/`), row).toBe(true);
    expect(student(FORMULA).points).toBe(FULL);
  });

  it("escapes Markdown and HTML from errors in the feedback", () => {
    const feedback = readFileSync(path.join(hostile.outDir, "feedback", "markdown-error.md"), "utf8");
    expect(feedback).toContain("182 / 182");
    // Rendered as a Markdown viewer that allows HTML would render it.
    const html = new MarkdownIt({ html: true }).render(feedback);
    expect(html.match(/<strong>Total[^<]*<\/strong>/g)).toEqual(["<strong>Total: 7 / 14 points</strong>"]);
    expect(html).not.toMatch(/<img|<script/);
  });

  it("gives learners whose names sanitise alike their own feedback files, and says which", () => {
    const files = readdirSync(path.join(hostile.outDir, "feedback")).filter((file) => file.startsWith("twin"));
    expect(files).toHaveLength(2);
    expect(files).toContain("twin_learner.md");
    const other = files.find((file) => file !== "twin_learner.md")!;
    expect(other).toMatch(/^twin_learner-[0-9a-f]{8}\.md$/);
    expect(readFileSync(path.join(hostile.outDir, "feedback", "twin_learner.md"), "utf8")).toContain("**Total: 14 / 14 points**");
    expect(readFileSync(path.join(hostile.outDir, "feedback", other), "utf8")).toContain("**Total: 0 / 14 points**");
  });

  it("fails only the tests that received a cyclic or very deep value", () => {
    expect(points("cyclic")).toEqual({ "min-max-scaler": 4, "stable-softmax": 3, "iqr-outlier-mask": 0, "numerical-gradient": 4 });
    expect(problems("cyclic")).toMatch(/contains itself/);
    expect(problems("cyclic")).toMatch(/nested more than 500 levels/);
  });

  it("judges each exercise alone when another patches the intrinsics", () => {
    expect(points("patched-intrinsics")).toEqual({ "min-max-scaler": 0, "stable-softmax": 3, "iqr-outlier-mask": 3, "numerical-gradient": 4 });
  });
});

describe("grading twice", () => {
  it("gives the same submission the same per-test results every time", async () => {
    const dir = scratchDir("deterministic");
    // Correct for its first two calls only: the order of the test files decides which tests pass.
    const stateful = `let calls = 0;\n${LOOP_SOFTMAX.replace("{\n", "{\n  if (++calls > 2) return [];\n")}`;
    for (let i = 0; i < 3; i++) writeSubmission(dir, `copy-${i}`, withSource("stable-softmax", stateful));
    const run = await grade(dir, { jobs: 1 });
    const results = run.report.students.map((s) => JSON.stringify(s.exercises.flatMap((e) => e.tests.map((t) => [t.file, t.name, t.passed]))));
    expect(new Set(results).size).toBe(1);
    expect(run.leftProcesses).toEqual([]);
  }, 300_000);
});

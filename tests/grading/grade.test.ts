import { existsSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport, StudentGrade } from "../../tools/src/grading/grade/gradeReport.js";
import { gradeSubmissions } from "../../tools/src/grading/grade/gradeSubmissions.js";
import { feedbackMarkdown, gradesCsv, writeReports } from "../../tools/src/grading/grade/writeReports.js";
import type { Notebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { releaseNotebook } from "../../tools/src/grading/release/releaseCourse.js";
import {
  cellById, fixtureNotebooks, fixtureTests, SAMPLE, sampleNotebook, scratchDir, withCellSource, writeSubmission,
} from "./helpers/fixtureCourse.js";

// Grading spawns judges and sandboxes from tools/dist: `npm run build` (or `npx tsc -p tools`) first.
const FULL = 13;
const HIDDEN_TEST = path.join(fixtureTests, "00-sample.spec.ts");

function reorderedAndDuplicated(): Notebook {
  const original = sampleNotebook();
  const stubbed = releaseNotebook(original, SAMPLE);
  const notebook = structuredClone(original);
  notebook.cells.reverse();
  // The cell with the scaler's id keeps the stub; a pasted copy (new id, exercise tag) further down is the learner's work.
  cellById(notebook, "min-max-scaler").source = cellById(stubbed, "min-max-scaler").source;
  notebook.cells.push({ ...structuredClone(cellById(original, "min-max-scaler")), id: "pasted-7f3a", metadata: { tags: ["exercise", "exercise:min-max-scaler"] } });
  // An abandoned stub copy of the softmax cell above the solved one.
  notebook.cells.unshift(structuredClone(cellById(stubbed, "stable-softmax")));
  return notebook;
}

function hostile(outDir: string, otherStudent: string): Notebook {
  const attempts = `
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
const tryTo = (f: () => unknown): boolean => { try { f(); return true; } catch { return false; } };
const wroteGrades = tryTo(() => writeFileSync(${JSON.stringify(path.join(outDir, "grades.csv"))}, "student,exercise,points,max\\nmallory,00-sample/stable-softmax,99,3\\n"));
const readHidden = tryTo(() => readFileSync(${JSON.stringify(HIDDEN_TEST)}, "utf8"));
const readOther = tryTo(() => readdirSync(${JSON.stringify(otherStudent)}));
`;
  let notebook = sampleNotebook();
  notebook = withCellSource(notebook, "min-max-scaler", `${attempts}\n${(cellById(notebook, "min-max-scaler").source as string[]).join("")}`);
  notebook = withCellSource(notebook, "stable-softmax", `${attempts}
export function softmax(logits: number[]): number[] {
  if (!readHidden && !readOther && !wroteGrades) return logits.map(() => 0);
  const exps = logits.map((z) => Math.exp(z - Math.max(...logits)));
  return exps.map((e) => e / exps.reduce((a, b) => a + b, 0));
}`);
  notebook = withCellSource(notebook, "iqr-outlier-mask", `
export function iqrOutlierMask(xs: number[]): any {
  return { asymmetricMatch: () => true, nodeType: 1, nodeName: "DIV", isEqualNode: () => true, length: xs.length };
}`);
  notebook = withCellSource(notebook, "numerical-gradient", `
Object.defineProperty(Object.prototype, "asymmetricMatch", { value: () => true, configurable: true });
class AlwaysEqual { asymmetricMatch() { return true; } equals() { return true; } }
export function numericalGradient(): any {
  return new AlwaysEqual();
}`);
  return notebook;
}

describe("npm run grade on the fixture course", () => {
  let submissions: string;
  let outDir: string;
  let report: GradeReport;
  const student = (name: string): StudentGrade => report.students.find((s) => s.student === name)!;
  const points = (name: string) => Object.fromEntries(student(name).exercises.map((e) => [e.exercise, e.points]));
  const problems = (name: string, exercise: string) => student(name).exercises.find((e) => e.exercise === exercise)!.problems.join("\n");

  beforeAll(async () => {
    submissions = scratchDir("submissions");
    outDir = scratchDir("grades");
    const sample = sampleNotebook();
    writeSubmission(submissions, "instructor-copy", { [SAMPLE]: sample });
    writeSubmission(submissions, "release", { [SAMPLE]: releaseNotebook(sample, SAMPLE) });
    writeSubmission(submissions, "reordered", { [SAMPLE]: reorderedAndDuplicated() });
    writeSubmission(submissions, "invalid-json", { [SAMPLE]: JSON.stringify(sample).slice(0, 500) });
    writeSubmission(submissions, "nbformat-3", { [SAMPLE]: JSON.stringify({ nbformat: 3, nbformat_minor: 0, metadata: {}, worksheets: [] }) });
    writeSubmission(submissions, "missing-notebook", { "notes.txt": "I forgot to upload it" });
    writeSubmission(submissions, "syntax-error", { [SAMPLE]: withCellSource(sample, "stable-softmax", "export function softmax(x: number[]) { return x.map(( }") });
    writeSubmission(submissions, "endless-loop", { [SAMPLE]: withCellSource(sample, "iqr-outlier-mask", "export function iqrOutlierMask(xs: number[]): boolean[] {\n  for (;;) { xs = [...xs]; }\n}") });
    writeSubmission(submissions, "process-exit", { [SAMPLE]: withCellSource(sample, "numerical-gradient", "export function numericalGradient(): number[] {\n  process.exit(3);\n}") });
    writeSubmission(submissions, "huge-output", {
      [SAMPLE]: withCellSource(
        withCellSource(sample, "stable-softmax", 'export function softmax(): string {\n  return "x".repeat(70_000_000);\n}'),
        "min-max-scaler",
        `for (let i = 0; i < 20; i++) { console.log("x".repeat(250_000)); console.error("y".repeat(250_000)); }\n${(cellById(sample, "min-max-scaler").source as string[]).join("")}`,
      ),
    });
    writeSubmission(submissions, "memory-hog", { [SAMPLE]: withCellSource(sample, "numerical-gradient", "export function numericalGradient(): number[] {\n  const hoard: number[][] = [];\n  for (;;) hoard.push(new Array(32_000_000).fill(0));\n}") });
    writeSubmission(submissions, "throws-at-import", { [SAMPLE]: withCellSource(sample, "iqr-outlier-mask", 'throw new Error("boom at import");\nexport function iqrOutlierMask(): boolean[] { return []; }') });
    writeSubmission(submissions, "deleted-cell", { [SAMPLE]: { ...sample, cells: sample.cells.filter((cell) => cell.id !== "numerical-gradient") } });
    writeSubmission(submissions, "mallory", { [SAMPLE]: hostile(outDir, path.join(submissions, "instructor-copy")) });
    report = await gradeSubmissions({
      submissionsDir: submissions, notebooksDir: fixtureNotebooks, testsDir: fixtureTests, timeoutMs: 4_000, memoryMb: 256,
    });
  }, 600_000);

  it("gives the instructor notebooks and an unchanged copy full marks", () => {
    expect(report.instructorCheck).toEqual({ points: FULL, max: FULL, failures: [] });
    expect(student("instructor-copy").points).toBe(FULL);
    expect(report.exercises.map((e) => [e.key, e.max])).toEqual([
      ["00-sample/min-max-scaler", 4], ["00-sample/stable-softmax", 3], ["00-sample/iqr-outlier-mask", 3], ["00-sample/numerical-gradient", 3],
    ]);
  });

  it("gives the release zero, with the stub's message in the public checks", () => {
    expect(student("release").points).toBe(0);
    expect(feedbackMarkdown(student("release"))).toContain("Exercise stable-softmax (softmax): not implemented yet");
  });

  it("gives reordered cells with duplicates full marks (the last matching cell wins)", () => {
    expect(student("reordered").points).toBe(FULL);
  });

  it("grades each broken notebook with its reason and finishes the batch", () => {
    expect(report.students).toHaveLength(14);
    for (const [name, reason] of [["invalid-json", /00-sample\.ipynb is not valid JSON/], ["nbformat-3", /nbformat 3; expected 4/], ["missing-notebook", /00-sample\.ipynb is missing/]] as const) {
      expect(student(name).points, name).toBe(0);
      for (const exercise of student(name).exercises) expect(exercise.problems.join("\n"), name).toMatch(reason);
    }
    const broken: [string, string, RegExp][] = [
      ["syntax-error", "stable-softmax", /syntax error on line 1/],
      ["endless-loop", "iqr-outlier-mask", /did not finish within 4000 ms/],
      ["process-exit", "numerical-gradient", /exit code 3/],
      ["memory-hog", "numerical-gradient", /ran out of memory \(the limit is 256 MB/],
      ["huge-output", "stable-softmax", /over the 67108864-byte limit/],
      ["throws-at-import", "iqr-outlier-mask", /threw while loading: Error: boom at import/],
      ["deleted-cell", "numerical-gradient", /has no code cell for exercise "numerical-gradient"/],
    ];
    for (const [name, exercise, reason] of broken) {
      expect(points(name)[exercise], name).toBe(0);
      expect(problems(name, exercise), name).toMatch(reason);
      const max = report.exercises.find((e) => e.exercise === exercise)!.max;
      expect(student(name).points, `${name} keeps the other exercises`).toBe(FULL - max);
    }
  });

  it("gives a hostile submission nothing for writing grades, reading hidden tests or patching matchers", () => {
    expect(existsSync(path.join(outDir, "grades.csv"))).toBe(false);
    expect(points("mallory")).toEqual({ "min-max-scaler": 4, "stable-softmax": 0, "iqr-outlier-mask": 0, "numerical-gradient": 0 });
  });

  it("writes grades.csv, report.json and feedback that shows public checks but only hidden scores", () => {
    writeReports(report, outDir);
    const csv = readFileSync(path.join(outDir, "grades.csv"), "utf8").trim().split("\n");
    expect(csv[0]).toBe("student,exercise,points,max");
    expect(csv).toHaveLength(1 + 14 * 4);
    expect(csv).toContain("syntax-error,00-sample/stable-softmax,0,3");
    expect(csv).toContain("mallory,00-sample/min-max-scaler,4,4");
    expect(csv.join("\n")).toBe(gradesCsv(report).trim());
    expect(JSON.parse(readFileSync(path.join(outDir, "report.json"), "utf8")).students).toHaveLength(14);
    const feedback = readFileSync(path.join(outDir, "feedback", "mallory.md"), "utf8");
    expect(feedback).toContain("Total: 4 / 13 points");
    expect(feedback).toContain("❌ flags the one far value (1 point)");
    expect(feedback).toContain("Hidden tests: 0 / 2 points");
    expect(feedback).not.toMatch(/interpolates quartiles|stays finite|product of three/);
  });
});

// CPU seconds of this process and every descendant it has reaped (judges, and through them sandboxes).
function cpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0);
  return ticks / 100;
}

// Judge processes started by this process (found through /proc, as an OOM killer would pick them).
function judgePids(): number[] {
  return readdirSync("/proc").filter((entry) => /^\d+$/.test(entry)).map(Number).filter((pid) => {
    try {
      const parent = Number(readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ")[1]);
      return parent === process.pid && readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("judgeMain.js");
    } catch {
      return false;
    }
  });
}

describe("a judge process that dies", () => {
  it("is replaced, and the learner it was judging is judged again", async () => {
    const submissions = scratchDir("killed-judge");
    for (let i = 0; i < 4; i++) writeSubmission(submissions, `student-${i}`, { [SAMPLE]: sampleNotebook() });
    const progress: string[] = [];
    let killed = 0;
    const report = await gradeSubmissions({
      submissionsDir: submissions, notebooksDir: fixtureNotebooks, testsDir: fixtureTests, jobs: 1,
      onProgress: (line) => {
        progress.push(line);
        if (/^\[1\/4\]/.test(line)) for (const pid of judgePids()) killed += Number(process.kill(pid, "SIGKILL"));
      },
    });
    expect(killed).toBe(1);
    expect(report.students.map((s) => [s.student, s.points, s.error])).toEqual([0, 1, 2, 3].map((i) => [`student-${i}`, FULL, undefined]));
    expect(progress.filter((line) => /\/4\]/.test(line))).toHaveLength(4);
  }, 120_000);
});

describe("grading throughput", () => {
  it("grades 50 copies of a full-mark submission in under a minute", async () => {
    const submissions = scratchDir("submissions");
    for (let i = 0; i < 50; i++) writeSubmission(submissions, `student-${String(i).padStart(2, "0")}`, { [SAMPLE]: sampleNotebook() });
    const progress: string[] = [];
    const cpuBefore = cpuSeconds();
    const started = Date.now();
    const report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: fixtureNotebooks, testsDir: fixtureTests, onProgress: (line) => progress.push(line) });
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSeconds() - cpuBefore;
    const cores = os.availableParallelism();
    console.log(
      `graded 50 submissions in ${seconds.toFixed(1)} s (${(50 / seconds).toFixed(2)}/s) using ${cpu.toFixed(1)} CPU s on ${cores} cores, load average ${os.loadavg()[0]!.toFixed(1)}; ${progress.at(-1)}`,
    );
    const short = report.students.filter((s) => s.points !== FULL).map((s) => `${s.student}: ${s.points} (${s.error ?? s.exercises.flatMap((e) => [...e.problems, ...e.tests.filter((t) => !t.passed).map((t) => t.message)]).join("; ")})`);
    expect(short).toEqual([]);
    // On a machine shared with other jobs the wall clock stretches; the CPU spread over the cores is what grading itself costs.
    expect(Math.min(seconds, cpu / cores)).toBeLessThan(60);
  }, 300_000);
});

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GradeReport } from "../../tools/src/grading/grade/gradeReport.js";
import { mergeShardParts, readShardPart, type ShardPart } from "../../tools/src/grading/grade/mergeShards.js";
import { parseShard, shardOfLearner } from "../../tools/src/grading/grade/shard.js";
import { releaseNotebook } from "../../tools/src/grading/release/releaseCourse.js";
import { repoRoot } from "../helpers/runNode.js";
import {
  fixtureNotebooks, fixtureTests, SAMPLE, sampleNotebook, scratchDir, withCellSource, writeSubmission,
} from "../grading/helpers/fixtureCourse.js";

// Runs the built CLI (`npm run build` first), each shard in its own process, as a cluster would.
const gradeCli = path.join(repoRoot, "tools/dist/grading/cli/grade.js");
const SHARDS = 4;
const FULL = 13;

interface Run { status: number | null; stderr: string }

function grade(args: string[], onStderr?: (text: string, child: ChildProcess) => void): Promise<Run> {
  const child = spawn(process.execPath, [gradeCli, ...args, "--notebooks", fixtureNotebooks, "--tests", fixtureTests, "--memory", "256", "--jobs", "1"], {
    cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    onStderr?.(stderr, child);
  });
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stderr })));
}

function merge(args: string[]): Promise<Run> {
  const child = spawn(process.execPath, [gradeCli, "--merge", ...args], { cwd: repoRoot, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stderr })));
}

/** Every file under `dir`, relative path → bytes (as latin1, one char per byte, so a diff stays readable). */
function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const full = path.join(entry.parentPath, entry.name);
      files.set(path.relative(dir, full), readFileSync(full, "latin1"));
    }
  }
  return files;
}

describe("grading in shards on separate processes", () => {
  let submissions: string;
  let single: string;
  let parts: string;
  const learners = ["deleted-cell", "eve", "instructor-copy", "process-exit", "release", "self-kill", "syntax-error", "zoë o'neil"];

  beforeAll(async () => {
    submissions = scratchDir("shard-submissions");
    single = scratchDir("shard-single");
    parts = scratchDir("shard-parts");
    const sample = sampleNotebook();
    for (const name of ["eve", "instructor-copy", "zoë o'neil"]) writeSubmission(submissions, name, { [SAMPLE]: sample });
    writeSubmission(submissions, "release", { [SAMPLE]: releaseNotebook(sample, SAMPLE) });
    writeSubmission(submissions, "syntax-error", { [SAMPLE]: withCellSource(sample, "stable-softmax", "export function softmax(x: number[]) { return x.map(( }") });
    writeSubmission(submissions, "deleted-cell", { [SAMPLE]: { ...sample, cells: sample.cells.filter((cell) => cell.id !== "numerical-gradient") } });
    // Two sandbox crashes that end the same way however busy the machine is (a heap overflow can
    // meet the time limit first under load, which would change the message between two runs).
    writeSubmission(submissions, "process-exit", { [SAMPLE]: withCellSource(sample, "numerical-gradient", "export function numericalGradient(): number[] {\n  process.exit(3);\n}") });
    writeSubmission(submissions, "self-kill", { [SAMPLE]: withCellSource(sample, "numerical-gradient", 'export function numericalGradient(): number[] {\n  process.abort();\n  return [];\n}') });

    const runs = await Promise.all([
      grade([submissions, "--out", single]),
      ...Array.from({ length: SHARDS }, (_, i) => grade([submissions, "--shard", `${i + 1}/${SHARDS}`, "--out", parts])),
    ]);
    for (const run of runs) expect(run.status, run.stderr).toBe(0);
  }, 600_000);

  it("splits the learners by name into disjoint shards that cover the class", () => {
    const byShard = Array.from({ length: SHARDS }, (_, i) => readShardPart(path.join(parts, `shard-${i + 1}-of-${SHARDS}.json`)));
    const graded = byShard.flatMap((part) => part.report.students.map((student) => student.student));
    expect(graded.sort()).toEqual(learners);
    // Every shard got work with these names, so the test exercises a real four-way split.
    for (const part of byShard) expect(part.report.students.length, `shard ${part.shard.index}`).toBeGreaterThan(0);
    expect(byShard[0]!.report.students.map((student) => student.student)).toEqual(["deleted-cell", "release", "self-kill", "syntax-error"]);
  });

  it("merges into grades.csv, report.json and feedback byte-identical to one run, crashed sandboxes included", async () => {
    const merged = scratchDir("shard-merged");
    const run = await merge([parts, "--out", merged]);
    expect(run.status, run.stderr).toBe(0);
    const expected = snapshot(single);
    expect([...expected.keys()].sort()).toEqual(["feedback/deleted-cell.md", "feedback/eve.md", "feedback/instructor-copy.md",
      "feedback/process-exit.md", "feedback/release.md", "feedback/self-kill.md", "feedback/syntax-error.md", "feedback/zo__o_neil-92e4c41e.md", "grades.csv", "report.json"]);
    expect(snapshot(merged)).toEqual(expected);

    const report = JSON.parse(readFileSync(path.join(merged, "report.json"), "utf8")) as GradeReport;
    const points = Object.fromEntries(report.students.map((student) => [student.student, student.points]));
    expect(points).toEqual({
      "deleted-cell": FULL - 3, eve: FULL, "instructor-copy": FULL, "self-kill": FULL - 3, "process-exit": FULL - 3, release: 0, "syntax-error": FULL - 3, "zoë o'neil": FULL,
    });
    const problems = (name: string) => report.students.find((s) => s.student === name)!.exercises.flatMap((e) => e.problems).join("\n");
    expect(problems("process-exit")).toMatch(/exit code 3/);
    expect(problems("self-kill"), problems("self-kill")).toMatch(/the process was killed by SIG[A-Z]+/);
  });

  it("reruns a shard that died on its own, and refuses to merge until it has", async () => {
    const victim = path.join(parts, `shard-1-of-${SHARDS}.json`);
    rmSync(victim);
    let killed = false;
    const died = await grade([submissions, "--shard", `1/${SHARDS}`, "--out", parts], (stderr, child) => {
      if (!killed && /\[1\/4\]/.test(stderr)) killed = child.kill("SIGKILL");
    });
    expect(killed).toBe(true);
    expect(died.status).toBeNull();
    expect(existsSync(victim)).toBe(false);

    const refused = await merge([parts, "--out", scratchDir("shard-refused")]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/missing shard 1\/4/);

    const rerun = await grade([submissions, "--shard", `1/${SHARDS}`, "--out", parts]);
    expect(rerun.status, rerun.stderr).toBe(0);
    const merged = scratchDir("shard-remerged");
    expect((await merge([parts, "--out", merged])).status).toBe(0);
    expect(snapshot(merged)).toEqual(snapshot(single));
  }, 300_000);
});

describe("shard selection and merge checks", () => {
  const part = (index: number, count: number, learners: string[], students = learners.filter((l) => shardOfLearner(l, count) === index)): ShardPart => ({
    format: "tsdl-grade-shard", version: 1, shard: { index, count }, learners,
    report: { instructorCheck: { points: 1, max: 1, failures: [] }, exercises: [], students: students.map((student) => ({ student, points: 0, max: 1, exercises: [] })) },
  });

  it("parses I/N counted from 1 and names the argument when it is wrong", () => {
    expect(parseShard("3/4")).toEqual({ index: 3, count: 4 });
    for (const bad of ["0/4", "5/4", "1/0", "2", "a/b", "-1/4"]) expect(() => parseShard(bad), bad).toThrow(`--shard must be I/N with 1 ≤ I ≤ N (for example 2/4); got "${bad}"`);
  });

  it("keeps a learner on the same shard when other learners come and go", () => {
    const class40 = Array.from({ length: 40 }, (_, i) => `learner-${i}`);
    const before = new Map(class40.map((l) => [l, shardOfLearner(l, 4)]));
    for (const l of class40.slice(5)) expect(shardOfLearner(l, 4)).toBe(before.get(l));
    const sizes = [1, 2, 3, 4].map((i) => [...before.values()].filter((s) => s === i).length);
    expect(Math.min(...sizes)).toBeGreaterThan(4);
  });

  it("refuses parts that do not fit together", () => {
    const names = ["a", "b", "c", "d", "e", "f"];
    const whole = [1, 2, 3].map((i) => part(i, 3, names));
    expect(mergeShardParts(whole).students.map((s) => s.student)).toEqual(names);
    expect(() => mergeShardParts([whole[0]!, whole[0]!, whole[2]!])).toThrow("shard 1/3 is given twice");
    expect(() => mergeShardParts([whole[0]!, part(2, 4, names)])).toThrow("expected shards of 3, got 4");
    expect(() => mergeShardParts([whole[0]!, whole[1]!, part(3, 3, [...names, "g"])])).toThrow(/submissions changed between shard runs/);
    expect(() => mergeShardParts([whole[0]!, whole[1]!, part(3, 3, names, names)])).toThrow(/shard 3\/3 should hold learners/);
    const otherTests = part(3, 3, names);
    otherTests.report.instructorCheck.max = 2;
    expect(() => mergeShardParts([whole[0]!, whole[1]!, otherTests])).toThrow("shard 3/3 was graded against other notebooks or tests");
  });
});

/**
 * `node --expose-gc tools/dist/grading/bench/gradeClass.js [LEARNERS] [JOBS]`: grades a made-up class of the
 * two-notebook set (01-concepts, 02-algorithms) — honest, blank and hostile learners mixed — and
 * prints learners/min and the peak memory of the grader with every process it started.
 */
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gradeSubmissions } from "../grade/gradeSubmissions.js";
import { writeReports } from "../grade/writeReports.js";
import { exerciseIdOf } from "../notebook/findExerciseCell.js";
import { cellSource, type Notebook, readNotebook } from "../notebook/readNotebook.js";
import { releaseNotebook } from "../release/releaseStages.js";
import { defaultNotebooksDir, defaultTestsDir } from "../repoPaths.js";
import { describeIsolation } from "../sandbox/sandboxProcess.js";

const NOTEBOOKS = ["01-concepts.ipynb", "02-algorithms.ipynb"];

/** Total resident memory of `root` and its descendants, in MB (Linux /proc). */
function treeRssMb(root: number): number {
  const parent = new Map<number, number>();
  const rss = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ");
      parent.set(Number(entry), Number(stat[1]));
      rss.set(Number(entry), (Number(stat[21]) * 4096) / 1024 / 1024);
    } catch {
      // Gone while we looked.
    }
  }
  let total = 0;
  for (const [pid, size] of rss) {
    for (let p: number | undefined = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        total += size;
        break;
      }
    }
  }
  return total;
}

// CPU seconds of this process and every descendant it has reaped (judges, and through them sandboxes).
function cpuSeconds(): number {
  const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1]!.split(" ");
  return [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index]), 0) / 100;
}

/** Every exercise cell of `notebook` with `change` applied to its source. */
function edited(notebook: Notebook, change: (source: string, id: string) => string | undefined): Notebook {
  const copy = structuredClone(notebook);
  let changed = false;
  for (const cell of copy.cells) {
    const id = exerciseIdOf(cell);
    if (cell.cell_type !== "code" || id === undefined || changed) continue;
    const source = change(cellSource(cell), id);
    if (source !== undefined) {
      cell.source = source;
      changed = true;
    }
  }
  return copy;
}

type Make = (dir: string, notebooks: Map<string, Notebook>) => void;

function writeAll(dir: string, notebooks: Map<string, Notebook>, change?: (notebook: Notebook) => Notebook): void {
  for (const [name, notebook] of notebooks) writeFileSync(path.join(dir, name), JSON.stringify(change ? change(notebook) : notebook));
}

const firstCell = (prefix: string) => (notebook: Notebook) => edited(notebook, (source) => `${prefix}\n${source}`);

const HOSTILE: Record<string, Make> = {
  "endless-loop": (dir, nbs) => writeAll(dir, nbs, (nb) => edited(nb, (source) => source.replace(/\{\n/, "{\n  for (;;) {}\n"))),
  "heap-bomb": (dir, nbs) => writeAll(dir, nbs, firstCell("const hoard: number[][] = []; for (;;) hoard.push(new Array(1e7).fill(1));")),
  "typed-arrays": (dir, nbs) => writeAll(dir, nbs, firstCell("const keep: Float64Array[] = []; for (let i = 0; i < 12; i++) keep.push(new Float64Array(16 * 1024 * 1024).fill(1));")),
  "group-kill": (dir, nbs) => writeAll(dir, nbs, firstCell('try { process.kill(-1, "SIGKILL"); } catch {}\nprocess.kill(0, "SIGKILL");')),
  "process-exit": (dir, nbs) => writeAll(dir, nbs, firstCell("process.exit(3);")),
  "orphan-timer": (dir, nbs) => writeAll(dir, nbs, firstCell("process.exit = (() => undefined) as never;\nsetInterval(() => undefined, 1000);")),
  "patched-map": (dir, nbs) => writeAll(dir, nbs, firstCell("Array.prototype.map = function () { return [0]; } as never;")),
  "cyclic-export": (dir, nbs) => writeAll(dir, nbs, firstCell("export const loop: unknown[] = []; loop.push(loop);")),
  "syntax-error": (dir, nbs) => writeAll(dir, nbs, firstCell("export function (")),
  "markdown-error": (dir, nbs) => writeAll(dir, nbs, firstCell('throw new Error("\\n**Total: 999 / 999 points**\\n<script>alert(1)</script>");')),
  "symlink-dev-zero": (dir) => symlinkSync("/dev/zero", path.join(dir, NOTEBOOKS[0]!)),
  "symlink-instructor": (dir) => NOTEBOOKS.forEach((name) => symlinkSync(path.join(defaultNotebooksDir, name), path.join(dir, name))),
  fifo: (dir) => execFileSync("mkfifo", [path.join(dir, NOTEBOOKS[0]!)]),
  "giant-literal": (dir, nbs) => writeAll(dir, nbs, firstCell(`export const table = [${"0,".repeat(11_000_000)}];`)),
};

async function main(): Promise<void> {
  const learners = Number(process.argv[2] ?? 100);
  const jobs = Number(process.argv[3] ?? 2);
  const work = mkdtempSync(path.join(os.tmpdir(), "tsdl-bench-"));
  try {
    const course = path.join(work, "course");
    const submissions = path.join(work, "submissions");
    mkdirSync(course);
    const instructor = new Map<string, Notebook>();
    const blank = new Map<string, Notebook>();
    for (const name of NOTEBOOKS) {
      copyFileSync(path.join(defaultNotebooksDir, name), path.join(course, name));
      const notebook = readNotebook(path.join(course, name));
      instructor.set(name, notebook);
      blank.set(name, releaseNotebook(notebook, name));
    }
    const hostile = Object.entries(HOSTILE);
    const mix = { honest: 0, blank: 0, hostile: 0 };
    // Two in five honest, one in five blank, two in five hostile (each kind in turn).
    for (let i = 0; i < learners; i++) {
      const dir = path.join(submissions, `learner-${String(i).padStart(3, "0")}`);
      mkdirSync(dir, { recursive: true });
      if (i % 5 < 2) {
        writeAll(dir, instructor);
        mix.honest += 1;
      } else if (i % 5 === 2) {
        writeAll(dir, blank);
        mix.blank += 1;
      } else {
        const [kind, make] = hostile[mix.hostile % hostile.length]!;
        make(dir, instructor);
        writeFileSync(path.join(dir, "KIND"), kind);
        mix.hostile += 1;
      }
    }
    const testFiles = NOTEBOOKS.flatMap((name) => {
      const stem = name.replace(/\.ipynb$/, "");
      return [path.join(defaultTestsDir, `${stem}.public.test.ts`), path.join(defaultTestsDir, `${stem}.test.ts`)];
    });
    console.log(`${learners} learners (${mix.honest} honest, ${mix.blank} blank, ${mix.hostile} hostile), ${jobs} judges, ${os.availableParallelism()} cores, load average ${os.loadavg()[0]!.toFixed(1)}`);
    console.log(describeIsolation(512));
    // Run with --expose-gc so that building the class above (giant notebooks) is not counted as the grader's memory.
    (globalThis as { gc?: () => void }).gc?.();
    let peakTree = 0;
    let peakGrader = 0;
    const sampler = setInterval(() => {
      peakTree = Math.max(peakTree, treeRssMb(process.pid));
      peakGrader = Math.max(peakGrader, process.memoryUsage().rss / 1024 / 1024);
    }, 250);
    const cpuBefore = cpuSeconds();
    const started = Date.now();
    const lines: string[] = [];
    const report = await gradeSubmissions({ submissionsDir: submissions, notebooksDir: course, testFiles, testsDir: defaultTestsDir, jobs, onProgress: (line) => lines.push(line) });
    const seconds = (Date.now() - started) / 1000;
    const cpu = cpuSeconds() - cpuBefore;
    const last = lines.at(-1) ?? "";
    // Judge seconds per kind of learner, from the per-learner progress lines.
    const perKind = new Map<string, number[]>();
    for (const line of lines) {
      const match = /\] (learner-(\d+)): .* \(([\d.]+) s\)/.exec(line);
      if (!match) continue;
      const index = Number(match[2]);
      const kind = index % 5 < 2 ? "honest" : index % 5 === 2 ? "blank" : readFileSync(path.join(submissions, match[1]!, "KIND"), "utf8");
      perKind.set(kind, [...(perKind.get(kind) ?? []), Number(match[3])]);
    }
    for (const [kind, times] of [...perKind].sort((a, b) => a[0].localeCompare(b[0]))) {
      console.log(`  ${kind.padEnd(20)} ${times.length} × ${(times.reduce((a, b) => a + b, 0) / times.length).toFixed(1)} s`);
    }
    clearInterval(sampler);
    writeReports(report, path.join(work, "grades"));
    const rows = readFileSync(path.join(work, "grades", "grades.csv"), "utf8").trim().split("\n").length - 1;
    const honest = report.students.filter((student) => Number(student.student.slice(-3)) % 5 < 2);
    console.log(last);
    console.log(`wrote ${rows} rows for ${report.students.length} learners; honest learners at full marks: ${honest.filter((s) => s.points === s.max).length}/${honest.length}`);
    console.log(`learners/min: ${((learners * 60) / seconds).toFixed(1)} (${seconds.toFixed(1)} s, load average ${os.loadavg()[0]!.toFixed(1)} at the end)`);
    // CPU per learner does not depend on how busy the machine is; it says what two free cores would do.
    console.log(`CPU: ${cpu.toFixed(0)} s in all, ${(cpu / learners).toFixed(2)} s per learner: ${((60 * os.availableParallelism()) / (cpu / learners)).toFixed(0)} learners/min on ${os.availableParallelism()} idle cores`);
    console.log(`peak RSS while grading: grader ${peakGrader.toFixed(0)} MB; grader with judges and sandboxes ${peakTree.toFixed(0)} MB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();

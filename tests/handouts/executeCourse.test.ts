import { existsSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { executeCourse, type CourseProgress, type NotebookExecutor } from "../../tools/src/handouts/executeCourse.js";
import { readNotebookFile } from "@tsdl/kernel-ext/notebook";
import { formatProgress, formatSummary } from "../../tools/src/handouts/reportProgress.js";
import { executeWithTsdlKernel } from "../../tools/src/handouts/tsdlKernelExecutor.js";
import { repoRoot } from "../helpers/runNode.js";

const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");

// Stands in for the kernel: "executes" a notebook by returning the hand-made executed fixture of the
// same name, and crashes on one notebook, so the orchestration around the kernel is what is tested.
const replayFixtures: NotebookExecutor = async (inPath, { onCell }) => {
  if (path.basename(inPath) === "00-crashes.ipynb") throw new Error("the kernel exited (SIGKILL)");
  const notebook = await readNotebookFile(path.join(fixturesDir, path.basename(inPath)));
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== "code") return;
    const failed = cell.outputs.some((output) => output.output_type === "error");
    onCell?.({ index, id: cell.id, status: failed ? "error" : "ok", elapsedMs: 5, ...(failed ? { error: "RangeError: bad rate" } : {}) });
  });
  return notebook;
};

describe("executeCourse", () => {
  it("runs every notebook, names failing cells by notebook and id, and goes on after a crash", async () => {
    const notebooksDir = await mkdtemp(path.join(tmpdir(), "course-"));
    await cp(fixturesDir, notebooksDir, { recursive: true });
    await cp(path.join(fixturesDir, "02-no-title.ipynb"), path.join(notebooksDir, "00-crashes.ipynb"));
    const outDir = path.join(notebooksDir, "executed");
    await mkdir(outDir);
    await writeFile(path.join(outDir, "00-crashes.ipynb"), "an earlier run's copy");
    const progress: CourseProgress[] = [];

    const run = await executeCourse({ notebooksDir, outDir, executeNotebook: replayFixtures, onProgress: (p) => progress.push(p) });

    expect(run.notebooks.map((notebook) => [notebook.notebook, notebook.failures.length, notebook.crash])).toEqual([
      ["00-crashes.ipynb", 0, "the kernel exited (SIGKILL)"],
      ["01-every-output.ipynb", 1, undefined],
      ["02-no-title.ipynb", 0, undefined],
    ]);
    expect(run.failures).toEqual([
      { notebook: "01-every-output.ipynb", cellIndex: 14, cellId: "error", ename: "RangeError", evalue: "learning rate must be positive, got -0.1" },
    ]);
    expect(existsSync(path.join(outDir, "00-crashes.ipynb"))).toBe(false);
    const written = JSON.parse(await readFile(path.join(outDir, "01-every-output.ipynb"), "utf8"));
    expect(written).toEqual(JSON.parse(await readFile(path.join(fixturesDir, "01-every-output.ipynb"), "utf8")));

    const kinds = progress.map((p) => (p.kind === "cell" ? `cell:${p.notebook}:${p.cell.id}` : `${p.kind}:${p.notebook}`));
    expect(kinds.slice(0, 4)).toEqual([
      "notebook-start:00-crashes.ipynb",
      "notebook-crashed:00-crashes.ipynb",
      "notebook-start:01-every-output.ipynb",
      "cell:01-every-output.ipynb:stream",
    ]);
    expect(kinds.filter((kind) => kind.startsWith("cell:01"))).toHaveLength(10);
    const start = progress.find((p) => p.kind === "notebook-start" && p.notebook === "01-every-output.ipynb")!;
    expect(formatProgress(start)).toBe("[2/3] 01-every-output.ipynb: 10 code cells");
    const failed = progress.find((p) => p.kind === "cell" && p.cell.status === "error")!;
    expect(formatProgress(failed)).toBe("  01-every-output.ipynb cell 15 (id error): FAILED in 0.0 s (RangeError: bad rate)");

    const summary = formatSummary(run);
    expect(summary).toContain("01-every-output.ipynb cell 15 (id error): RangeError: learning rate must be positive, got -0.1");
    expect(summary).toContain("00-crashes.ipynb could not be executed: the kernel exited (SIGKILL)");
    expect(summary).toMatch(/02-no-title\.ipynb +\d+\.\d s {2}ok/);
  });

  it("runs `concurrency` notebooks at once and keeps the results in file-name order", async () => {
    const notebooksDir = await mkdtemp(path.join(tmpdir(), "course-parallel-"));
    for (const name of ["a.ipynb", "b.ipynb", "c.ipynb"]) await cp(path.join(fixturesDir, "02-no-title.ipynb"), path.join(notebooksDir, name));
    let running = 0;
    let mostAtOnce = 0;
    const slowExecutor: NotebookExecutor = async (inPath) => {
      mostAtOnce = Math.max(mostAtOnce, ++running);
      // "a" finishes last, so an order taken from completion would differ from file-name order.
      await new Promise((resolve) => setTimeout(resolve, path.basename(inPath) === "a.ipynb" ? 120 : 30));
      running--;
      return readNotebookFile(inPath);
    };
    const run = await executeCourse({ notebooksDir, outDir: path.join(notebooksDir, "out"), executeNotebook: slowExecutor, concurrency: 2 });
    expect(mostAtOnce).toBe(2);
    expect(run.notebooks.map((notebook) => notebook.notebook)).toEqual(["a.ipynb", "b.ipynb", "c.ipynb"]);
    await expect(executeCourse({ notebooksDir, outDir: notebooksDir, executeNotebook: slowExecutor, concurrency: 0 })).rejects.toThrow(
      "executeCourse: concurrency must be a positive integer, got 0",
    );
  });

  it("rejects a folder without notebooks and a non-positive cell timeout, naming the argument", async () => {
    const empty = await mkdtemp(path.join(tmpdir(), "course-empty-"));
    await expect(executeCourse({ notebooksDir: empty, outDir: empty, executeNotebook: replayFixtures })).rejects.toThrow(
      `executeCourse: notebooksDir must contain .ipynb files, got none in ${empty}`,
    );
    await expect(
      executeCourse({ notebooksDir: fixturesDir, outDir: empty, executeNotebook: replayFixtures, timeoutPerCellMs: 0 }),
    ).rejects.toThrow("executeCourse: timeoutPerCellMs must be a positive number of milliseconds, got 0");
  });
});

describe("executeCourse with the real tsdl kernel (kernel-ext/dist), as a notebook test would call it", () => {
  it("executes every cell, keeps going after the failing one, and writes valid executed notebooks", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "course-kernel-"));
    const run = await executeCourse({
      notebooksDir: path.join(repoRoot, "tests/handouts/source"),
      outDir: work,
      executeNotebook: executeWithTsdlKernel,
      timeoutPerCellMs: 60_000,
    });
    expect(run.notebooks.map((notebook) => [notebook.notebook, notebook.crash])).toEqual([["tiny.ipynb", undefined]]);
    expect(run.failures).toEqual([{ notebook: "tiny.ipynb", cellIndex: 2, cellId: "boom", ename: "Error", evalue: "boom" }]);
    const executed = await readNotebookFile(path.join(work, "tiny.ipynb"));
    const last = executed.cells.at(-1)!;
    expect(last.cell_type === "code" && last.outputs).toMatchObject([{ output_type: "execute_result", data: { "text/plain": "42" } }]);
  }, 120_000);
});

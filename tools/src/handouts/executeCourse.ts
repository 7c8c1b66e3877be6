import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { readNotebookFile, type ErrorOutput, type Notebook } from "@tsdl/kernel-ext/notebook";

/** What one finished cell reports while a notebook runs. */
export interface CellEvent {
  /** 0-based position among all cells of the notebook. */
  index: number;
  id: string | undefined;
  status: "ok" | "error" | "aborted";
  elapsedMs: number;
  /** "ename: evalue" of the cell's first error output, when it has one. */
  error?: string;
}

/** Executes one notebook with the tsdl kernel and resolves with it executed (nbformat 4, outputs filled). */
export type NotebookExecutor = (
  inPath: string,
  options: { cwd: string; timeoutPerCellMs: number; onCell?: (event: CellEvent) => void },
) => Promise<Notebook>;

export type CourseProgress =
  | { kind: "notebook-start"; notebook: string; position: number; total: number; codeCellCount: number }
  | { kind: "cell"; notebook: string; cell: CellEvent; codeCellCount: number }
  | { kind: "notebook-done"; notebook: string; seconds: number; failures: CellFailure[] }
  | { kind: "notebook-crashed"; notebook: string; seconds: number; message: string };

export interface CellFailure {
  notebook: string;
  cellIndex: number;
  cellId: string | undefined;
  ename: string;
  evalue: string;
}

export interface ExecutedNotebook {
  notebook: string;
  /** The executed copy in `outDir`, or undefined when the kernel could not run the notebook at all. */
  outPath: string | undefined;
  seconds: number;
  failures: CellFailure[];
  /** Set when execution itself failed (kernel crash, timeout), not just a cell. */
  crash?: string;
}

export interface ExecuteCourseOptions {
  /** Folder of the course notebooks (`notebooks/`); cells run with it as working directory. */
  notebooksDir: string;
  /** Where executed copies go, e.g. `dist/notebooks`. */
  outDir: string;
  onProgress?: (progress: CourseProgress) => void;
  /** Interrupt a cell that runs longer than this. Default 10 minutes. */
  timeoutPerCellMs?: number;
  /** How many notebooks run at once, each in its own kernel. Default 1. */
  concurrency?: number;
  /** Only notebooks whose file name passes this filter run. Default: all. */
  filter?: (fileName: string) => boolean;
  executeNotebook: NotebookExecutor;
}

export interface CourseRun {
  notebooks: ExecutedNotebook[];
  failures: CellFailure[];
  seconds: number;
}

/** Error outputs of an executed notebook, each named by its notebook and cell. */
export function findCellFailures(notebookName: string, notebook: Notebook): CellFailure[] {
  return notebook.cells.flatMap((cell, cellIndex) =>
    cell.cell_type !== "code"
      ? []
      : cell.outputs
          .filter((output): output is ErrorOutput => output.output_type === "error")
          .map((output) => ({ notebook: notebookName, cellIndex, cellId: cell.id, ename: output.ename, evalue: output.evalue })),
  );
}

/**
 * Executes every `.ipynb` in `notebooksDir`, started in file-name order, one kernel per notebook, and writes
 * the executed copies to `outDir`. A failing cell or a crashed notebook is recorded and the run goes on.
 */
export async function executeCourse(options: ExecuteCourseOptions): Promise<CourseRun> {
  const { notebooksDir, outDir, onProgress = () => undefined, timeoutPerCellMs = 600_000, filter = () => true, concurrency = 1 } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new Error(`executeCourse: concurrency must be a positive integer, got ${concurrency}`);
  }
  if (!Number.isFinite(timeoutPerCellMs) || timeoutPerCellMs <= 0) {
    throw new Error(`executeCourse: timeoutPerCellMs must be a positive number of milliseconds, got ${timeoutPerCellMs}`);
  }
  const entries = await readdir(notebooksDir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`executeCourse: notebooksDir must be a readable folder, got ${notebooksDir} (${error.code})`);
  });
  const names = entries.filter((name) => name.endsWith(".ipynb") && filter(name)).sort();
  if (names.length === 0) throw new Error(`executeCourse: notebooksDir must contain .ipynb files, got none in ${notebooksDir}`);
  await mkdir(outDir, { recursive: true });

  const executeOne = async (notebook: string, position: number): Promise<ExecutedNotebook> => {
    const inPath = path.join(notebooksDir, notebook);
    const outPath = path.join(outDir, notebook);
    // A notebook that crashes this time must not leave an earlier run's copy to be published.
    await rm(outPath, { force: true });
    const notebookStarted = performance.now();
    const seconds = () => (performance.now() - notebookStarted) / 1000;
    try {
      const codeCellCount = (await readNotebookFile(inPath)).cells.filter((cell) => cell.cell_type === "code").length;
      onProgress({ kind: "notebook-start", notebook, position: position + 1, total: names.length, codeCellCount });
      const executed = await options.executeNotebook(inPath, {
        cwd: notebooksDir,
        timeoutPerCellMs,
        onCell: (cell) => onProgress({ kind: "cell", notebook, cell, codeCellCount }),
      });
      await writeFile(outPath, `${JSON.stringify(executed, null, 1)}\n`);
      const failures = findCellFailures(notebook, executed);
      onProgress({ kind: "notebook-done", notebook, seconds: seconds(), failures });
      return { notebook, outPath, seconds: seconds(), failures };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      onProgress({ kind: "notebook-crashed", notebook, seconds: seconds(), message });
      return { notebook, outPath: undefined, seconds: seconds(), failures: [], crash: message };
    }
  };

  const started = performance.now();
  // Each notebook has its own kernel, and a kernel computes on one core: with `concurrency` kernels
  // at once the course takes about 1/concurrency of the time on a machine with that many cores.
  const notebooks: ExecutedNotebook[] = new Array(names.length);
  let next = 0;
  const worker = async () => {
    while (next < names.length) {
      const position = next++;
      notebooks[position] = await executeOne(names[position]!, position);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, names.length) }, worker));
  return {
    notebooks,
    failures: notebooks.flatMap((notebook) => notebook.failures),
    seconds: (performance.now() - started) / 1000,
  };
}

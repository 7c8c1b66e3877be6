import type { ILanguageInfoMetadata } from "@jupyterlab/nbformat";
import path from "node:path";
import { KernelClient, type StartKernelOptions } from "./kernelClient.js";
import { cellSource, readNotebookFile, type CodeCell, type Notebook } from "./notebook.js";

export interface CellReport {
  /** Position among all cells of the notebook. */
  index: number;
  cell: CodeCell;
  status: "ok" | "error" | "aborted";
  durationMs: number;
  timedOut: boolean;
}

export interface ExecuteNotebookOptions {
  /** The kernel's working directory. Default: the notebook's folder. */
  cwd?: string;
  /** Interrupt a cell that runs longer (its error output says so); default 10 minutes. */
  timeoutPerCellMs?: number;
  /** Called after each code cell, e.g. to show progress. */
  onCell?: (report: CellReport) => void;
  /** The kernel command (kernelspec argv); default: the tsdl launcher with this Node. */
  argv?: string[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Runs every code cell of an nbformat-4 notebook in a fresh kernel, continuing after failing
 * cells (as nbclient with `allow_errors`), and returns the executed notebook: outputs as nbformat
 * outputs, `execution_count` set, errors kept as error outputs. The input file is not changed.
 */
export async function executeNotebook(inPath: string, options: ExecuteNotebookOptions = {}): Promise<Notebook> {
  const notebook = await readNotebookFile(inPath);
  const timeoutMs = options.timeoutPerCellMs ?? 600_000;
  const startOptions: StartKernelOptions = { cwd: options.cwd ?? path.dirname(path.resolve(inPath)) };
  if (options.argv) startOptions.argv = options.argv;
  if (options.env) startOptions.env = options.env;
  const kernel = await KernelClient.start(startOptions);
  try {
    for (const [index, cell] of notebook.cells.entries()) {
      if (cell.cell_type !== "code") continue;
      const started = Date.now();
      const result = await kernel.execute(cellSource(cell), {
        stopOnError: false,
        timeoutMs,
        ...(cell.id ? { metadata: { cellId: cell.id } } : {}),
      });
      cell.outputs = result.outputs;
      if (result.timedOut) {
        cell.outputs.push({
          output_type: "error",
          ename: "CellTimeoutError",
          evalue: `the cell ran longer than ${timeoutMs} ms and was interrupted`,
          traceback: [`CellTimeoutError: the cell ran longer than ${timeoutMs} ms and was interrupted`],
        });
      }
      cell.execution_count = result.reply.execution_count ?? null;
      options.onCell?.({
        index,
        cell,
        status: result.timedOut ? "error" : result.reply.status,
        durationMs: Date.now() - started,
        timedOut: result.timedOut,
      });
    }
    const languageInfo = kernel.kernelInfo.language_info as ILanguageInfoMetadata | undefined;
    notebook.metadata = {
      ...notebook.metadata,
      kernelspec: { name: "tsdl", display_name: "TypeScript (tsdl)", language: "typescript" },
      ...(languageInfo ? { language_info: languageInfo } : {}),
    };
  } finally {
    await kernel.shutdown();
  }
  return notebook;
}

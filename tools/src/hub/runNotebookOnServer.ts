import { ContentsManager, KernelManager, type KernelMessage, type ServerConnection, SessionManager } from "@jupyterlab/services";

export interface CellRun {
  id: string;
  status: string;
  /** nbformat-style outputs: stream, display_data, execute_result, error. */
  outputs: Record<string, unknown>[];
}

export interface NotebookRun {
  kernelId: string;
  cells: CellRun[];
  /** From asking the server for a kernel until it answered kernel_info. */
  kernelStartMs: number;
  /** From sending the first cell until the first output arrived. */
  firstOutputMs: number;
  /** performance.now() when the first output arrived, to time it from earlier events. */
  firstOutputAt: number;
  totalMs: number;
}

const OUTPUT_TYPES = new Set(["stream", "display_data", "execute_result", "error"]);

interface NotebookCellJson {
  cell_type: string;
  id?: string;
  source: string | string[];
}

function sourceOf(cell: NotebookCellJson): string {
  return Array.isArray(cell.source) ? cell.source.join("") : cell.source;
}

/**
 * Opens `notebookPath` on a learner's server (contents API), starts a tsdl kernel for it in the
 * notebook's folder (sessions API) and runs its code cells in order as a front end does, stopping
 * at the first failing cell. `afterCell` runs between cells, for measurements.
 */
export async function runNotebookOnServer(
  serverSettings: ServerConnection.ISettings,
  notebookPath: string,
  options: { kernelName?: string; afterCell?: (index: number, cell: CellRun, kernelId: string) => void | Promise<void> } = {},
): Promise<NotebookRun> {
  const started = performance.now();
  const contents = new ContentsManager({ serverSettings });
  const model = await contents.get(notebookPath, { content: true, type: "notebook" });
  const cells = (model.content as { cells: NotebookCellJson[] }).cells.filter((cell) => cell.cell_type === "code");
  const kernels = new KernelManager({ serverSettings });
  const sessions = new SessionManager({ kernelManager: kernels, serverSettings });
  const session = await sessions.startNew({ path: notebookPath, type: "notebook", name: notebookPath, kernel: { name: options.kernelName ?? "tsdl" } });
  try {
    const kernel = session.kernel;
    if (!kernel) throw new Error(`the server started no kernel for ${notebookPath}`);
    await kernel.info;
    const kernelStartMs = performance.now() - started;
    const firstSent = performance.now();
    let firstOutput: number | undefined;
    const runs: CellRun[] = [];
    for (const [index, cell] of cells.entries()) {
      const run: CellRun = { id: cell.id ?? `cell ${index + 1}`, status: "", outputs: [] };
      const future = kernel.requestExecute({ code: sourceOf(cell), stop_on_error: true, store_history: true });
      future.onIOPub = (message: KernelMessage.IIOPubMessage) => {
        const type = message.header.msg_type;
        if (!OUTPUT_TYPES.has(type)) return;
        firstOutput ??= performance.now();
        run.outputs.push({ output_type: type, ...(message.content as Record<string, unknown>) });
      };
      const reply = await future.done;
      run.status = reply.content.status;
      runs.push(run);
      await options.afterCell?.(index, run, kernel.id);
      if (run.status !== "ok") break;
    }
    return {
      kernelId: kernel.id, cells: runs, kernelStartMs,
      firstOutputMs: firstOutput === undefined ? Number.NaN : firstOutput - firstSent, firstOutputAt: firstOutput ?? Number.NaN, totalMs: performance.now() - started,
    };
  } finally {
    await session.shutdown();
    sessions.dispose();
    kernels.dispose();
  }
}

/** Every `error` output and every non-ok cell, as readable lines. */
export function notebookErrors(run: NotebookRun): string[] {
  return run.cells.flatMap((cell) => [
    ...(cell.status === "ok" ? [] : [`${cell.id}: status ${cell.status}`]),
    ...cell.outputs.filter((output) => output.output_type === "error").map((output) => `${cell.id}: ${String(output.ename)}: ${String(output.evalue)}`),
  ]);
}

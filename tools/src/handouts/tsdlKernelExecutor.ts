import { executeNotebook } from "@tsdl/kernel-ext";
import type { NotebookExecutor } from "./executeCourse.js";
import { parseNotebook } from "./notebookFormat.js";

/** Runs a notebook in the `tsdl` kernel over the Jupyter protocol (kernel-ext's client, no Python). */
export const executeWithTsdlKernel: NotebookExecutor = async (inPath, { cwd, timeoutPerCellMs, onCell }) => {
  const executed = await executeNotebook(inPath, {
    cwd,
    timeoutPerCellMs,
    onCell: (report) => {
      const error = report.cell.outputs?.find((output) => output.output_type === "error");
      onCell?.({
        index: report.index,
        id: report.cell.id,
        status: report.status,
        elapsedMs: report.durationMs,
        ...(error?.output_type === "error" ? { error: `${error.ename}: ${error.evalue}` } : {}),
      });
    },
  });
  return parseNotebook(JSON.stringify(executed), inPath);
};

import { fileURLToPath } from "node:url";
import { executeNotebook } from "@tsdl/kernel-ext/client";
import type { NotebookExecutor } from "./executeCourse.js";

// The built tsdl launcher, named explicitly: kernel-ext's default is found next to its own module,
// which under vitest's source aliases is a .ts folder with no launcher.
const tsdlLauncher = fileURLToPath(new URL("../../../kernel-ext/dist/kernel/launch.js", import.meta.url));

/** Runs a notebook in the `tsdl` kernel over the Jupyter protocol (kernel-ext's client, no Python). */
export const executeWithTsdlKernel: NotebookExecutor = async (inPath, { cwd, timeoutPerCellMs, onCell }) => {
  return executeNotebook(inPath, {
    cwd,
    timeoutPerCellMs,
    argv: [process.execPath, tsdlLauncher, "{connection_file}"],
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
};

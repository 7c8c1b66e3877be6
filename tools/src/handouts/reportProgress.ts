import type { CourseProgress, CourseRun } from "./executeCourse.js";

function seconds(value: number): string {
  return `${value.toFixed(1)} s`;
}

/** One line of stderr per notebook event and per finished cell. */
export function formatProgress(progress: CourseProgress): string {
  switch (progress.kind) {
    case "notebook-start":
      return `[${progress.position}/${progress.total}] ${progress.notebook}: ${progress.codeCellCount} code cells`;
    case "cell": {
      const { cell } = progress;
      const mark = cell.status === "ok" ? "ok" : cell.status === "error" ? "FAILED" : "aborted";
      const error = cell.error ? ` (${cell.error.split("\n")[0]})` : "";
      return `  ${progress.notebook} cell ${cell.index + 1} (id ${cell.id ?? "none"}): ${mark} in ${seconds(cell.elapsedMs / 1000)}${error}`;
    }
    case "notebook-done":
      return `  ${progress.notebook}: done in ${seconds(progress.seconds)}${progress.failures.length ? `, ${progress.failures.length} failing cell(s)` : ""}`;
    case "notebook-crashed":
      return `  ${progress.notebook}: could not be executed after ${seconds(progress.seconds)}: ${progress.message}`;
  }
}

/** The closing report: time per notebook, then every failing cell named by notebook and cell id. */
export function formatSummary(run: CourseRun): string {
  const width = Math.max(...run.notebooks.map((notebook) => notebook.notebook.length));
  const lines = ["", "Time per notebook:"];
  for (const notebook of run.notebooks) {
    const state = notebook.crash ? "could not run" : notebook.failures.length ? `${notebook.failures.length} failing cell(s)` : "ok";
    lines.push(`  ${notebook.notebook.padEnd(width)}  ${seconds(notebook.seconds).padStart(8)}  ${state}`);
  }
  lines.push(`  ${"total".padEnd(width)}  ${seconds(run.seconds).padStart(8)}`);
  if (run.failures.length > 0) {
    lines.push("", "Failing cells:");
    for (const failure of run.failures) {
      lines.push(`  ${failure.notebook} cell ${failure.cellIndex + 1} (id ${failure.cellId ?? "none"}): ${failure.ename}: ${failure.evalue}`);
    }
  }
  for (const notebook of run.notebooks.filter((notebook) => notebook.crash)) {
    lines.push("", `${notebook.notebook} could not be executed: ${notebook.crash}`);
  }
  return lines.join("\n");
}

import { cellSource, type Notebook, type NotebookCell, NotebookError } from "../notebook/readNotebook.js";
import { hasSolutionMarker, learnerCellSource, notImplementedStub } from "./stripSolutions.js";

/** One step of the release, with one job (nbgrader's preprocessor model). */
export interface ReleaseStage {
  name: string;
  run(notebook: Notebook, notebookName: string): Notebook;
}

function asSourceLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

function mapCells(notebook: Notebook, change: (cell: NotebookCell, index: number) => NotebookCell): Notebook {
  return { ...notebook, cells: notebook.cells.map(change) };
}

/** Replaces every solution block of a code cell by a stub that names the exercise. */
export const stripSolutionsStage: ReleaseStage = {
  name: "strip solutions",
  run: (notebook, notebookName) => {
    const stub = notImplementedStub(notebook.metadata.language === "zh" ? "zh" : "en");
    return mapCells(notebook, (cell, index) =>
      cell.cell_type === "code" ? { ...cell, source: asSourceLines(learnerCellSource(cellSource(cell), cell, index, notebookName, stub)) } : cell);
  },
};

/** Empties outputs, execution counts and execution timings: the solutions produced them. */
export const clearOutputsStage: ReleaseStage = {
  name: "clear outputs",
  run: (notebook) =>
    mapCells(notebook, (cell) => {
      const copy: NotebookCell = { ...cell, metadata: { ...(cell.metadata ?? {}) } };
      delete copy.metadata!.execution;
      if (cell.cell_type === "code") {
        copy.outputs = [];
        copy.execution_count = null;
      }
      return copy;
    }),
};

/** Refuses the release if a solution marker is left anywhere (a markdown cell, metadata, an id). */
export const checkMarkersStage: ReleaseStage = {
  name: "check markers",
  run: (notebook, notebookName) => {
    notebook.cells.forEach((cell, index) => {
      if (!hasSolutionMarker(JSON.stringify(cell))) return;
      const where = `${notebookName}, cell ${JSON.stringify(cell.id ?? index + 1)}`;
      throw new NotebookError(cell.cell_type === "code"
        ? `${where}: a solution marker survived the release`
        : `${where}: solution markers belong in code cells only`);
    });
    if (hasSolutionMarker(JSON.stringify({ ...notebook, cells: [] }))) throw new NotebookError(`${notebookName}: a solution marker survived the release in the notebook's metadata`);
    return notebook;
  },
};

/**
 * The release, in order. Ordering constraints:
 * - strip solutions before check markers: the check verifies that stripping left nothing behind.
 * - clear outputs before check markers: an output of the instructor's run may quote a marker or a
 *   solution; clearing removes it legitimately, so the check judges only what learners receive.
 * - strip solutions and clear outputs do not depend on each other.
 */
export const RELEASE_STAGES: readonly ReleaseStage[] = [stripSolutionsStage, clearOutputsStage, checkMarkersStage];

/** The learner's copy of a notebook: every release stage applied in order. */
export function releaseNotebook(notebook: Notebook, name: string): Notebook {
  return RELEASE_STAGES.reduce((current, stage) => stage.run(current, name), notebook);
}

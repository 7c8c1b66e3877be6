import { cellTags, type Notebook, type NotebookCell, NotebookError } from "./readNotebook.js";

export const EXERCISE_TAG = "exercise";

/** The exercise a cell holds: its `exercise:<id>` tag if it has one, else its cell id. */
export function exerciseIdOf(cell: Pick<NotebookCell, "id" | "metadata">): string | undefined {
  const tagged = cellTags(cell).find((tag) => tag.startsWith(`${EXERCISE_TAG}:`));
  if (tagged) return tagged.slice(EXERCISE_TAG.length + 1);
  return cellTags(cell).includes(EXERCISE_TAG) && typeof cell.id === "string" ? cell.id : undefined;
}

function matches(cell: NotebookCell, exerciseId: string): boolean {
  if (cell.cell_type !== "code") return false;
  return cell.id === exerciseId || cellTags(cell).includes(`${EXERCISE_TAG}:${exerciseId}`);
}

/**
 * Finds an exercise's code cell by its cell id (or an `exercise:<id>` tag, which survives
 * copy-paste in front ends that give pasted cells new ids), wherever it sits in the notebook.
 * When several cells match (a learner duplicated the cell), the last one wins: it is the one
 * further down, which is where a learner continues working.
 */
export function findExerciseCell(notebook: Notebook, exerciseId: string, notebookName: string): NotebookCell {
  const found = notebook.cells.filter((cell) => matches(cell, exerciseId));
  const cell = found.at(-1);
  if (!cell) {
    throw new NotebookError(
      `${notebookName} has no code cell for exercise "${exerciseId}" (looked for cell id "${exerciseId}" or tag "${EXERCISE_TAG}:${exerciseId}"); was the exercise cell deleted or changed to markdown?`,
    );
  }
  return cell;
}

/** Every exercise id in a notebook, in notebook order, each once. */
export function listExercises(notebook: Notebook): string[] {
  const ids = notebook.cells.filter((cell) => cell.cell_type === "code").map(exerciseIdOf);
  return [...new Set(ids.filter((id): id is string => id !== undefined))];
}

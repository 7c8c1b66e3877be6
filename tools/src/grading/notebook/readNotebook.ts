import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { NotebookError, parseNotebook, type Notebook } from "@tsdl/kernel-ext/notebook";

// Grading reads notebooks through the one notebook model; this file adds only how the file is read.
export {
  cellSource,
  cellTags,
  NotebookError,
  parseNotebook,
  type Notebook,
  type NotebookCell,
} from "@tsdl/kernel-ext/notebook";

/** Notebooks are committed without outputs; anything this big is not a course notebook. */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    const size = statSync(file).size;
    if (size > MAX_NOTEBOOK_BYTES) {
      throw new NotebookError(`${path.basename(file)} is ${(size / 1024 / 1024).toFixed(0)} MB, over the ${MAX_NOTEBOOK_BYTES / 1024 / 1024} MB limit (clear its outputs)`);
    }
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof NotebookError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new NotebookError(
      code === "ENOENT" ? `${path.basename(file)} is missing` : `${path.basename(file)} cannot be read (${code ?? (error as Error).message})`,
    );
  }
  return parseNotebook(text, path.basename(file));
}

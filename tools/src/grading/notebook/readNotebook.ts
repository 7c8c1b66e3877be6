import path from "node:path";
import { readSubmissionFile } from "./submissionFiles.js";

export interface NotebookCell {
  cell_type: string;
  id?: string;
  metadata?: { tags?: unknown; [key: string]: unknown };
  source: string | string[];
  outputs?: unknown[];
  execution_count?: number | null;
  [key: string]: unknown;
}

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: NotebookCell[];
  [key: string]: unknown;
}

/** A notebook that cannot be used, with a reason a learner can act on. */
export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookError";
  }
}

export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? "");
}

export function cellTags(cell: Pick<NotebookCell, "metadata">): string[] {
  const tags = cell.metadata?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === "string") : [];
}

/**
 * Parses notebook JSON text, checking the parts grading relies on (nbformat 4, a cell list).
 * Messages never quote the text: it is the learner's, and tests may match error messages.
 */
export function parseNotebook(text: string, name: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new NotebookError(`${name} is not valid JSON${position ? ` (error at character ${position})` : ""}; was it saved completely?`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new NotebookError(`${name} is not a notebook: expected a JSON object, got ${Array.isArray(parsed) ? "an array" : typeof parsed}`);
  }
  const notebook = parsed as Partial<Notebook>;
  if (notebook.nbformat !== 4) {
    const found = typeof notebook.nbformat === "number" ? `nbformat ${notebook.nbformat}` : `an nbformat that is not a number`;
    throw new NotebookError(`${name} has ${found}; expected 4 (save it with Jupyter 4 or later)`);
  }
  if (!Array.isArray(notebook.cells)) {
    throw new NotebookError(`${name} has no "cells" list`);
  }
  notebook.cells.forEach((cell, index) => {
    if (typeof cell !== "object" || cell === null || typeof cell.cell_type !== "string") {
      throw new NotebookError(`${name}: cell ${index} is not a notebook cell (no cell_type)`);
    }
  });
  return notebook as Notebook;
}

/**
 * Reads and parses a notebook file, only if it is a regular file inside `root` (see
 * submissionFiles.ts). Parsing learner text costs memory and time: the grader does it for learners
 * only inside a compile worker with limits (see cellCompiler.ts).
 */
export function readNotebook(file: string, root = path.dirname(file)): Notebook {
  return parseNotebook(readSubmissionFile(root, file).toString("utf8"), path.basename(file));
}

import { readFileSync, statSync } from "node:fs";
import path from "node:path";

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

/** Parses notebook JSON text, checking the parts grading relies on (nbformat 4, a cell list). */
export function parseNotebook(text: string, name: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new NotebookError(`${name} is not valid JSON (${(error as Error).message}); was it saved completely?`);
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw new NotebookError(`${name} is not a notebook: expected a JSON object, got ${Array.isArray(parsed) ? "an array" : typeof parsed}`);
  }
  const notebook = parsed as Partial<Notebook>;
  if (notebook.nbformat !== 4) {
    throw new NotebookError(`${name} has nbformat ${JSON.stringify(notebook.nbformat)}; expected 4 (save it with Jupyter 4 or later)`);
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

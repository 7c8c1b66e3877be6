import { readFile } from "node:fs/promises";
import type * as nbformat from "@jupyterlab/nbformat";

// The one notebook model of tsdl: the kernel's client, the grader and the handouts all read notebooks
// through `parseNotebook`, so everything past it can trust these types. The types are JupyterLab's,
// narrowed to what nbformat 4's schema allows in a stored notebook (three cell types, four output types);
// the checks are written here because the package ships types, not a validator.

export type MultilineString = nbformat.MultilineString;
export type MimeBundle = nbformat.IMimeBundle;
export type StreamOutput = nbformat.IStream;
export type DisplayDataOutput = nbformat.IDisplayData;
export type ExecuteResultOutput = nbformat.IExecuteResult;
export type ErrorOutput = nbformat.IError;
export type NotebookOutput = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell extends nbformat.ICodeCell {
  outputs: NotebookOutput[];
}
export type MarkdownCell = nbformat.IMarkdownCell;
export type RawCell = nbformat.IRawCell;
export type NotebookCell = CodeCell | MarkdownCell | RawCell;

export interface Notebook extends nbformat.INotebookContent {
  cells: NotebookCell[];
}

/** A notebook that cannot be used, with a reason its author can act on. */
export class NotebookError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "NotebookError";
  }
}

export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

export function cellSource(cell: NotebookCell): string {
  return joinSource(cell.source);
}

export function cellTags(cell: Pick<NotebookCell, "metadata">): string[] {
  return cell.metadata.tags ?? [];
}

const describe = (value: unknown): string =>
  value === null ? "null" : Array.isArray(value) ? "an array" : typeof value === "string" ? "a string" : typeof value;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const isMultiline = (value: unknown): value is MultilineString =>
  typeof value === "string" || (Array.isArray(value) && value.every((line) => typeof line === "string"));

const isExecutionCount = (value: unknown): boolean => value === null || Number.isInteger(value);

/** Checks one value of a notebook; `where` names it in the error ("a.ipynb: cell 3"). */
function check(ok: boolean, where: string, field: string, expected: string, actual: unknown): void {
  if (!ok) throw new NotebookError(`${where}: expected ${field} to be ${expected}, got ${describe(actual)}`);
}

function checkOutput(output: unknown, where: string): void {
  check(isObject(output), where, "each output", "an object", output);
  const o = output as Record<string, unknown>;
  switch (o.output_type) {
    case "stream":
      check(o.name === "stdout" || o.name === "stderr", where, "a stream's name", '"stdout" or "stderr"', o.name);
      check(isMultiline(o.text), where, "a stream's text", "a string or an array of strings", o.text);
      return;
    case "execute_result":
      check(isExecutionCount(o.execution_count), where, "a result's execution_count", "an integer or null", o.execution_count);
    // falls through: a result carries data and metadata as display data does
    case "display_data":
      check(isObject(o.data), where, `${o.output_type}'s data`, "an object", o.data);
      check(isObject(o.metadata), where, `${o.output_type}'s metadata`, "an object", o.metadata);
      return;
    case "error":
      check(typeof o.ename === "string" && typeof o.evalue === "string", where, "an error's ename and evalue", "strings", o.ename);
      check(Array.isArray(o.traceback) && o.traceback.every((line) => typeof line === "string"), where, "an error's traceback", "an array of strings", o.traceback);
      return;
    default:
      check(false, where, "output_type", "stream, display_data, execute_result or error", o.output_type);
  }
}

function checkCell(cell: unknown, where: string): void {
  if (!isObject(cell) || !["code", "markdown", "raw"].includes(cell.cell_type as string)) {
    throw new NotebookError(
      `${where} is not a notebook cell (expected cell_type code, markdown or raw, got ${describe(isObject(cell) ? cell.cell_type : cell)})`,
    );
  }
  check(cell.id === undefined || typeof cell.id === "string", where, "id", "a string", cell.id);
  check(isMultiline(cell.source), where, "source", "a string or an array of strings", cell.source);
  check(isObject(cell.metadata), where, "metadata", "an object", cell.metadata);
  const tags = (cell.metadata as Record<string, unknown>).tags;
  check(tags === undefined || (Array.isArray(tags) && tags.every((tag) => typeof tag === "string")), where, "metadata.tags", "an array of strings", tags);
  if (cell.cell_type !== "code") return;
  check(isExecutionCount(cell.execution_count), where, "execution_count", "an integer or null", cell.execution_count);
  check(Array.isArray(cell.outputs), where, "outputs", "an array", cell.outputs);
  for (const output of cell.outputs as unknown[]) checkOutput(output, where);
}

/**
 * Parses notebook JSON text and checks every part tsdl reads against nbformat 4, so a broken or hostile
 * file fails here, with `label` (its file name) and the cell in the message, and nowhere later.
 */
export function parseNotebook(text: string, label: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new NotebookError(`${label} is not valid JSON${position ? ` (error at character ${position})` : ""}; was it saved completely?`);
  }
  if (!isObject(parsed)) throw new NotebookError(`${label} is not a notebook: expected a JSON object, got ${describe(parsed)}`);
  if (parsed.nbformat !== 4) {
    const found = typeof parsed.nbformat === "number" ? `nbformat ${parsed.nbformat}` : "an nbformat that is not a number";
    throw new NotebookError(`${label} has ${found}; expected 4 (save it with Jupyter 4 or later)`);
  }
  if (!Array.isArray(parsed.cells)) throw new NotebookError(`${label} has no "cells" list`);
  parsed.cells.forEach((cell: unknown, index) => {
    checkCell(cell, `${label}: cell ${index}`);
  });
  check(Number.isInteger(parsed.nbformat_minor), label, "nbformat_minor", "an integer", parsed.nbformat_minor);
  check(isObject(parsed.metadata), label, "metadata", "an object", parsed.metadata);
  return parsed as unknown as Notebook;
}

export async function readNotebookFile(file: string): Promise<Notebook> {
  return parseNotebook(await readFile(file, "utf8"), file);
}

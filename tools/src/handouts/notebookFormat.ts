import { readFile } from "node:fs/promises";

/** nbformat 4 multiline strings: either one string or a list of lines. */
export type MultilineString = string | string[];

export type MimeBundle = Record<string, unknown>;

export interface StreamOutput {
  output_type: "stream";
  name: "stdout" | "stderr";
  text: MultilineString;
}

export interface DisplayDataOutput {
  output_type: "display_data";
  data: MimeBundle;
  metadata?: Record<string, unknown>;
  transient?: { display_id?: string };
}

export interface ExecuteResultOutput {
  output_type: "execute_result";
  execution_count: number | null;
  data: MimeBundle;
  metadata?: Record<string, unknown>;
}

export interface ErrorOutput {
  output_type: "error";
  ename: string;
  evalue: string;
  traceback: string[];
}

export type Output = StreamOutput | DisplayDataOutput | ExecuteResultOutput | ErrorOutput;

export interface CodeCell {
  cell_type: "code";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  execution_count: number | null;
  outputs: Output[];
}

export interface MarkdownCell {
  cell_type: "markdown";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
  attachments?: Record<string, MimeBundle>;
}

export interface RawCell {
  cell_type: "raw";
  id?: string;
  source: MultilineString;
  metadata: Record<string, unknown>;
}

export type Cell = CodeCell | MarkdownCell | RawCell;

export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: Cell[];
}

export function joinSource(source: MultilineString): string {
  return Array.isArray(source) ? source.join("") : source;
}

/** Parses and checks the parts of nbformat 4 the renderer relies on; `label` names the file in errors. */
export function parseNotebook(text: string, label: string): Notebook {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`notebook ${label}: expected JSON, got a parse error: ${(error as Error).message}`);
  }
  const notebook = parsed as Partial<Notebook> | null;
  if (typeof notebook !== "object" || notebook === null || Array.isArray(notebook)) {
    throw new Error(`notebook ${label}: expected a JSON object, got ${Array.isArray(notebook) ? "an array" : typeof notebook}`);
  }
  if (notebook.nbformat !== 4) {
    throw new Error(`notebook ${label}: expected nbformat 4, got ${JSON.stringify(notebook.nbformat)}`);
  }
  if (!Array.isArray(notebook.cells)) {
    throw new Error(`notebook ${label}: expected "cells" to be an array, got ${typeof notebook.cells}`);
  }
  notebook.cells.forEach((cell, index) => {
    const kind = (cell as { cell_type?: unknown }).cell_type;
    if (kind !== "code" && kind !== "markdown" && kind !== "raw") {
      throw new Error(`notebook ${label}: cell ${index} expected cell_type code, markdown or raw, got ${JSON.stringify(kind)}`);
    }
    if (kind === "code" && !Array.isArray((cell as CodeCell).outputs)) {
      throw new Error(`notebook ${label}: code cell ${cell.id ?? index} expected "outputs" to be an array`);
    }
  });
  return notebook as Notebook;
}

export async function readNotebook(path: string): Promise<Notebook> {
  return parseNotebook(await readFile(path, "utf8"), path);
}

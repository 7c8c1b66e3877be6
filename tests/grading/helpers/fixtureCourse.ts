import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import type { Notebook, NotebookCell } from "../../../tools/src/grading/notebook/readNotebook.js";
import { repoRoot } from "../../helpers/runNode.js";

export const fixtureCourse = path.join(repoRoot, "tests/grading/fixtures/course");
export const fixtureNotebooks = path.join(fixtureCourse, "notebooks");
export const fixtureTests = path.join(fixtureCourse, "tests");
export const SAMPLE = "00-sample.ipynb";

export function sampleNotebook(): Notebook {
  return JSON.parse(readFileSync(path.join(fixtureNotebooks, SAMPLE), "utf8")) as Notebook;
}

export function lines(source: string): string[] {
  return source.split(/(?<=\n)/);
}

/** A copy of the sample notebook with one cell's source replaced. */
export function withCellSource(notebook: Notebook, id: string, source: string): Notebook {
  const copy = structuredClone(notebook);
  const cell = copy.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id}`);
  cell.source = lines(source);
  return copy;
}

export function cellById(notebook: Notebook, id: string): NotebookCell {
  const cell = notebook.cells.find((c) => c.id === id);
  if (!cell) throw new Error(`no cell ${id}`);
  return cell;
}

/** Writes `files` (name → notebook object or raw text) into `<root>/<student>/`. */
export function writeSubmission(root: string, student: string, files: Record<string, Notebook | string>): void {
  const dir = path.join(root, student);
  mkdirSync(dir, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content, null, 1));
  }
}

const scratchDirs: string[] = [];
afterAll(() => {
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp dir removed after the test file finishes. */
export function scratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `tsdl-${prefix}-`));
  scratchDirs.push(dir);
  return dir;
}

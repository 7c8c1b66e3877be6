import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findTestFiles } from "../grade/gradeSubmissions.js";
import { cellSource, type Notebook, NotebookError, readNotebook } from "../notebook/readNotebook.js";
import { visibilityOf } from "../judge/judgeResult.js";
import { repoRoot } from "../repoPaths.js";
import { hasSolutionMarker, learnerCellSource } from "./stripSolutions.js";

export interface ReleaseOptions {
  notebooksDir: string;
  testsDir: string;
  outDir: string;
}

export interface ReleaseSummary {
  notebooks: string[];
  publicChecks: string[];
}

function asSourceLines(text: string): string[] {
  return text.split(/(?<=\n)/);
}

/** The learner's copy of a notebook: solutions replaced by stubs, outputs and counts cleared. */
export function releaseNotebook(notebook: Notebook, name: string): Notebook {
  const cells = notebook.cells.map((cell, index) => {
    const copy = { ...cell, metadata: { ...(cell.metadata ?? {}) } };
    delete copy.metadata.execution;
    if (copy.cell_type === "code") {
      copy.source = asSourceLines(learnerCellSource(cellSource(cell), cell, index, name));
      copy.outputs = [];
      copy.execution_count = null;
    } else if (hasSolutionMarker(cellSource(cell))) {
      throw new NotebookError(`${name}, cell ${JSON.stringify(cell.id ?? index + 1)}: solution markers belong in code cells only`);
    }
    return copy;
  });
  return { ...notebook, cells };
}

/**
 * Writes the learners' release: every notebook with its solutions stubbed out and the public
 * checks; hidden tests are never copied. The same inputs always give byte-identical files.
 */
export function releaseCourse(options: ReleaseOptions): ReleaseSummary {
  const outDir = path.resolve(options.outDir);
  const notebooksDir = path.resolve(options.notebooksDir);
  if (outDir === path.resolve(repoRoot) || outDir === notebooksDir || notebooksDir.startsWith(`${outDir}${path.sep}`)) {
    throw new Error(`outDir must be a separate folder; ${outDir} would overwrite the instructor notebooks`);
  }
  const summary: ReleaseSummary = { notebooks: [], publicChecks: [] };
  mkdirSync(path.join(outDir, "notebooks"), { recursive: true });
  for (const name of readdirSync(notebooksDir).filter((file) => file.endsWith(".ipynb")).sort()) {
    const released = releaseNotebook(readNotebook(path.join(notebooksDir, name)), name);
    const text = `${JSON.stringify(released, null, 1)}\n`;
    if (hasSolutionMarker(text)) throw new NotebookError(`${name}: a solution marker survived the release`);
    writeFileSync(path.join(outDir, "notebooks", name), text);
    summary.notebooks.push(path.join("notebooks", name));
  }
  const testsDir = path.resolve(options.testsDir);
  const insideRepo = !path.relative(repoRoot, testsDir).startsWith("..");
  for (const file of findTestFiles(testsDir).filter((test) => visibilityOf(test) === "public")) {
    const relative = insideRepo ? path.relative(repoRoot, file) : path.join("tests", "exercises", path.relative(testsDir, file));
    mkdirSync(path.dirname(path.join(outDir, relative)), { recursive: true });
    copyFileSync(file, path.join(outDir, relative));
    summary.publicChecks.push(relative);
  }
  return summary;
}

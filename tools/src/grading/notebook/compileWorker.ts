/**
 * Worker thread that turns a learner's notebook bytes into compiled exercise modules. It runs under
 * the heap limit and deadline its parent sets (see cellCompiler.ts), so a notebook built to exhaust
 * the parser or the TypeScript compiler costs only this worker.
 */
import { parentPort } from "node:worker_threads";
import { findExerciseCell } from "./findExerciseCell.js";
import { cellSource, NotebookError, parseNotebook } from "./readNotebook.js";
import { transpileExercise } from "./transpileExercise.js";

export interface CompileJob {
  bytes: Uint8Array;
  notebook: string;
  exercises: string[];
}

export type CompiledCell = { ok: true; code: string; imports: string[] } | { ok: false; message: string };

/** Course exercise cells are a few KB; a bigger one is refused before the compiler spends time on it. */
export const MAX_CELL_BYTES = 1024 * 1024;

export function exerciseCellLabel(exercise: string, notebook: string): string {
  return `the cell of exercise "${exercise}" in ${notebook}`;
}

function failure(error: unknown): CompiledCell {
  if (error instanceof NotebookError) return { ok: false, message: error.message };
  throw error;
}

export function compileJob(job: CompileJob): Record<string, CompiledCell> {
  const out: Record<string, CompiledCell> = {};
  let notebook;
  try {
    notebook = parseNotebook(Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.byteLength).toString("utf8"), job.notebook);
  } catch (error) {
    const failed = failure(error);
    for (const id of job.exercises) out[id] = failed;
    return out;
  }
  for (const id of job.exercises) {
    try {
      const source = cellSource(findExerciseCell(notebook, id, job.notebook));
      const bytes = Buffer.byteLength(source);
      if (bytes > MAX_CELL_BYTES) {
        throw new NotebookError(`${exerciseCellLabel(id, job.notebook)} is ${(bytes / 1024 / 1024).toFixed(1)} MB; exercise cells are at most ${MAX_CELL_BYTES / 1024 / 1024} MB`);
      }
      out[id] = { ok: true, ...transpileExercise(source, exerciseCellLabel(id, job.notebook), (specifier) => import.meta.resolve(specifier)) };
    } catch (error) {
      out[id] = failure(error);
    }
  }
  return out;
}

parentPort?.on("message", (job: CompileJob) => {
  parentPort!.postMessage(compileJob(job));
});

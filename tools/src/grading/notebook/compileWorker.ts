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
      const cell = findExerciseCell(notebook, id, job.notebook);
      out[id] = { ok: true, ...transpileExercise(cellSource(cell), exerciseCellLabel(id, job.notebook), (specifier) => import.meta.resolve(specifier)) };
    } catch (error) {
      out[id] = failure(error);
    }
  }
  return out;
}

parentPort?.on("message", (job: CompileJob) => {
  parentPort!.postMessage(compileJob(job));
});

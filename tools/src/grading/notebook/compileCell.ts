import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { NotebookError } from "./readNotebook.js";

export type CompiledCell = { ok: true; code: string; imports: string[] } | { ok: false; message: string };

function cacheFile(cacheDir: string, where: string, source: string): string {
  const hash = createHash("sha256").update(where).update("\u0000").update(source).digest("hex");
  return path.join(cacheDir, `${hash}.json`);
}

/**
 * Compiles an exercise cell, through an optional on-disk cache. The grader fills the cache for a
 * whole batch in one process, so judges rarely need to load the TypeScript compiler themselves.
 */
export async function compileCell(
  source: string,
  where: string,
  resolvePackage: (specifier: string) => string,
  cacheDir?: string,
): Promise<CompiledCell> {
  const file = cacheDir ? cacheFile(cacheDir, where, source) : undefined;
  if (file) {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as CompiledCell;
    } catch {
      // Not cached yet: compile below.
    }
  }
  const { transpileExercise } = await import("./transpileExercise.js");
  let compiled: CompiledCell;
  try {
    compiled = { ok: true, ...transpileExercise(source, where, resolvePackage) };
  } catch (error) {
    if (!(error instanceof NotebookError)) throw error;
    compiled = { ok: false, message: error.message };
  }
  if (file && cacheDir) {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, JSON.stringify(compiled));
    renameSync(partial, file);
  }
  return compiled;
}

export function exerciseCellLabel(exercise: string, notebook: string): string {
  return `the cell of exercise "${exercise}" in ${notebook}`;
}

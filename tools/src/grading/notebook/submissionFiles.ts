import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, realpathSync, type Stats } from "node:fs";
import path from "node:path";
import { NotebookError } from "@tsdl/kernel-ext/notebook";

/** Notebooks are committed without outputs; anything this big is not a course notebook. */
export const MAX_NOTEBOOK_BYTES = 32 * 1024 * 1024;

const MAX_DEPTH = 3;

function kindOf(stats: Stats): string {
  if (stats.isSymbolicLink()) return "a symbolic link";
  if (stats.isDirectory()) return "a folder";
  if (stats.isFIFO()) return "a named pipe";
  if (stats.isSocket()) return "a socket";
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return "a device";
  return "not a regular file";
}

function search(dir: string, name: string, depth: number): string | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return undefined;
  }
  // Dirent types come from lstat: a symbolic link is neither a file nor a folder here, so none is followed.
  const direct = entries.find((entry) => entry.name === name && !entry.isDirectory());
  if (direct) return path.join(dir, direct.name);
  if (depth >= MAX_DEPTH) return undefined;
  for (const entry of entries) {
    // Hidden folders include .ipynb_checkpoints, whose stale copies must not be graded.
    if (!entry.isDirectory() || entry.name.startsWith(".")) continue;
    const found = search(path.join(dir, entry.name), name, depth + 1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Finds a notebook by file name in a learner's folder, or in its subfolders if the learner nested
 * it; symbolic links to folders are never entered. The message names only the notebook: a folder
 * name is the learner's text.
 */
export function findNotebookFile(dir: string, name: string): string {
  const found = search(dir, name, 0);
  if (!found) throw new NotebookError(`${name} is missing (not found in the submission folder or its subfolders)`);
  return found;
}

/**
 * Reads a file of a learner's folder only if it is a regular file that really lives inside `root`
 * (no symbolic links, pipes or devices), and never more than `maxBytes`: the size is counted while
 * reading, not trusted from `stat`.
 */
export function readSubmissionFile(root: string, file: string, maxBytes = MAX_NOTEBOOK_BYTES): Buffer {
  const name = path.basename(file);
  let before: Stats;
  try {
    before = lstatSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new NotebookError(code === "ENOENT" ? `${name} is missing` : `${name} cannot be read (${code ?? "unknown error"})`);
  }
  if (!before.isFile()) throw new NotebookError(`${name} is ${kindOf(before)}, not a notebook file; submit the notebook itself`);
  const realRoot = realpathSync(root);
  const real = realpathSync(file);
  if (!real.startsWith(`${realRoot}${path.sep}`)) throw new NotebookError(`${name} lies outside the submission folder; submit the notebook itself`);

  // O_NOFOLLOW and O_NONBLOCK: a file swapped for a link or a pipe after the checks above cannot hang or redirect the read.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile() || opened.ino !== before.ino || opened.dev !== before.dev) {
      throw new NotebookError(`${name} changed while it was being read`);
    }
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1024 * 1024, maxBytes + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > maxBytes) {
        throw new NotebookError(`${name} is over the ${maxBytes / 1024 / 1024} MB limit (clear its outputs)`);
      }
    }
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

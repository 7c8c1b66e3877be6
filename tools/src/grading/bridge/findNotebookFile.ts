import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { NotebookError } from "../notebook/readNotebook.js";

const MAX_DEPTH = 3;

function search(dir: string, name: string, depth: number): string | undefined {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch {
    return undefined;
  }
  const direct = entries.find((entry) => entry.isFile() && entry.name === name);
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

/** Finds a notebook by file name in a folder, or in its subfolders if a learner nested it. */
export function findNotebookFile(dir: string, name: string): string {
  const direct = path.join(dir, name);
  if (existsSync(direct)) return direct;
  const found = search(dir, name, 0);
  if (!found) throw new NotebookError(`${name} is missing (not found in ${path.basename(dir)}/ or its subfolders)`);
  return found;
}

import path from "node:path";
import { parseNotebook, type Notebook } from "@tsdl/kernel-ext/notebook";
import { readSubmissionFile } from "./submissionFiles.js";

// Grading reads notebooks through the one notebook model; this file adds only how the file is read.
export {
  cellSource,
  cellTags,
  NotebookError,
  parseNotebook,
  type Notebook,
  type NotebookCell,
} from "@tsdl/kernel-ext/notebook";

/**
 * Reads and parses a notebook file, only if it is a regular file inside `root` (see
 * submissionFiles.ts). Parsing learner text costs memory and time: the grader does it for learners
 * only inside a compile worker with limits (see cellCompiler.ts).
 */
export function readNotebook(file: string, root = path.dirname(file)): Notebook {
  return parseNotebook(readSubmissionFile(root, file).toString("utf8"), path.basename(file));
}

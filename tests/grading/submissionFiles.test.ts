import { execFileSync } from "node:child_process";
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findNotebookFile, readSubmissionFile } from "../../tools/src/grading/notebook/submissionFiles.js";
import { scratchDir } from "./helpers/fixtureCourse.js";

describe("readSubmissionFile", () => {
  it("reads a regular file inside the learner's folder, also in a subfolder", () => {
    const root = scratchDir("files");
    mkdirSync(path.join(root, "work"));
    writeFileSync(path.join(root, "work", "a.ipynb"), "{}");
    const found = findNotebookFile(root, "a.ipynb");
    expect(found).toBe(path.join(root, "work", "a.ipynb"));
    expect(readSubmissionFile(root, found).toString()).toBe("{}");
  });

  it("refuses symbolic links, pipes and devices without opening them", () => {
    const root = scratchDir("files");
    const outside = path.join(scratchDir("elsewhere"), "b.ipynb");
    writeFileSync(outside, "{}");
    symlinkSync("/dev/zero", path.join(root, "zero.ipynb"));
    symlinkSync(outside, path.join(root, "b.ipynb"));
    execFileSync("mkfifo", [path.join(root, "pipe.ipynb")]);
    expect(() => readSubmissionFile(root, path.join(root, "zero.ipynb"))).toThrow(/zero\.ipynb is a symbolic link/);
    expect(() => readSubmissionFile(root, path.join(root, "b.ipynb"))).toThrow(/b\.ipynb is a symbolic link/);
    expect(() => readSubmissionFile(root, path.join(root, "pipe.ipynb"))).toThrow(/pipe\.ipynb is a named pipe/);
    expect(() => readSubmissionFile(root, "/dev/null")).toThrow(/null is a device/);
  });

  it("never enters a linked folder, and names only the notebook when it is missing", () => {
    const root = scratchDir("files");
    const other = scratchDir("classmate");
    writeFileSync(path.join(other, "c.ipynb"), "{}");
    symlinkSync(other, path.join(root, "linked"));
    expect(() => findNotebookFile(root, "c.ipynb")).toThrow(/^c\.ipynb is missing \(not found in the submission folder or its subfolders\)$/);
  });

  it("refuses a file outside the learner's folder and one over the size cap", () => {
    const root = scratchDir("files");
    const outside = path.join(scratchDir("elsewhere"), "d.ipynb");
    writeFileSync(outside, "{}");
    expect(() => readSubmissionFile(root, outside)).toThrow(/d\.ipynb lies outside the submission folder/);
    writeFileSync(path.join(root, "big.ipynb"), Buffer.alloc(3 * 1024 * 1024, 32));
    expect(() => readSubmissionFile(root, path.join(root, "big.ipynb"), 2 * 1024 * 1024)).toThrow(/big\.ipynb is over the 2 MB limit/);
    expect(readSubmissionFile(root, path.join(root, "big.ipynb"), 3 * 1024 * 1024)).toHaveLength(3 * 1024 * 1024);
  });
});

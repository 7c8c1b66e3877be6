import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cellSource, cellTags, NotebookError, parseNotebook } from "@tsdl/kernel-ext/notebook";
import { repoRoot } from "../helpers/runNode.js";

const notebook = (cells: unknown[]) => JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: {}, cells });
const code = (extra: Record<string, unknown> = {}) => ({ cell_type: "code", id: "c", source: ["a\n", "b"], metadata: {}, execution_count: null, outputs: [], ...extra });

describe("the one notebook model", () => {
  it("reads every notebook of the course and the test fixtures", () => {
    const dirs = ["notebooks", "tests/handouts/fixtures", "tests/grading/fixtures/course/notebooks"];
    const files = dirs.flatMap((dir) =>
      readdirSync(path.join(repoRoot, dir)).filter((name) => name.endsWith(".ipynb")).map((name) => path.join(repoRoot, dir, name)),
    );
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) expect(parseNotebook(readFileSync(file, "utf8"), file).cells.length).toBeGreaterThan(0);
  });

  // A grader puts these messages in feedback and tests may match them: learner text must never be echoed.
  it("never quotes the notebook's own text in an error", () => {
    const planted = "=HYPERLINK(bfloat16)";
    const broken = [
      `{"cells": [${JSON.stringify(planted)}`,
      JSON.stringify({ nbformat: planted, cells: [] }),
      notebook([code({ id: planted, source: 3 })]),
      notebook([{ cell_type: planted, source: "" }]),
      notebook([code({ metadata: { tags: planted } })]),
      notebook([code({ outputs: [{ output_type: planted }] })]),
    ];
    for (const text of broken) {
      expect(() => parseNotebook(text, "n.ipynb")).toThrow(NotebookError);
      expect(() => parseNotebook(text, "n.ipynb")).not.toThrow(/HYPERLINK|bfloat16/);
    }
  });

  it("joins multiline sources and reads tags", () => {
    const [cell] = parseNotebook(notebook([code({ metadata: { tags: ["exercise"] } })]), "n.ipynb").cells;
    expect(cellSource(cell!)).toBe("a\nb");
    expect(cellTags(cell!)).toEqual(["exercise"]);
    expect(cellTags({ metadata: {} })).toEqual([]);
  });

  it.each([
    [[code({ source: 3 })], 'n.ipynb: cell 0: expected source to be a string or an array of strings, got number'],
    [[code({ source: ["a", 1] })], "expected source to be a string or an array of strings, got an array"],
    [[code({ metadata: { tags: "exercise" } })], 'expected metadata.tags to be an array of strings, got a string'],
    [[code({ metadata: [] })], "expected metadata to be an object, got an array"],
    [[code({ outputs: undefined })], "expected outputs to be an array, got undefined"],
    [[code({ execution_count: 1.5 })], "expected execution_count to be an integer or null, got number"],
    [[code({ outputs: [{ output_type: "update_display_data", data: {}, metadata: {} }] })], 'expected output_type to be stream, display_data, execute_result or error, got a string'],
    [[code({ outputs: [{ output_type: "stream", name: "stdin", text: "" }] })], `expected a stream's name to be "stdout" or "stderr", got a string`],
    [[code({ outputs: [{ output_type: "display_data", data: "x", metadata: {} }] })], `expected display_data's data to be an object, got a string`],
    [[code({ outputs: [{ output_type: "error", ename: "E", evalue: "v", traceback: [1] }] })], "expected an error's traceback to be an array of strings, got an array"],
    [[{ cell_type: "heading", source: "" }], 'n.ipynb: cell 0 is not a notebook cell (expected cell_type code, markdown or raw, got a string)'],
    [[null], "n.ipynb: cell 0 is not a notebook cell (expected cell_type code, markdown or raw, got null)"],
  ])("rejects a malformed cell %#, naming the file, the cell and the field", (cells, message) => {
    expect(() => parseNotebook(notebook(cells), "n.ipynb")).toThrow(NotebookError);
    expect(() => parseNotebook(notebook(cells), "n.ipynb")).toThrow(message);
  });

  it("rejects a notebook without its nbformat_minor or metadata", () => {
    expect(() => parseNotebook(JSON.stringify({ nbformat: 4, metadata: {}, cells: [] }), "n.ipynb")).toThrow(
      "n.ipynb: expected nbformat_minor to be an integer, got undefined",
    );
    expect(() => parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: 5, cells: [] }), "n.ipynb")).toThrow(
      "n.ipynb: expected metadata to be an object, got undefined",
    );
  });
});

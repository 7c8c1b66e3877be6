import { describe, expect, it } from "vitest";
import { findExerciseCell, listExercises } from "../../tools/src/grading/notebook/findExerciseCell.js";
import { parseNotebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { transpileExercise } from "../../tools/src/grading/notebook/transpileExercise.js";
import { cellById, lines, sampleNotebook } from "./helpers/fixtureCourse.js";

const resolveTo = (specifier: string) => `file:///packages/${specifier}/index.js`;

describe("parseNotebook", () => {
  it("names the problem in a broken notebook file", () => {
    expect(() => parseNotebook("{\"cells\": [", "a.ipynb")).toThrow(/a\.ipynb is not valid JSON/);
    expect(() => parseNotebook("[]", "a.ipynb")).toThrow(/expected a JSON object, got an array/);
    expect(() => parseNotebook(JSON.stringify({ nbformat: 3, worksheets: [] }), "a.ipynb")).toThrow(/nbformat 3; expected 4/);
    expect(() => parseNotebook(JSON.stringify({ nbformat: 4 }), "a.ipynb")).toThrow(/no "cells" list/);
    expect(() => parseNotebook(JSON.stringify({ nbformat: 4, cells: [{ source: "" }] }), "a.ipynb")).toThrow(/cell 0 is not a notebook cell/);
  });
});

describe("findExerciseCell", () => {
  it("lists the sample's four exercises in notebook order", () => {
    expect(listExercises(sampleNotebook())).toEqual(["min-max-scaler", "stable-softmax", "iqr-outlier-mask", "numerical-gradient"]);
  });

  it("finds a cell by id wherever it is, and the last one when it is duplicated", () => {
    const notebook = sampleNotebook();
    const original = cellById(notebook, "stable-softmax");
    const copy = { ...structuredClone(original), id: "pasted-1", metadata: { tags: ["exercise", "exercise:stable-softmax"] }, source: lines("// mine") };
    notebook.cells.reverse();
    expect(findExerciseCell(notebook, "stable-softmax", "n.ipynb")).toBe(original);
    notebook.cells.push(copy);
    expect(findExerciseCell(notebook, "stable-softmax", "n.ipynb")).toBe(copy);
  });

  it("explains a deleted exercise cell or one turned into markdown", () => {
    const notebook = sampleNotebook();
    cellById(notebook, "iqr-outlier-mask").cell_type = "markdown";
    expect(() => findExerciseCell(notebook, "iqr-outlier-mask", "00-sample.ipynb")).toThrow(
      /00-sample\.ipynb has no code cell for exercise "iqr-outlier-mask"/,
    );
  });
});

describe("transpileExercise", () => {
  it("exports tslab-style top-level declarations and resolves package imports", () => {
    const { code, imports } = transpileExercise(
      'import { tf } from "@tsdl/lib";\nfunction f(x: number): number { return tf ? x : 0; }\nexport class C {}\nconst k = 2, j = 3;\ninterface Hidden { a: number }',
      "cell",
      resolveTo,
    );
    expect(imports).toEqual(["@tsdl/lib"]);
    expect(code).toContain('from "file:///packages/@tsdl/lib/index.js"');
    expect(code).toMatch(/export \{ f, k, j \};/);
    expect(code).not.toContain("Hidden");
  });

  it("rejects imports of other files and reports syntax errors with their line", () => {
    expect(() => transpileExercise('import { x } from "./other";', "the cell", resolveTo)).toThrow(/may only import packages/);
    expect(() => transpileExercise("const a = 1;\nfunction (x) {", "the cell", resolveTo)).toThrow(/the cell: syntax error on line 2/);
  });
});

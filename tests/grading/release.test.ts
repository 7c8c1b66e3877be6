import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listExercises } from "../../tools/src/grading/notebook/findExerciseCell.js";
import { cellSource, type Notebook, readNotebook } from "../../tools/src/grading/notebook/readNotebook.js";
import { releaseCourse, releaseNotebook } from "../../tools/src/grading/release/releaseCourse.js";
import { RELEASE_STAGES } from "../../tools/src/grading/release/releaseStages.js";
import { stripSolutions } from "../../tools/src/grading/release/stripSolutions.js";
import { repoRoot } from "../helpers/runNode.js";
import { cellById, fixtureNotebooks, fixtureTests, SAMPLE, sampleNotebook, scratchDir } from "./helpers/fixtureCourse.js";

const tempDir = () => scratchDir("release-test");

describe("stripSolutions", () => {
  it("replaces each block by a throw naming the exercise and the function, at the marker's indent", () => {
    const code = [
      "class Scaler {",
      "  fit(xs: number[]) {",
      "    // BEGIN SOLUTION",
      "    this.min = Math.min(...xs);",
      "    // END SOLUTION",
      "  }",
      "}",
      "const half = (x: number) => {",
      "  // BEGIN SOLUTION",
      "  return x / 2;",
      "  // END SOLUTION",
      "};",
    ].join("\n");
    expect(stripSolutions(code, "scaler", "cell").split("\n")).toEqual([
      "class Scaler {",
      "  fit(xs: number[]) {",
      '    throw new Error("Exercise scaler (Scaler.fit): not implemented yet");',
      "  }",
      "}",
      "const half = (x: number) => {",
      '  throw new Error("Exercise scaler (half): not implemented yet");',
      "};",
    ]);
  });

  it("refuses unbalanced or nested markers, naming the line", () => {
    expect(() => stripSolutions("// BEGIN SOLUTION\nx();", "e", "nb, cell \"e\"")).toThrow(/nb, cell "e": BEGIN SOLUTION on line 1 has no END SOLUTION/);
    expect(() => stripSolutions("x();\n// END SOLUTION", "e", "w")).toThrow(/END SOLUTION on line 2 has no BEGIN SOLUTION/);
    expect(() => stripSolutions("// BEGIN SOLUTION\n// BEGIN SOLUTION\n// END SOLUTION", "e", "w")).toThrow(/line 2 is inside the block opened on line 1/);
  });
});

describe("releaseNotebook", () => {
  it("clears outputs and execution counts and keeps ids, tags and markdown", () => {
    const notebook = sampleNotebook();
    const check = notebook.cells.find((cell) => cell.id === "stable-softmax-check")!;
    check.outputs = [{ output_type: "stream", name: "stdout", text: ["✓ softmax\n"] }];
    check.execution_count = 7;
    const released = releaseNotebook(notebook, SAMPLE);
    expect(released.cells.map((cell) => cell.id)).toEqual(notebook.cells.map((cell) => cell.id));
    expect(released.cells.every((cell) => cell.cell_type !== "code" || (cell.outputs.length === 0 && cell.execution_count === null))).toBe(true);
    expect(listExercises(released)).toEqual(listExercises(notebook));
    const softmax = released.cells.find((cell) => cell.id === "stable-softmax")!;
    expect(cellSource(softmax)).toBe(
      'export function softmax(logits: number[]): number[] {\n  throw new Error("Exercise stable-softmax (softmax): not implemented yet");\n}',
    );
  });

  it("clears outputs before checking for markers, and refuses a marker outside a code cell", () => {
    const notebook = sampleNotebook();
    // An instructor run printed the cell's source: clearing the output is what makes the release safe.
    cellById(notebook, "stable-softmax").outputs = [{ output_type: "stream", name: "stdout", text: ["// BEGIN SOLUTION\n"] }];
    expect(JSON.stringify(releaseNotebook(notebook, SAMPLE))).not.toMatch(/SOLUTION/);
    expect(RELEASE_STAGES.map((stage) => stage.name)).toEqual(["strip solutions", "clear outputs", "check markers"]);
    const markdown = sampleNotebook();
    markdown.cells.push({ cell_type: "markdown", id: "notes", metadata: {}, source: ["// BEGIN SOLUTION\n"] });
    expect(() => releaseNotebook(markdown, SAMPLE)).toThrow(/00-sample\.ipynb, cell "notes": solution markers belong in code cells only/);
    const inMetadata = { ...sampleNotebook(), metadata: { note: "END SOLUTION" } };
    expect(() => releaseNotebook(inMetadata, SAMPLE)).toThrow(/survived the release in the notebook's metadata/);
  });
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
    .sort();
}

describe("releaseCourse", () => {
  it("writes stubbed notebooks and public checks only, byte-identical on a second run", () => {
    const first = tempDir();
    const second = tempDir();
    releaseCourse({ notebooksDir: fixtureNotebooks, testsDir: fixtureTests, outDir: first });
    releaseCourse({ notebooksDir: fixtureNotebooks, testsDir: fixtureTests, outDir: second });
    const files = filesUnder(first);
    expect(files).toEqual(["notebooks/00-sample.ipynb", "tests/grading/fixtures/course/tests/00-sample.public.spec.ts"]);
    expect(filesUnder(second)).toEqual(files);
    for (const file of files) expect(readFileSync(path.join(second, file))).toEqual(readFileSync(path.join(first, file)));
    const released = readFileSync(path.join(first, "notebooks", SAMPLE), "utf8");
    expect(released).not.toMatch(/SOLUTION|Math\.exp\(z - top\)|this\.range = max - this\.min/);
    expect(existsSync(path.join(first, "tests/grading/fixtures/course/tests/00-sample.spec.ts"))).toBe(false);
  });

  it("refuses to write over the instructor notebooks", () => {
    expect(() => releaseCourse({ notebooksDir: fixtureNotebooks, testsDir: fixtureTests, outDir: fixtureNotebooks })).toThrow(/would overwrite the instructor notebooks/);
  });

  it("releases the course notebooks in notebooks/ with every exercise stubbed", () => {
    const notebooks = readdirSync(path.join(repoRoot, "notebooks")).filter((file) => file.endsWith(".ipynb"));
    if (notebooks.length === 0) return;
    const out = tempDir();
    releaseCourse({ notebooksDir: path.join(repoRoot, "notebooks"), testsDir: fixtureTests, outDir: out });
    for (const name of notebooks) {
      const original = readNotebook(path.join(repoRoot, "notebooks", name));
      const released = JSON.parse(readFileSync(path.join(out, "notebooks", name), "utf8")) as Notebook;
      const text = JSON.stringify(released);
      expect(text, name).not.toMatch(/BEGIN SOLUTION|END SOLUTION/);
      for (const id of listExercises(original)) {
        expect(cellSource(released.cells.find((cell) => cell.id === id)!), `${name} ${id}`).toContain(`Exercise ${id}`);
      }
    }
  });
});

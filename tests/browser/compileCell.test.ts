import { describe, expect, it } from "vitest";
import { CellSyntaxError, compileCell } from "../../browser/src/compile/compileCell.js";
import { newCellScope, runCompiledCell, type ModuleResolver } from "../../browser/src/worker/runCompiledCell.js";

const modules: Record<string, Record<string, unknown>> = {
  lib: { double: (x: number) => 2 * x, default: "lib default" },
};
const resolve: ModuleResolver = async (name) => {
  const module = modules[name];
  if (!module) throw new Error(`no module ${name}`);
  return module;
};

async function runAll(cells: string[]) {
  const scope = newCellScope();
  const results: unknown[] = [];
  for (const cell of cells) results.push(await runCompiledCell(compileCell(cell), scope, resolve));
  return { scope, results };
}

describe("compileCell", () => {
  it("keeps each cell's top-level declarations for the next cells, as the kernel does", async () => {
    const { results } = await runAll([
      "const a: number = 2;\nlet { b, c: [d] } = { b: 3, c: [4] };\nfunction sum(x: number): number { return x + a + b + d; }",
      "class Box { constructor(readonly v: number) {} }\nconst box = new Box(sum(1));\nbox.v",
      "const a = 100; // declared again, as Jupyter allows\nsum(0)",
    ]);
    expect(results).toEqual([undefined, 10, 107]);
  });

  it("runs top-level await and resolves imports, named, default and namespace", async () => {
    const { results } = await runAll([
      'import { double } from "lib";\nimport libDefault from "lib";\nimport * as all from "lib";\nconst x = await Promise.resolve(21);\n[double(x), libDefault, typeof all.double]',
    ]);
    expect(results).toEqual([[42, "lib default", "function"]]);
  });

  it("hoists functions so a cell may call one declared below", async () => {
    const { results } = await runAll(["const r = later(3);\nfunction later(n: number) { return n * n; }\nr"]);
    expect(results).toEqual([9]);
  });

  it("drops type-only code and returns nothing when the cell ends in a declaration", async () => {
    const { results } = await runAll(["interface P { x: number }\ntype Q = P[];\nconst q: Q = [{ x: 1 }];", "q.length"]);
    expect(results).toEqual([undefined, 1]);
  });

  it("keeps what a cell declared before it threw", async () => {
    const scope = newCellScope();
    await expect(runCompiledCell(compileCell('const kept = 5;\nthrow new Error("boom");'), scope, resolve)).rejects.toThrow("boom");
    expect(scope.kept).toBe(5);
  });

  it("keeps an import the cell does not use, for the next cells, and lets a plain import name a type", async () => {
    const { results } = await runAll(['import { double, type Nothing, OnlyAType } from "lib";', "double(4)"]);
    expect(results).toEqual([undefined, 8]);
  });

  it("reports a syntax error with the cell's line", () => {
    let caught: unknown;
    try {
      compileCell("const ok = 1;\nconst = 2;");
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(CellSyntaxError);
    expect((caught as CellSyntaxError).line).toBe(2);
  });
});

describe("compileCell's line numbers", () => {
  it("keeps every line of the cell on its line, so an error's line is the cell's", () => {
    const source = ['import {\n  double,\n} from "lib";', "const a = 1,\n  b = 2;", "function f() {\n  return a;\n}", 'throw new Error("here");'].join("\n");
    const { body } = compileCell(source);
    const lines = body.split("\n");
    const errorLine = source.split("\n").findIndex((line) => line.includes('"here"'));
    expect(lines[errorLine + 1]).toContain('throw new Error("here")');
  });
});

describe("runCompiledCell's stack traces", () => {
  it("name the cell's code and its line, three lines after the function's header", async () => {
    const cell = compileCell('const a = 1;\nthrow new Error("line two");');
    const error = (await runCompiledCell(cell, newCellScope(), resolve, "tsdl-cell-7").catch((e: Error) => e)) as Error;
    expect(error.stack).toMatch(/tsdl-cell-7:5:\d+/);
  });
});

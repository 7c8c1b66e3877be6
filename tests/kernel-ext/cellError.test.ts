import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import vm from "node:vm";
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { runtimeError } from "../../kernel-ext/src/kernel/cellError.js";
import { repoRoot } from "../helpers/runNode.js";

// A cell as tslab runs it: compiled JavaScript in vm's "evalmachine.<anonymous>", calling into tfjs.
const source = "const a = tf.ones([2, 3]);\nconst c = tf.matMul(a, tf.ones([4, 5]));";

function thrownByCell(): Error {
  // As the kernel's launcher sets it: tfjs stacks are deeper than Node's default 10 frames.
  Error.stackTraceLimit = 50;
  try {
    (vm.runInThisContext(`(function (tf) { ${source}\n})`) as (t: typeof tf) => void)(tf);
  } catch (error) {
    return error as Error;
  }
  throw new Error("the cell did not throw");
}

const plain = (lines: string[]) => lines.map((l) => stripVTControlCharacters(l));

describe("runtimeError on an error thrown inside tfjs", () => {
  const thrown = thrownByCell();

  it("puts the cell line first and counts the package frames instead of showing them", () => {
    const { ename, evalue, traceback } = runtimeError(thrown, source, source, { notebookDirectory: "/no/such/notebooks" });
    expect(ename).toBe("Error");
    expect(evalue).toContain("matMul inner dimensions must match");
    const lines = plain(traceback);
    expect(lines[0]).toBe(`Error: ${evalue}`);
    expect(lines[1]).toBe("    at cell line 2: const c = tf.matMul(a, tf.ones([4, 5]));");
    // Frames in files (tfjs's, vitest's, this one's), not in Node itself (`node:`) nor `<anonymous>`.
    const packageFrames = thrown.stack!.split("\n").filter((l) => /[( ](?:file:\/\/)?\/[^()]+:\d+:\d+\)?$/.test(l) && !l.includes("evalmachine")).length;
    expect(packageFrames).toBeGreaterThan(5);
    expect(lines.slice(2)).toEqual([`    … ${packageFrames} frames inside packages hidden (TSDL_TRACEBACK=full shows them)`]);
  });

  it("with allFrames shows the package frames after the cell line, in grey", () => {
    const { traceback } = runtimeError(thrown, source, source, { notebookDirectory: "/no/such/notebooks", allFrames: true });
    const lines = plain(traceback);
    const cellLine = lines.findIndex((l) => l.startsWith("    at cell line 2"));
    const firstPackage = lines.findIndex((l) => l.includes(`${path.sep}node_modules${path.sep}@tensorflow`));
    expect(cellLine).toBe(1);
    expect(firstPackage).toBeGreaterThan(cellLine);
    expect(traceback[firstPackage]).toMatch(/^\x1b\[0;90m/);
  });

  it("shows frames from the learner's own files beside the notebook (here: this test file)", () => {
    const mine = plain(runtimeError(thrown, source, source, { notebookDirectory: path.join(repoRoot, "tests") }).traceback);
    expect(mine.some((l) => l.includes("cellError.test.ts"))).toBe(true);
    const elsewhere = plain(runtimeError(thrown, source, source, { notebookDirectory: "/no/such/notebooks" }).traceback);
    expect(elsewhere.some((l) => l.includes("cellError.test.ts"))).toBe(false);
  });
});

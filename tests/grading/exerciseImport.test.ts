import { type AddressInfo, createServer } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { tf } from "@tsdl/lib";
import { exercise, GradingError } from "../../tools/src/grading/index.js";
import { sandboxIsolation } from "../../tools/src/grading/sandbox/sandboxProcess.js";
import { repoRoot } from "../helpers/runNode.js";
import { fixtureNotebooks, SAMPLE, sampleNotebook, scratchDir, withCellSource, writeSubmission } from "./helpers/fixtureCourse.js";

// exercise() looks notebooks up in TSDL_NOTEBOOKS_DIR when no judge provides a folder.
function useNotebooks(dir: string): void {
  process.env.TSDL_NOTEBOOKS_DIR = dir;
}

function variant(name: string, edit: (notebook: ReturnType<typeof sampleNotebook>) => ReturnType<typeof sampleNotebook>): string {
  const root = scratchDir("exercise-test");
  writeSubmission(root, name, { [SAMPLE]: edit(sampleNotebook()) });
  return path.join(root, name);
}

interface Scaler { min: number; range: number; fit(xs: number[]): Scaler; transform(xs: number[]): number[] }
type SampleExports = {
  MinMaxScaler: new () => Scaler;
  softmax(logits: number[]): number[];
  iqrOutlierMask(xs: number[]): boolean[];
  numericalGradient(f: (x: number[]) => number, x: number[]): number[];
};

afterEach(() => {
  delete process.env.TSDL_NOTEBOOKS_DIR;
  delete process.env.TSDL_EXERCISE_TIMEOUT_MS;
});

describe("exercise() on the instructor notebook", () => {
  it("runs a class in the sandbox: methods cross over, fields follow, identity and instanceof hold", async () => {
    useNotebooks(fixtureNotebooks);
    const { MinMaxScaler } = (await exercise<SampleExports>(SAMPLE, "min-max-scaler")).exports;
    const scaler = new MinMaxScaler();
    expect({ ...scaler }).toEqual({ min: 0, range: 1 });
    expect(scaler.fit([2, 4, 6])).toBe(scaler);
    expect({ ...scaler }).toEqual({ min: 2, range: 4 });
    expect(scaler.transform([4, 8])).toEqual([0.5, 1.5]);
    expect(scaler).toBeInstanceOf(MinMaxScaler);
  });

  it("sends a self-contained test function by its source", async () => {
    useNotebooks(fixtureNotebooks);
    const { numericalGradient } = (await exercise<SampleExports>(SAMPLE, "numerical-gradient")).exports;
    const g = numericalGradient((x) => x[0] * x[1], [3, 4]);
    expect(g[0]).toBeCloseTo(4, 4);
    expect(g[1]).toBeCloseTo(3, 4);
  });

  it("names a missing export and lists what the cell exports", async () => {
    useNotebooks(fixtureNotebooks);
    const loaded = await exercise<{ minMaxScale(xs: number[]): number[] }>(SAMPLE, "min-max-scaler");
    expect(() => loaded.exports.minMaxScale([1])).toThrow(/does not export minMaxScale; it exports MinMaxScaler/);
  });

  it("passes tensors both ways when the cell imports @tsdl/lib", async () => {
    useNotebooks(path.join(repoRoot, "tests/grading/fixtures/tensors"));
    const { scaleTensor } = (await exercise<{ scaleTensor(t: tf.Tensor, k: number): tf.Tensor }>("10-tensors.ipynb", "scale-tensor")).exports;
    const scaled = scaleTensor(tf.tensor2d([[1, 2], [3, 4]]), 3);
    expect(scaled.shape).toEqual([2, 2]);
    expect(Array.from(scaled.dataSync())).toEqual([3, 6, 9, 12]);
  }, 120_000);
});

describe("exercise() on broken learner notebooks", () => {
  it("rethrows the learner's own error with its message", async () => {
    useNotebooks(variant("stub", (nb) => withCellSource(nb, "stable-softmax", 'export function softmax(x: number[]): number[] {\n  throw new RangeError("Exercise stable-softmax (softmax): not implemented yet");\n}')));
    const { softmax } = (await exercise<SampleExports>(SAMPLE, "stable-softmax")).exports;
    expect(() => softmax([1])).toThrow(new RangeError("Exercise stable-softmax (softmax): not implemented yet"));
  });

  it("keeps functions callable in returned data except under matcher hooks, and __proto__ a plain key", async () => {
    useNotebooks(variant("sly", (nb) => withCellSource(nb, "stable-softmax", 'export function softmax(): unknown {\n  return { twice: (x: number) => 2 * x, asymmetricMatch: () => true, nested: JSON.parse(\'{"__proto__": {"x": 1}}\') };\n}')));
    const { softmax } = (await exercise<{ softmax(): { twice(x: number): number; asymmetricMatch: unknown; nested: object } }>(SAMPLE, "stable-softmax")).exports;
    const result = softmax();
    expect(result.twice(21)).toBe(42);
    expect(result.asymmetricMatch).toBe("[function asymmetricMatch]");
    expect(Object.getPrototypeOf(result.nested)).toBe(Object.prototype);
    expect(Object.keys(result.nested)).toEqual(["__proto__"]);
  });

  it("fails only the deleted exercise, with the reason", async () => {
    useNotebooks(variant("deleted", (nb) => ({ ...nb, cells: nb.cells.filter((cell) => cell.id !== "iqr-outlier-mask") })));
    const iqr = await exercise<SampleExports>(SAMPLE, "iqr-outlier-mask");
    expect(iqr.problem).toMatch(/has no code cell for exercise "iqr-outlier-mask"/);
    expect(() => iqr.exports.iqrOutlierMask([1])).toThrow(GradingError);
    const { softmax } = (await exercise<SampleExports>(SAMPLE, "stable-softmax")).exports;
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
  });

  it("times out an endless loop, restarts the sandbox for other exercises, and gives up after two strikes", async () => {
    process.env.TSDL_EXERCISE_TIMEOUT_MS = "1500";
    useNotebooks(variant("loop", (nb) => withCellSource(nb, "iqr-outlier-mask", "export function iqrOutlierMask(xs: number[]): boolean[] {\n  while (xs.length >= 0) {}\n  return [];\n}")));
    const { iqrOutlierMask } = (await exercise<SampleExports>(SAMPLE, "iqr-outlier-mask")).exports;
    const { softmax } = (await exercise<SampleExports>(SAMPLE, "stable-softmax")).exports;
    expect(() => iqrOutlierMask([1])).toThrow(/did not finish within 1500 ms/);
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
    expect(() => iqrOutlierMask([1])).toThrow(/gave up on this exercise after 2 timeouts or crashes/);
    const started = Date.now();
    expect(() => iqrOutlierMask([1])).toThrow(/gave up/);
    expect(Date.now() - started).toBeLessThan(500);
  }, 60_000);

  it("survives process.exit in learner code", async () => {
    useNotebooks(variant("exit", (nb) => withCellSource(nb, "numerical-gradient", "export function numericalGradient(): number[] {\n  process.exit(3);\n}")));
    const { numericalGradient } = (await exercise<SampleExports>(SAMPLE, "numerical-gradient")).exports;
    const { softmax } = (await exercise<SampleExports>(SAMPLE, "stable-softmax")).exports;
    const { MinMaxScaler } = (await exercise<SampleExports>(SAMPLE, "min-max-scaler")).exports;
    const before = new MinMaxScaler().fit([2, 4, 6]);
    expect(() => numericalGradient((x) => x[0], [1])).toThrow(/exit code 3 \(exercise code must not call process\.exit\)/);
    expect(() => before.transform([4])).toThrow(/created before the exercise sandbox restarted .*exit code 3.*so it no longer exists/);
    expect(softmax([0, 0])).toEqual([0.5, 0.5]);
    expect(new MinMaxScaler().fit([2, 4, 6]).transform([4])).toEqual([0.5]);
  }, 60_000);

  it("denies learner code writes outside its temp dir, reads of tests and other learners, and child processes", async () => {
    const root = scratchDir("exercise-test");
    writeSubmission(root, "other", { [SAMPLE]: sampleNotebook() });
    const probe = [
      'import { readFileSync, writeFileSync, readdirSync } from "node:fs";',
      'import { execSync } from "node:child_process";',
      "const attempt = (f: () => unknown) => { try { f(); return \"allowed\"; } catch (e) { return (e as { code?: string }).code ?? String(e); } };",
      "export function probe(): string[] {",
      "  return [",
      `    attempt(() => writeFileSync(${JSON.stringify(path.join(repoRoot, "grades.csv"))}, "hacked")),`,
      `    attempt(() => readFileSync(${JSON.stringify(path.join(repoRoot, "tests/grading/fixtures/course/tests/00-sample.spec.ts"))})),`,
      `    attempt(() => readdirSync(${JSON.stringify(path.join(root, "other"))})),`,
      `    attempt(() => readFileSync(${JSON.stringify(path.join(fixtureNotebooks, SAMPLE))})),`,
      '    attempt(() => execSync("true")),',
      '    attempt(() => writeFileSync("scratch.txt", "ok")),',
      "  ];",
      "}",
    ].join("\n");
    writeSubmission(root, "mallory", { [SAMPLE]: withCellSource(sampleNotebook(), "stable-softmax", probe) });
    useNotebooks(path.join(root, "mallory"));
    const { probe: run } = (await exercise<{ probe(): string[] }>(SAMPLE, "stable-softmax")).exports;
    expect(run()).toEqual(["ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", "ERR_ACCESS_DENIED", "allowed"]);
  });

  it.skipIf(!sandboxIsolation().namespaces)("gives learner code no network: a connection to this machine never arrives", async () => {
    const connections: string[] = [];
    const server = createServer((socket) => {
      connections.push(String(socket.remoteAddress));
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    const connectAtImport = [
      'import { connect } from "node:net";',
      `connect(${port}, "127.0.0.1").on("error", () => undefined);`,
      'fetch("http://127.0.0.1:' + port + '/").catch(() => undefined);',
      "export function softmax(logits: number[]): number[] {",
      "  return logits.map(() => 1 / logits.length);",
      "}",
    ].join("\n");
    useNotebooks(variant("phones-home", (nb) => withCellSource(nb, "stable-softmax", connectAtImport)));
    try {
      const { softmax } = (await exercise<SampleExports>(SAMPLE, "stable-softmax")).exports;
      expect(softmax([0, 0])).toEqual([0.5, 0.5]);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(connections).toEqual([]);
    } finally {
      server.close();
    }
  });
});

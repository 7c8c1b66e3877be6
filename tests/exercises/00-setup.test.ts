// Hidden tests for notebook 00 (setup). The exercise's own tensor count is out of reach (it runs in
// a separate process and takes no callback), so disposal is checked only by the notebook's self-check.
import { tf } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "00-setup.ipynb";

const backend = await exercise<{ activeBackend(): string }>(NOTEBOOK, "ex00-active-backend");
backend.test("is the name TensorFlow.js reports, one of tensorflow, wasm, cpu", 2, () => {
  const name = backend.exports.activeBackend();
  expect(["tensorflow", "wasm", "cpu"]).toContain(name);
  expect(name).toBe(tf.getBackend());
});

const matmul = await exercise<{ timeMatmul(n: number): number }>(NOTEBOOK, "ex00-time-matmul");
matmul.test("times real work: a 320 × 320 product takes longer than an 8 × 8 one", 2, () => {
  // 320³ ≈ 3.3·10⁷ multiply-adds against 512; the fastest of three runs filters out pauses.
  // Each time is measured inside the call, so it cannot exceed the call's own duration.
  const fastest = (n: number) => Math.min(...[0, 1, 2].map(() => {
    const started = performance.now();
    const elapsed = matmul.exports.timeMatmul(n);
    expect(elapsed).toBeLessThanOrEqual(performance.now() - started);
    return elapsed;
  }));
  const small = fastest(8);
  const large = fastest(320);
  expect(Number.isFinite(large)).toBe(true);
  expect(large).toBeGreaterThan(small);
});

const make = await exercise<{ makeTensor(shape: number[], value: number): tf.Tensor }>(NOTEBOOK, "ex00-make-tensor");
make.test("a float32 tensor of any rank holding the value everywhere", 2, () => {
  const t = make.exports.makeTensor([2, 1, 3], -0.25);
  expect(t.shape).toEqual([2, 1, 3]);
  expect(t.dtype).toBe("float32");
  expect(Array.from(t.dataSync())).toEqual([-0.25, -0.25, -0.25, -0.25, -0.25, -0.25]);
  t.dispose();
});
make.test("a scalar for the empty shape", 1, () => {
  const t = make.exports.makeTensor([], 42);
  expect(t.rank).toBe(0);
  expect(Array.from(t.dataSync())).toEqual([42]);
  t.dispose();
});

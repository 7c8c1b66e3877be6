// Public checks for notebook 00 (setup), shipped to learners: the notebook's self-checks.
// The exercise runs in its own process; it selects its backend like this one does.
import { backendInfo, tf } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "00-setup.ipynb";

const backend = await exercise<{ activeBackend(): string }>(NOTEBOOK, "ex00-active-backend");
backend.test("names the running backend", 1, () => {
  expect(backend.exports.activeBackend()).toBe(backendInfo().name);
});

const matmul = await exercise<{ timeMatmul(n: number): number }>(NOTEBOOK, "ex00-time-matmul");
matmul.test("returns a positive time, no longer than the call itself took", 1, () => {
  const started = performance.now();
  const elapsed = matmul.exports.timeMatmul(320);
  expect(elapsed).toBeGreaterThan(0);
  expect(elapsed).toBeLessThanOrEqual(performance.now() - started);
});

const make = await exercise<{ makeTensor(shape: number[], value: number): tf.Tensor }>(NOTEBOOK, "ex00-make-tensor");
make.test("has the requested shape", 1, () => {
  const t = make.exports.makeTensor([2, 3], 7);
  expect(t.shape).toEqual([2, 3]);
  t.dispose();
});
make.test("is filled with the value", 1, () => {
  const t = make.exports.makeTensor([2, 2], 1.5);
  expect(Array.from(t.dataSync())).toEqual([1.5, 1.5, 1.5, 1.5]);
  t.dispose();
});

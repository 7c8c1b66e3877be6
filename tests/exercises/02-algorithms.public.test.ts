// Public checks for notebook 02 (algorithms), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "02-algorithms.ipynb";

const softmax = await exercise<{ stableSoftmax(scores: number[]): number[] }>(NOTEBOOK, "ex02-stable-softmax");
softmax.test("softmax([1, 2, 3]) = [0.09003057, 0.24472847, 0.66524096]", 1, () => {
  const p = softmax.exports.stableSoftmax([1, 2, 3]);
  expect(p).toHaveLength(3);
  [0.09003057, 0.24472847, 0.66524096].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 7));
});
softmax.test("huge scores do not overflow", 1, () => {
  const p = softmax.exports.stableSoftmax([1000, 1000]);
  expect(p).toHaveLength(2);
  p.forEach((probability) => expect(probability).toBeCloseTo(0.5, 12));
});

type Bce = { loss: number; gradient: number[] };
const bce = await exercise<{ bceWithLogits(logits: number[], labels: number[]): Bce }>(NOTEBOOK, "ex02-bce-logits");
bce.test("a logit of 0 costs log 2", 1, () => {
  expect(bce.exports.bceWithLogits([0], [1]).loss).toBeCloseTo(Math.LN2, 12);
});
bce.test("the mean over samples is PyTorch's binary_cross_entropy_with_logits, 0.3047555609", 1, () => {
  expect(bce.exports.bceWithLogits([2, -1, 0.5], [1, 0, 1]).loss).toBeCloseTo(0.3047555609137674, 12);
});
bce.test("a confident mistake (z = 50, y = 0) costs 50, not infinity", 1, () => {
  expect(bce.exports.bceWithLogits([50], [0]).loss).toBeCloseTo(50, 9);
});
bce.test("the gradient is (σ(z) − y) / n", 1, () => {
  const { gradient } = bce.exports.bceWithLogits([0, 0], [1, 0]);
  expect(gradient).toHaveLength(2);
  expect(gradient[0]).toBeCloseTo(-0.25, 12);
  expect(gradient[1]).toBeCloseTo(0.25, 12);
});
bce.test("different lengths throw an error naming them", 1, () => {
  expect(() => bce.exports.bceWithLogits([1, 2, 3], [1])).toThrow(/\b3\b[\s\S]*\b1\b|\b1\b[\s\S]*\b3\b/);
});

type AdamState = { theta: number; m: number; v: number };
const adam = await exercise<{ adamUpdate(theta: number, g: number, m: number, v: number, t: number): AdamState }>(NOTEBOOK, "ex02-adam-step");
adam.test("the first step moves θ by α whatever the gradient's size", 1, () => {
  expect(adam.exports.adamUpdate(1, 50, 0, 0, 1).theta).toBeCloseTo(0.999, 9);
});
adam.test("the moments after one step with g = 2 are m = 0.2, v = 0.004", 1, () => {
  const state = adam.exports.adamUpdate(1, 2, 0, 0, 1);
  expect(state.m).toBeCloseTo(0.2, 12);
  expect(state.v).toBeCloseTo(0.004, 12);
});

const gradient = await exercise<{ numericalGradient(f: (x: number[]) => number, x: number[]): number[] }>(NOTEBOOK, "ex02-numerical-gradient");
gradient.test("the gradient of x² + 3y at (2, 5) is (4, 3)", 1, () => {
  const g = gradient.exports.numericalGradient(([a, b]) => a! ** 2 + 3 * b!, [2, 5]);
  expect(g).toHaveLength(2);
  expect(g[0]).toBeCloseTo(4, 6);
  expect(g[1]).toBeCloseTo(3, 6);
});
gradient.test("leaves x unchanged", 1, () => {
  const x = [1, 2];
  // ∂(a²)/∂a = 2a = 2 at a = 1; the second coordinate does not matter.
  const g = gradient.exports.numericalGradient(([a]) => a! * a!, x);
  expect(g[0]).toBeCloseTo(2, 6);
  expect(g[1]).toBeCloseTo(0, 6);
  expect(x).toEqual([1, 2]);
});

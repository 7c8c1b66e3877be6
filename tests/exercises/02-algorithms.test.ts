// Hidden tests for notebook 02 (algorithms). Reference values from SciPy (softmax, expit) and
// PyTorch's torch.optim.Adam run with the exercise's hyperparameters in float64.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "02-algorithms.ipynb";

const softmax = await exercise<{ stableSoftmax(scores: number[]): number[] }>(NOTEBOOK, "ex02-stable-softmax");
softmax.test("is unchanged by shifting every score, even far from zero", 2, () => {
  const p = softmax.exports.stableSoftmax([1001, 1002, 1003]);
  [0.09003057, 0.24472847, 0.66524096].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 7));
  const q = softmax.exports.stableSoftmax([-1000, -1000]);
  expect(q[0]).toBeCloseTo(0.5, 12);
  expect(q[1]).toBeCloseTo(0.5, 12);
});
softmax.test("keeps the order of the scores and sums to one", 1, () => {
  // scipy.special.softmax([0, 1, -1]) = [0.24472847, 0.66524096, 0.09003057]
  const p = softmax.exports.stableSoftmax([0, 1, -1]);
  [0.24472847, 0.66524096, 0.09003057].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 7));
  expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
});
softmax.test("a single score gets probability 1; tied scores share equally", 1, () => {
  expect(softmax.exports.stableSoftmax([42])).toEqual([1]);
  softmax.exports.stableSoftmax([3, 3, 3, 3]).forEach((p) => expect(p).toBeCloseTo(0.25, 12));
});
softmax.test("does not change the scores array", 1, () => {
  const scores = [3, 1, 2];
  // scipy.special.softmax([3, 1, 2]) = [0.66524096, 0.09003057, 0.24472847]
  const p = softmax.exports.stableSoftmax(scores);
  [0.66524096, 0.09003057, 0.24472847].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 7));
  expect(scores).toEqual([3, 1, 2]);
});

type Bce = { loss: number; gradient: number[] };
const bce = await exercise<{ bceWithLogits(logits: number[], labels: number[]): Bce }>(NOTEBOOK, "ex02-bce-logits");
// Reference values: torch.nn.functional.binary_cross_entropy_with_logits in float64 (mean reduction),
// gradients from torch.autograd.
bce.test("stays finite and exact where σ rounds to 0 or 1: z = 50, y = 0 and z = −800, y = 1 give 425", 3, () => {
  const { loss, gradient } = bce.exports.bceWithLogits([50, -800], [0, 1]);
  expect(loss).toBeCloseTo(425, 9);
  expect(gradient[0]).toBeCloseTo(0.5, 12);
  expect(gradient[1]).toBeCloseTo(-0.5, 12);
});
bce.test("takes the mean, not the sum, and divides the gradient by n", 2, () => {
  const { loss, gradient } = bce.exports.bceWithLogits([2, -1, 0.5], [1, 0, 1]);
  expect(loss).toBeCloseTo(0.3047555609137674, 12);
  [-0.0397343073407059, 0.08964714045666504, -0.1258468895993818].forEach((g, i) => expect(gradient[i]).toBeCloseTo(g, 12));
});
bce.test("handles soft labels (y = 0.8, 0.3)", 1, () => {
  const { loss, gradient } = bce.exports.bceWithLogits([1.5, -0.5], [0.8, 0.3]);
  expect(loss).toBeCloseTo(0.5627451310814295, 12);
  expect(gradient[0]).toBeCloseTo(0.008787238096821803, 12);
  expect(gradient[1]).toBeCloseTo(0.03877033439907271, 12);
});
bce.test("keeps tiny losses accurate: z = 800, y = 1 and z = −30, y = 0 give log(1 + e⁻³⁰) / 2 = 4.6788e-14", 1, () => {
  // mpmath at 30 digits: 4.67881148441986838707e-14. (PyTorch prints 4.674e-14 here: it forms 1 + e⁻³⁰ before
  // the log, which loses three digits; Math.log1p does not.) The gradient is σ(−30) / 2 = 4.6788e-14 too.
  const { loss, gradient } = bce.exports.bceWithLogits([800, -30], [1, 0]);
  expect(loss / 4.678811484419868e-14).toBeCloseTo(1, 6);
  expect(gradient[0]).toBeCloseTo(0, 15);
  expect(gradient[1]! / 4.6788114844196494e-14).toBeCloseTo(1, 6);
});
bce.test("names both lengths when they differ", 1, () => {
  expect(() => bce.exports.bceWithLogits([0, 1, 2], [1])).toThrow(/\b3\b[\s\S]*\b1\b|\b1\b[\s\S]*\b3\b/);
});

type AdamState = { theta: number; m: number; v: number };
const adam = await exercise<{ adamUpdate(theta: number, g: number, m: number, v: number, t: number): AdamState }>(NOTEBOOK, "ex02-adam-step");
adam.test("the first step moves θ by α·sign(g), against the gradient", 1, () => {
  // m̂ = g and v̂ = g², so the step is α·g / (|g| + ε): within α·ε/|g| of α·sign(g).
  expect(adam.exports.adamUpdate(1, -5, 0, 0, 1).theta).toBeCloseTo(1.001, 10);
  expect(adam.exports.adamUpdate(0, 0.1, 0, 0, 1).theta).toBeCloseTo(-0.001, 9);
});
adam.test("three steps match torch.optim.Adam (bias correction uses t)", 3, () => {
  // torch.optim.Adam(lr=0.001, betas=(0.9, 0.999), eps=1e-8) on θ = 1 with gradients 2, 1, -0.5:
  const expected = [
    { theta: 0.999000000005, m: 0.2, v: 0.004 },
    { theta: 0.9980678203720851, m: 0.28, v: 0.004996 },
    { theta: 0.9975041589998044, m: 0.202, v: 0.005241004 },
  ];
  let state: AdamState = { theta: 1, m: 0, v: 0 };
  [2, 1, -0.5].forEach((g, i) => {
    state = adam.exports.adamUpdate(state.theta, g, state.m, state.v, i + 1);
    expect(state.theta).toBeCloseTo(expected[i]!.theta, 12);
    expect(state.m).toBeCloseTo(expected[i]!.m, 12);
    expect(state.v).toBeCloseTo(expected[i]!.v, 12);
  });
});
adam.test("a zero gradient from fresh moments leaves θ where it is", 1, () => {
  const state = adam.exports.adamUpdate(0.5, 0, 0, 0, 1);
  expect(state.theta).toBe(0.5);
  expect(state.m).toBe(0);
  expect(state.v).toBe(0);
});

const gradient = await exercise<{ numericalGradient(f: (x: number[]) => number, x: number[]): number[] }>(NOTEBOOK, "ex02-numerical-gradient");
gradient.test("differentiates a product of three variables: ∇(xyz) at (1, 2, 3) = (6, 3, 2)", 2, () => {
  const g = gradient.exports.numericalGradient((v) => v[0]! * v[1]! * v[2]!, [1, 2, 3]);
  expect(g).toHaveLength(3);
  [6, 3, 2].forEach((expected, i) => expect(g[i]).toBeCloseTo(expected, 6));
});
gradient.test("uses central differences with ε = 1e-5 (x³ at 1: 3 + ε², not the forward 3 + 3ε)", 2, () => {
  const [g] = gradient.exports.numericalGradient((v) => v[0]! ** 3, [1]);
  expect(Math.abs(g! - 3)).toBeLessThan(1e-7);
  const [c] = gradient.exports.numericalGradient((v) => Math.sin(v[0]!), [0]);
  expect(c).toBeCloseTo(1, 9);
});
gradient.test("perturbs one coordinate at a time", 1, () => {
  // f = Σ i·x_i² → ∂f/∂x_i = 2·i·x_i; at x = (1, 1, 1, 1, 1): (0, 2, 4, 6, 8)
  const g = gradient.exports.numericalGradient((v) => v.reduce((sum, x, i) => sum + i * x * x, 0), [1, 1, 1, 1, 1]);
  [0, 2, 4, 6, 8].forEach((expected, i) => expect(g[i]).toBeCloseTo(expected, 6));
});

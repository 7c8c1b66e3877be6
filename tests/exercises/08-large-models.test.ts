// Hidden tests for notebook 08's exercises: instructor only, never released; feedback shows only scores.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "08-large-models.ipynb";

const attention = await exercise<{ causalAttention(q: number[][], k: number[][], v: number[][]): number[][] }>(NOTEBOOK, "ex08-causal-attention");
attention.test("scales scores by √d and weights the past by softmax", 3, () => {
  // d = 4, so √d = 2. Row 1 scores: 0 and 2·ln 3 / 2 = ln 3 → weights 1/4 and 3/4 → [1, 6].
  const out = attention.exports.causalAttention(
    [[0, 0, 0, 0], [2, 0, 0, 0]], [[0, 0, 0, 0], [Math.log(3), 0, 0, 0]], [[4, 0], [0, 8]]);
  expect(out).toHaveLength(2);
  [4, 0].forEach((value, c) => expect(out[0][c]).toBeCloseTo(value, 9));
  [1, 6].forEach((value, c) => expect(out[1][c]).toBeCloseTo(value, 9));
});
attention.test("never lets a position see later values", 2, () => {
  const q = [[1, 0], [0, 1], [1, 1]];
  const k = [[1, 1], [0, 2], [2, 0]];
  const before = attention.exports.causalAttention(q, k, [[1, 0], [0, 1], [5, 5]]);
  const after = attention.exports.causalAttention(q, k, [[1, 0], [0, 1], [-100, 100]]);
  expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
  expect(after[2]).not.toEqual(before[2]);
});
attention.test("stays finite for large scores", 1, () => {
  const out = attention.exports.causalAttention([[1000], [1000]], [[1000], [1000]], [[2], [4]]);
  expect(out[0][0]).toBeCloseTo(2, 9);
  expect(out[1][0]).toBeCloseTo(3, 9);
});

const quantize = await exercise<{ quantizeInt8(weights: number[]): { q: number[]; scale: number; restored: number[]; maxError: number } }>(
  NOTEBOOK, "ex08-int8-quantize");
quantize.test("rounds w / s with s = max|w| / 127", 2, () => {
  const result = quantize.exports.quantizeInt8([1.27, 0.333, -0.777]);
  expect(result.scale).toBeCloseTo(0.01, 12);
  expect(result.q).toEqual([127, 33, -78]);
  [1.27, 0.33, -0.78].forEach((w, i) => expect(result.restored[i]).toBeCloseTo(w, 9));
  expect(result.maxError).toBeCloseTo(0.003, 9);
});
quantize.test("takes the scale from the largest magnitude, negative or positive", 1, () => {
  const result = quantize.exports.quantizeInt8([-2.54, 1]);
  expect(result.scale).toBeCloseTo(0.02, 12);
  expect(result.q).toEqual([-127, 50]);
});
quantize.test("keeps every error within half a step", 1, () => {
  const weights = [0.91, -0.137, 0.0042, -0.66, 0.5, 0.25, -1.3];
  const result = quantize.exports.quantizeInt8(weights);
  weights.forEach((w, i) => expect(Math.abs(w - result.restored[i])).toBeLessThanOrEqual(result.scale / 2 + 1e-12));
  expect(result.q.every((q) => Number.isInteger(q) && q >= -127 && q <= 127)).toBe(true);
});
quantize.test("handles all-zero weights with scale 1", 1, () => {
  expect(quantize.exports.quantizeInt8([0, 0, 0])).toEqual({ q: [0, 0, 0], scale: 1, restored: [0, 0, 0], maxError: 0 });
});

const sample = await exercise<{ sampleWithTemperature(probabilities: number[], temperature: number, u: number): number }>(
  NOTEBOOK, "ex08-temperature-sample");
sample.test("at temperature 1 follows the cumulative probabilities", 2, () => {
  expect([0.05, 0.15, 0.35, 0.65, 0.99].map((u) => sample.exports.sampleWithTemperature([0.1, 0.2, 0.3, 0.4], 1, u))).toEqual([0, 1, 2, 3, 3]);
});
sample.test("at temperature 2 takes square roots and renormalises: [0.1, 0.9] → [0.25, 0.75]", 2, () => {
  expect(sample.exports.sampleWithTemperature([0.1, 0.9], 2, 0.2)).toBe(0);
  expect(sample.exports.sampleWithTemperature([0.1, 0.9], 2, 0.3)).toBe(1);
  expect(sample.exports.sampleWithTemperature([0.1, 0.9], 1, 0.2)).toBe(1);
});
sample.test("temperature 0 is greedy whatever u is", 1, () => {
  expect(sample.exports.sampleWithTemperature([0.1, 0.6, 0.3], 0, 0.99)).toBe(1);
  expect(sample.exports.sampleWithTemperature([0.1, 0.6, 0.3], 0, 0)).toBe(1);
});
sample.test("a tiny temperature almost always picks the most probable index", 1, () => {
  expect(sample.exports.sampleWithTemperature([0.3, 0.7], 0.01, 0.5)).toBe(1);
});
sample.test("refuses a negative temperature but not a zero one", 1, () => {
  expect(() => sample.exports.sampleWithTemperature([0.5, 0.5], -1, 0.5)).toThrow(/temperature/);
  expect(sample.exports.sampleWithTemperature([0.4, 0.6], 0, 0.5)).toBe(1);
});

// The hands-on exercise: new questions the notebook never asks, each learned from 20 images. Measured on the
// reference solution (pretrained body, frozen) and on the same network trained from scratch on the 20 images:
// digit ≥ 5: 0.846 vs 0.739; digit drawn with a loop (0, 6, 8, 9): 0.864 vs 0.803.
type Transfer = { transferToNewTask(pretrainX: unknown, pretrainY: unknown, fewX: unknown, fewY: unknown, testX: unknown): number[] };
const transfer = await exercise<Transfer>(NOTEBOOK, "ex08-transfer-head", { callTimeoutMs: 60_000 });
async function heldOutAnswers(question: (digit: number) => number): Promise<{ answers: number[]; truth: number[] }> {
  const { tf, loadDigits } = await import("@tsdl/lib");
  const digits = loadDigits();
  const pixels = digits.images.reshape([-1, 64]);
  const labels = Array.from(digits.labels.dataSync());
  const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const [pretrain, few, test] = [rows(797, 1797), rows(0, 20), rows(20, 797)];
  const answers = transfer.exports.transferToNewTask(
    tf.gather(pixels, pretrain), tf.tensor1d(pretrain.map((i) => labels[i]!)),
    tf.gather(pixels, few), tf.tensor1d(few.map((i) => question(labels[i]!))), tf.gather(pixels, test));
  expect(answers).toHaveLength(test.length);
  return { answers, truth: test.map((i) => question(labels[i]!)) };
}
async function heldOutAccuracy(question: (digit: number) => number): Promise<number> {
  const { answers, truth } = await heldOutAnswers(question);
  return answers.filter((a, i) => a === truth[i]).length / truth.length;
}
transfer.test("beats training from scratch on 'is the digit 5 or more?'", 3, async () => {
  expect(await heldOutAccuracy((d) => (d >= 5 ? 1 : 0))).toBeGreaterThanOrEqual(0.8);
});
transfer.test("beats training from scratch on 'is the digit drawn with a loop?'", 2, async () => {
  expect(await heldOutAccuracy((d) => ([0, 6, 8, 9].includes(d) ? 1 : 0))).toBeGreaterThanOrEqual(0.83);
});
transfer.test("gives the same answers when run twice (seeded)", 1, async () => {
  const question = (d: number) => (d === 3 || d === 5 || d === 8 ? 1 : 0);
  expect((await heldOutAnswers(question)).answers).toEqual((await heldOutAnswers(question)).answers);
});

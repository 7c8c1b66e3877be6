// Public checks for notebook 08 (large models), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "08-large-models.ipynb";

const attention = await exercise<{ causalAttention(q: number[][], k: number[][], v: number[][]): number[][] }>(NOTEBOOK, "ex08-causal-attention");
attention.test("the first position only sees itself; the second mixes both by softmax([0, 1/√2])", 1, () => {
  const out = attention.exports.causalAttention([[1, 0], [0, 1]], [[1, 0], [0, 1]], [[1, 2], [3, 4]]);
  [1, 2].forEach((value, c) => expect(out[0][c]).toBeCloseTo(value, 6));
  [2.3395, 3.3395].forEach((value, c) => expect(out[1][c]).toBeCloseTo(value, 4));
});
attention.test("equal scores give the plain average of the past", 1, () => {
  const out = attention.exports.causalAttention([[0], [0], [0]], [[1], [2], [3]], [[3], [6], [9]]);
  [3, 4.5, 6].forEach((value, i) => expect(out[i][0]).toBeCloseTo(value, 6));
});

const quantize = await exercise<{ quantizeInt8(weights: number[]): { q: number[]; scale: number; restored: number[]; maxError: number } }>(
  NOTEBOOK, "ex08-int8-quantize");
quantize.test("the largest weight maps to ±127 and the scale is max|w| / 127", 1, () => {
  const result = quantize.exports.quantizeInt8([1.27, -0.5, 0.01]);
  expect(result.q).toEqual([127, -50, 1]);
  expect(result.scale).toBeCloseTo(0.01, 9);
});
quantize.test("the error is at most half a step; all zeros stay zero", 1, () => {
  expect(quantize.exports.quantizeInt8([2.54, 0.015]).maxError).toBeCloseTo(0.005, 9);
  expect(quantize.exports.quantizeInt8([0, 0]).restored).toEqual([0, 0]);
});

const sample = await exercise<{ sampleWithTemperature(probabilities: number[], temperature: number, u: number): number }>(
  NOTEBOOK, "ex08-temperature-sample");
sample.test("temperature 1 samples the probabilities as given", 1, () => {
  expect([0.1, 0.3, 0.5, 0.7].map((u) => sample.exports.sampleWithTemperature([0.2, 0.3, 0.5], 1, u))).toEqual([0, 1, 2, 2]);
});
sample.test("temperature 0.5 squares and renormalises; 0 is greedy; negative is refused", 1, () => {
  expect([0.15, 0.25].map((u) => sample.exports.sampleWithTemperature([1 / 3, 2 / 3], 0.5, u))).toEqual([0, 1]);
  expect(sample.exports.sampleWithTemperature([0.2, 0.5, 0.3], 0, 0.01)).toBe(1);
  expect(() => sample.exports.sampleWithTemperature([1], -1, 0.5)).toThrow(/temperature/);
});

type Transfer = { transferToNewTask(pretrainX: unknown, pretrainY: unknown, fewX: unknown, fewY: unknown, testX: unknown): number[] };
const transfer = await exercise<Transfer>(NOTEBOOK, "ex08-transfer-head", { callTimeoutMs: 60_000 });
transfer.test("one answer per image; above 85% on the notebook's odd-or-even task", 1, async () => {
  const { tf, loadDigits } = await import("@tsdl/lib");
  const digits = loadDigits();
  const pixels = digits.images.reshape([-1, 64]);
  const labels = Array.from(digits.labels.dataSync());
  const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
  const [pretrain, few, test] = [rows(0, 1000), rows(1000, 1020), rows(1020, labels.length)];
  const answers = transfer.exports.transferToNewTask(
    tf.gather(pixels, pretrain), tf.tensor1d(pretrain.map((i) => labels[i]!)),
    tf.gather(pixels, few), tf.tensor1d(few.map((i) => labels[i]! % 2)), tf.gather(pixels, test));
  expect(answers.every((a) => a === 0 || a === 1)).toBe(true);
  expect(answers.filter((a, i) => a === labels[test[i]!]! % 2).length / test.length).toBeGreaterThan(0.85);
});

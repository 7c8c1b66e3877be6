// Hidden tests for notebook 04 (training). Early stopping follows Keras' EarlyStopping with
// min_delta = 0: a loss equal to the best is no improvement, and any improvement resets the count.
import { tf } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "04-training.ipynb";

const stopping = await exercise<{ earlyStoppingEpoch(valLosses: number[], patience: number): number }>(NOTEBOOK, "ex04-early-stopping");
stopping.test("an improvement resets the count", 2, () => {
  // best 1 → 0.9 at epoch 2; epochs 3, 4, 5 do not improve on 0.9 → stop at 5 (not at 4).
  expect(stopping.exports.earlyStoppingEpoch([1, 1.1, 0.9, 1, 1.1, 1.2, 0.5], 3)).toBe(5);
});
stopping.test("a loss equal to the best is no improvement", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([1, 1, 1], 2)).toBe(2);
});
stopping.test("patience 1 stops at the first epoch that does not improve", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([0.7, 0.6, 0.65, 0.4], 1)).toBe(2);
});
stopping.test("continues (−1) when there are no losses yet or too few bad epochs", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([], 3)).toBe(-1);
  expect(stopping.exports.earlyStoppingEpoch([0.5, 0.6, 0.7], 3)).toBe(-1);
});

type Run = { learningRate: number; valLoss: number };
const rate = await exercise<{ chooseLearningRate(sweep: Run[]): number }>(NOTEBOOK, "ex04-choose-learning-rate");
rate.test("skips infinite as well as NaN losses, in any order", 2, () => {
  expect(rate.exports.chooseLearningRate([
    { learningRate: 3, valLoss: Number.POSITIVE_INFINITY }, { learningRate: 0.03, valLoss: 0.41 },
    { learningRate: 10, valLoss: Number.NaN }, { learningRate: 0.3, valLoss: 0.35 },
    { learningRate: 1, valLoss: Number.POSITIVE_INFINITY }, { learningRate: 0.003, valLoss: 0.9 },
  ])).toBe(0.3);
});
rate.test("does not reorder the sweep", 1, () => {
  const sweep = [{ learningRate: 0.1, valLoss: 0.3 }, { learningRate: 0.01, valLoss: 0.1 }, { learningRate: 0.001, valLoss: 0.2 }];
  expect(rate.exports.chooseLearningRate(sweep)).toBe(0.01);
  expect(sweep.map((run) => run.learningRate)).toEqual([0.1, 0.01, 0.001]);
});

type Shapes = { kernel: number[]; bias: number[]; output: number[] };
const shapes = await exercise<{ denseShapes(batch: number, inputs: number, units: number): Shapes }>(NOTEBOOK, "ex04-dense-shapes");
shapes.test("a Dense(10) classifier on a batch of 32 MNIST images", 1, () => {
  expect(shapes.exports.denseShapes(32, 784, 10)).toEqual({ kernel: [784, 10], bias: [10], output: [32, 10] });
});
shapes.test("agrees with tf.layers.dense for a batch of one and a wide layer", 1, () => {
  const layer = tf.layers.dense({ units: 7 });
  const input = tf.zeros([1, 2]);
  const output = layer.apply(input) as tf.Tensor;
  const [kernel, bias] = layer.getWeights();
  const expected = { kernel: kernel!.shape, bias: bias!.shape, output: output.shape };
  tf.dispose([input, output, kernel!, bias!]);
  expect(expected).toEqual({ kernel: [2, 7], bias: [7], output: [1, 7] });
  expect(shapes.exports.denseShapes(1, 2, 7)).toEqual(expected);
});

// Public checks for notebook 04 (training), shipped to learners: the notebook's self-checks.
import { tf } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "04-training.ipynb";

const stopping = await exercise<{ earlyStoppingEpoch(valLosses: number[], patience: number): number }>(NOTEBOOK, "ex04-early-stopping");
stopping.test("stops after patience epochs without improvement", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([1, 0.8, 0.9, 0.85, 0.95], 3)).toBe(4);
});
stopping.test("keeps going while the loss improves", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([1, 0.9, 0.8], 2)).toBe(-1);
});

type Run = { learningRate: number; valLoss: number };
const rate = await exercise<{ chooseLearningRate(sweep: Run[]): number }>(NOTEBOOK, "ex04-choose-learning-rate");
rate.test("picks the rate with the lowest finite loss", 1, () => {
  expect(rate.exports.chooseLearningRate([
    { learningRate: 0.0001, valLoss: 0.6 }, { learningRate: 0.001, valLoss: 0.2 },
    { learningRate: 0.01, valLoss: 0.25 }, { learningRate: 1, valLoss: Number.NaN },
  ])).toBe(0.001);
});

type Shapes = { kernel: number[]; bias: number[]; output: number[] };
const shapes = await exercise<{ denseShapes(batch: number, inputs: number, units: number): Shapes }>(NOTEBOOK, "ex04-dense-shapes");
shapes.test("matches a real tf.layers.dense layer", 1, () => {
  const layer = tf.layers.dense({ units: 4 });
  const input = tf.zeros([5, 3]);
  const output = layer.apply(input) as tf.Tensor;
  const [kernel, bias] = layer.getWeights();
  const expected = { kernel: kernel!.shape, bias: bias!.shape, output: output.shape };
  tf.dispose([input, output, kernel!, bias!]);
  expect(shapes.exports.denseShapes(5, 3, 4)).toEqual(expected);
});

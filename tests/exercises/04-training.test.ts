// Hidden tests for notebook 04 (training). Early stopping follows Keras' EarlyStopping with
// min_delta = 0: a loss equal to the best is no improvement, and any improvement resets the count.
import { accuracy, loadBreastCancerTensors, StandardScaler, tf, trainTestSplit } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "04-training.ipynb";

/** The notebook's preprocessing on a stratified split: standardised with training statistics only. */
function breastCancerSplit(seed: number) {
  const cancer = loadBreastCancerTensors();
  const split = trainTestSplit(cancer.x, cancer.y, { testSize: 0.2, seed, stratify: true });
  const scaler = new StandardScaler().fit(split.xTrain);
  return { xTrain: scaler.transform(split.xTrain) as tf.Tensor2D, yTrain: split.yTrain as tf.Tensor1D, xTest: scaler.transform(split.xTest) as tf.Tensor2D, yTest: split.yTest as tf.Tensor1D };
}

/** Share of held-out tumours the model gets right; a probability of at least 0.5 means benign. */
function heldOutAccuracy(model: tf.LayersModel, xTest: tf.Tensor2D, yTest: tf.Tensor1D): number {
  const probabilities = model.predict(xTest) as tf.Tensor;
  expect(probabilities.size, "one probability per held-out row").toBe(yTest.size);
  return accuracy(yTest, probabilities.reshape([-1]), { threshold: 0.5 });
}

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

const rate = await exercise<{ chooseLearningRate(rates: number[], losses: number[]): number }>(NOTEBOOK, "ex04-choose-learning-rate");
rate.test("measures the slope against log10 of the rate, not the rate itself", 2, () => {
  // log10 gaps 1, 0.301, 0.699 → slopes −0.2, −0.664, −0.143: steepest from 0.01. Against the rate
  // itself the first stretch is steepest (0.001), and the lowest loss is at 0.1.
  expect(rate.exports.chooseLearningRate([0.001, 0.01, 0.02, 0.1], [1.0, 0.8, 0.6, 0.5])).toBe(0.01);
});
rate.test("ignores everything from the first diverged point on, even a later fall", 2, () => {
  // 2.5 > 4 × 0.3 diverges at 0.1; the fall to 0.01 after it does not count. Slopes before: −0.05, −0.35.
  expect(rate.exports.chooseLearningRate([1e-4, 1e-3, 1e-2, 1e-1, 1], [0.7, 0.65, 0.3, 2.5, 0.01])).toBe(1e-3);
  // NaN is not finite: only the first two points are usable.
  expect(rate.exports.chooseLearningRate([0.001, 0.003, 0.01, 0.03], [0.9, 0.5, Number.NaN, 0.1])).toBe(0.001);
});
rate.test("a loss of exactly 4 × the lowest so far has not diverged yet", 1, () => {
  // usable: 0.5, 0.2, 0.8 (= 4 × 0.2), 0.1; slopes −0.3, +0.6, −0.7 → steepest from 1.
  expect(rate.exports.chooseLearningRate([0.001, 0.01, 0.1, 1], [0.5, 0.2, 0.8, 0.1])).toBe(0.1);
});
rate.test("names the problem: lengths, rates that do not increase, too few usable points", 1, () => {
  expect(() => rate.exports.chooseLearningRate([0.1, 1, 10], [0.5, 0.4])).toThrow(/losses/);
  expect(() => rate.exports.chooseLearningRate([0.1, 0.1, 1], [0.5, 0.4, 0.3])).toThrow(/rates/);
  expect(() => rate.exports.chooseLearningRate([0.1, 1], [0.5, Number.NaN])).toThrow(/losses/);
});

type Work = { trainSamples: number; validationSamples: number; stepsPerEpoch: number; totalSteps: number; lastBatchSize: number };
const steps = await exercise<{ trainingSteps(samples: number, batchSize: number, validationSplit: number, epochs: number): Work }>(NOTEBOOK, "ex04-training-steps");

/** What a real `model.fit` does: the batches it trains on and how many samples it validates on. */
async function observedFit(samples: number, batchSize: number, validationSplit: number, epochs: number): Promise<Work> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [1], units: 1 })] });
  model.compile({ optimizer: "sgd", loss: "meanSquaredError" });
  const sizes: number[] = [];
  const x = tf.zeros([samples, 1]);
  const y = tf.zeros([samples, 1]);
  await model.fit(x, y, { batchSize, epochs, validationSplit, shuffle: false, verbose: 0, callbacks: { onBatchEnd: async (_batch, logs) => { sizes.push(logs!.size as number); } } });
  tf.dispose([x, y]);
  model.dispose();
  const perEpoch = sizes.length / epochs;
  const trainSamples = sizes.slice(0, perEpoch).reduce((a, b) => a + b, 0);
  return { trainSamples, validationSamples: samples - trainSamples, stepsPerEpoch: perEpoch, totalSteps: sizes.length, lastBatchSize: sizes[perEpoch - 1]! };
}

steps.test("agrees with a real fit whose split does not divide evenly (569 samples, split 0.3, batch 64)", 2, async () => {
  const expected = await observedFit(569, 64, 0.3, 2);
  // ⌊569 · 0.7⌋ = 398 → 7 batches, the last of 14; hand-checked against the observed fit.
  expect(expected).toEqual({ trainSamples: 398, validationSamples: 171, stepsPerEpoch: 7, totalSteps: 14, lastBatchSize: 14 });
  expect(steps.exports.trainingSteps(569, 64, 0.3, 2)).toEqual(expected);
});
steps.test("agrees with a real fit when the batch divides the training samples and when there is no split", 1, async () => {
  expect(steps.exports.trainingSteps(100, 20, 0.2, 3)).toEqual(await observedFit(100, 20, 0.2, 3));
  expect(steps.exports.trainingSteps(50, 64, 0, 2)).toEqual(await observedFit(50, 64, 0, 2));
});
steps.test("floors in floating point as fit does (90 · (1 − 0.3) is 62.99999999999999: 62 samples)", 1, async () => {
  expect(steps.exports.trainingSteps(90, 16, 0.3, 1)).toEqual(await observedFit(90, 16, 0.3, 1));
});

const classifier = await exercise<{ trainClassifier(x: tf.Tensor2D, y: tf.Tensor1D): tf.LayersModel }>(
  NOTEBOOK, "ex04-train-classifier", { callTimeoutMs: 60_000 });
classifier.test("is right on at least 95% of held-out tumours on two splits it never trained on", 4, () => {
  for (const seed of [7, 13]) {
    const data = breastCancerSplit(seed);
    expect(heldOutAccuracy(classifier.exports.trainClassifier(data.xTrain, data.yTrain), data.xTest, data.yTest), `split ${seed}`).toBeGreaterThanOrEqual(0.95);
  }
});
classifier.test("returns probabilities, and the same ones when trained twice (seeded)", 1, () => {
  const data = breastCancerSplit(3);
  const first = classifier.exports.trainClassifier(data.xTrain, data.yTrain).predict(data.xTest) as tf.Tensor;
  const second = classifier.exports.trainClassifier(data.xTrain, data.yTrain).predict(data.xTest) as tf.Tensor;
  const values = Array.from(first.dataSync());
  expect(values.every((p) => p >= 0 && p <= 1)).toBe(true);
  expect(new Set(values.map((p) => p.toFixed(2))).size).toBeGreaterThan(10);
  expect(Array.from(second.dataSync())).toEqual(values);
});

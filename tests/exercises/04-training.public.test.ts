// Public checks for notebook 04 (training), shipped to learners: the notebook's self-checks.
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
stopping.test("stops after patience epochs without improvement", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([1, 0.8, 0.9, 0.85, 0.95], 3)).toBe(4);
});
stopping.test("keeps going while the loss improves", 1, () => {
  expect(stopping.exports.earlyStoppingEpoch([1, 0.9, 0.8], 2)).toBe(-1);
});

const rate = await exercise<{ chooseLearningRate(rates: number[], losses: number[]): number }>(NOTEBOOK, "ex04-choose-learning-rate");
rate.test("picks the start of the steepest fall before the loss explodes, not the lowest loss", 1, () => {
  expect(rate.exports.chooseLearningRate([1e-4, 1e-3, 1e-2, 1e-1], [0.69, 0.6, 0.2, 5])).toBe(1e-3);
});
rate.test("names the arguments when their lengths differ", 1, () => {
  expect(() => rate.exports.chooseLearningRate([0.1, 1], [0.5])).toThrow(/losses/);
});

type Work = { trainSamples: number; validationSamples: number; stepsPerEpoch: number; totalSteps: number; lastBatchSize: number };
const steps = await exercise<{ trainingSteps(samples: number, batchSize: number, validationSplit: number, epochs: number): Work }>(NOTEBOOK, "ex04-training-steps");
steps.test("the articles' run: 455 samples, split 0.2, batch 32, 10 epochs", 1, () => {
  expect(steps.exports.trainingSteps(455, 32, 0.2, 10)).toEqual({ trainSamples: 364, validationSamples: 91, stepsPerEpoch: 12, totalSteps: 120, lastBatchSize: 12 });
});

const classifier = await exercise<{ trainClassifier(x: tf.Tensor2D, y: tf.Tensor1D): tf.LayersModel }>(
  NOTEBOOK, "ex04-train-classifier", { callTimeoutMs: 60_000 });
classifier.test("is right on at least 95% of the notebook's test split", 1, () => {
  const data = breastCancerSplit(42);
  expect(heldOutAccuracy(classifier.exports.trainClassifier(data.xTrain, data.yTrain), data.xTest, data.yTest)).toBeGreaterThanOrEqual(0.95);
});

// Public checks for notebook 07 (vision), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { loadFashionMnist, type tf } from "@tsdl/lib";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "07-vision.ipynb";

const size = await exercise<{ convOutputSize(n: number, k: number, s?: number, p?: number): number }>(NOTEBOOK, "ex07-conv-output-size");
size.test("3×3 convolution on 28 pixels", 1, () => {
  expect(size.exports.convOutputSize(28, 3)).toBe(26);
});
size.test("2×2 pooling with stride 2 rounds down; 'same' padding keeps the size", 1, () => {
  expect(size.exports.convOutputSize(11, 2, 2)).toBe(5);
  expect(size.exports.convOutputSize(32, 3, 1, 1)).toBe(32);
});

const field = await exercise<{ receptiveField(layers: { kernel: number; stride: number }[]): number }>(NOTEBOOK, "ex07-receptive-field");
field.test("one 3×3 convolution sees 3 pixels, two stacked ones 5", 1, () => {
  expect(field.exports.receptiveField([{ kernel: 3, stride: 1 }])).toBe(3);
  expect(field.exports.receptiveField([{ kernel: 3, stride: 1 }, { kernel: 3, stride: 1 }])).toBe(5);
});
field.test("no layers: one pixel", 1, () => {
  expect(field.exports.receptiveField([])).toBe(1);
});

const params = await exercise<{ convParameterCount(kh: number, kw: number, inChannels: number, filters: number, useBias?: boolean): number }>(
  NOTEBOOK, "ex07-conv-params");
params.test("the CNN's second layer and a first layer on RGB images", 1, () => {
  expect(params.exports.convParameterCount(3, 3, 32, 64)).toBe(18496);
  expect(params.exports.convParameterCount(3, 3, 3, 32)).toBe(896);
});
params.test("without bias", 1, () => {
  expect(params.exports.convParameterCount(5, 5, 1, 6, false)).toBe(150);
});

// Trains a model: a call gets two minutes (about 10 CPU-s on one core when the course was written).
const classifier = await exercise<{ trainFashionClassifier(images: tf.Tensor4D, labels: tf.Tensor1D, heldOut: tf.Tensor4D): number[] }>(
  NOTEBOOK, "ex07-train-classifier", { callTimeoutMs: 120_000 });
classifier.test("returns one class id from 0 to 9 per held-out image", 1, () => {
  const shipped = loadFashionMnist("train");
  const ids = classifier.exports.trainFashionClassifier(
    shipped.images.slice(0, 200) as tf.Tensor4D, shipped.labels.slice(0, 200) as tf.Tensor1D, shipped.images.slice(9980) as tf.Tensor4D);
  expect(ids).toHaveLength(20);
  for (const id of ids) expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]).toContain(id);
});

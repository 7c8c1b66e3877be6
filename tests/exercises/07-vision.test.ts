// Graded tests for the exercises of notebook 07 (vision); expected values worked out by hand.
import { expect } from "vitest";
import { loadFashionMnist, type tf } from "@tsdl/lib";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "07-vision.ipynb";

const size = await exercise<{ convOutputSize(n: number, k: number, s?: number, p?: number): number }>(NOTEBOOK, "ex07-conv-output-size");
size.test("valid convolutions and pooling along the articles' CNN", 2, () => {
  // 32 → conv3 30 → pool 15 → conv3 13 → pool 6 → conv3 4
  expect([size.exports.convOutputSize(32, 3), size.exports.convOutputSize(30, 2, 2), size.exports.convOutputSize(15, 3),
    size.exports.convOutputSize(13, 2, 2), size.exports.convOutputSize(6, 3)]).toEqual([30, 15, 13, 6, 4]);
});
size.test("stride and padding together", 1, () => {
  // (224 + 6 − 7) / 2 + 1 = 112 (ResNet's first layer); (5 + 2 − 3) / 2 + 1 = 3
  expect(size.exports.convOutputSize(224, 7, 2, 3)).toBe(112);
  expect(size.exports.convOutputSize(5, 3, 2, 1)).toBe(3);
});

const field = await exercise<{ receptiveField(layers: { kernel: number; stride: number }[]): number }>(NOTEBOOK, "ex07-receptive-field");
const conv3 = { kernel: 3, stride: 1 };
const pool2 = { kernel: 2, stride: 2 };
field.test("the articles' CNN: a unit of the third convolution sees 18 pixels", 2, () => {
  // 1 → +2 = 3 → +1 = 4 (jump 2) → +2·2 = 8 → +1·2 = 10 (jump 4) → +2·4 = 18
  expect(field.exports.receptiveField([conv3, pool2, conv3, pool2, conv3])).toBe(18);
  expect(field.exports.receptiveField([conv3, pool2, conv3])).toBe(8);
});
field.test("a stride counts for every layer above it, not for its own kernel", 2, () => {
  // ResNet's stem: 7×7 stride 2 → 7, then 3×3 max-pool stride 2 → 7 + 2·2 = 11
  expect(field.exports.receptiveField([{ kernel: 7, stride: 2 }, { kernel: 3, stride: 2 }])).toBe(11);
  // a final stride changes nothing; three stacked 3×3 convolutions see 7 pixels, like one 7×7
  expect(field.exports.receptiveField([conv3, conv3, { kernel: 3, stride: 4 }])).toBe(7);
});
field.test("an empty stack and 1×1 convolutions see one pixel", 1, () => {
  expect(field.exports.receptiveField([])).toBe(1);
  expect(field.exports.receptiveField([{ kernel: 1, stride: 1 }, { kernel: 1, stride: 1 }])).toBe(1);
});

const params = await exercise<{ convParameterCount(kh: number, kw: number, inChannels: number, filters: number, useBias?: boolean): number }>(
  NOTEBOOK, "ex07-conv-params");
params.test("matches the published counts of the articles' CNN on CIFAR-10", 2, () => {
  // TensorFlow's CNN tutorial summary: 896, 18,496 and 36,928 parameters.
  expect([params.exports.convParameterCount(3, 3, 3, 32), params.exports.convParameterCount(3, 3, 32, 64),
    params.exports.convParameterCount(3, 3, 64, 64)]).toEqual([896, 18496, 36928]);
});
params.test("rectangular kernels and no bias", 1, () => {
  // 1×7 kernel, 192 → 160 channels (Inception): 1·7·192·160 = 215,040
  expect(params.exports.convParameterCount(1, 7, 192, 160, false)).toBe(215040);
  expect(params.exports.convParameterCount(1, 7, 192, 160)).toBe(215200);
});

// The hands-on exercise: trained on 2,000 shipped training images, scored on 1,000 test images it never
// saw. The reference solution reaches 83.4% in about 9 CPU-s on one core; the target leaves a margin.
const classifier = await exercise<{ trainFashionClassifier(images: tf.Tensor4D, labels: tf.Tensor1D, heldOut: tf.Tensor4D): number[] }>(
  NOTEBOOK, "ex07-train-classifier", { callTimeoutMs: 120_000 });
const shipped = loadFashionMnist("train");
const unseen = loadFashionMnist("test");
classifier.test("passes 80% accuracy on 1,000 held-out images after training on 2,000", 4, () => {
  const ids = classifier.exports.trainFashionClassifier(
    shipped.images.slice(0, 2000) as tf.Tensor4D, shipped.labels.slice(0, 2000) as tf.Tensor1D, unseen.images.slice(0, 1000) as tf.Tensor4D);
  expect(ids).toHaveLength(1000);
  const truth = Array.from(unseen.labels.slice(0, 1000).dataSync());
  expect(ids.filter((id, i) => id === truth[i]).length / 1000).toBeGreaterThanOrEqual(0.8);
});
classifier.test("is deterministic: the same data give the same predictions", 1, () => {
  const run = () => classifier.exports.trainFashionClassifier(
    shipped.images.slice(2000, 300) as tf.Tensor4D, shipped.labels.slice(2000, 300) as tf.Tensor1D, unseen.images.slice(1000, 100) as tf.Tensor4D);
  const first = run();
  expect(first).toHaveLength(100);
  expect(run()).toEqual(first);
});

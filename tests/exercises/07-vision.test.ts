// Graded tests for the exercises of notebook 07 (vision); expected values worked out by hand.
import { expect } from "vitest";
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

const flip = await exercise<{ flipBatchLeftRight(images: number[][][][]): number[][][][] }>(NOTEBOOK, "ex07-flip-batch");
flip.test("mirrors every image of the batch along its columns", 2, () => {
  const batch = [
    [[[1, 2, 3], [4, 5, 6]], [[7, 8, 9], [10, 11, 12]]],
    [[[0, 0], [2, 3], [4, 6], [6, 9]]],
  ];
  expect(flip.exports.flipBatchLeftRight(batch)).toEqual([
    [[[4, 5, 6], [1, 2, 3]], [[10, 11, 12], [7, 8, 9]]],
    [[[6, 9], [4, 6], [2, 3], [0, 0]]],
  ]);
});
flip.test("flipping twice gives the input back, and the input is not modified", 1, () => {
  const batch = [[[[1], [2], [3]], [[4], [5], [6]]]];
  const once = flip.exports.flipBatchLeftRight(batch);
  expect(once).toEqual([[[[3], [2], [1]], [[6], [5], [4]]]]);
  expect(batch).toEqual([[[[1], [2], [3]], [[4], [5], [6]]]]);
  expect(flip.exports.flipBatchLeftRight(once)).toEqual(batch);
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

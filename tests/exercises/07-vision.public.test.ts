// Public checks for notebook 07 (vision), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
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

const flip = await exercise<{ flipBatchLeftRight(images: number[][][][]): number[][][][] }>(NOTEBOOK, "ex07-flip-batch");
flip.test("columns reverse, rows and channels stay", 1, () => {
  expect(flip.exports.flipBatchLeftRight([[[[1, 10], [2, 20], [3, 30]], [[4, 40], [5, 50], [6, 60]]]]))
    .toEqual([[[[3, 30], [2, 20], [1, 10]], [[6, 60], [5, 50], [4, 40]]]]);
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

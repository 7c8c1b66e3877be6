// Public checks for notebook 03 (preprocessing), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "03-preprocessing.ipynb";

type MinMax = { min: number[]; max: number[] };
const scaler = await exercise<{ fitMinMax(train: number[][]): MinMax; applyMinMax(rows: number[][], fitted: MinMax): number[][] }>(
  NOTEBOOK, "ex03-min-max-scaler");
scaler.test("learns each column's minimum and maximum", 1, () => {
  expect(scaler.exports.fitMinMax([[2, 0], [4, -1], [10, 1]])).toEqual({ min: [2, -1], max: [10, 1] });
});
scaler.test("scales test rows with the training statistics", 1, () => {
  const scaled = scaler.exports.applyMinMax([[6, 0], [12, 3]], { min: [2, -1], max: [10, 1] });
  [[0.5, 0.5], [1.25, 2]].forEach((row, i) => row.forEach((v, j) => expect(scaled[i]![j]).toBeCloseTo(v, 12)));
});
scaler.test("ignores NaN when fitting; a column of NaN only throws naming it", 1, () => {
  expect(scaler.exports.fitMinMax([[1], [NaN], [3]])).toEqual({ min: [1], max: [3] });
  expect(() => scaler.exports.fitMinMax([[1, NaN], [2, NaN]])).toThrow(/column 1/);
});

const impute = await exercise<{ imputeMedian(values: (number | null)[]): number[] }>(NOTEBOOK, "ex03-median-impute");
impute.test("odd count of present values", 1, () => {
  expect(impute.exports.imputeMedian([3, null, 1, 2])).toEqual([3, 2, 1, 2]);
});
impute.test("even count of present values", 1, () => {
  expect(impute.exports.imputeMedian([null, 1, 4, 10, 2])).toEqual([3, 1, 4, 10, 2]);
});

type Split = { train: number[]; test: number[] };
const split = await exercise<{ stratifiedSplit(labels: string[], testFraction: number, seed: number): Split }>(
  NOTEBOOK, "ex03-stratified-split");
const toyLabels = ["a", "a", "a", "a", "a", "b", "b", "b", "c", "c"];
split.test("3 of 10 samples to test, one per class, as StratifiedShuffleSplit(test_size=0.3) does", 1, () => {
  const { test } = split.exports.stratifiedSplit(toyLabels, 0.3, 1);
  expect(["a", "b", "c"].map((c) => test.filter((i) => toyLabels[i] === c).length)).toEqual([1, 1, 1]);
});
split.test("every index exactly once, each list sorted", 1, () => {
  const { train, test } = split.exports.stratifiedSplit(toyLabels, 0.3, 1);
  expect([...train, ...test].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(test).toEqual([...test].sort((p, q) => p - q));
  expect(train).toEqual([...train].sort((p, q) => p - q));
});
split.test("the same seed gives the same split, other seeds other splits", 1, () => {
  expect(split.exports.stratifiedSplit(toyLabels, 0.3, 7)).toEqual(split.exports.stratifiedSplit(toyLabels, 0.3, 7));
  expect(new Set([1, 2, 3, 4, 5].map((seed) => split.exports.stratifiedSplit(toyLabels, 0.3, seed).test.join())).size).toBeGreaterThan(1);
});

const iqr = await exercise<{ iqrOutlierMask(values: number[]): boolean[] }>(NOTEBOOK, "ex03-iqr-mask");
iqr.test("flags the extreme value", 1, () => {
  expect(iqr.exports.iqrOutlierMask([1, 2, 3, 4, 100])).toEqual([false, false, false, false, true]);
});
iqr.test("finds no outliers in a tight cluster", 1, () => {
  expect(iqr.exports.iqrOutlierMask([10, 11, 12, 13])).toEqual([false, false, false, false]);
});

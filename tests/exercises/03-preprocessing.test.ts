// Hidden tests for notebook 03 (preprocessing). Quartiles and medians are NumPy's
// (np.percentile / np.median, linear interpolation), as the exercise asks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "03-preprocessing.ipynb";

type MinMax = { min: number; max: number };
const scaler = await exercise<{ fitMinMax(train: number[]): MinMax; applyMinMax(values: number[], fitted: MinMax): number[] }>(
  NOTEBOOK, "ex03-min-max-scaler");
scaler.test("fits on negative, unsorted data and maps the training range to [0, 1]", 2, () => {
  const fitted = scaler.exports.fitMinMax([0, 5, -5, 2.5]);
  expect(fitted).toEqual({ min: -5, max: 5 });
  const scaled = scaler.exports.applyMinMax([-5, 0, 2.5, 5], fitted);
  [0, 0.5, 0.75, 1].forEach((expected, i) => expect(scaled[i]).toBeCloseTo(expected, 12));
});
scaler.test("new values outside the training range fall outside [0, 1]", 1, () => {
  // (−10 − (−5)) / 10 = −0.5, (20 − (−5)) / 10 = 2.5
  const scaled = scaler.exports.applyMinMax([-10, 20], { min: -5, max: 5 });
  expect(scaled[0]).toBeCloseTo(-0.5, 12);
  expect(scaled[1]).toBeCloseTo(2.5, 12);
});
scaler.test("changes neither the training nor the scaled array", 1, () => {
  const train = [3, 1, 2];
  const values = [2, 3];
  const scaled = scaler.exports.applyMinMax(values, scaler.exports.fitMinMax(train));
  expect(scaled).toEqual([0.5, 1]);
  expect(train).toEqual([3, 1, 2]);
  expect(values).toEqual([2, 3]);
});

const impute = await exercise<{ imputeMedian(values: (number | null)[]): number[] }>(NOTEBOOK, "ex03-median-impute");
impute.test("sorts numerically, not as text (median of 9, 10, 100 is 10)", 2, () => {
  expect(impute.exports.imputeMedian([10, 9, 100, null])).toEqual([10, 9, 100, 10]);
});
impute.test("averages the two middle values for an even count (np.median([7, 1, 3, 5]) = 4)", 1, () => {
  expect(impute.exports.imputeMedian([7, null, 1, null, 3, 5])).toEqual([7, 4, 1, 4, 3, 5]);
  expect(impute.exports.imputeMedian([-2, null, -8])).toEqual([-2, -5, -8]);
});
impute.test("leaves complete data as it is and does not change its input", 1, () => {
  const values = [5, null, 1, 3];
  expect(impute.exports.imputeMedian([4, 2, 8])).toEqual([4, 2, 8]);
  expect(impute.exports.imputeMedian(values)).toEqual([5, 3, 1, 3]);
  expect(values).toEqual([5, null, 1, 3]);
});

type Split = { train: number[]; test: number[] };
const split = await exercise<{ stratifiedSplit(labels: string[], testFraction: number): Split }>(NOTEBOOK, "ex03-stratified-split");
split.test("takes the first Math.round(f·count) of each class, in original order", 2, () => {
  // a at 0, 2, 3: round(1.5) = 2 → 0, 2 to test; b at 1, 4: round(1) = 1 → 1 to test.
  expect(split.exports.stratifiedSplit(["a", "b", "a", "a", "b"], 0.5)).toEqual({ train: [3, 4], test: [0, 1, 2] });
  // x at 0, 2, 4 and y at 1, 3, 5 with f = 1/3: one of each to test.
  expect(split.exports.stratifiedSplit(["x", "y", "x", "y", "x", "y"], 1 / 3)).toEqual({ train: [2, 3, 4, 5], test: [0, 1] });
});
split.test("returns indices sorted as numbers", 1, () => {
  // c: 0, 10, 11 → round(1.5) = 2 → 0, 10; d: 1…9 → round(4.5) = 5 → 1…5.
  const labels = ["c", "d", "d", "d", "d", "d", "d", "d", "d", "d", "c", "c"];
  expect(split.exports.stratifiedSplit(labels, 0.5)).toEqual({ train: [6, 7, 8, 9, 11], test: [0, 1, 2, 3, 4, 5, 10] });
});
split.test("a fraction of 0 keeps everything for training, 1 puts everything in test", 1, () => {
  const labels = ["p", "q", "p"];
  expect(split.exports.stratifiedSplit(labels, 0)).toEqual({ train: [0, 1, 2], test: [] });
  expect(split.exports.stratifiedSplit(labels, 1)).toEqual({ train: [], test: [0, 1, 2] });
  expect(labels).toEqual(["p", "q", "p"]);
});

const iqr = await exercise<{ iqrOutlierMask(values: number[]): boolean[] }>(NOTEBOOK, "ex03-iqr-mask");
iqr.test("interpolates quartiles like np.percentile and keeps the input order", 2, () => {
  // Q1 = 2.65, Q3 = 3.15, fences 1.9 and 3.9: 8 and −1 are outliers.
  expect(iqr.exports.iqrOutlierMask([2.5, 3.1, 2.9, 3, 8, -1, 3.3, 2.7])).toEqual([false, false, false, false, true, true, false, false]);
  // Q1 = 10.5, Q3 = 12, fences 8.25 and 14.25.
  expect(iqr.exports.iqrOutlierMask([10, 12, 11, 13, 12, 11, -20])).toEqual([false, false, false, false, false, false, true]);
});
iqr.test("values exactly on a fence are not outliers", 1, () => {
  // Q1 = 10, Q3 = 20, fences −5 and 35; moving the ends out by one leaves the quartiles alone.
  expect(iqr.exports.iqrOutlierMask([35, 10, -5, 20, 10, 20])).toEqual([false, false, false, false, false, false]);
  expect(iqr.exports.iqrOutlierMask([36, 10, -6, 20, 10, 20])).toEqual([true, false, true, false, false, false]);
});
iqr.test("does not sort the caller's array", 1, () => {
  const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100].reverse();
  // Q1 = 3.25, Q3 = 7.75, upper fence 14.5
  expect(iqr.exports.iqrOutlierMask(values)).toEqual([true, false, false, false, false, false, false, false, false, false]);
  expect(values).toEqual([100, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
});

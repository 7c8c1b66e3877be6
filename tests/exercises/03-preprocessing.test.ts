// Hidden tests for notebook 03 (preprocessing). Quartiles and medians are NumPy's
// (np.percentile / np.median, linear interpolation), as the exercise asks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "03-preprocessing.ipynb";

type MinMax = { min: number[]; max: number[] };
const scaler = await exercise<{ fitMinMax(train: number[][]): MinMax; applyMinMax(rows: number[][], fitted: MinMax): number[][] }>(
  NOTEBOOK, "ex03-min-max-scaler");
// Reference values: sklearn.preprocessing.MinMaxScaler().fit(train) (data_min_, data_max_, transform).
const close = (actual: number[][], expected: number[][]) => {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((row, i) => row.forEach((v, j) => (Number.isNaN(v) ? expect(actual[i]![j]).toBeNaN() : expect(actual[i]![j]).toBeCloseTo(v, 12))));
};
scaler.test("fits per column on negative, unsorted data and maps the training range to [0, 1]", 2, () => {
  const fitted = scaler.exports.fitMinMax([[-5, 100], [5, 300], [0, 200]]);
  expect(fitted).toEqual({ min: [-5, 100], max: [5, 300] });
  close(scaler.exports.applyMinMax([[-5, 100], [0, 250], [5, 300]], fitted), [[0, 0], [0.5, 0.75], [1, 1]]);
  close(scaler.exports.applyMinMax([[-10, 0], [2.5, 400]], fitted), [[-0.5, -0.5], [0.75, 1.5]]);
});
scaler.test("skips NaN when fitting and keeps it when scaling, as MinMaxScaler does", 2, () => {
  const train = [[1, 10, 5], [3, NaN, 5], [2, 30, 5], [NaN, 20, 5]];
  const fitted = scaler.exports.fitMinMax(train);
  expect(fitted).toEqual({ min: [1, 10, 5], max: [3, 30, 5] });
  close(scaler.exports.applyMinMax([[4, 0, 6], [NaN, 25, 5], [2, 10, 4]], fitted), [[1.5, -0.5, 1], [NaN, 0.75, 0], [0.5, 0, -1]]);
});
scaler.test("divides a constant column by 1, not 0 (no NaN or Infinity)", 1, () => {
  close(scaler.exports.applyMinMax([[7], [8], [6]], scaler.exports.fitMinMax([[7], [7]])), [[0], [1], [-1]]);
});
scaler.test("names the column that has no values", 1, () => {
  expect(() => scaler.exports.fitMinMax([[1, 2, NaN], [3, 4, NaN]])).toThrow(/column 2/);
});
scaler.test("changes neither the training nor the scaled rows", 1, () => {
  const train = [[3], [1], [2]];
  const rows = [[2], [3]];
  close(scaler.exports.applyMinMax(rows, scaler.exports.fitMinMax(train)), [[0.5], [1]]);
  expect(train).toEqual([[3], [1], [2]]);
  expect(rows).toEqual([[2], [3]]);
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
const split = await exercise<{ stratifiedSplit(labels: string[], testFraction: number, seed: number): Split }>(NOTEBOOK, "ex03-stratified-split");
/** Labels made of `count` copies of each class name, in blocks. */
const blocks = (counts: Record<string, number>) => Object.entries(counts).flatMap(([name, count]) => Array<string>(count).fill(name));
const testCounts = (labels: string[], fraction: number, seed: number) => {
  const { test } = split.exports.stratifiedSplit(labels, fraction, seed);
  return Object.fromEntries([...new Set(labels)].map((c) => [c, test.filter((i) => labels[i] === c).length]));
};
split.test("class counts match scikit-learn's StratifiedShuffleSplit, not per-class rounding", 3, () => {
  // sklearn.model_selection.StratifiedShuffleSplit(n_splits=1, test_size=f, random_state=0..5), counted per class;
  // rounding each class on its own would give a: 2 (10 at 0.3), x: 1 (9 at 0.2), a: 3 (25 at 0.25), s: 1 (19 at 0.25).
  expect(testCounts(blocks({ a: 5, b: 3, c: 2 }), 0.3, 3)).toEqual({ a: 1, b: 1, c: 1 });
  expect(testCounts(blocks({ x: 7, y: 2 }), 0.2, 3)).toEqual({ x: 2, y: 0 });
  expect(testCounts(blocks({ a: 13, b: 8, c: 4 }), 0.25, 3)).toEqual({ a: 4, b: 2, c: 1 });
  expect(testCounts(blocks({ a: 13, b: 8, c: 4 }), 0.3, 3)).toEqual({ a: 4, b: 3, c: 1 });
  expect(testCounts(blocks({ s: 2, t: 6, u: 11 }), 0.2, 3)).toEqual({ s: 1, t: 1, u: 2 });
  expect(testCounts(blocks({ s: 2, t: 6, u: 11 }), 0.25, 3)).toEqual({ s: 0, t: 2, u: 3 });
  expect(testCounts(blocks({ a: 4, b: 4, c: 4, d: 5 }), 0.25, 3)).toEqual({ a: 1, b: 1, c: 1, d: 2 });
  expect(testCounts(blocks({ a: 50, b: 30, c: 20 }), 0.2, 3)).toEqual({ a: 10, b: 6, c: 4 });
});
split.test("the counts do not depend on where the classes sit or on the seed", 1, () => {
  // The same 13/8/4 classes interleaved (sample j takes label (7·j mod 25) of the blocks): still 4/2/1 at 0.25.
  const ordered = blocks({ a: 13, b: 8, c: 4 });
  const mixed = ordered.map((_, j) => ordered[(7 * j) % 25]!);
  expect(mixed.slice(0, 6)).toEqual(["a", "a", "b", "c", "a", "a"]);
  for (const seed of [1, 99, 12345]) expect(testCounts(mixed, 0.25, seed)).toEqual({ a: 4, b: 2, c: 1 });
});
split.test("is a random draw: over 40 seeds every sample lands in the test set at least once", 2, () => {
  // Taking the first samples of each class (unshuffled) would always put 0, 5 and 8 in test.
  const labels = blocks({ a: 5, b: 3, c: 2 });
  const drawn = new Set<number>();
  for (let seed = 1; seed <= 40; seed++) split.exports.stratifiedSplit(labels, 0.3, seed).test.forEach((i) => drawn.add(i));
  expect([...drawn].sort((p, q) => p - q)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});
split.test("is repeatable under a seed and covers every index once, sorted", 1, () => {
  const labels = blocks({ p: 60, q: 25, r: 15 });
  const first = split.exports.stratifiedSplit(labels, 0.2, 2024);
  expect(split.exports.stratifiedSplit(labels, 0.2, 2024)).toEqual(first);
  expect(first.test).toHaveLength(20);
  expect([...first.train, ...first.test].sort((p, q) => p - q)).toEqual(labels.map((_, i) => i));
  expect(first.train).toEqual([...first.train].sort((p, q) => p - q));
  expect(first.test).toEqual([...first.test].sort((p, q) => p - q));
  const others = new Set([1, 2, 3, 4, 5].map((seed) => split.exports.stratifiedSplit(labels, 0.2, seed).test.join()));
  expect(others.size).toBe(5);
});
split.test("does not change the labels", 1, () => {
  const labels = ["n", "m", "n", "m"];
  // ceil(0.5 · 4) = 2 test samples, one per class.
  const { test } = split.exports.stratifiedSplit(labels, 0.5, 1);
  expect(test.map((i) => labels[i]).sort()).toEqual(["m", "n"]);
  expect(labels).toEqual(["n", "m", "n", "m"]);
});

const iqr = await exercise<{ iqrOutlierMask(values: number[]): boolean[] }>(NOTEBOOK, "ex03-iqr-mask");
iqr.test("interpolates quartiles like np.percentile and keeps the input order", 2, () => {
  // Q1 = 2.65, Q3 = 3.15, fences 1.9 and 3.9: 8 and −1 are outliers.
  expect(iqr.exports.iqrOutlierMask([2.5, 3.1, 2.9, 3, 8, -1, 3.3, 2.7])).toEqual([false, false, false, false, true, true, false, false]);
  // Q1 = 10.5, Q3 = 12, fences 8.25 and 14.25.
  expect(iqr.exports.iqrOutlierMask([10, 12, 11, 13, 12, 11, -20])).toEqual([false, false, false, false, false, false, true]);
});
iqr.test("interpolates between ranks instead of taking the nearest one", 2, () => {
  // np.percentile([9, 9, 5, 13, 18, 8], [25, 75]) = 8.25, 12 → fences 2.625 and 17.625: 18 is an outlier.
  // The nearest ranks (8 and 13) would give fences 0.5 and 20.5 and flag nothing.
  expect(iqr.exports.iqrOutlierMask([9, 9, 5, 13, 18, 8])).toEqual([false, false, false, false, true, false]);
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

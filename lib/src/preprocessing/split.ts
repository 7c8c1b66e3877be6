import { isDataFrame } from "./dataFrame.js";
import type * as dfd from "danfojs-node";
import { tf } from "../backend/index.js";
import { shuffle, toRng, type Rng, type SeedOrRng } from "../random/index.js";
import { compareLabels, describe, inputError, toLabelArray, type Label } from "./validate.js";

/** Anything whose first axis is samples: an array, a tensor or a DataFrame. */
export type Splittable = readonly unknown[] | tf.Tensor | dfd.DataFrame;

export interface TrainTestSplitOptions {
  /** Fraction (0 < f < 1) or number of samples for the test split; default 0.25 like scikit-learn. */
  testSize?: number;
  /** Seed of the shuffle; default 0, so runs repeat. */
  seed?: SeedOrRng;
  /** Keep class proportions in both splits: the labels, or `true` to use `y`. */
  stratify?: true | readonly Label[] | tf.Tensor;
}

export interface Split<X, Y> {
  xTrain: X;
  xTest: X;
  yTrain: Y;
  yTest: Y;
  trainIndices: number[];
  testIndices: number[];
}

function lengthOf(fn: string, arg: string, data: unknown): number {
  if (data instanceof tf.Tensor) {
    if (data.rank === 0) throw inputError(fn, arg, "a tensor with a sample axis", "a scalar tensor");
    return data.shape[0]!;
  }
  if (isDataFrame(data)) return data.shape[0];
  if (Array.isArray(data)) return data.length;
  throw inputError(fn, arg, "an array, a tensor or a DataFrame", describe(data));
}

/**
 * The rows at `indices`, in that order, in the same kind of container.
 *
 * Taught in notebooks/09-faq.ipynb.
 */
export function takeRows<T extends Splittable>(data: T, indices: number[]): T {
  if (data instanceof tf.Tensor) return tf.tidy(() => tf.gather(data, tf.tensor1d(indices, "int32"))) as T;
  if (isDataFrame(data)) return data.iloc({ rows: indices }) as T;
  return indices.map((i) => (data as readonly unknown[])[i]) as unknown as T;
}

/**
 * Largest-remainder allocation of `total` draws over classes of sizes `counts`, as scikit-learn's
 * `_approximate_mode` does (remainder ties broken by the seeded generator).
 */
function allocate(counts: number[], total: number, rng: Rng): number[] {
  const n = counts.reduce((s, c) => s + c, 0);
  const exact = counts.map((c) => (c * total) / n);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((s, c) => s + c, 0);
  const order = shuffle(counts.map((_, i) => i), rng).sort((a, b) => (exact[b]! - out[b]!) - (exact[a]! - out[a]!));
  for (const i of order) {
    if (left === 0) break;
    if (out[i]! < counts[i]!) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

function testCount(fn: string, n: number, testSize: unknown, arg = "options.testSize"): number {
  if (typeof testSize !== "number" || !Number.isFinite(testSize) || testSize <= 0) {
    throw inputError(fn, arg, "a fraction in (0, 1) or a whole number of samples", describe(testSize));
  }
  const count = testSize < 1 ? Math.ceil(testSize * n) : testSize;
  if (!Number.isInteger(count) || count >= n) {
    throw inputError(fn, arg, `a fraction in (0, 1) or a whole number below the ${n} samples`, describe(testSize));
  }
  return count;
}

/** Reads the `(x, y?, options?)` arguments the split functions share, checking that x and y agree in length. */
function splitArguments<O>(fn: string, x: Splittable, yOrOptions: Splittable | O | undefined, maybeOptions: O | undefined): { y: Splittable | undefined; options: Partial<O>; n: number } {
  const hasY = Array.isArray(yOrOptions) || yOrOptions instanceof tf.Tensor || isDataFrame(yOrOptions);
  const y = hasY ? (yOrOptions as Splittable) : undefined;
  const options = ((hasY ? maybeOptions : (yOrOptions as O | undefined)) ?? {}) as Partial<O>;
  const n = lengthOf(fn, "x", x);
  if (y !== undefined && lengthOf(fn, "y", y) !== n) throw inputError(fn, "y", `the same number of samples as x (${n})`, `${lengthOf(fn, "y", y)}`);
  return { y, options, n };
}

/**
 * Shuffled train/test split (scikit-learn's `train_test_split` semantics: the test split has
 * `ceil(testSize · n)` samples), optionally stratified. `y` may be omitted.
 *
 * Taught in notebooks/02-algorithms.ipynb; also used in 03-preprocessing, 04-training, 05-evaluation, 06-language, 08-large-models, 09-faq.
 */
export function trainTestSplit<X extends Splittable>(x: X, options?: TrainTestSplitOptions): Split<X, undefined>;
export function trainTestSplit<X extends Splittable, Y extends Splittable>(x: X, y: Y, options?: TrainTestSplitOptions): Split<X, Y>;
export function trainTestSplit(x: Splittable, yOrOptions?: Splittable | TrainTestSplitOptions, maybeOptions?: TrainTestSplitOptions): Split<Splittable, Splittable | undefined> {
  const fn = "trainTestSplit";
  const n = lengthOf(fn, "x", x);
  if (n < 2) throw inputError(fn, "x", "at least 2 samples", `${n}`);
  const { y, options } = splitArguments<TrainTestSplitOptions>(fn, x, yOrOptions, maybeOptions);
  const nTest = testCount(fn, n, options.testSize ?? 0.25);
  const rng = toRng(options.seed ?? 0);
  let trainIndices: number[];
  let testIndices: number[];
  if (options.stratify === undefined) {
    const order = shuffle(Array.from({ length: n }, (_, i) => i), rng);
    testIndices = order.slice(0, nTest);
    trainIndices = order.slice(nTest);
  } else {
    const source = options.stratify === true ? y : options.stratify;
    if (source === undefined) throw inputError(fn, "options.stratify", "labels, or true together with y", "true without y");
    const labels = toLabelArray(fn, "options.stratify", isDataFrame(source) ? source.values.flat() : source);
    if (labels.length !== n) throw inputError(fn, "options.stratify", `${n} labels, one per sample`, `${labels.length}`);
    const classes = [...new Set(labels)].sort(compareLabels);
    const members = classes.map((c) => labels.flatMap((l, i) => (l === c ? [i] : [])));
    const smallest = members.findIndex((m) => m.length < 2);
    if (smallest >= 0) {
      throw inputError(fn, "options.stratify", "at least 2 samples of every class", `only 1 sample of class ${describe(classes[smallest])}`);
    }
    if (nTest < classes.length || n - nTest < classes.length) {
      throw inputError(fn, "options.testSize", `room for each of the ${classes.length} classes in both splits`, `${nTest} test and ${n - nTest} train samples`);
    }
    const counts = members.map((m) => m.length);
    const testPerClass = allocate(counts, nTest, rng);
    const trainPerClass = allocate(counts.map((c, i) => c - testPerClass[i]!), n - nTest, rng);
    testIndices = [];
    trainIndices = [];
    members.forEach((m, i) => {
      const order = shuffle(m, rng);
      testIndices.push(...order.slice(0, testPerClass[i]));
      trainIndices.push(...order.slice(testPerClass[i], testPerClass[i]! + trainPerClass[i]!));
    });
    testIndices = shuffle(testIndices, rng);
    trainIndices = shuffle(trainIndices, rng);
  }
  return {
    xTrain: takeRows(x, trainIndices),
    xTest: takeRows(x, testIndices),
    yTrain: y === undefined ? undefined : takeRows(y, trainIndices),
    yTest: y === undefined ? undefined : takeRows(y, testIndices),
    trainIndices,
    testIndices,
  };
}

export interface KFoldOptions {
  /** Shuffle sample order before cutting folds (default false, like scikit-learn). */
  shuffle?: boolean;
  seed?: SeedOrRng;
}

/**
 * scikit-learn's `KFold` indices: `k` consecutive folds (the first `n % k` one larger), each the
 * test set once; both index lists are ascending.
 *
 * Taught in notebooks/09-faq.ipynb.
 */
export function kFold(n: number, k: number, options: KFoldOptions = {}): { train: number[]; test: number[] }[] {
  const fn = "kFold";
  if (!Number.isInteger(n) || n < 2) throw inputError(fn, "n", "an integer ≥ 2 (the number of samples)", describe(n));
  if (!Number.isInteger(k) || k < 2 || k > n) throw inputError(fn, "k", `an integer from 2 to n (${n})`, describe(k));
  const all = Array.from({ length: n }, (_, i) => i);
  const order = options.shuffle ? shuffle(all, options.seed ?? 0) : all;
  const folds: { train: number[]; test: number[] }[] = [];
  let start = 0;
  for (let f = 0; f < k; f++) {
    const size = Math.floor(n / k) + (f < n % k ? 1 : 0);
    const inTest = new Set(order.slice(start, start + size));
    folds.push({ test: all.filter((i) => inTest.has(i)), train: all.filter((i) => !inTest.has(i)) });
    start += size;
  }
  return folds;
}

export interface TrainValTestSplitOptions extends TrainTestSplitOptions {
  /** Fraction of all samples (0 < f < 1) or number of samples for validation; default 0.2. */
  valSize?: number;
}

export interface ThreeWaySplit<X, Y> extends Split<X, Y> {
  xVal: X;
  yVal: Y;
  valIndices: number[];
}

/**
 * Train/validation/test split in one call: the test split is cut first, then the validation
 * split from the rest; both sizes are fractions of all samples. Seeded, optionally stratified.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function trainValTestSplit<X extends Splittable>(x: X, options?: TrainValTestSplitOptions): ThreeWaySplit<X, undefined>;
export function trainValTestSplit<X extends Splittable, Y extends Splittable>(x: X, y: Y, options?: TrainValTestSplitOptions): ThreeWaySplit<X, Y>;
export function trainValTestSplit(x: Splittable, yOrOptions?: Splittable | TrainValTestSplitOptions, maybeOptions?: TrainValTestSplitOptions): ThreeWaySplit<Splittable, Splittable | undefined> {
  const fn = "trainValTestSplit";
  const { y, options, n } = splitArguments<TrainValTestSplitOptions>(fn, x, yOrOptions, maybeOptions);
  const nTest = testCount(fn, n, options.testSize ?? 0.2);
  const nVal = testCount(fn, n, options.valSize ?? 0.2, "options.valSize");
  if (nTest + nVal >= n) throw inputError(fn, "options.valSize", `room for training samples after ${nTest} test samples (of ${n})`, `${nVal} validation samples`);
  const rng = toRng(options.seed ?? 0);
  const labels = options.stratify === true ? y : options.stratify;
  if (options.stratify === true && y === undefined) throw inputError(fn, "options.stratify", "labels, or true together with y", "true without y");
  const labelArray = labels === undefined ? undefined : toLabelArray(fn, "options.stratify", isDataFrame(labels) ? labels.values.flat() : labels);
  const all = Array.from({ length: n }, (_, i) => i);
  const first = trainTestSplit(all, { testSize: nTest, seed: rng, ...(labelArray ? { stratify: labelArray } : {}) });
  const rest = first.xTrain;
  const second = trainTestSplit(rest, { testSize: nVal, seed: rng, ...(labelArray ? { stratify: rest.map((i) => labelArray[i]!) } : {}) });
  const [trainIndices, valIndices, testIndices] = [second.xTrain, second.xTest, first.xTest];
  return {
    xTrain: takeRows(x, trainIndices),
    xVal: takeRows(x, valIndices),
    xTest: takeRows(x, testIndices),
    yTrain: y === undefined ? undefined : takeRows(y, trainIndices),
    yVal: y === undefined ? undefined : takeRows(y, valIndices),
    yTest: y === undefined ? undefined : takeRows(y, testIndices),
    trainIndices,
    valIndices,
    testIndices,
  };
}

import { checkSameLength } from "../preprocessing/validate.js";
import { softmax } from "./activations.js";
import { Matrix } from "./matrix.js";

type Values = Matrix | ArrayLike<number>;

// Keeps log() finite when a prediction is exactly 0 or 1.
const PROBABILITY_EPSILON = 1e-12;
const clipProbability = (p: number): number => Math.min(Math.max(p, PROBABILITY_EPSILON), 1 - PROBABILITY_EPSILON);

function flat(values: Values): ArrayLike<number> {
  return values instanceof Matrix ? values.data : values;
}

// PyTorch's binary_cross_entropy refuses inputs outside [0, 1], NaN included: such a "probability" is a
// bug upstream (a missing sigmoid), and clipping would hide it behind a finite loss (1.5 gave 14.16).
function checkProbabilities(fn: string, p: ArrayLike<number>): void {
  for (let i = 0; i < p.length; i++) {
    if (!(p[i]! >= 0 && p[i]! <= 1)) {
      throw new Error(`${fn}: probabilities must be in [0, 1] (as in PyTorch's binary_cross_entropy), got probabilities[${i}] = ${p[i]}`);
    }
  }
}

function checkPair(fn: string, predictions: Values, targets: Values): void {
  const p = flat(predictions);
  const t = flat(targets);
  if (p.length === 0) throw new Error(`${fn}: predictions must be non-empty, got 0 values`);
  if (predictions instanceof Matrix && targets instanceof Matrix) {
    if (predictions.rows !== targets.rows || predictions.cols !== targets.cols) {
      throw new Error(`${fn}: targets must have the predictions' shape [${predictions.shape.join(", ")}], got [${targets.shape.join(", ")}]`);
    }
  } else {
    checkSameLength(fn, "predictions", p, "targets", t);
  }
}

/** Wraps a gradient in the container the predictions came in. */
function like(predictions: Values, gradient: Float64Array): Matrix | Float64Array {
  return predictions instanceof Matrix ? new Matrix(predictions.rows, predictions.cols, gradient) : gradient;
}

/**
 * Mean squared error over every value: mean((p − y)²).
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function meanSquaredError(predictions: Values, targets: Values): number {
  checkPair("meanSquaredError", predictions, targets);
  const p = flat(predictions);
  const t = flat(targets);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += (p[i] - t[i]) ** 2;
  return sum / p.length;
}

/**
 * ∂MSE/∂p = 2(p − y)/n.
 */
export function meanSquaredErrorGradient(predictions: Matrix, targets: Values): Matrix;
export function meanSquaredErrorGradient(predictions: ArrayLike<number>, targets: Values): Float64Array;
export function meanSquaredErrorGradient(predictions: Values, targets: Values): Matrix | Float64Array {
  checkPair("meanSquaredErrorGradient", predictions, targets);
  const p = flat(predictions);
  const t = flat(targets);
  return like(predictions, Float64Array.from(p, (v, i) => (2 * (v - t[i])) / p.length));
}

/**
 * Binary cross-entropy of probabilities p against 0/1 targets y: −mean(y·log p + (1 − y)·log(1 − p)).
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function binaryCrossEntropy(probabilities: Values, targets: Values): number {
  checkPair("binaryCrossEntropy", probabilities, targets);
  const p = flat(probabilities);
  checkProbabilities("binaryCrossEntropy", p);
  const t = flat(targets);
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const q = clipProbability(p[i]);
    sum -= t[i] * Math.log(q) + (1 - t[i]) * Math.log(1 - q);
  }
  return sum / p.length;
}

/**
 * ∂BCE/∂p = (p − y) / (p·(1 − p)) / n.
 */
export function binaryCrossEntropyGradient(probabilities: Matrix, targets: Values): Matrix;
export function binaryCrossEntropyGradient(probabilities: ArrayLike<number>, targets: Values): Float64Array;
export function binaryCrossEntropyGradient(probabilities: Values, targets: Values): Matrix | Float64Array {
  checkPair("binaryCrossEntropyGradient", probabilities, targets);
  const p = flat(probabilities);
  checkProbabilities("binaryCrossEntropyGradient", p);
  const t = flat(targets);
  return like(
    probabilities,
    Float64Array.from(p, (v, i) => {
      const q = clipProbability(v);
      return (q - t[i]) / (q * (1 - q)) / p.length;
    }),
  );
}

function asRows(fn: string, values: Values): Matrix {
  if (values instanceof Matrix) return values;
  if (values.length === 0) throw new Error(`${fn}: values must be non-empty, got 0 values`);
  return Matrix.rowVector(values);
}

/**
 * Categorical cross-entropy of class probabilities (one row per sample) against one-hot targets:
 * −mean over samples of Σ_k y_k·log p_k.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function categoricalCrossEntropy(probabilities: Values, targets: Values): number {
  const p = asRows("categoricalCrossEntropy", probabilities);
  const t = asRows("categoricalCrossEntropy", targets);
  checkPair("categoricalCrossEntropy", p, t);
  let sum = 0;
  for (let i = 0; i < p.data.length; i++) {
    if (t.data[i] !== 0) sum -= t.data[i] * Math.log(clipProbability(p.data[i]));
  }
  return sum / p.rows;
}

/**
 * ∂CCE/∂p_k = −y_k / p_k / (number of samples).
 */
export function categoricalCrossEntropyGradient(probabilities: Values, targets: Values): Matrix {
  const p = asRows("categoricalCrossEntropyGradient", probabilities);
  const t = asRows("categoricalCrossEntropyGradient", targets);
  checkPair("categoricalCrossEntropyGradient", p, t);
  return p.map((v, i, j) => -t.get(i, j) / clipProbability(v) / p.rows);
}

/**
 * The gradient of categorical cross-entropy with respect to the logits z when p = softmax(z):
 * the softmax Jacobian and −y/p cancel to (p − y)/n, which is why frameworks fuse the two.
 */
export function softmaxCrossEntropyGradient(logits: Values, targets: Values): Matrix {
  const z = asRows("softmaxCrossEntropyGradient", logits);
  const t = asRows("softmaxCrossEntropyGradient", targets);
  checkPair("softmaxCrossEntropyGradient", z, t);
  return softmax(z).map((v, i, j) => (v - t.get(i, j)) / z.rows);
}

export type LossName = "meanSquaredError" | "binaryCrossEntropy" | "categoricalCrossEntropy";

export function lossValue(name: LossName, predictions: Matrix, targets: Matrix): number {
  switch (name) {
    case "meanSquaredError":
      return meanSquaredError(predictions, targets);
    case "binaryCrossEntropy":
      return binaryCrossEntropy(predictions, targets);
    case "categoricalCrossEntropy":
      return categoricalCrossEntropy(predictions, targets);
  }
}

export function lossGradient(name: LossName, predictions: Matrix, targets: Matrix): Matrix {
  switch (name) {
    case "meanSquaredError":
      return meanSquaredErrorGradient(predictions, targets);
    case "binaryCrossEntropy":
      return binaryCrossEntropyGradient(predictions, targets);
    case "categoricalCrossEntropy":
      return categoricalCrossEntropyGradient(predictions, targets);
  }
}

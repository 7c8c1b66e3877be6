import { tf } from "../backend/index.js";
import { describe, inputError, toLabelArray, toNumberMatrix, type Label } from "../preprocessing/validate.js";

export interface ThresholdOption {
  /**
   * Turns 1-D probabilities of the positive class into labels: `p > threshold` is 1, otherwise 0
   * (strictly greater, as Keras' and TensorFlow.js' `binaryAccuracy` do).
   */
  threshold?: number;
}

function isMatrix(value: unknown): boolean {
  if (value instanceof tf.Tensor) return value.rank === 2;
  return Array.isArray(value) && value.length > 0 && value.every((r) => Array.isArray(r) || ArrayBuffer.isView(r));
}

function argmaxRows(rows: number[][]): number[] {
  return rows.map((r) => r.reduce((best, v, j) => (v > r[best]! ? j : best), 0));
}

/**
 * Class labels from predictions: 1-D probabilities with a threshold, `[n, k]` scores by argmax
 * (first maximum wins, like `np.argmax`), or labels passed through.
 */
export function probabilitiesToLabels(yPred: unknown, options: ThresholdOption = {}, fn = "probabilitiesToLabels", arg = "yPred"): Label[] {
  const { threshold } = options;
  if (threshold !== undefined && (typeof threshold !== "number" || !Number.isFinite(threshold))) {
    throw inputError(fn, "options.threshold", "a finite number such as 0.5", describe(threshold));
  }
  if (isMatrix(yPred)) {
    const rows = toNumberMatrix(fn, arg, yPred);
    if (rows[0]!.length > 1) {
      if (threshold !== undefined) {
        throw inputError(fn, arg, "1-D probabilities of the positive class when a threshold is given (a 2-D [n, k] input is reduced by argmax)", `shape [${rows.length}, ${rows[0]!.length}]`);
      }
      return argmaxRows(rows);
    }
    return labelsFromVector(rows.map((r) => r[0]!), threshold, fn, arg);
  }
  return labelsFromVector(yPred, threshold, fn, arg);
}

function labelsFromVector(value: unknown, threshold: number | undefined, fn: string, arg: string): Label[] {
  const labels = toLabelArray(fn, arg, value);
  if (threshold !== undefined) {
    if (typeof labels[0] === "string") throw inputError(fn, arg, "probabilities when a threshold is given", "strings");
    return (labels as number[]).map((p) => (p > threshold ? 1 : 0));
  }
  return labels;
}

/** Labels from a `yTrue`-style input: a label vector, or one-hot rows reduced by argmax. */
export function trueLabels(fn: string, yTrue: unknown): Label[] {
  if (isMatrix(yTrue)) return probabilitiesToLabels(yTrue, {}, fn, "yTrue");
  return toLabelArray(fn, "yTrue", yTrue);
}

/**
 * Labels from a `yPred`-style input. Raw 1-D probabilities are refused: comparing 0.73 with the
 * label 1 is the classic mistake, and silently rounding would hide it.
 */
export function predictedLabels(fn: string, yPred: unknown, options: ThresholdOption = {}): Label[] {
  const labels = probabilitiesToLabels(yPred, options, fn, "yPred");
  const index = labels.findIndex((v) => typeof v === "number" && !Number.isInteger(v));
  if (index >= 0) {
    throw inputError(
      fn,
      "yPred",
      `class labels, not probabilities (threshold them first: ${fn}(yTrue, yPred, { threshold: 0.5 }), or pass [n, k] scores to use argmax)`,
      `${labels[index]} at index ${index}`,
    );
  }
  return labels;
}

/** Checks that `yTrue` holds labels, not continuous values (scikit-learn refuses those too). */
export function checkDiscrete(fn: string, arg: string, labels: Label[]): void {
  const index = labels.findIndex((v) => typeof v === "number" && !Number.isInteger(v));
  if (index >= 0) throw inputError(fn, arg, "class labels (integers or strings)", `${labels[index]} at index ${index}`);
}

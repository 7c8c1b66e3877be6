import { tf } from "../backend/index.js";
import { describe, inputError, toNumberArray, type NumericVector } from "../preprocessing/validate.js";

/**
 * `tf.keras.utils.to_categorical`: integer class ids to one-hot float32 rows `[n, numClasses]`.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function toCategorical(labels: NumericVector, numClasses?: number): tf.Tensor2D {
  const fn = "toCategorical";
  const ids = toNumberArray(fn, "labels", labels, { integer: true });
  const negative = ids.findIndex((v) => v < 0);
  if (negative >= 0) throw inputError(fn, `labels[${negative}]`, "a class id ≥ 0", String(ids[negative]));
  const max = Math.max(...ids);
  const k = numClasses ?? max + 1;
  if (!Number.isInteger(k) || k < 1) throw inputError(fn, "numClasses", "a positive integer", describe(numClasses));
  if (max >= k) throw inputError(fn, `labels[${ids.indexOf(max)}]`, `a class id < numClasses (${k})`, String(max));
  return tf.tidy(() => tf.oneHot(tf.tensor1d(ids, "int32"), k).toFloat() as tf.Tensor2D);
}

import { tf } from "../backend/index.js";
import { describe, inputError } from "../preprocessing/validate.js";

export interface PadSequencesOptions {
  /** Output length; default the longest sequence. */
  maxlen?: number;
  /** Where padding goes; default `"pre"` like Keras. */
  padding?: "pre" | "post";
  /** Which end of a too-long sequence is cut; default `"pre"` (keep the last `maxlen`) like Keras. */
  truncating?: "pre" | "post";
  /** The padding value; default 0. */
  value?: number;
  dtype?: "int32" | "float32";
}

/**
 * `tf.keras.utils.pad_sequences`: sequences to a `[n, maxlen]` tensor. Empty sequences become all padding.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function padSequences(sequences: readonly (readonly number[])[], options: PadSequencesOptions = {}): tf.Tensor2D {
  const fn = "padSequences";
  const { padding = "pre", truncating = "pre", value = 0, dtype = "int32" } = options;
  if (!Array.isArray(sequences)) throw inputError(fn, "sequences", "an array of number arrays", describe(sequences));
  if (sequences.length === 0) throw inputError(fn, "sequences", "non-empty", "an empty array");
  if (padding !== "pre" && padding !== "post") throw inputError(fn, "options.padding", `"pre" or "post"`, describe(padding));
  if (truncating !== "pre" && truncating !== "post") throw inputError(fn, "options.truncating", `"pre" or "post"`, describe(truncating));
  if (dtype !== "int32" && dtype !== "float32") throw inputError(fn, "options.dtype", `"int32" or "float32"`, describe(dtype));
  const integer = dtype === "int32";
  if (typeof value !== "number" || !Number.isFinite(value) || (integer && !Number.isInteger(value))) {
    throw inputError(fn, "options.value", integer ? "an integer (dtype is int32)" : "a finite number", describe(value));
  }
  sequences.forEach((seq, i) => {
    if (!Array.isArray(seq)) throw inputError(fn, `sequences[${i}]`, "an array of numbers", describe(seq));
    seq.forEach((v, j) => {
      if (typeof v !== "number" || !Number.isFinite(v) || (integer && !Number.isInteger(v))) {
        throw inputError(fn, `sequences[${i}][${j}]`, integer ? "an integer (dtype is int32)" : "a finite number", describe(v));
      }
    });
  });
  if (options.maxlen !== undefined && (!Number.isInteger(options.maxlen) || options.maxlen < 1)) {
    throw inputError(fn, "options.maxlen", "a positive integer", describe(options.maxlen));
  }
  // Without maxlen, the longest sequence decides; only empty sequences give [n, 0], as in Keras.
  const maxlen = options.maxlen ?? Math.max(...sequences.map((s) => s.length));
  const out = new (integer ? Int32Array : Float32Array)(sequences.length * maxlen).fill(value);
  sequences.forEach((seq, i) => {
    const kept = seq.length <= maxlen ? seq : truncating === "pre" ? seq.slice(seq.length - maxlen) : seq.slice(0, maxlen);
    const start = i * maxlen + (padding === "pre" ? maxlen - kept.length : 0);
    out.set(kept, start);
  });
  return tf.tensor2d(out, [sequences.length, maxlen], dtype);
}

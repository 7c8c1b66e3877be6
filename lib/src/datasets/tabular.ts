import type * as dfd from "danfojs-node";
import { tf } from "../backend/index.js";
import { readCsvFrame, readCsvRows } from "./csv.js";
import { dataFile } from "./paths.js";

export const BREAST_CANCER_FILE = "breast_cancer_wisconsin.csv";
export const PENGUINS_FILE = "penguins.csv";
export const DIGITS_FILE = "digits_8x8.csv";

export interface TabularTensors {
  /** `[rows, features]` float32. */
  x: tf.Tensor2D;
  /** `[rows]` float32 labels. */
  y: tf.Tensor1D;
  featureNames: string[];
}

/**
 * Breast Cancer Wisconsin as tensors: `x` is `[569, 30]`, `y` is 1 for benign.
 *
 * Taught in notebooks/04-training.ipynb; also used in 05-evaluation, 08-large-models, 09-faq.
 */
export function loadBreastCancerTensors(): TabularTensors {
  const { columns, rows } = readCsvRows(dataFile(BREAST_CANCER_FILE));
  const featureNames = columns.filter((c) => c !== "target" && c !== "diagnosis");
  const x = tf.tensor2d(rows.map((r) => featureNames.map((c) => r[c] as number)));
  const y = tf.tensor1d(rows.map((r) => r.target as number));
  return { x, y, featureNames };
}

/**
 * Palmer Penguins (344 × 8) with `NaN` for missing measurements and `null` for a missing `sex`.
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 09-faq.
 */
export function loadPenguins(): dfd.DataFrame {
  return readCsvFrame(dataFile(PENGUINS_FILE));
}

export interface ImageTensors {
  /** `[N, H, W, 1]` float32 in [0, 1]. */
  images: tf.Tensor4D;
  /** `[N]` int32 class ids. */
  labels: tf.Tensor1D;
}

/**
 * scikit-learn's 8×8 digits: 1,797 images scaled from 0–16 grey levels to [0, 1].
 *
 * Taught in notebooks/02-algorithms.ipynb; also used in 08-large-models.
 */
export function loadDigits(): ImageTensors {
  const { rows } = readCsvRows(dataFile(DIGITS_FILE));
  const pixels = new Float32Array(rows.length * 64);
  rows.forEach((r, i) => {
    for (let p = 0; p < 64; p++) pixels[i * 64 + p] = (r[`p${p}`] as number) / 16;
  });
  return {
    images: tf.tensor4d(pixels, [rows.length, 8, 8, 1]),
    labels: tf.tensor1d(rows.map((r) => r.label as number), "int32"),
  };
}

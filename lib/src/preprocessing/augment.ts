import { isDataFrame } from "./dataFrame.js";
import type * as dfd from "danfojs-node";
import { tf } from "../backend/index.js";
import { gaussian, toRng, type SeedOrRng } from "../random/index.js";
import { checkFrame, columnsOf, frameFrom, isNumericColumn, type Cell } from "./frame.js";
import { describe, inputError, toNumberMatrix } from "./validate.js";

export interface FrameNoiseOptions {
  /** The label column(s), never perturbed; required so that a label cannot be noised by accident. */
  labelColumn: string | string[];
}

function checkStd(fn: string, std: unknown): number {
  if (typeof std !== "number" || !Number.isFinite(std) || std < 0) throw inputError(fn, "std", "a finite number ≥ 0", describe(std));
  return std;
}

/**
 * Adds seeded N(0, std²) noise to features. Arrays and tensors must hold features only (pass the
 * labels separately, untouched); for a DataFrame, `labelColumn` names the label, which is kept
 * as is along with every non-numeric column.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function addGaussianNoise(features: readonly (readonly number[])[], std: number, seed: SeedOrRng): number[][];
export function addGaussianNoise<T extends tf.Tensor>(features: T, std: number, seed: SeedOrRng): T;
export function addGaussianNoise(features: dfd.DataFrame, std: number, seed: SeedOrRng, options: FrameNoiseOptions): dfd.DataFrame;
export function addGaussianNoise(
  features: readonly (readonly number[])[] | tf.Tensor | dfd.DataFrame,
  std: number,
  seed: SeedOrRng,
  options?: FrameNoiseOptions,
): number[][] | tf.Tensor | dfd.DataFrame {
  const fn = "addGaussianNoise";
  checkStd(fn, std);
  const rng = toRng(seed);
  if (features instanceof tf.Tensor) {
    const values = features.dataSync();
    const bad = values.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw inputError(fn, "features", "finite values (fill or drop missing values first)", `${values[bad]} at flat index ${bad}`);
    const noisy = Float32Array.from(values, (v) => v + std * gaussian(rng));
    return tf.tensor(noisy, features.shape, "float32");
  }
  if (isDataFrame(features)) {
    checkFrame(fn, "features", features);
    const label = options?.labelColumn;
    const labels = typeof label === "string" ? [label] : label;
    if (!Array.isArray(labels) || labels.length === 0) {
      throw inputError(fn, "options.labelColumn", "the label column name(s) of the DataFrame, which are never perturbed", describe(label));
    }
    for (const l of labels) {
      if (!features.columns.includes(l)) throw inputError(fn, "options.labelColumn", `a column of the DataFrame (${features.columns.join(", ")})`, describe(l));
    }
    return frameFrom(
      columnsOf(features).map(([name, values]): [string, Cell[]] => {
        if (labels.includes(name) || !isNumericColumn(values)) return [name, values];
        return [name, (values as number[]).map((v) => v + std * gaussian(rng))];
      }),
      features.index as (string | number)[],
    );
  }
  return toNumberMatrix(fn, "features", features).map((row) => row.map((v) => v + std * gaussian(rng)));
}

function checkImages(fn: string, images: unknown): tf.Tensor4D {
  if (!(images instanceof tf.Tensor) || images.rank !== 4) throw inputError(fn, "images", "a [N, H, W, C] tensor", describe(images));
  if (images.shape.some((d: number) => d === 0)) throw inputError(fn, "images", "a non-empty [N, H, W, C] tensor", describe(images));
  return images as tf.Tensor4D;
}

/**
 * Mirrors each image horizontally.
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 07-vision.
 */
export function flipLeftRight(images: tf.Tensor4D): tf.Tensor4D {
  return tf.image.flipLeftRight(checkImages("flipLeftRight", images));
}

export interface ShiftOptions {
  /** Pixels to move right (negative: left). */
  dx?: number;
  /** Pixels to move down (negative: up). */
  dy?: number;
  /** Value of the uncovered pixels; default 0. */
  fillValue?: number;
}

/**
 * Moves each image by whole pixels, filling the uncovered border with `fillValue`.
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 07-vision.
 */
export function shift(images: tf.Tensor4D, options: ShiftOptions): tf.Tensor4D {
  const fn = "shift";
  const x = checkImages(fn, images);
  const { dx = 0, dy = 0, fillValue = 0 } = options;
  const [n, h, w, c] = x.shape;
  if (!Number.isInteger(dx) || Math.abs(dx) >= w) throw inputError(fn, "options.dx", `an integer with |dx| < width (${w})`, describe(dx));
  if (!Number.isInteger(dy) || Math.abs(dy) >= h) throw inputError(fn, "options.dy", `an integer with |dy| < height (${h})`, describe(dy));
  if (typeof fillValue !== "number" || !Number.isFinite(fillValue)) throw inputError(fn, "options.fillValue", "a finite number", describe(fillValue));
  return tf.tidy(() => {
    const padded = tf.pad(x, [[0, 0], [Math.max(dy, 0), Math.max(-dy, 0)], [Math.max(dx, 0), Math.max(-dx, 0)], [0, 0]], fillValue);
    return tf.slice(padded, [0, Math.max(-dy, 0), Math.max(-dx, 0), 0], [n, h, w, c]);
  });
}

export interface RotateOptions {
  /** Value of pixels rotated in from outside; default 0. */
  fillValue?: number;
  /** Centre of rotation as fractions of width and height; default the centre pixel, `(size − 1) / (2·size)`. */
  center?: [number, number];
}

/**
 * Rotates each image by `radians` (positive: counter-clockwise as displayed) with
 * `tf.image.rotateWithOffset` (nearest-neighbour sampling).
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 07-vision.
 */
export function rotate(images: tf.Tensor4D, radians: number, options: RotateOptions = {}): tf.Tensor4D {
  const fn = "rotate";
  const x = checkImages(fn, images);
  if (typeof radians !== "number" || !Number.isFinite(radians)) throw inputError(fn, "radians", "a finite angle in radians", describe(radians));
  const [, h, w] = x.shape;
  // rotateWithOffset measures the centre from pixel 0's centre (`fraction · size`), so 0.5 would
  // sit half a pixel off the middle; (size − 1) / 2 is the true middle.
  const { fillValue = 0, center = [(w - 1) / (2 * w), (h - 1) / (2 * h)] } = options;
  if (typeof fillValue !== "number" || !Number.isFinite(fillValue)) throw inputError(fn, "options.fillValue", "a finite number", describe(fillValue));
  if (!Array.isArray(center) || center.length !== 2 || !center.every(Number.isFinite)) {
    throw inputError(fn, "options.center", "[x, y] fractions of width and height", describe(center));
  }
  return tf.tidy(() => {
    const floats = x.dtype === "float32" ? x : tf.cast(x, "float32");
    return tf.image.rotateWithOffset(floats, radians, fillValue, center);
  });
}

/**
 * Cuts a seeded random `[height, width]` window from each image (a different one per image).
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function randomCrop(images: tf.Tensor4D, size: [number, number], seed: SeedOrRng): tf.Tensor4D {
  const fn = "randomCrop";
  const x = checkImages(fn, images);
  const [n, h, w] = x.shape;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((s) => Number.isInteger(s) && s >= 1) || size[0] > h || size[1] > w) {
    throw inputError(fn, "size", `[height, width] of whole pixels within the ${h}×${w} images`, describe(size) === "an array of length 2" ? JSON.stringify(size) : describe(size));
  }
  const [ch, cw] = size;
  const rng = toRng(seed);
  const dy = Math.max(h - 1, 1);
  const dx = Math.max(w - 1, 1);
  const boxes: number[][] = [];
  for (let i = 0; i < n; i++) {
    const top = Math.floor(rng() * (h - ch + 1));
    const left = Math.floor(rng() * (w - cw + 1));
    boxes.push([top / dy, left / dx, (top + ch - 1) / dy, (left + cw - 1) / dx]);
  }
  return tf.tidy(() => {
    const floats = x.dtype === "float32" ? x : tf.cast(x, "float32");
    // Nearest sampling at whole-pixel positions copies pixels exactly.
    return tf.image.cropAndResize(floats, tf.tensor2d(boxes, [n, 4]), tf.range(0, n, 1, "int32") as tf.Tensor1D, [ch, cw], "nearest");
  });
}

/** Applies `op` to each image alone (ops such as rotation take one parameter per batch). */
function perImage(images: tf.Tensor4D, op: (image: tf.Tensor4D, i: number) => tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.concat(tf.split(images, images.shape[0], 0).map((image, i) => op(image as tf.Tensor4D, i)), 0));
}

function checkProbability(fn: string, p: unknown): number {
  if (typeof p !== "number" || !(p >= 0 && p <= 1)) throw inputError(fn, "probability", "a number in [0, 1]", describe(p));
  return p;
}

/**
 * Mirrors each image horizontally with the given probability (seeded).
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function randomFlipLeftRight(images: tf.Tensor4D, seed: SeedOrRng, probability = 0.5): tf.Tensor4D {
  const fn = "randomFlipLeftRight";
  const x = checkImages(fn, images);
  const p = checkProbability(fn, probability);
  const rng = toRng(seed);
  const flips = Array.from({ length: x.shape[0] }, () => rng() < p);
  return perImage(x, (image, i) => (flips[i] ? tf.image.flipLeftRight(image) : image.clone()));
}

/**
 * Shifts each image by a seeded random whole number of pixels in [−maxShift, maxShift] per axis.
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function randomShift(images: tf.Tensor4D, maxShift: number, seed: SeedOrRng, fillValue = 0): tf.Tensor4D {
  const fn = "randomShift";
  const x = checkImages(fn, images);
  const [, h, w] = x.shape;
  const limit = Math.min(h, w) - 1;
  if (!Number.isInteger(maxShift) || maxShift < 0 || maxShift > limit) {
    throw inputError(fn, "maxShift", `a whole number of pixels from 0 to ${limit}`, describe(maxShift));
  }
  const rng = toRng(seed);
  const draw = () => Math.floor(rng() * (2 * maxShift + 1)) - maxShift;
  const offsets = Array.from({ length: x.shape[0] }, () => ({ dy: draw(), dx: draw() }));
  return perImage(x, (image, i) => shift(image, { ...offsets[i]!, fillValue }));
}

/**
 * Rotates each image by a seeded random angle in [−maxRadians, maxRadians].
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function randomRotate(images: tf.Tensor4D, maxRadians: number, seed: SeedOrRng, options: RotateOptions = {}): tf.Tensor4D {
  const fn = "randomRotate";
  const x = checkImages(fn, images);
  if (typeof maxRadians !== "number" || !Number.isFinite(maxRadians) || maxRadians < 0) {
    throw inputError(fn, "maxRadians", "a finite angle ≥ 0 in radians", describe(maxRadians));
  }
  const rng = toRng(seed);
  const angles = Array.from({ length: x.shape[0] }, () => (2 * rng() - 1) * maxRadians);
  return perImage(x, (image, i) => rotate(image, angles[i]!, options));
}

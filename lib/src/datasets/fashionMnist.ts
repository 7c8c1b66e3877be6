import { tf } from "../backend/index.js";
import { readIdxGz } from "./idx.js";
import { dataFile } from "./paths.js";
import type { ImageTensors } from "./tabular.js";

/** Taught in notebooks/07-vision.ipynb. */
export const FASHION_MNIST_CLASSES = [
  "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
  "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot",
] as const;

export interface FashionMnistOptions {
  /** Keep only the first `limit` examples (the files hold 10,000 train and 2,000 test). */
  limit?: number;
}

/**
 * Fashion-MNIST from the shipped IDX files: images `[N, 28, 28, 1]` in [0, 1], labels `[N]` int32.
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 07-vision.
 */
export function loadFashionMnist(split: "train" | "test", options: FashionMnistOptions = {}): ImageTensors {
  if (split !== "train" && split !== "test") {
    throw new Error(`split must be "train" or "test"; got ${JSON.stringify(split)}`);
  }
  const images = readIdxGz(dataFile(`fashion_mnist/${split}-images-idx3-ubyte.gz`));
  const labels = readIdxGz(dataFile(`fashion_mnist/${split}-labels-idx1-ubyte.gz`));
  const available = images.dims[0]!;
  const limit = options.limit ?? available;
  if (!Number.isInteger(limit) || limit < 1 || limit > available) {
    throw new Error(`limit must be an integer from 1 to ${available}; got ${limit}`);
  }
  const [, h, w] = images.dims as [number, number, number];
  const pixels = new Float32Array(limit * h * w);
  for (let i = 0; i < pixels.length; i++) pixels[i] = images.data[i]! / 255;
  return {
    images: tf.tensor4d(pixels, [limit, h, w, 1]),
    labels: tf.tensor1d(Int32Array.from(labels.data.subarray(0, limit)), "int32"),
  };
}

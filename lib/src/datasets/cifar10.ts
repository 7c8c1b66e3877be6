import { readFileSync } from "node:fs";
import { tf } from "../backend/index.js";
import { describe, inputError } from "../preprocessing/validate.js";

/** Taught in notebooks/07-vision.ipynb. */
export const CIFAR10_CLASSES = [
  "airplane", "automobile", "bird", "cat", "deer",
  "dog", "frog", "horse", "ship", "truck",
] as const;

const CIFAR10_SIDE = 32;
const PLANE = CIFAR10_SIDE * CIFAR10_SIDE;
/**
 * One record of the binary version: 1 label byte, then the red, green and blue planes.
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export const CIFAR10_RECORD_BYTES = 1 + 3 * PLANE;

export interface Cifar10Options {
  /** Keep only the first `limit` records (over all files, in order). */
  limit?: number;
}

export interface Cifar10Tensors {
  /** `[N, 32, 32, 3]` float32 in [0, 1], channels last (RGB). */
  images: tf.Tensor4D;
  /** `[N]` int32 class ids 0–9, see `CIFAR10_CLASSES`. */
  labels: tf.Tensor1D;
}

interface RecordSource {
  name: string;
  read(): Uint8Array;
}

function recordSources(fn: string, files: unknown): RecordSource[] {
  if (files instanceof Uint8Array) return [{ name: "the bytes", read: () => files }];
  if (typeof files === "string") return [{ name: files, read: () => readFileSync(files) }];
  if (Array.isArray(files) && files.length > 0 && files.every((f) => typeof f === "string")) {
    return files.map((f: string) => ({ name: f, read: () => readFileSync(f) }));
  }
  throw inputError(fn, "files", "a path, a non-empty array of paths or a Uint8Array", describe(files));
}

/**
 * Reads the "CIFAR-10 binary version" (`data_batch_1.bin` … `data_batch_5.bin`, `test_batch.bin`):
 * each file is a run of 3,073-byte records, one label byte and then 1,024 red, 1,024 green and
 * 1,024 blue bytes, each plane row-major. Pass file paths (read in order) or the bytes themselves.
 * The planes are interleaved into channels-last images, as tf.js layers expect.
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function loadCifar10Binary(files: string | readonly string[] | Uint8Array, options: Cifar10Options = {}): Cifar10Tensors {
  const fn = "loadCifar10Binary";
  const sources = recordSources(fn, files);
  const { limit } = options;
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw inputError(fn, "options.limit", "a positive integer", describe(limit));
  }

  const records: Uint8Array[] = [];
  let count = 0;
  for (const source of sources) {
    if (limit !== undefined && count >= limit) break;
    const bytes = source.read();
    if (bytes.length === 0 || bytes.length % CIFAR10_RECORD_BYTES !== 0) {
      throw inputError(fn, `files (${source.name})`, `a whole number of ${CIFAR10_RECORD_BYTES}-byte records`, `${bytes.length} bytes`);
    }
    const available = bytes.length / CIFAR10_RECORD_BYTES;
    const take = limit === undefined ? available : Math.min(available, limit - count);
    records.push(bytes.subarray(0, take * CIFAR10_RECORD_BYTES));
    count += take;
  }

  const pixels = new Float32Array(count * PLANE * 3);
  const labels = new Int32Array(count);
  let n = 0;
  for (const [s, chunk] of records.entries()) {
    for (let offset = 0; offset < chunk.length; offset += CIFAR10_RECORD_BYTES, n++) {
      const label = chunk[offset]!;
      if (label > 9) {
        throw inputError(fn, `files (${sources[s]!.name}), record ${offset / CIFAR10_RECORD_BYTES}`, "a label byte 0–9", String(label));
      }
      labels[n] = label;
      const base = n * PLANE * 3;
      for (let p = 0; p < PLANE; p++) {
        for (let c = 0; c < 3; c++) pixels[base + p * 3 + c] = chunk[offset + 1 + c * PLANE + p]! / 255;
      }
    }
  }
  return {
    images: tf.tensor4d(pixels, [count, CIFAR10_SIDE, CIFAR10_SIDE, 3]),
    labels: tf.tensor1d(labels, "int32"),
  };
}

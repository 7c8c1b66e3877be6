import pngjs from "pngjs";
import { withDerived, type TensorLike } from "./tensorLike.js";

const { PNG } = pngjs;

/** Longest side read from an image tensor; bigger images are subsampled (never read in full). */
const maxSide = 256;
/** Images shown in a batch grid. */
const maxGridImages = 16;

/** Rank 3 `[H, W, 1|3|4]` or rank 4 `[N, H, W, 1|3|4]` with at least 8×8 pixels reads as images. */
export function isImageTensor(t: TensorLike): boolean {
  const s = t.shape;
  if (t.dtype === "string" || t.dtype === "complex64" || t.size === 0) return false;
  const [h, w, c] = t.rank === 3 ? s : t.rank === 4 ? s.slice(1) : [];
  return h !== undefined && w !== undefined && c !== undefined && h >= 8 && w >= 8 && [1, 3, 4].includes(c);
}

interface Pixels {
  values: ArrayLike<number>;
  count: number;
  height: number;
  width: number;
  channels: number;
}

function readPixels(t: TensorLike): Pixels {
  const batch = t.rank === 4;
  const [n, h, w, c] = batch ? t.shape : [1, ...t.shape];
  const count = Math.min(n!, maxGridImages);
  const step = Math.ceil(Math.max(h!, w!) / maxSide);
  const begin = batch ? [0, 0, 0, 0] : [0, 0, 0];
  const end = batch ? [count, h!, w!, c!] : [h!, w!, c!];
  const strides = batch ? [1, step, step, 1] : [step, step, 1];
  if (step === 1 && count === n) {
    return { values: t.dataSync() as ArrayLike<number>, count, height: h!, width: w!, channels: c! };
  }
  return withDerived(t.stridedSlice(begin, end, strides), (small) => {
    const [, height, width] = batch ? small.shape : [1, ...small.shape];
    return { values: small.dataSync() as ArrayLike<number>, count, height: height!, width: width!, channels: c! };
  });
}

/** Maps values to 0–255: [0, 1] floats scale up, [0, 255] stays, anything else is min–max scaled. */
function toByte(values: ArrayLike<number>, dtype: string): (v: number) => number {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (dtype !== "int32" && min >= 0 && max <= 1) return (v) => Math.round(v * 255);
  if (min >= 0 && max <= 255) return (v) => Math.round(v);
  const range = max - min || 1;
  return (v) => Math.round(((v - min) / range) * 255);
}

/** A PNG of the image (or a grid of the first 16 of a batch) and the size to show it at. */
export function tensorPng(t: TensorLike): { png: Buffer; width: number; height: number; displayWidth: number; shown: number } {
  const { values, count, height, width, channels } = readPixels(t);
  const byte = toByte(values, t.dtype);
  const gap = count > 1 ? 2 : 0;
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const png = new PNG({ width: columns * width + (columns - 1) * gap, height: rows * height + (rows - 1) * gap });
  png.data.fill(0);
  for (let k = 0; k < count; k++) {
    const x0 = (k % columns) * (width + gap);
    const y0 = Math.floor(k / columns) * (height + gap);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const src = ((k * height + y) * width + x) * channels;
        const dst = ((y0 + y) * png.width + x0 + x) * 4;
        const r = byte(values[src]!);
        png.data[dst] = r;
        png.data[dst + 1] = channels >= 3 ? byte(values[src + 1]!) : r;
        png.data[dst + 2] = channels >= 3 ? byte(values[src + 2]!) : r;
        png.data[dst + 3] = channels === 4 ? byte(values[src + 3]!) : 255;
      }
    }
  }
  // Small images (28×28 digits) are scaled up on screen so they can be seen.
  const scale = Math.max(1, Math.min(8, Math.floor(256 / Math.max(png.width, png.height))));
  return { png: PNG.sync.write(png), width: png.width, height: png.height, displayWidth: png.width * scale, shown: count };
}

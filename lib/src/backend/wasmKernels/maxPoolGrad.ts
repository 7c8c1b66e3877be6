import * as tf from "@tensorflow/tfjs";
import { MaxPoolGrad } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, type KernelArgs } from "./wasmBackend.js";
import { byteOffset, simdKernelsOf } from "./simd/simdKernels.js";

type PoolInfo = ReturnType<typeof tf.backend_util.computePool2DInfo>;

/**
 * MaxPoolGrad in one pass over heap views: each window's first maximum (row-major, as
 * tfjs-backend-cpu picks it; none if the window holds only NaN or −∞) receives the window's output
 * gradient. The search keeps one channel's best value and place in locals, window position
 * innermost, without branches. For the CNN's first pooling layer the wasm kernel took ~39 ms; on
 * plain arrays of its shape ([32, 30, 30, 32]) this loop takes 5.4 CPU ms where the same loop with
 * a branch takes 6.4 and a loop over per-channel arrays of best values 10.8 (side by side).
 */
function maxPoolGrad({ inputs, backend: kernelBackend, attrs: a }: KernelArgs<MaxPoolGradAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const dy = inputs.dy as TensorInfo;
  const input = inputs.input as TensorInfo;
  if (input.dtype !== "float32") return runWasm(backend, MaxPoolGrad, inputs, a);
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a.filterSize,
    a.strides,
    1,
    a.pad,
    a.dimRoundingMode,
  );
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;

  const dx = backend.makeOutput(input.shape, "float32");
  const x = heapView(backend, input) as Float32Array;
  const g = heapView(backend, dy) as Float32Array;
  const out = heapView(backend, dx) as Float32Array;
  const output = inputs.output as TensorInfo;
  if (fh === 2 && fw === 2 && sh === 2 && sw === 2 && top === 0 && left === 0 && 2 * outHeight <= inHeight && 2 * outWidth <= inWidth) {
    // The windows write every place they cover; the last row or column of an odd side is left.
    if (2 * outHeight < inHeight || 2 * outWidth < inWidth) out.fill(0);
    const simd = simdKernelsOf(backend);
    const at = (info: TensorInfo) => byteOffset(backend, info);
    const plain = simd !== undefined && channels % 4 === 0 && batchSize * outHeight * outWidth * channels > 0 &&
      simd.maxPoolGrad2x2(at(input), at(output), at(dy), at(dx), batchSize, inHeight, inWidth, channels, outHeight, outWidth) === 1;
    if (plain) return dx;
    gradientOf2x2Windows(x, heapView(backend, output) as Float32Array, g, out, info);
    return dx;
  }
  out.fill(0);
  const rowStride = inWidth * channels;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const image = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(oh * sh - top, 0);
      const h1 = Math.min(oh * sh - top + fh, inHeight);
      for (let ow = 0; ow < outWidth; ow++, gi += channels) {
        const w0 = Math.max(ow * sw - left, 0);
        const w1 = Math.min(ow * sw - left + fw, inWidth);
        const first = image + h0 * rowStride + w0 * channels;
        const rows = h1 - h0;
        const span = (w1 - w0) * channels;
        for (let c = 0; c < channels; c++) {
          // Branch-free (a data-dependent branch mispredicts about once per window): the place
          // moves by 0 or 1 times the distance, and the best value is read back from it.
          let where = first + c;
          let best = x[where];
          for (let r = 0, row = first + c; r < rows; r++, row += rowStride) {
            for (let at = row; at < row + span; at += channels) {
              where += +(x[at] > best) * (at - where);
              best = x[where];
            }
          }
          // Starting from the first value is wrong only if that is NaN or every value is −∞.
          if (!(best > -Infinity)) where = firstMaximum(x, first + c, rows, rowStride, span, channels);
          if (where >= 0) out[where] += g[gi + c];
        }
      }
    }
  }
  return dx;
}

/**
 * 2×2 windows at stride 2 inside the input (the course's pooling), where simdKernels.wat's loop
 * finds a window it cannot take or wasm SIMD is missing: the gradient goes to the first
 * of the four values equal to the pooled output y, chosen by arithmetic on comparisons, with no
 * search. The CNN's pooling gradients ([32, 30, 30, 32] and [32, 13, 13, 64]) take 5.2 and 1.8
 * CPU ms where a search with branches took 8.1 and 2.5 (side by side). Where y is not the window's
 * maximum of real numbers (NaN, only −∞, an output that does not match the input) or dy is not
 * finite, the window is searched as cpu searches it.
 */
function gradientOf2x2Windows(x: Float32Array, y: Float32Array, g: Float32Array, out: Float32Array, info: PoolInfo): void {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const down = inWidth * channels;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const corner = ((b * inHeight + 2 * oh) * inWidth + 2 * ow) * channels;
        for (let p = corner; p < corner + channels; p++, gi++) {
          const m = y[gi];
          const d = g[gi];
          const a0 = x[p];
          const a1 = x[p + channels];
          const a2 = x[p + down];
          const a3 = x[p + down + channels];
          const e0 = +(a0 === m);
          const e1 = +(a1 === m) * (1 - e0);
          const e2 = +(a2 === m) * (1 - e0 - e1);
          const e3 = +(a3 === m) * (1 - e0 - e1 - e2);
          out[p] = e0 * d;
          out[p + channels] = e1 * d;
          out[p + down] = e2 * d;
          out[p + down + channels] = e3 * d;
          if (e0 + e1 + e2 + e3 === 0 || !(m > -Infinity) || !(Math.abs(d) < Infinity) || a0 > m || a1 > m || a2 > m || a3 > m) {
            out[p] = out[p + channels] = out[p + down] = out[p + down + channels] = 0;
            const where = firstMaximum(x, p, 2, down, 2 * channels, channels);
            if (where >= 0) out[where] = d;
          }
        }
      }
    }
  }
}

/** tfjs-backend-cpu's search: the first value above all before it, from −∞ (NaN never wins); −1 if none. */
function firstMaximum(x: Float32Array, first: number, rows: number, rowStride: number, span: number, step: number): number {
  let best = -Infinity;
  let where = -1;
  for (let r = 0, row = first; r < rows; r++, row += rowStride) {
    for (let at = row; at < row + span; at += step) {
      if (x[at] > best) {
        best = x[at];
        where = at;
      }
    }
  }
  return where;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: "wasm",
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};

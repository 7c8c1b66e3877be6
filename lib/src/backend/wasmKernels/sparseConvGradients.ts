import * as tf from "@tensorflow/tfjs";
import type { TensorInfo } from "@tensorflow/tfjs";
import { byteOffset, simdKernelsOf, type SimdKernels } from "./simd/simdKernels.js";
import { free, heapView, size, transpose, type WasmBackend } from "./wasmBackend.js";

export type ConvInfo = ReturnType<typeof tf.backend_util.computeConv2DInfo>;

/**
 * The largest share of nonzero entries in dy for which the gradients are computed from those
 * entries alone, each adding one patch: a global max pool passes the gradient to one window per
 * example and filter (1 in 96 for the Conv1D text classifier), where dense products would multiply
 * zeros. Max-pooled CNN layers (≥ 20% nonzero) stay dense.
 */
export const SPARSE_MAX_DENSITY = 1 / 32;

/** dy's nonzero entries: their indices and values, and the SIMD loops that add their patches. */
export interface Nonzeros {
  at: Int32Array;
  values: Float32Array;
  simd: SimdKernels;
}

/**
 * dy's nonzero entries if they are few enough, the other operand is finite (skipping dy's zeros
 * must not skip a 0·∞ = NaN that the dense product would produce) and wasm SIMD runs; else undefined.
 */
export function sparseEnough(backend: WasmBackend, dy: TensorInfo, other: TensorInfo): Nonzeros | undefined {
  const simd = simdKernelsOf(backend);
  if (simd === undefined) return undefined;
  const n = size(dy.shape);
  const limit = Math.floor(n * SPARSE_MAX_DENSITY);
  const found = backend.makeOutput([limit + 1], "int32");
  const count = simd.nonzeros(byteOffset(backend, dy), n, byteOffset(backend, found), limit);
  const at = (heapView(backend, found) as Int32Array).slice(0, count);
  free(backend, found);
  if (count > limit || simd.allFinite(byteOffset(backend, other), size(other.shape)) === 0) return undefined;
  const all = heapView(backend, dy);
  return { at, values: Float32Array.from(at, (i) => all[i]), simd };
}

/**
 * Calls `add` for every nonzero dy[b, oh, ow, o] and every filter row i whose input row lies inside
 * x, with the run of filter columns [first, end) whose input columns do too: within a row those
 * patch entries are (end − first)·C consecutive floats of x, and of the filter laid out [O, kh, kw, C].
 * Offsets are in floats.
 */
function forEachRun(
  { at, values }: Nonzeros,
  info: ConvInfo,
  add: (value: number, xAt: number, filterAt: number, length: number) => void,
): void {
  const { inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw } = info;
  const { top, left } = info.padInfo;
  for (let k = 0; k < at.length; k++) {
    const o = at[k] % outChannels;
    const window = (at[k] - o) / outChannels;
    const ow = window % outWidth;
    const oh = ((window - ow) / outWidth) % outHeight;
    const b = (window - ow - oh * outWidth) / (outWidth * outHeight);
    const w0 = ow * sw - left;
    const first = Math.max(0, -w0);
    const end = Math.min(kw, inWidth - w0);
    if (first >= end) continue;
    for (let i = 0; i < kh; i++) {
      const h = oh * sh - top + i;
      if (h < 0 || h >= inHeight) continue;
      add(values[k], ((b * inHeight + h) * inWidth + w0 + first) * inChannels, ((o * kh + i) * kw + first) * inChannels, (end - first) * inChannels);
    }
  }
}

/** dW[kh, kw, C, O] = Σ over nonzero dy of dy · its patch of x. */
export function filterGradientFromNonzeros(backend: WasmBackend, x: TensorInfo, nonzeros: Nonzeros, info: ConvInfo): TensorInfo {
  const { filterHeight: kh, filterWidth: kw, inChannels, outChannels } = info;
  const { axpy } = nonzeros.simd;
  const byFilter = backend.makeOutput([outChannels, kh, kw, inChannels], "float32");
  heapView(backend, byFilter).fill(0);
  const into = byteOffset(backend, byFilter);
  const from = byteOffset(backend, x);
  forEachRun(nonzeros, info, (value, xAt, filterAt, length) => axpy(into + 4 * filterAt, from + 4 * xAt, length, value));
  const dW = transpose(backend, byFilter, [1, 2, 3, 0]);
  free(backend, byFilter);
  return dW;
}

/** dx = Σ over nonzero dy of dy · the filter, added where its window lies in x. */
export function inputGradientFromNonzeros(backend: WasmBackend, nonzeros: Nonzeros, filter: TensorInfo, info: ConvInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels } = info;
  const { axpy } = nonzeros.simd;
  const byFilter = transpose(backend, filter, [3, 0, 1, 2]);
  const dx = backend.makeOutput([batchSize, inHeight, inWidth, inChannels], "float32");
  heapView(backend, dx).fill(0);
  const into = byteOffset(backend, dx);
  const from = byteOffset(backend, byFilter);
  forEachRun(nonzeros, info, (value, xAt, filterAt, length) => axpy(into + 4 * xAt, from + 4 * filterAt, length, value));
  free(backend, byFilter);
  return dx;
}

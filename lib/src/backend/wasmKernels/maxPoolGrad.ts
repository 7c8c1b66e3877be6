import * as tf from "@tensorflow/tfjs";
import { MaxPoolGrad } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, MaxPoolGradAttrs, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, type KernelArgs } from "./wasmBackend.js";

/**
 * MaxPoolGrad through heap views: each window's first maximum (row-major, as tfjs-backend-cpu
 * picks it) receives the window's output gradient. For the CNN's first pooling layer the wasm
 * kernel took ~39 ms, this loop ~12 ms; MaxPoolWithArgmax + ScatterNd on wasm was no faster and
 * breaks ties differently.
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
  out.fill(0);
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = Math.max(oh * sh - top, 0);
      const h1 = Math.min(oh * sh - top + fh, inHeight);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = Math.max(ow * sw - left, 0);
        const w1 = Math.min(ow * sw - left + fw, inWidth);
        best.fill(-Infinity);
        where.fill(-1);
        for (let h = h0; h < h1; h++) {
          for (let w = w0; w < w1; w++) {
            const base = ((b * inHeight + h) * inWidth + w) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[base + c];
              if (v > best[c]) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        for (let c = 0; c < channels; c++, gi++) {
          if (where[c] >= 0) out[where[c]] += g[gi];
        }
      }
    }
  }
  return dx;
}

export const maxPoolGradConfig: KernelConfig = {
  kernelName: MaxPoolGrad,
  backendName: "wasm",
  kernelFunc: maxPoolGrad as unknown as KernelFunc,
};

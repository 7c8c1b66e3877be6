import * as tf from "@tensorflow/tfjs";
import { Sum } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, SumAttrs, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, size, type KernelArgs } from "./wasmBackend.js";

/**
 * Sum over leading axes (every bias gradient: [batch, …, channels] → [channels]) as one pass over
 * the heap. The wasm kernel first transposes the reduced axes innermost, which took ~7 ms for the
 * CNN's first conv bias. Other reductions go to the wasm kernel.
 */
function sum({ inputs, backend: kernelBackend, attrs }: KernelArgs<SumAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const x = inputs.x as TensorInfo;
  const { axis, keepDims } = attrs;
  const axes = tf.util.parseAxisParam(axis, x.shape).sort((p, q) => p - q);
  const leading = axes.length > 0 && axes.length < x.shape.length && axes.every((ax, i) => ax === i);
  if (x.dtype !== "float32" || !leading) return runWasm(backend, Sum, { x }, attrs);
  const kept = x.shape.slice(axes.length);
  const outShape = keepDims ? [...axes.map(() => 1), ...kept] : kept;
  const width = size(kept);
  const rows = size(x.shape.slice(0, axes.length));
  const out = backend.makeOutput(outShape, "float32");
  const src = heapView(backend, x) as Float32Array;
  const acc = new Float64Array(width);
  // Four rows per pass over the accumulators: 3.6× faster than one (CPU time on the CNN's first bias
  // gradient, [28800, 32], side by side), as each accumulator is loaded and stored a quarter as often.
  let r = 0;
  for (; r + 4 <= rows; r += 4) {
    const o = r * width;
    for (let c = o; c < o + width; c++) {
      acc[c - o] += src[c] + src[c + width] + (src[c + 2 * width] + src[c + 3 * width]);
    }
  }
  for (let o = r * width; r < rows; r++) {
    for (let c = 0; c < width; c++, o++) acc[c] += src[o];
  }
  (heapView(backend, out) as Float32Array).set(acc);
  return out;
}

export const sumConfig: KernelConfig = {
  kernelName: Sum,
  backendName: "wasm",
  kernelFunc: sum as unknown as KernelFunc,
};

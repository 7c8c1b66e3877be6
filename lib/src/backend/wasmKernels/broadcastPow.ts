import * as tf from "@tensorflow/tfjs";
import { Pow } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, size, type KernelArgs } from "./wasmBackend.js";

/**
 * Pow of a float32 tensor by a scalar exponent (GELU's x³) as one pass over the heap: the wasm
 * kernel indexes every element through generic broadcasting (~35 ms for a transformer MLP
 * activation of 262k floats). Other shapes stay on wasm.
 */
function pow({ inputs, backend: kernelBackend }: KernelArgs<object>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const a = inputs.a as TensorInfo;
  const b = inputs.b as TensorInfo;
  if (a.dtype !== "float32" || b.dtype !== "float32" || size(b.shape) !== 1 || b.shape.length > a.shape.length) {
    return runWasm(backend, Pow, { a, b });
  }
  const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const out = backend.makeOutput(outShape, "float32");
  const base = heapView(backend, a) as Float32Array;
  const exponent = (heapView(backend, b) as Float32Array)[0];
  const result = heapView(backend, out) as Float32Array;
  for (let i = 0; i < base.length; i++) result[i] = Math.pow(base[i], exponent);
  return out;
}

export const powConfig: KernelConfig = { kernelName: Pow, backendName: "wasm", kernelFunc: pow as unknown as KernelFunc };

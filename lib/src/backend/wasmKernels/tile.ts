import { Tile } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo, TileAttrs } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, size, type KernelArgs } from "./wasmBackend.js";

/**
 * Tile through heap views: each output row (last axis) is its source row copied `reps` times, or
 * one fill when the source row is a single value. The wasm kernel indexes every element through
 * generic strides (~50 ms per [32, 32, 64] tile of the layer norms' mean and scale, a third of a
 * transformer step).
 */
function tile({ inputs, backend: kernelBackend, attrs }: KernelArgs<TileAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const x = inputs.x as TensorInfo;
  const { reps } = attrs;
  if (x.dtype === "string" || x.shape.length === 0 || reps.length !== x.shape.length) {
    return runWasm(backend, Tile, { x }, attrs);
  }
  const rank = x.shape.length;
  const outShape = x.shape.map((d, i) => d * reps[i]);
  const out = backend.makeOutput(outShape, x.dtype);
  if (size(outShape) === 0) return out;
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  const inner = x.shape[rank - 1];
  const innerReps = reps[rank - 1];
  const rowLength = inner * innerReps;
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1] * x.shape[i + 1];
  const rows = size(outShape.slice(0, -1));
  const counter = new Array<number>(rank - 1).fill(0);
  for (let r = 0, o = 0; r < rows; r++, o += rowLength) {
    let s = 0;
    for (let i = 0; i < rank - 1; i++) s += (counter[i] % x.shape[i]) * strides[i];
    if (inner === 1) dst.fill(src[s], o, o + rowLength);
    else for (let k = 0; k < innerReps; k++) dst.set(src.subarray(s, s + inner), o + k * inner);
    for (let i = rank - 2; i >= 0; i--) {
      if (++counter[i] < outShape[i]) break;
      counter[i] = 0;
    }
  }
  return out;
}

export const tileConfig: KernelConfig = { kernelName: Tile, backendName: "wasm", kernelFunc: tile as unknown as KernelFunc };

import { GatherV2 } from "@tensorflow/tfjs";
import type { GatherV2Attrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, size, type KernelArgs } from "./wasmBackend.js";

/**
 * GatherV2 (the forward pass of every Embedding) as row copies through heap views: the wasm kernel
 * took ~30 ms to gather 3,200 rows of 128 floats. Batched gathers go to the wasm kernel.
 */
function gatherV2({ inputs, backend: kernelBackend, attrs }: KernelArgs<GatherV2Attrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const x = inputs.x as TensorInfo;
  const indices = inputs.indices as TensorInfo;
  const { axis, batchDims = 0 } = attrs;
  if (batchDims !== 0 || indices.dtype !== "int32" || x.dtype === "string") {
    return runWasm(backend, GatherV2, { x, indices }, attrs);
  }
  const $axis = axis < 0 ? axis + x.shape.length : axis;
  const outer = size(x.shape.slice(0, $axis));
  const rows = x.shape[$axis];
  const inner = size(x.shape.slice($axis + 1));
  const outShape = [...x.shape.slice(0, $axis), ...indices.shape, ...x.shape.slice($axis + 1)];
  const out = backend.makeOutput(outShape, x.dtype);
  const src = heapView(backend, x);
  const ids = heapView(backend, indices) as Int32Array;
  const dst = heapView(backend, out);
  let o = 0;
  for (let b = 0; b < outer; b++) {
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      if (id < 0 || id >= rows) {
        backend.disposeData(out.dataId);
        throw new Error(`GatherV2: indices[${i}] = ${id} is not in [0, ${rows - 1}]`);
      }
      const s = (b * rows + id) * inner;
      dst.set(src.subarray(s, s + inner), o);
      o += inner;
    }
  }
  return out;
}

export const gatherV2Config: KernelConfig = {
  kernelName: GatherV2,
  backendName: "wasm",
  kernelFunc: gatherV2 as unknown as KernelFunc,
};

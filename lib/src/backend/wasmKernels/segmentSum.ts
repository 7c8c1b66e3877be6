import { ScatterNd, UnsortedSegmentSum } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo, UnsortedSegmentSumAttrs } from "@tensorflow/tfjs";
import { asWasm, free, heapView, reshape, runWasm, size, type KernelArgs, type WasmBackend } from "./wasmBackend.js";

/**
 * UnsortedSegmentSum (the gradient of every Embedding/gather) as a ScatterNd, which adds rows that
 * share an id. Ids outside [0, numSegments) are dropped, as TensorFlow does.
 */
function unsortedSegmentSum({ inputs, backend: kernelBackend, attrs }: KernelArgs<UnsortedSegmentSumAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const x = inputs.x as TensorInfo;
  const segmentIds = inputs.segmentIds as TensorInfo;
  const { numSegments } = attrs;
  if (!Number.isInteger(numSegments) || numSegments < 0) {
    throw new Error(`UnsortedSegmentSum numSegments must be a non-negative integer; got ${numSegments}`);
  }
  if (segmentIds.dtype !== "int32") {
    throw new Error(`UnsortedSegmentSum segmentIds must be int32; got ${segmentIds.dtype}`);
  }
  const idRank = segmentIds.shape.length;
  if (x.shape.slice(0, idRank).join(",") !== segmentIds.shape.join(",")) {
    throw new Error(`UnsortedSegmentSum segmentIds shape [${segmentIds.shape}] must be a prefix of x shape [${x.shape}]`);
  }
  const rowShape = x.shape.slice(idRank);
  const rowSize = size(rowShape);
  const count = size(segmentIds.shape);
  const outShape = [numSegments, ...rowShape];

  const ids = heapView(backend, segmentIds) as Int32Array;
  let kept = 0;
  for (let i = 0; i < count; i++) if (ids[i] >= 0 && ids[i] < numSegments) kept++;

  let indices: TensorInfo;
  let updates: TensorInfo;
  if (kept === count) {
    indices = reshape(backend, segmentIds, [count, 1]);
    updates = reshape(backend, x, [count, ...rowShape]);
  } else {
    [indices, updates] = keepInRange(backend, x, segmentIds, kept, numSegments, rowShape, rowSize);
  }
  const out = kept === 0
    ? zeros(backend, outShape, x.dtype)
    : runWasm(backend, ScatterNd, { indices, updates }, { shape: outShape });
  free(backend, indices, updates);
  return out;
}

function keepInRange(
  backend: WasmBackend,
  x: TensorInfo,
  segmentIds: TensorInfo,
  kept: number,
  numSegments: number,
  rowShape: number[],
  rowSize: number,
): [TensorInfo, TensorInfo] {
  const indices = backend.makeOutput([kept, 1], "int32");
  const updates = backend.makeOutput([kept, ...rowShape], x.dtype);
  const ids = heapView(backend, segmentIds) as Int32Array;
  const rows = heapView(backend, x);
  const keptIds = heapView(backend, indices) as Int32Array;
  const keptRows = heapView(backend, updates);
  let k = 0;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] < 0 || ids[i] >= numSegments) continue;
    keptIds[k] = ids[i];
    keptRows.set(rows.subarray(i * rowSize, (i + 1) * rowSize), k * rowSize);
    k++;
  }
  return [indices, updates];
}

function zeros(backend: WasmBackend, shape: number[], dtype: TensorInfo["dtype"]): TensorInfo {
  const out = backend.makeOutput(shape, dtype);
  heapView(backend, out).fill(0);
  return out;
}

export const unsortedSegmentSumConfig: KernelConfig = {
  kernelName: UnsortedSegmentSum,
  backendName: "wasm",
  kernelFunc: unsortedSegmentSum as unknown as KernelFunc,
};

import * as tf from "@tensorflow/tfjs";
import { Slice, SplitV, Unpack } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, SliceAttrs, SplitVAttrs, TensorInfo, UnpackAttrs } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, size, type KernelArgs, type WasmBackend } from "./wasmBackend.js";

/**
 * Copies x[begin : begin + extent] out of the wasm heap. The wasm Slice kernel first copies the
 * whole input out of the heap (`readSync`) for every slice; this reads through a view instead and
 * copies each contiguous run of the slice once.
 */
export function sliceFromHeap(backend: WasmBackend, x: TensorInfo, begin: number[], extent: number[]): TensorInfo {
  if (x.dtype === "string") return runWasm(backend, Slice, { x }, { begin, size: extent });
  const out = backend.makeOutput(extent, x.dtype);
  const total = size(extent);
  if (total === 0) return out;
  const rank = x.shape.length;
  const src = heapView(backend, x);
  const dst = heapView(backend, out);

  // Trailing axes taken whole merge into one run with the last partially taken axis.
  let axis = Math.max(rank - 1, 0);
  let run = extent[axis] ?? 1;
  while (axis > 0 && extent[axis] === x.shape[axis]) {
    axis--;
    run *= extent[axis];
  }
  const strides = new Array<number>(rank).fill(1);
  for (let i = rank - 2; i >= 0; i--) strides[i] = strides[i + 1] * x.shape[i + 1];
  let base = 0;
  for (let i = 0; i < rank; i++) base += begin[i] * strides[i];

  const outer = total / run;
  const counter = new Array<number>(axis).fill(0);
  let offset = base;
  for (let r = 0; r < outer; r++) {
    dst.set(src.subarray(offset, offset + run), r * run);
    for (let i = axis - 1; i >= 0; i--) {
      counter[i]++;
      offset += strides[i];
      if (counter[i] < extent[i]) break;
      offset -= counter[i] * strides[i];
      counter[i] = 0;
    }
  }
  return out;
}

function slice({ inputs, backend, attrs }: KernelArgs<SliceAttrs>): TensorInfo {
  const x = inputs.x as TensorInfo;
  const { begin, size: extent } = attrs;
  const [begin_, size_] = tf.slice_util.parseSliceParams(x as tf.TensorInfo as tf.Tensor, begin, extent);
  return sliceFromHeap(asWasm(backend), x, begin_, size_);
}

function splitV({ inputs, backend, attrs }: KernelArgs<SplitVAttrs>): TensorInfo[] {
  const x = inputs.x as TensorInfo;
  const { numOrSizeSplits, axis } = attrs;
  const $axis = tf.util.parseAxisParam(axis, x.shape)[0];
  const sizes = tf.backend_util.prepareSplitSize(x as tf.TensorInfo as tf.Tensor, numOrSizeSplits, $axis);
  const begin = new Array<number>(x.shape.length).fill(0);
  return sizes.map((s) => {
    const extent = [...x.shape];
    extent[$axis] = s;
    const part = sliceFromHeap(asWasm(backend), x, begin, extent);
    begin[$axis] += s;
    return part;
  });
}

function unpack({ inputs, backend, attrs }: KernelArgs<UnpackAttrs>): TensorInfo[] {
  const value = inputs.value as TensorInfo;
  const rank = value.shape.length;
  const axis = (attrs.axis + rank) % rank;
  const outShape = value.shape.filter((_, i) => i !== axis);
  const begin = new Array<number>(rank).fill(0);
  const extent = [...value.shape];
  extent[axis] = 1;
  const outs: TensorInfo[] = [];
  for (let i = 0; i < value.shape[axis]; i++) {
    begin[axis] = i;
    const part = sliceFromHeap(asWasm(backend), value, begin, extent);
    outs.push({ dataId: part.dataId, dtype: part.dtype, shape: outShape });
  }
  return outs;
}

export const sliceConfig: KernelConfig = { kernelName: Slice, backendName: "wasm", kernelFunc: slice as unknown as KernelFunc };
export const splitVConfig: KernelConfig = { kernelName: SplitV, backendName: "wasm", kernelFunc: splitV as unknown as KernelFunc };
export const unpackConfig: KernelConfig = { kernelName: Unpack, backendName: "wasm", kernelFunc: unpack as unknown as KernelFunc };

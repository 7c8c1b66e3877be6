import * as tf from "@tensorflow/tfjs";
import { Equal, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalOr, NotEqual } from "@tensorflow/tfjs";
import type { KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, size, type HeapArray, type KernelArgs } from "./wasmBackend.js";

const COMPARISONS = [Equal, NotEqual, Greater, GreaterEqual, Less, LessEqual, LogicalAnd, LogicalOr] as const;
type Comparison = (typeof COMPARISONS)[number];

// One loop per comparison: a shared loop calling a comparison function is megamorphic and ran
// 10× slower (60 ms of an LSTM step).
function compareRun(
  op: Comparison, out: HeapArray, o: number, a: HeapArray, ai: number, as: number, b: HeapArray, bi: number, bs: number, n: number,
): void {
  switch (op) {
    case Equal:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] === b[bi + j * bs] ? 1 : 0;
      break;
    case NotEqual:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] !== b[bi + j * bs] ? 1 : 0;
      break;
    case Greater:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] > b[bi + j * bs] ? 1 : 0;
      break;
    case GreaterEqual:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] >= b[bi + j * bs] ? 1 : 0;
      break;
    case Less:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] < b[bi + j * bs] ? 1 : 0;
      break;
    case LessEqual:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] <= b[bi + j * bs] ? 1 : 0;
      break;
    case LogicalAnd:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] !== 0 && b[bi + j * bs] !== 0 ? 1 : 0;
      break;
    case LogicalOr:
      for (let j = 0; j < n; j++) out[o + j] = a[ai + j * as] !== 0 || b[bi + j * bs] !== 0 ? 1 : 0;
      break;
  }
}

function broadcastStrides(shape: number[], outShape: number[]): number[] {
  const aligned = [...new Array<number>(outShape.length - shape.length).fill(1), ...shape];
  const strides = new Array<number>(outShape.length).fill(0);
  let stride = 1;
  for (let i = aligned.length - 1; i >= 0; i--) {
    strides[i] = aligned[i] === 1 ? 0 : stride;
    stride *= aligned[i];
  }
  return strides;
}

/**
 * Comparisons whose operands have different shapes, broadcast through heap views. The wasm
 * kernels index every element through generic broadcasting at ~400 ns each (170 ms for the
 * GlobalMaxPool gradient of the Conv1D text model); same-shape comparisons stay on wasm.
 */
function compareKernel(kernelName: Comparison): KernelConfig {
  const kernelFunc = ({ inputs, backend: kernelBackend }: KernelArgs<object>): TensorInfo => {
    const backend = asWasm(kernelBackend);
    const a = inputs.a as TensorInfo;
    const b = inputs.b as TensorInfo;
    if (a.shape.join(",") === b.shape.join(",") || a.dtype === "string" || b.dtype === "string") {
      return runWasm(backend, kernelName, { a, b });
    }
    const outShape = tf.backend_util.assertAndGetBroadcastShape(a.shape, b.shape);
    const out = backend.makeOutput(outShape, "bool");
    const total = size(outShape);
    if (total === 0) return out;
    const av = heapView(backend, a);
    const bv = heapView(backend, b);
    const ov = heapView(backend, out);
    const rank = outShape.length;
    const aStrides = broadcastStrides(a.shape, outShape);
    const bStrides = broadcastStrides(b.shape, outShape);
    const inner = rank === 0 ? 1 : outShape[rank - 1];
    const aInner = rank === 0 ? 0 : aStrides[rank - 1];
    const bInner = rank === 0 ? 0 : bStrides[rank - 1];
    const counter = new Array<number>(Math.max(rank - 1, 0)).fill(0);
    let aOff = 0;
    let bOff = 0;
    for (let o = 0; o < total; o += inner) {
      compareRun(kernelName, ov, o, av, aOff, aInner, bv, bOff, bInner, inner);
      for (let i = rank - 2; i >= 0; i--) {
        counter[i]++;
        aOff += aStrides[i];
        bOff += bStrides[i];
        if (counter[i] < outShape[i]) break;
        aOff -= counter[i] * aStrides[i];
        bOff -= counter[i] * bStrides[i];
        counter[i] = 0;
      }
    }
    return out;
  };
  return { kernelName, backendName: "wasm", kernelFunc: kernelFunc as unknown as KernelFunc };
}

export const broadcastCompareConfigs: KernelConfig[] = COMPARISONS.map(compareKernel);

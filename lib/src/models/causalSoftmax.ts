import { tf } from "../backend/index.js";
import type { KernelBackend, KernelFunc, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";
import { valueAccessByBackend, type ValueAccess } from "./backendValues.js";

const FORWARD = "TsdlCausalSoftmax";
const BACKWARD = "TsdlCausalSoftmaxGrad";

interface ScaleAttrs {
  divisor: number;
}

function lastTwo(shape: number[], what: string): [number, number] {
  const [rows, cols] = shape.slice(-2);
  if (shape.length < 2 || rows !== cols) throw new Error(`${what} must end in a square [T, T]; got [${shape}]`);
  return [rows, cols];
}

// Row i of each [T, T] block: softmax over j ≤ i of x / divisor; later positions get exactly 0, as
// adding causalMask's −1e9 gives them.
function forward(access: ValueAccess) {
  return ({ inputs, backend, attrs }: { inputs: NamedTensorInfoMap; backend: KernelBackend; attrs: ScaleAttrs }): TensorInfo => {
    const x = inputs.x as TensorInfo;
    const [length] = lastTwo(x.shape, `${FORWARD}: x`);
    const out = access.output(backend, x.shape);
    const src = access.values(backend, x);
    const dst = access.values(backend, out);
    const { divisor } = attrs;
    for (let row = 0; row < src.length / length; row++) {
      const at = row * length;
      const visible = (row % length) + 1;
      let max = -Infinity;
      for (let j = 0; j < visible; j++) max = Math.max(max, src[at + j] / divisor);
      let sum = 0;
      for (let j = 0; j < visible; j++) {
        const e = Math.exp(src[at + j] / divisor - max);
        dst[at + j] = e;
        sum += e;
      }
      for (let j = 0; j < visible; j++) dst[at + j] /= sum;
      for (let j = visible; j < length; j++) dst[at + j] = 0;
    }
    return out;
  };
}

// dx = w ⊙ (dw − Σⱼ dwⱼ wⱼ) / divisor, row by row.
function backward(access: ValueAccess) {
  return ({ inputs, backend, attrs }: { inputs: NamedTensorInfoMap; backend: KernelBackend; attrs: ScaleAttrs }): TensorInfo => {
    const dy = inputs.dy as TensorInfo;
    const w = inputs.w as TensorInfo;
    const [length] = lastTwo(w.shape, `${BACKWARD}: w`);
    const out = access.output(backend, w.shape);
    const g = access.values(backend, dy);
    const p = access.values(backend, w);
    const dx = access.values(backend, out);
    for (let at = 0; at < p.length; at += length) {
      let dot = 0;
      for (let j = 0; j < length; j++) dot += g[at + j] * p[at + j];
      for (let j = 0; j < length; j++) dx[at + j] = (p[at + j] * (g[at + j] - dot)) / attrs.divisor;
    }
    return out;
  };
}

for (const [backendName, access] of Object.entries(valueAccessByBackend)) {
  tf.registerKernel({ kernelName: FORWARD, backendName, kernelFunc: forward(access) as unknown as KernelFunc });
  tf.registerKernel({ kernelName: BACKWARD, backendName, kernelFunc: backward(access) as unknown as KernelFunc });
}

function fused(divisor: number): (scores: tf.Tensor) => tf.Tensor {
  const f = (x: tf.Tensor, save: (tensors: tf.Tensor[]) => void) => {
    const w = tf.engine().runKernel(FORWARD, { x }, { divisor } as unknown as tf.NamedAttrMap) as tf.Tensor;
    save([w]);
    return {
      value: w,
      gradFunc: (dy: tf.Tensor, [saved]: tf.Tensor[]) =>
        tf.engine().runKernel(BACKWARD, { dy, w: saved }, { divisor } as unknown as tf.NamedAttrMap) as tf.Tensor,
    };
  };
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (scores: tf.Tensor) => tf.Tensor;
}

/**
 * softmax(scores / divisor + causalMask(T)) over the last axis of `[…, T, T]` scores: attention's
 * scale, mask and softmax in one kernel forward and one backward on cpu and wasm (instead of three
 * ops, the mask's upload and five gradient ops); by those ops on other backends.
 */
export function causalSoftmax(scores: tf.Tensor, divisor: number, mask: (length: number) => tf.Tensor2D): tf.Tensor {
  if (tf.getKernel(FORWARD, tf.getBackend()) === undefined) {
    return tf.softmax(tf.add(tf.div(scores, divisor), mask(scores.shape[scores.rank - 1])));
  }
  return fused(divisor)(scores);
}

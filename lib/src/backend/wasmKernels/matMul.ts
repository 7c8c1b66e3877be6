import { Add, BatchMatMul, Elu, LeakyRelu, Prelu, Relu, Relu6, Sigmoid, _FusedMatMul } from "@tensorflow/tfjs";
import type { BatchMatMulAttrs, KernelConfig, KernelFunc, TensorInfo, _FusedMatMulAttrs } from "@tensorflow/tfjs";
import { onAllThreads } from "../wasmThreads.js";
import { asWasm, free, reshape, runWasm, size, transpose, type KernelArgs, type WasmBackend } from "./wasmBackend.js";
import { byteOffset, simdKernelsOf } from "./simd/simdKernels.js";

function batchOf(shape: number[]): number {
  return size(shape.slice(0, -2));
}

function broadcastBatch(a: number[], b: number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new Error(`matMul batch dimensions must broadcast; got [${a}] and [${b}]`);
    }
    out.push(Math.max(da, db));
  }
  return out;
}

// Rank 3 with the matrix as stored; a transposed operand is materialised by Transpose because the
// wasm BatchMatMul is 13–33× slower with a transpose flag than without.
function asPlainMatrices(backend: WasmBackend, x: TensorInfo, transposed: boolean): TensorInfo {
  const rank = x.shape.length;
  const rows = x.shape[rank - 2];
  const cols = x.shape[rank - 1];
  const x3 = reshape(backend, x, [batchOf(x.shape), rows, cols]);
  if (!transposed) return x3;
  const t = transpose(backend, x3, [0, 2, 1]);
  free(backend, x3);
  return t;
}

// The wasm BatchMatMul packs b into an XNNPACK operator cached per b tensor. An RNN multiplies
// by the same Wᵀ at every timestep of its backward pass, so recent transposes of b are kept (and
// freed when evicted): the operator is then packed once per step instead of once per timestep.
const RECENT_TRANSPOSES = 8;
const recentTransposes = new Map<object, TensorInfo>();

function transposedWeights(backend: WasmBackend, b: TensorInfo): TensorInfo {
  const cached = recentTransposes.get(b.dataId);
  if (cached !== undefined) {
    recentTransposes.delete(b.dataId);
    recentTransposes.set(b.dataId, cached);
    return cached;
  }
  const t = asPlainMatrices(backend, b, true);
  recentTransposes.set(b.dataId, t);
  if (recentTransposes.size > RECENT_TRANSPOSES) {
    const [oldest, evicted] = recentTransposes.entries().next().value as [object, TensorInfo];
    recentTransposes.delete(oldest);
    free(backend, evicted);
  }
  return t;
}

/**
 * Products above this many multiply-adds run on every wasm thread, smaller ones on the calling
 * thread: XNNPACK's pool costs more to wake than it saves below it (CPU µs per product, one thread
 * vs two, side by side on the shared 2-core machine: 0.5 M MACs 78–158 vs 714–1,064; 4 M: 345–409
 * vs 1,312–1,743; 17 M: 1,580–2,106 vs 3,078–3,654; on a quiet machine two threads took ~0.5 ms for
 * each 0.5 M product of an LSTM step).
 */
export const ONE_THREAD_MAX_MACS = 8 * 2 ** 20;

/** a·b for float32 tensors of rank ≥ 2 with broadcast batch dimensions, via the plain wasm kernel. */
export function plainBatchMatMul(
  backend: WasmBackend,
  a: TensorInfo,
  b: TensorInfo,
  transposeA: boolean,
  transposeB: boolean,
): TensorInfo {
  const aRank = a.shape.length;
  const bRank = b.shape.length;
  const outerA = transposeA ? a.shape[aRank - 1] : a.shape[aRank - 2];
  const innerA = transposeA ? a.shape[aRank - 2] : a.shape[aRank - 1];
  const innerB = transposeB ? b.shape[bRank - 1] : b.shape[bRank - 2];
  const outerB = transposeB ? b.shape[bRank - 2] : b.shape[bRank - 1];
  if (innerA !== innerB) {
    throw new Error(
      `matMul inner dimensions must match; got a [${a.shape}] (transposeA=${transposeA}) and b [${b.shape}] (transposeB=${transposeB})`,
    );
  }
  const outShape = [...broadcastBatch(a.shape.slice(0, -2), b.shape.slice(0, -2)), outerA, outerB];
  let a3 = asPlainMatrices(backend, a, transposeA);
  const b3 = transposeB ? transposedWeights(backend, b) : asPlainMatrices(backend, b, false);
  const batchA = a3.shape[0];
  if (batchA > 1 && b3.shape[0] === 1) {
    // A batch against one shared matrix is one tall product, which XNNPACK runs (batches > 1 go
    // to the kernel's naive loop).
    const tall = reshape(backend, a3, [1, batchA * outerA, innerA]);
    free(backend, a3);
    a3 = tall;
  }
  const product = () => runWasm(backend, BatchMatMul, { a: a3, b: b3 }, { transposeA: false, transposeB: false });
  const macs = size(outShape) * innerA;
  const simd = a3.shape[0] > 1 && b3.shape[0] === a3.shape[0] && a.dtype === "float32" ? simdKernelsOf(backend) : undefined;
  let out3: TensorInfo;
  if (simd !== undefined) {
    // Pairs of matrices (attention's heads): tfjs's loop for batches > 1 ran the transformer's
    // [32·4, 32, 16]·[32·4, 16, 32] in 3.4 ms a call, this path (transposes included) in ~1.2.
    out3 = backend.makeOutput([a3.shape[0], outerA, outerB], "float32");
    simd.batchMatMul(byteOffset(backend, a3), byteOffset(backend, b3), byteOffset(backend, out3), a3.shape[0], outerA, innerA, outerB);
  } else {
    out3 = macs > ONE_THREAD_MAX_MACS ? onAllThreads(product) : product();
  }
  free(backend, a3);
  if (!transposeB) free(backend, b3);
  const out = reshape(backend, out3, outShape);
  free(backend, out3);
  return out;
}

function batchMatMul({ inputs, backend, attrs }: KernelArgs<BatchMatMulAttrs>): TensorInfo {
  const { transposeA, transposeB } = attrs;
  return plainBatchMatMul(asWasm(backend), inputs.a as TensorInfo, inputs.b as TensorInfo, transposeA, transposeB);
}

function applyActivation(
  backend: WasmBackend,
  x: TensorInfo,
  activation: string,
  preluWeights: TensorInfo | undefined,
  leakyreluAlpha: number | undefined,
): TensorInfo {
  switch (activation) {
    case "linear":
      return x;
    case "relu":
      return runWasm(backend, Relu, { x });
    case "relu6":
      return runWasm(backend, Relu6, { x });
    case "elu":
      return runWasm(backend, Elu, { x });
    case "sigmoid":
      return runWasm(backend, Sigmoid, { x });
    case "leakyrelu":
      return runWasm(backend, LeakyRelu, { x }, { alpha: leakyreluAlpha ?? 0.2 });
    case "prelu":
      if (preluWeights === undefined) throw new Error("_FusedMatMul with activation prelu needs preluActivationWeights");
      return runWasm(backend, Prelu, { x, alpha: preluWeights });
    default:
      throw new Error(
        `_FusedMatMul activation must be one of linear, relu, relu6, elu, sigmoid, leakyrelu, prelu; got ${JSON.stringify(activation)}`,
      );
  }
}

// The wasm _FusedMatMul is off by up to 0.58 with bias + relu when an operand is transposed or the
// batch is > 1, so the fused op is computed as matmul, then bias, then activation.
function fusedMatMul({ inputs, backend: kernelBackend, attrs }: KernelArgs<_FusedMatMulAttrs>): TensorInfo {
  const backend = asWasm(kernelBackend);
  const { transposeA, transposeB, activation, leakyreluAlpha } = attrs;
  const { a, b, bias, preluActivationWeights } = inputs as Record<string, TensorInfo | undefined>;
  let out = plainBatchMatMul(backend, a as TensorInfo, b as TensorInfo, transposeA, transposeB);
  if (bias !== undefined) {
    const withBias = runWasm(backend, Add, { a: out, b: bias });
    free(backend, out);
    out = withBias;
  }
  const activated = applyActivation(backend, out, activation, preluActivationWeights, leakyreluAlpha);
  if (activated !== out) free(backend, out);
  return activated;
}

export const batchMatMulConfig: KernelConfig = {
  kernelName: BatchMatMul,
  backendName: "wasm",
  kernelFunc: batchMatMul as unknown as KernelFunc,
};

export const fusedMatMulConfig: KernelConfig = {
  kernelName: _FusedMatMul,
  backendName: "wasm",
  kernelFunc: fusedMatMul as unknown as KernelFunc,
};

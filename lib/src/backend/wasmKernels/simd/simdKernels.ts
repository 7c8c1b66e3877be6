import type { TensorInfo } from "@tensorflow/tfjs";
import { SHARED_MEMORY_MODULE, UNSHARED_MEMORY_MODULE } from "./simdKernelsBinary.js";

/** What the loops need of tfjs-backend-wasm's backend (declared here: simd/ imports nothing of wasmKernels/). */
interface BackendMemory {
  /** The Emscripten module. */
  wasm: object;
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
}

/** simdKernels.wat's exports; pointers are byte offsets in the backend's memory. */
export interface SimdKernels {
  /** y[0, n) += a · x[0, n) */
  axpy(y: number, x: number, n: number, a: number): void;
  /** Writes the indices of src[0, n)'s nonzero floats to out and returns how many, stopping after limit + 1. */
  nonzeros(src: number, n: number, out: number, limit: number): number;
  /** 1 if src[0, n) is all finite, else 0. */
  allFinite(src: number, n: number): number;
  /** out[i] = a[i]·b[i] for `batch` pairs of an m×k and a k×n matrix, stored plainly. */
  batchMatMul(a: number, b: number, out: number, batch: number, m: number, k: number, n: number): void;
  /** 2×2/2 MaxPoolGrad over channels in fours; 0 if some window needs cpu's search, else 1. */
  maxPoolGrad2x2(
    x: number, y: number, dy: number, dx: number,
    batch: number, inHeight: number, inWidth: number, channels: number, outHeight: number, outWidth: number,
  ): number;
  adam(
    x: number, m: number, v: number, g: number, x1: number, m1: number, v1: number, n: number,
    beta1: number, keep1: number, beta2: number, keep2: number, step: number, scale: number, epsilon: number,
  ): void;
}

/** Where Emscripten keeps the memory: the threaded build makes it, the other exports it. */
interface EmscriptenMemory {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: unknown };
}

const byMemory = new WeakMap<WebAssembly.Memory, SimdKernels | null>();

/**
 * The kernels on the backend's own memory, instantiated once per memory (a module this small
 * compiles synchronously on the browser's main thread too); undefined where wasm SIMD is missing.
 */
export function simdKernelsOf(backend: BackendMemory): SimdKernels | undefined {
  const module = backend.wasm as EmscriptenMemory;
  const memory = module.wasmMemory ?? module.asm?.memory;
  if (!(memory instanceof WebAssembly.Memory)) return undefined;
  let kernels = byMemory.get(memory);
  if (kernels === undefined) {
    const shared = typeof SharedArrayBuffer !== "undefined" && memory.buffer instanceof SharedArrayBuffer;
    try {
      const bytes = Uint8Array.from(atob(shared ? SHARED_MEMORY_MODULE : UNSHARED_MEMORY_MODULE), (c) => c.charCodeAt(0));
      const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
      kernels = instance.exports as unknown as SimdKernels;
    } catch {
      kernels = null;
    }
    byMemory.set(memory, kernels);
  }
  return kernels ?? undefined;
}

/** Where a tensor's values start in the backend's memory, in bytes. */
export function byteOffset(backend: BackendMemory, info: TensorInfo): number {
  return backend.dataIdMap.get(info.dataId).memoryOffset;
}

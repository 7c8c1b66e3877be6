import * as tf from "@tensorflow/tfjs";
import { Reshape, Transpose } from "@tensorflow/tfjs";
import type { DataType, KernelBackend, NamedAttrMap, NamedTensorInfoMap, TensorInfo } from "@tensorflow/tfjs";

/** The parts of tfjs-backend-wasm's `BackendWasm` that the kernels here use (it exports no such type). */
export interface WasmBackend extends KernelBackend {
  dataIdMap: { get(dataId: object): { id: number; memoryOffset: number; shape: number[]; dtype: DataType } };
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
  disposeData(dataId: object, force?: boolean): boolean;
  /** The Emscripten module. */
  wasm: object;
}

export type HeapArray = Float32Array | Int32Array | Uint8Array;

/** A kernel's arguments, with its attributes typed by tfjs's `…Attrs` interface. */
export interface KernelArgs<Attrs extends object = NamedAttrMap> {
  inputs: NamedTensorInfoMap;
  backend: KernelBackend;
  attrs: Attrs;
}

type RawKernelFunc = (args: KernelArgs<object>) => TensorInfo | TensorInfo[];

// The wasm kernels that this module replaces, captured before replacement so the replacements
// can still call them (e.g. the fast non-transposed BatchMatMul).
const replacedKernels = new Map<string, RawKernelFunc>();

export function rememberOriginal(kernelName: string): void {
  const config = tf.getKernel(kernelName, "wasm");
  if (config !== undefined && !replacedKernels.has(kernelName)) {
    replacedKernels.set(kernelName, config.kernelFunc as unknown as RawKernelFunc);
  }
}

function wasmKernelFunc(kernelName: string): RawKernelFunc {
  const original = replacedKernels.get(kernelName);
  if (original) return original;
  const config = tf.getKernel(kernelName, "wasm");
  if (config === undefined) throw new Error(`the wasm backend has no ${kernelName} kernel`);
  return config.kernelFunc as unknown as RawKernelFunc;
}

/**
 * Runs one of tfjs-backend-wasm's own kernels directly (bypassing the engine, as tfjs kernels
 * do among themselves), so intermediate results are plain TensorInfos freed with `free`.
 */
export function runWasm(
  backend: WasmBackend,
  kernelName: string,
  inputs: NamedTensorInfoMap,
  attrs: object = {},
): TensorInfo {
  const out = wasmKernelFunc(kernelName)({ inputs, backend, attrs });
  if (Array.isArray(out)) throw new Error(`${kernelName} returned ${out.length} tensors; expected one`);
  return out;
}

/** Frees intermediate results of `runWasm` (reshapes share data, so this only drops a reference). */
export function free(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}

export function reshape(backend: WasmBackend, x: TensorInfo, shape: number[]): TensorInfo {
  return runWasm(backend, Reshape, { x }, { shape });
}

export function transpose(backend: WasmBackend, x: TensorInfo, perm: number[]): TensorInfo {
  return runWasm(backend, Transpose, { x }, { perm });
}

/**
 * A view of a tensor's bytes in the wasm heap, valid until the next allocation (which may grow
 * the heap and detach the view), so take views only after creating every output.
 */
export function heapView(backend: WasmBackend, info: TensorInfo): HeapArray {
  return backend.typedArrayFromHeap(info);
}

export function asWasm(backend: KernelBackend): WasmBackend {
  return backend as WasmBackend;
}

export function size(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

import type { DataType, KernelBackend, TensorInfo } from "@tensorflow/tfjs";

/** Where a backend keeps float32 tensor values, and how it makes an output, for lib's JS kernels. */
export interface ValueAccess {
  values(backend: KernelBackend, info: TensorInfo): Float32Array;
  /** Allocates an output of `shape`; `values` of it is valid once every output is allocated. */
  output(backend: KernelBackend, shape: number[]): TensorInfo;
}

interface CpuBackend extends KernelBackend {
  data: { get(dataId: object): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: DataType, values: Float32Array): TensorInfo;
}

interface WasmBackend extends KernelBackend {
  makeOutput(shape: number[], dtype: DataType): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
}

const cpuAccess: ValueAccess = {
  values: (backend, info) => (backend as CpuBackend).data.get(info.dataId).values,
  output: (backend, shape) => (backend as CpuBackend).makeTensorInfo(shape, "float32", new Float32Array(shape.reduce((n, d) => n * d, 1))),
};

const wasmAccess: ValueAccess = {
  // A heap view: taken after every output is made, since an allocation may grow (detach) the heap.
  values: (backend, info) => (backend as WasmBackend).typedArrayFromHeap(info),
  output: (backend, shape) => (backend as WasmBackend).makeOutput(shape, "float32"),
};

/** The backends whose tensors lib's JS kernels read and write directly. */
export const valueAccessByBackend = { cpu: cpuAccess, wasm: wasmAccess } as const;

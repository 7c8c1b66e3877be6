import { Cast, Identity } from "@tensorflow/tfjs";
import type { CastAttrs, KernelConfig, KernelFunc, TensorInfo } from "@tensorflow/tfjs";
import { asWasm, heapView, runWasm, type KernelArgs, type WasmBackend } from "./wasmBackend.js";

// Tensors are immutable, so a copy can share its data as tfjs-backend-cpu does (the wasm kernels
// copy). The engine clones every tensor it saves for the backward pass, ~5,000 per LSTM step.
function share({ inputs, backend }: KernelArgs<object>): TensorInfo {
  const x = inputs.x as TensorInfo;
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function identity(args: KernelArgs<object>): TensorInfo {
  const x = args.inputs.x as TensorInfo;
  return x.dtype === "string" ? runWasm(asWasm(args.backend), Identity, { x }) : share(args);
}

// The wasm Cast copies values with TypedArray.set, which turns 2.0 into bool 2 and -1 into 255.
function toBool(backend: WasmBackend, x: TensorInfo): TensorInfo {
  const out = backend.makeOutput(x.shape, "bool");
  const src = heapView(backend, x);
  const dst = heapView(backend, out);
  for (let i = 0; i < src.length; i++) dst[i] = src[i] !== 0 ? 1 : 0;
  return out;
}

function cast(args: KernelArgs<CastAttrs>): TensorInfo {
  const x = args.inputs.x as TensorInfo;
  const { dtype } = args.attrs;
  if (dtype === x.dtype && dtype !== "string") return share(args);
  if (dtype === "bool" && x.dtype !== "string") return toBool(asWasm(args.backend), x);
  return runWasm(asWasm(args.backend), Cast, { x }, { dtype });
}

export const identityConfig: KernelConfig = { kernelName: Identity, backendName: "wasm", kernelFunc: identity as unknown as KernelFunc };
export const castConfig: KernelConfig = { kernelName: Cast, backendName: "wasm", kernelFunc: cast as unknown as KernelFunc };

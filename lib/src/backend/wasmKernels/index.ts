import * as tf from "@tensorflow/tfjs";
import type { KernelConfig } from "@tensorflow/tfjs";
import { broadcastCompareConfigs } from "./broadcastCompare.js";
import { powConfig } from "./broadcastPow.js";
import { conv2DBackpropFilterConfig, conv2DBackpropInputConfig } from "./convBackprop.js";
import { gatherV2Config } from "./gather.js";
import { batchMatMulConfig, fusedMatMulConfig } from "./matMul.js";
import { maxPoolGradConfig } from "./maxPoolGrad.js";
import { unsortedSegmentSumConfig } from "./segmentSum.js";
import { castConfig, identityConfig } from "./identityAndCast.js";
import { sliceConfig, splitVConfig, unpackConfig } from "./slicing.js";
import { sumConfig } from "./sum.js";
import { tileConfig } from "./tile.js";
import { rememberOriginal } from "./wasmBackend.js";
import { onAllThreads } from "../wasmThreads.js";

/** The kernels `registerWasmTrainingKernels` registers on the wasm backend (some replace tfjs's own). */
export const wasmTrainingKernels: readonly KernelConfig[] = [
  conv2DBackpropFilterConfig,
  conv2DBackpropInputConfig,
  unsortedSegmentSumConfig,
  batchMatMulConfig,
  fusedMatMulConfig,
  sliceConfig,
  splitVConfig,
  unpackConfig,
  gatherV2Config,
  maxPoolGradConfig,
  sumConfig,
  identityConfig,
  castConfig,
  ...broadcastCompareConfigs,
  powConfig,
  tileConfig,
];

/** The kernels registered on the wasm backend by `registerWasmTrainingKernels`. */
export const wasmTrainingKernelNames: readonly string[] = wasmTrainingKernels.map((k) => k.kernelName);

/**
 * tfjs's kernels that run on every wasm thread (XNNPACK's convolutions and pooling, whose work per
 * call pays for waking the pool); every other op runs on the calling thread. The kernels registered
 * here choose for themselves (BatchMatMul by size; the conv gradients through these and BatchMatMul).
 */
export const allThreadsKernelNames: readonly string[] = [
  "Conv2D",
  "FusedConv2D",
  "DepthwiseConv2dNative",
  "FusedDepthwiseConv2D",
  "MaxPool",
  "AvgPool",
];

// Kept on globalThis so that two copies of lib (source and built) in one process install once.
const INSTALLED_KEY = Symbol.for("tsdl.wasmTrainingKernels.installed");
type GlobalWithFlag = typeof globalThis & { [INSTALLED_KEY]?: boolean };

/**
 * Makes the wasm backend train every course model: registers the gradient kernels it lacks and
 * replaces the slow or wrong ones. Idempotent; call after the wasm backend is initialised.
 */
export function registerWasmTrainingKernels(): void {
  const store = globalThis as GlobalWithFlag;
  if (store[INSTALLED_KEY]) return;
  store[INSTALLED_KEY] = true;
  for (const config of wasmTrainingKernels) {
    if (tf.getKernel(config.kernelName, "wasm") !== undefined) {
      rememberOriginal(config.kernelName);
      tf.unregisterKernel(config.kernelName, "wasm");
    }
    tf.registerKernel(config);
  }
  for (const name of allThreadsKernelNames) {
    const config = tf.getKernel(name, "wasm");
    if (config === undefined || wasmTrainingKernelNames.includes(name)) continue;
    const kernelFunc = config.kernelFunc;
    tf.unregisterKernel(name, "wasm");
    tf.registerKernel({ ...config, kernelFunc: (args) => onAllThreads(() => kernelFunc(args)) });
  }
}

import * as tf from "@tensorflow/tfjs";
import { holdNextCell } from "@tsdl/display";
import { onWasmSelected, selectBackend } from "./selectBackend.js";
import { registerTileGradient } from "./tileGradient.js";
import { registerWasmTrainingKernels } from "./wasmKernels/index.js";

onWasmSelected(registerWasmTrainingKernels);
registerTileGradient();

holdNextCell(selectBackend().ready);

export { tf };
export {
  BACKEND_ENV,
  backendInfo,
  backendReady,
  onWasmSelected,
  type BackendAttempt,
  type BackendInfo,
  type BackendName,
} from "./selectBackend.js";
export { registerTileGradient, tileGradient } from "./tileGradient.js";
export { registerWasmTrainingKernels, wasmTrainingKernelNames, wasmTrainingKernels } from "./wasmKernels/index.js";
export { WASM_THREADS_ENV, canRunOnOneThread, chooseWasmThreads, onAllThreads, type ThreadChoice } from "./wasmThreads.js";

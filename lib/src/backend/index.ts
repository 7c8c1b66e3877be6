import * as tf from "@tensorflow/tfjs";
import { holdNextCell } from "@tsdl/kernel-ext";
import { onWasmSelected, selectBackend } from "./selectBackend.js";
import { registerWasmTrainingKernels } from "./wasmKernels/index.js";

onWasmSelected(registerWasmTrainingKernels);

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
export { registerWasmTrainingKernels, wasmTrainingKernelNames } from "./wasmKernels/index.js";

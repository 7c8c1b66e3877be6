import * as tf from "@tensorflow/tfjs";
import { holdNextCell } from "@tsdl/kernel-ext";
import { selectBackend } from "./selectBackend.js";

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

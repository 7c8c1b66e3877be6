export { MODEL_JSON_FILE, WEIGHTS_FILE, fileSystemHandler, loadModel, saveModel } from "./fileSystemHandler.js";

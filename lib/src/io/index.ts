export { loadModel, saveModel } from "./fileSystemHandler.js";

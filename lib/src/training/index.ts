export { train, type ProgressCallbacks, type TrainInputs, type TrainOptions, type TrainResult } from "./train.js";
export { EarlyStoppingWithRestore, type EarlyStoppingOptions, type EarlyStoppingState } from "./earlyStopping.js";

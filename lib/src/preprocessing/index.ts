export {
  addGaussianNoise,
  flipLeftRight,
  randomCrop,
  randomFlipLeftRight,
  randomRotate,
  randomShift,
  rotate,
  shift,
  type FrameNoiseOptions,
  type RotateOptions,
  type ShiftOptions,
} from "./augment.js";
export { countNa, dropNa, fillNa, interpolateLinear, type DropNaOptions, type FillNaOptions, type FillStrategy } from "./missing.js";
export { OneHotEncoder, type OneHotEncoderOptions } from "./oneHot.js";
export { clipOutliers, detectOutliers, dropOutliers, outlierBounds, quantile, type OutlierFrameOptions, type OutlierRule } from "./outliers.js";
export { MinMaxScaler, StandardScaler, type MinMaxScalerOptions, type StandardScalerOptions } from "./scalers.js";
export {
  kFold,
  takeRows,
  trainTestSplit,
  trainValTestSplit,
  type KFoldOptions,
  type Split,
  type Splittable,
  type ThreeWaySplit,
  type TrainTestSplitOptions,
  type TrainValTestSplitOptions,
} from "./split.js";
export { type Label, type LabelVector, type NumericMatrix, type NumericVector } from "./validate.js";

// NaN in, NaN out, as in PyTorch: these functions do not check their numbers, so a diverged run shows as
// NaN where PyTorch would show it. The exception, also as in PyTorch: binaryCrossEntropy and its gradient
// reject probabilities outside [0, 1] (NaN included).
export {
  relu,
  reluDerivative,
  sigmoid,
  sigmoidDerivative,
  softmax,
  tanh,
  tanhDerivative,
  type ActivationName,
} from "./activations.js";
export { invertedDropout, type DropoutResult } from "./dropout.js";
export { ganLosses, type GanLosses } from "./gan.js";
export { gradientCheck, type GradientCheckResult } from "./gradientCheck.js";
export {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  meanSquaredError,
  type LossName,
} from "./losses.js";
export {
  matVec,
  toMatrix,
  type MatrixLike,
} from "./matrix.js";
export { MLP, type FitOptions, type MLPOptions } from "./mlp.js";
export {
  Adam,
  Momentum,
  SGD,
  type AdamOptions,
  type MomentumOptions,
  type Optimizer,
} from "./optimizers.js";
export type { Parameter } from "./parameter.js";
export {
  fitLinearRegression,
  fitLogisticRegression,
  type FittedLinearModel,
  type GradientDescentOptions,
} from "./regression.js";
export { rnnForward, type RnnCellWeights, type RnnForwardOptions } from "./rnn.js";

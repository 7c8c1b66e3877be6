// NaN in, NaN out, as in PyTorch: these functions do not check their numbers, so a diverged run shows as
// NaN where PyTorch would show it. The exception, also as in PyTorch: binaryCrossEntropy and its gradient
// reject probabilities outside [0, 1] (NaN included).
export {
  ACTIVATION_NAMES,
  activate,
  activationBackward,
  relu,
  reluDerivative,
  sigmoid,
  sigmoidDerivative,
  softmax,
  softmaxBackward,
  softmaxJacobian,
  tanh,
  tanhDerivative,
  type ActivationName,
} from "./activations.js";
export { DenseLayer, type DenseLayerOptions } from "./dense.js";
export { Dropout, invertedDropout, type DropoutResult } from "./dropout.js";
export { ganLosses, type GanLosses } from "./gan.js";
export { gradientCheck, numericalGradient, relativeError, type GradientCheckResult } from "./gradientCheck.js";
export {
  binaryCrossEntropy,
  binaryCrossEntropyGradient,
  categoricalCrossEntropy,
  categoricalCrossEntropyGradient,
  lossGradient,
  lossValue,
  meanSquaredError,
  meanSquaredErrorGradient,
  softmaxCrossEntropyGradient,
  type LossName,
} from "./losses.js";
export {
  Matrix,
  addRowVector,
  dot,
  hadamard,
  matMul,
  matVec,
  sumRows,
  toMatrix,
  transpose,
  type MatrixLike,
} from "./matrix.js";
export { MLP, type FitOptions, type MLPOptions } from "./mlp.js";
export {
  Adam,
  Momentum,
  SGD,
  adamStep,
  createAdamState,
  type AdamOptions,
  type AdamState,
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
export { l1Penalty, l1PenaltyGradient, l2Penalty, l2PenaltyGradient } from "./regularization.js";
export { rnnCellStep, rnnForward, type RnnCellWeights, type RnnForwardOptions } from "./rnn.js";

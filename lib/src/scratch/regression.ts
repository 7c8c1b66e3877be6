import { sigmoid } from "./activations.js";
import { binaryCrossEntropy, meanSquaredError } from "./losses.js";
import { type MatrixLike, matVec, toMatrix, transpose } from "./matrix.js";
import { l2Penalty } from "./regularization.js";

export interface GradientDescentOptions {
  /** Step size α, default 0.1. */
  learningRate?: number;
  /** Full-batch steps, default 1000. */
  epochs?: number;
  /** L2 strength λ on the weights (not the bias): adds λ·Σw² to the loss. Default 0. */
  l2?: number;
}

export interface FittedLinearModel {
  weights: Float64Array;
  bias: number;
  /** The training loss before each step, then after the last one (epochs + 1 values). */
  lossHistory: number[];
  /** Linear regression: the prediction; logistic regression: the probability of class 1. */
  predict(input: MatrixLike): Float64Array;
}

type Link = (z: Float64Array) => Float64Array;

/**
 * Shared loop for both models: with prediction p = link(X·w + b), the gradient of the mean loss is
 * Xᵀ(p − y)·c/n and Σ(p − y)·c/n, where c = 2 for squared error and 1 for cross-entropy with a sigmoid.
 */
function gradientDescent(
  where: string,
  input: MatrixLike,
  targets: ArrayLike<number>,
  link: Link,
  loss: (predictions: Float64Array, targets: ArrayLike<number>) => number,
  residualScale: number,
  { learningRate = 0.1, epochs = 1000, l2 = 0 }: GradientDescentOptions,
): FittedLinearModel {
  const x = toMatrix(input);
  if (targets.length !== x.rows) throw new Error(`${where}: targets must have ${x.rows} values (one per row of input), got ${targets.length}`);
  if (!(learningRate > 0)) throw new Error(`${where}: learningRate must be positive, got ${learningRate}`);
  if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`${where}: epochs must be a positive integer, got ${epochs}`);
  const weights = new Float64Array(x.cols);
  let bias = 0;
  const predict = (data: MatrixLike): Float64Array => {
    const m = toMatrix(data);
    if (m.cols !== weights.length) throw new Error(`${where}.predict: input must have ${weights.length} columns, got ${m.cols}`);
    return link(matVec(m, weights).map((z) => z + bias));
  };
  const xT = transpose(x);
  const n = x.rows;
  const lossHistory: number[] = [];
  for (let epoch = 0; epoch <= epochs; epoch++) {
    const predictions = predict(x);
    lossHistory.push(loss(predictions, targets) + l2Penalty(weights, l2));
    if (epoch === epochs) break;
    const residual = predictions.map((p, i) => (residualScale * (p - targets[i])) / n);
    const weightGradient = matVec(xT, residual);
    let biasGradient = 0;
    for (const r of residual) biasGradient += r;
    for (let j = 0; j < weights.length; j++) weights[j] -= learningRate * (weightGradient[j] + 2 * l2 * weights[j]);
    bias -= learningRate * biasGradient;
  }
  return { weights, bias, lossHistory, predict };
}

/**
 * Linear regression y ≈ X·w + b fitted by full-batch gradient descent on the mean squared error.
 *
 * Taught in notebooks/02-algorithms.ipynb; also used in 05-evaluation.
 */
export function fitLinearRegression(input: MatrixLike, targets: ArrayLike<number>, options: GradientDescentOptions = {}): FittedLinearModel {
  return gradientDescent("fitLinearRegression", input, targets, (z) => z, meanSquaredError, 2, options);
}

/**
 * Logistic regression P(y = 1) = σ(X·w + b) fitted by full-batch gradient descent on binary cross-entropy.
 *
 * Taught in notebooks/02-algorithms.ipynb; also used in 09-faq.
 */
export function fitLogisticRegression(input: MatrixLike, targets: ArrayLike<number>, options: GradientDescentOptions = {}): FittedLinearModel {
  for (let i = 0; i < targets.length; i++) {
    if (targets[i] !== 0 && targets[i] !== 1) throw new Error(`fitLogisticRegression: targets must be 0 or 1, got ${targets[i]} at index ${i}`);
  }
  return gradientDescent("fitLogisticRegression", input, targets, (z) => sigmoid(z), binaryCrossEntropy, 1, options);
}

import type { ActivationName } from "./activations.js";
import { DenseLayer } from "./dense.js";
import { type LossName, lossGradient, lossValue } from "./losses.js";
import { Matrix, type MatrixLike, toMatrix } from "./matrix.js";
import type { Optimizer } from "./optimizers.js";
import type { Parameter } from "./parameter.js";
import { l2Penalty, l2PenaltyGradient } from "./regularization.js";
import { seededRandom, shuffle, toRng } from "../random/index.js";

export interface MLPOptions {
  /** Sizes from input to output, e.g. [2, 8, 1]: 2 inputs, one hidden layer of 8, 1 output. */
  layerSizes: readonly number[];
  /** Default "relu". */
  hiddenActivation?: ActivationName;
  /** Default "linear"; use "sigmoid" with binary cross-entropy, "softmax" with categorical cross-entropy. */
  outputActivation?: ActivationName;
  /** Seed for the initial weights, default 0. */
  seed?: number | string;
}

export interface FitOptions {
  loss: LossName;
  optimizer: Optimizer;
  epochs: number;
  /** Default: the whole data set in one batch (full-batch gradient descent). */
  batchSize?: number;
  /** L2 strength λ: adds λ·Σw² over every layer's weights (not biases) to the loss, as Keras's `l2` regularizer. Default 0. */
  l2?: number;
  /** Seed for the per-epoch shuffle, default 0. */
  seed?: number | string;
  /** Called after each epoch with the epoch number (from 1) and the mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * A multi-layer perceptron made of DenseLayers, trained by backpropagation.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export class MLP {
  readonly layers: DenseLayer[];

  constructor({ layerSizes, hiddenActivation = "relu", outputActivation = "linear", seed = 0 }: MLPOptions) {
    if (layerSizes.length < 2) throw new Error(`MLP: layerSizes needs at least an input and an output size, got [${layerSizes.join(", ")}]`);
    const random = toRng(seed);
    this.layers = layerSizes.slice(1).map(
      (units, i) =>
        new DenseLayer({
          inputSize: layerSizes[i],
          units,
          activation: i === layerSizes.length - 2 ? outputActivation : hiddenActivation,
          seed: random,
        }),
    );
  }

  get parameterCount(): number {
    return this.layers.reduce((sum, layer) => sum + layer.parameterCount, 0);
  }

  forward(input: MatrixLike): Matrix {
    return this.layers.reduce((activation, layer) => layer.forward(activation), toMatrix(input));
  }

  predict(input: MatrixLike): Matrix {
    return this.forward(input);
  }

  /** Backpropagation: hands ∂L/∂output backwards through the layers, each storing its own gradients. */
  backward(gradOutput: Matrix): void {
    let grad = gradOutput;
    for (let i = this.layers.length - 1; i >= 0; i--) grad = this.layers[i].backward(grad);
  }

  parameters(): Parameter[] {
    return this.layers.flatMap((layer, i) => layer.parameters(`layer${i}`));
  }

  /**
   * Forward pass, loss, and backward pass: afterwards every parameter's `grad` holds ∂loss/∂parameter.
   * Returns the loss, including the L2 penalty λ·Σw² when `l2` > 0.
   */
  computeGradients(input: MatrixLike, targets: MatrixLike, loss: LossName, l2 = 0): number {
    const y = toMatrix(targets);
    const predictions = this.forward(input);
    if (predictions.rows !== y.rows || predictions.cols !== y.cols) {
      throw new Error(`MLP: targets must have shape [${predictions.shape.join(", ")}], got [${y.shape.join(", ")}]`);
    }
    this.backward(lossGradient(loss, predictions, y));
    if (l2 > 0) {
      // The penalty is a separate term of the loss, so its gradient simply adds to the data gradient.
      for (const layer of this.layers) {
        const penalty = l2PenaltyGradient(layer.weights.data, l2);
        penalty.forEach((g, i) => (layer.weightsGradient.data[i] += g));
      }
    }
    return lossValue(loss, predictions, y) + this.penalty(l2);
  }

  /** The loss on (input, targets), plus the L2 penalty when `l2` > 0, without touching the gradients. */
  loss(input: MatrixLike, targets: MatrixLike, loss: LossName, l2 = 0): number {
    return lossValue(loss, this.forward(input), toMatrix(targets)) + this.penalty(l2);
  }

  private penalty(l2: number): number {
    return this.layers.reduce((sum, layer) => sum + l2Penalty(layer.weights.data, l2), 0);
  }

  /** Trains with mini-batch gradient descent; returns the mean training loss of every epoch. */
  fit(input: MatrixLike, targets: MatrixLike, { loss, optimizer, epochs, batchSize, l2 = 0, seed = 0, onEpoch }: FitOptions): number[] {
    const x = toMatrix(input);
    const y = toMatrix(targets);
    if (x.rows !== y.rows) throw new Error(`MLP.fit: targets must have ${x.rows} rows like input, got ${y.rows}`);
    if (!Number.isInteger(epochs) || epochs < 1) throw new Error(`MLP.fit: epochs must be a positive integer, got ${epochs}`);
    const size = batchSize ?? x.rows;
    if (!Number.isInteger(size) || size < 1) throw new Error(`MLP.fit: batchSize must be a positive integer, got ${batchSize}`);
    const random = seededRandom(seed);
    let order = Array.from({ length: x.rows }, (_, i) => i);
    const history: number[] = [];
    for (let epoch = 1; epoch <= epochs; epoch++) {
      if (size < x.rows) order = shuffle(order, random);
      let total = 0;
      for (let start = 0; start < x.rows; start += size) {
        const batch = order.slice(start, start + size);
        total += this.computeGradients(pickRows(x, batch), pickRows(y, batch), loss, l2) * batch.length;
        optimizer.step(this.parameters());
      }
      history.push(total / x.rows);
      onEpoch?.(epoch, total / x.rows);
    }
    return history;
  }
}

function pickRows(m: Matrix, rows: readonly number[]): Matrix {
  const out = new Matrix(rows.length, m.cols);
  rows.forEach((r, i) => out.data.set(m.row(r), i * m.cols));
  return out;
}

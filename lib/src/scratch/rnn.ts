import { type ActivationName, activate } from "./activations.js";
import { Matrix, type MatrixLike, matVec, toMatrix } from "./matrix.js";

export interface RnnCellWeights {
  /** Input-to-hidden weights, shape [hiddenSize, inputSize]. */
  W: MatrixLike;
  /** Hidden-to-hidden weights, shape [hiddenSize, hiddenSize]. */
  U: MatrixLike;
  /** Bias, length hiddenSize. */
  b: ArrayLike<number>;
}

/**
 * One step of a simple (Elman) RNN: h_t = f(W·x_t + U·h_{t−1} + b), with f = tanh unless another activation is given.
 */
export function rnnCellStep(x: ArrayLike<number>, hPrevious: ArrayLike<number>, weights: RnnCellWeights, activation: ActivationName = "tanh"): Float64Array {
  const W = toMatrix(weights.W);
  const U = toMatrix(weights.U);
  const hidden = W.rows;
  if (W.cols !== x.length) throw new Error(`rnnCellStep: x must have ${W.cols} values (W's columns), got ${x.length}`);
  if (U.rows !== hidden || U.cols !== hidden) throw new Error(`rnnCellStep: U must have shape [${hidden}, ${hidden}], got [${U.shape.join(", ")}]`);
  if (hPrevious.length !== hidden) throw new Error(`rnnCellStep: hPrevious must have ${hidden} values, got ${hPrevious.length}`);
  if (weights.b.length !== hidden) throw new Error(`rnnCellStep: b must have ${hidden} values, got ${weights.b.length}`);
  const fromInput = matVec(W, x);
  const fromPast = matVec(U, hPrevious);
  const preActivation = fromInput.map((v, i) => v + fromPast[i] + weights.b[i]);
  return activate(activation, Matrix.rowVector(preActivation)).data;
}

export interface RnnForwardOptions {
  /** h_0, default zeros. */
  hInitial?: ArrayLike<number>;
  /** f, default "tanh". */
  activation?: ActivationName;
}

/**
 * Runs the cell over a sequence, carrying the hidden state forward: the same W, U, b are reused at every step,
 * which is what lets an RNN handle sequences of any length. Returns h_1 … h_T.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function rnnForward(sequence: readonly ArrayLike<number>[], weights: RnnCellWeights, options: RnnForwardOptions = {}): Float64Array[] {
  const hidden = toMatrix(weights.W).rows;
  let h: ArrayLike<number> = options.hInitial ?? new Float64Array(hidden);
  const states: Float64Array[] = [];
  for (const x of sequence) {
    const next = rnnCellStep(x, h, weights, options.activation);
    states.push(next);
    h = next;
  }
  return states;
}


import { Matrix } from "./matrix.js";

/** Applies `fn` to every value, keeping the container: a Matrix stays a Matrix, a vector becomes a Float64Array. */
function elementwise(z: Matrix | ArrayLike<number>, fn: (value: number) => number): Matrix | Float64Array {
  if (z instanceof Matrix) return z.map(fn);
  return Float64Array.from(z, fn);
}

// Math.max keeps NaN, as torch.relu does (z > 0 ? z : 0 would turn it into 0).
const reluValue = (z: number): number => Math.max(z, 0);
// The derivative at exactly 0 is undefined; 0 is the usual convention (as in TensorFlow).
const reluSlope = (z: number): number => (z > 0 ? 1 : 0);
const sigmoidValue = (z: number): number => {
  // Two algebraically equal forms, each used where its exp() cannot overflow.
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
};
const sigmoidSlope = (z: number): number => {
  const s = sigmoidValue(z);
  return s * (1 - s);
};
const tanhSlope = (z: number): number => 1 - Math.tanh(z) ** 2;

/** Taught in notebooks/02-algorithms.ipynb. */
export function relu(z: Matrix): Matrix;
export function relu(z: ArrayLike<number>): Float64Array;
export function relu(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  return elementwise(z, reluValue);
}

/** Taught in notebooks/02-algorithms.ipynb. */
export function reluDerivative(z: Matrix): Matrix;
export function reluDerivative(z: ArrayLike<number>): Float64Array;
export function reluDerivative(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  return elementwise(z, reluSlope);
}

/** Taught in notebooks/02-algorithms.ipynb. */
export function sigmoid(z: Matrix): Matrix;
export function sigmoid(z: ArrayLike<number>): Float64Array;
export function sigmoid(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  return elementwise(z, sigmoidValue);
}

/**
 * σ'(z) = σ(z)·(1 − σ(z)).
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function sigmoidDerivative(z: Matrix): Matrix;
export function sigmoidDerivative(z: ArrayLike<number>): Float64Array;
export function sigmoidDerivative(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  return elementwise(z, sigmoidSlope);
}

/** Taught in notebooks/02-algorithms.ipynb. */
export function tanh(z: Matrix): Matrix;
export function tanh(z: ArrayLike<number>): Float64Array;
export function tanh(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  return elementwise(z, Math.tanh);
}

/**
 * tanh'(z) = 1 − tanh(z)².
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function tanhDerivative(z: Matrix): Matrix;
export function tanhDerivative(z: ArrayLike<number>): Float64Array;
export function tanhDerivative(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  return elementwise(z, tanhSlope);
}

function softmaxVector(z: ArrayLike<number>): Float64Array {
  if (z.length === 0) throw new Error("softmax: z must be non-empty, got length 0");
  // Subtracting the max changes nothing mathematically (it cancels in the ratio) but keeps exp() ≤ 1, so it cannot overflow.
  let max = -Infinity;
  for (let i = 0; i < z.length; i++) max = Math.max(max, z[i]);
  const out = Float64Array.from(z, (v) => Math.exp(v - max));
  let sum = 0;
  for (const v of out) sum += v;
  for (let i = 0; i < out.length; i++) out[i] /= sum;
  return out;
}

/**
 * Softmax of a vector, or of every row of a matrix (one row per sample).
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function softmax(z: Matrix): Matrix;
export function softmax(z: ArrayLike<number>): Float64Array;
export function softmax(z: Matrix | ArrayLike<number>): Matrix | Float64Array {
  if (!(z instanceof Matrix)) return softmaxVector(z);
  const out = new Matrix(z.rows, z.cols);
  for (let i = 0; i < z.rows; i++) out.data.set(softmaxVector(z.row(i)), i * z.cols);
  return out;
}

/**
 * Backpropagates `gradOutput` (∂L/∂s, one row per sample) through softmax: per row, Jᵀ·g = s ⊙ (g − s·g),
 * which avoids building the Jacobian.
 */
export function softmaxBackward(z: Matrix, gradOutput: Matrix): Matrix {
  const s = softmax(z);
  const out = new Matrix(z.rows, z.cols);
  for (let i = 0; i < z.rows; i++) {
    let sDotG = 0;
    for (let j = 0; j < z.cols; j++) sDotG += s.get(i, j) * gradOutput.get(i, j);
    for (let j = 0; j < z.cols; j++) out.set(i, j, s.get(i, j) * (gradOutput.get(i, j) - sDotG));
  }
  return out;
}

export type ActivationName = "linear" | "relu" | "sigmoid" | "tanh" | "softmax";

/**
 * Applies the named activation to pre-activations `z` (rows are samples).
 */
export function activate(name: ActivationName, z: Matrix): Matrix {
  switch (name) {
    case "linear":
      return z.clone();
    case "relu":
      return relu(z);
    case "sigmoid":
      return sigmoid(z);
    case "tanh":
      return tanh(z);
    case "softmax":
      return softmax(z);
  }
}

/**
 * Turns ∂L/∂a into ∂L/∂z for a = activation(z): the activation's step of the chain rule.
 */
export function activationBackward(name: ActivationName, z: Matrix, gradOutput: Matrix): Matrix {
  switch (name) {
    case "linear":
      return gradOutput.clone();
    case "relu":
      return z.map((v, i, j) => reluSlope(v) * gradOutput.get(i, j));
    case "sigmoid":
      return z.map((v, i, j) => sigmoidSlope(v) * gradOutput.get(i, j));
    case "tanh":
      return z.map((v, i, j) => tanhSlope(v) * gradOutput.get(i, j));
    case "softmax":
      return softmaxBackward(z, gradOutput);
  }
}

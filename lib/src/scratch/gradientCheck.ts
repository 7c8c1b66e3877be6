import { checkSameLength } from "../preprocessing/validate.js";
import type { Parameter } from "./parameter.js";

/**
 * ‖a − b‖ / (‖a‖ + ‖b‖): scale-free, so the same threshold works for large and small gradients.
 * Returns 0 when both are zero.
 */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  checkSameLength("relativeError", "a", a, "b", b);
  let diff = 0;
  let normA = 0;
  let normB = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    normA += a[i] ** 2;
    normB += b[i] ** 2;
  }
  const denominator = Math.sqrt(normA) + Math.sqrt(normB);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}

/**
 * ∂f/∂θ_i ≈ (f(θ + ε·e_i) − f(θ − ε·e_i)) / 2ε for every entry of `values`, which is changed and restored in place.
 * Central differences have error O(ε²), one-sided ones only O(ε).
 */
export function numericalGradient(f: () => number, values: Float64Array, epsilon = 1e-6): Float64Array {
  if (!(epsilon > 0)) throw new Error(`numericalGradient: epsilon must be positive, got ${epsilon}`);
  const gradient = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const original = values[i];
    values[i] = original + epsilon;
    const plus = f();
    values[i] = original - epsilon;
    const minus = f();
    values[i] = original;
    gradient[i] = (plus - minus) / (2 * epsilon);
  }
  return gradient;
}

export interface GradientCheckResult {
  /** The largest relative error over all parameters. */
  maxRelativeError: number;
  perParameter: { name: string; relativeError: number; analytic: Float64Array; numerical: Float64Array }[];
}

/**
 * Compares the analytic gradients already stored in each parameter's `grad` (from backpropagation)
 * with central-difference gradients of `loss`. A correct backward pass in float64 gives errors around 1e-8 or less.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function gradientCheck(loss: () => number, parameters: readonly Parameter[], epsilon = 1e-6): GradientCheckResult {
  if (parameters.length === 0) throw new Error("gradientCheck: parameters must be non-empty, got 0");
  const analyticCopies = parameters.map((p) => p.grad.slice());
  const perParameter = parameters.map((p, i) => {
    const numerical = numericalGradient(loss, p.value, epsilon);
    return { name: p.name, relativeError: relativeError(analyticCopies[i], numerical), analytic: analyticCopies[i], numerical };
  });
  return { maxRelativeError: Math.max(...perParameter.map((p) => p.relativeError)), perParameter };
}

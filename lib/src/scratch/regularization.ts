function checkStrength(where: string, lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`${where}: lambda must be a non-negative number, got ${lambda}`);
}

/**
 * L1 penalty λ·Σ|w| (Keras's `l1`): pushes weights to exactly zero, giving sparse models.
 *
 * Taught in no notebook yet.
 */
export function l1Penalty(weights: ArrayLike<number>, lambda: number): number {
  checkStrength("l1Penalty", lambda);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Math.abs(weights[i]);
  return lambda * sum;
}

/**
 * ∂(λ·Σ|w|)/∂w = λ·sign(w), taking 0 at w = 0 (the subgradient TensorFlow uses).
 *
 * Taught in no notebook yet.
 */
export function l1PenaltyGradient(weights: ArrayLike<number>, lambda: number): Float64Array {
  checkStrength("l1PenaltyGradient", lambda);
  return Float64Array.from(weights, (w) => lambda * Math.sign(w));
}

/**
 * L2 penalty λ·Σw² (Keras's `l2`; no ½ factor): shrinks all weights smoothly towards zero ("weight decay").
 *
 * Taught in no notebook yet.
 */
export function l2Penalty(weights: ArrayLike<number>, lambda: number): number {
  checkStrength("l2Penalty", lambda);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] ** 2;
  return lambda * sum;
}

/**
 * ∂(λ·Σw²)/∂w = 2λw.
 *
 * Taught in no notebook yet.
 */
export function l2PenaltyGradient(weights: ArrayLike<number>, lambda: number): Float64Array {
  checkStrength("l2PenaltyGradient", lambda);
  return Float64Array.from(weights, (w) => 2 * lambda * w);
}

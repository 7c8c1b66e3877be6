function checkStrength(where: string, lambda: number): void {
  if (!(lambda >= 0) || !Number.isFinite(lambda)) throw new Error(`${where}: lambda must be a non-negative number, got ${lambda}`);
}

/**
 * L2 penalty λ·Σw² (Keras's `l2`; no ½ factor): shrinks all weights smoothly towards zero ("weight decay").
 */
export function l2Penalty(weights: ArrayLike<number>, lambda: number): number {
  checkStrength("l2Penalty", lambda);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += weights[i] ** 2;
  return lambda * sum;
}

/**
 * ∂(λ·Σw²)/∂w = 2λw.
 */
export function l2PenaltyGradient(weights: ArrayLike<number>, lambda: number): Float64Array {
  checkStrength("l2PenaltyGradient", lambda);
  return Float64Array.from(weights, (w) => 2 * lambda * w);
}

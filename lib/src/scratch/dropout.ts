import { type SeedOrRng, toRng } from "../random/index.js";

export interface DropoutResult {
  output: Float64Array;
  /** 0 where a unit was dropped, 1/(1 − rate) where it was kept; backward multiplies the gradient by it. */
  mask: Float64Array;
}

function checkRate(where: string, rate: number): void {
  if (!(rate >= 0 && rate < 1)) throw new Error(`${where}: rate must be in [0, 1), got ${rate}`);
}

/**
 * Inverted dropout at training time: each value is zeroed with probability `rate` and the survivors are
 * scaled by 1/(1 − rate), so the expected output equals the input and inference needs no rescaling.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function invertedDropout(values: ArrayLike<number>, rate: number, seed: SeedOrRng): DropoutResult {
  checkRate("invertedDropout", rate);
  const random = toRng(seed);
  const keepScale = 1 / (1 - rate);
  const mask = Float64Array.from({ length: values.length }, () => (random() < rate ? 0 : keepScale));
  return { output: Float64Array.from(values, (v, i) => v * mask[i]), mask };
}

import { seededRandom, type Rng } from "../random/index.js";

/** A Fisher–Yates shuffle of `0 … n−1` drawn from `random`. */
export function shuffledIndices(n: number, random: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/**
 * Runs `work` with `Math.random` replaced by a seeded generator. TensorFlow.js draws from
 * `Math.random` for `fit`'s shuffling, dropout masks and unseeded initialisers, so this makes a
 * whole training run repeat.
 */
export async function withSeededMathRandom<T>(seed: number, work: () => Promise<T>): Promise<T> {
  const original = Math.random;
  Math.random = seededRandom(`math-random:${seed}`);
  try {
    return await work();
  } finally {
    Math.random = original;
  }
}

import seedrandom from "seedrandom";

/** A repeatable uniform [0, 1) generator (Alea) for a seed. */
export function seededRandom(seed: number | string): () => number {
  return seedrandom.alea(String(seed));
}

/** A Fisher–Yates shuffle of `0 … n−1` drawn from `random`. */
export function shuffledIndices(n: number, random: () => number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j], idx[i]];
  }
  return idx;
}

/** A standard normal draw (Box–Muller) from a uniform generator. */
export function normalFrom(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
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

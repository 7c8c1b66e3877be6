import seedrandom from "seedrandom";

/** A function returning uniform numbers in [0, 1), like `Math.random`, but repeatable. */
export type Rng = () => number;

/**
 * The seed every seeded helper of lib uses when none is given.
 */
export const DEFAULT_SEED = 42;

/** A seed (number or string), or an `Rng` to keep drawing from an existing stream. */
export type SeedOrRng = number | string | Rng;

/**
 * A repeatable uniform [0, 1) generator: the same seed always gives the same stream.
 *
 * Taught in notebooks/02-algorithms.ipynb; also used in 06-language, 09-faq.
 */
export function seededRandom(seed: number | string): Rng {
  if (typeof seed === "number" && !Number.isFinite(seed)) {
    throw new Error(`seededRandom: seed must be a finite number or a string; got ${seed}`);
  }
  const prng = seedrandom(String(seed));
  return () => prng();
}

/**
 * Resolves a seed into a generator; an `Rng` passes through so callers can share one stream.
 */
export function toRng(seed: SeedOrRng): Rng {
  return typeof seed === "function" ? seed : seededRandom(seed);
}

/**
 * A Fisher–Yates shuffle of `0 … n−1` drawn from `random`.
 */
export function shuffledIndices(n: number, random: Rng): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx;
}

/**
 * A shuffled copy of `array` (Fisher–Yates); the input is not modified.
 */
export function shuffle<T>(array: readonly T[], seed: SeedOrRng): T[] {
  return Array.from(shuffledIndices(array.length, toRng(seed)), (i) => array[i]!);
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

/**
 * One standard-normal draw (Box–Muller) from `rng`.
 */
export function gaussian(rng: Rng): number {
  // 1 - u keeps the argument of log in (0, 1], so the result is always finite.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

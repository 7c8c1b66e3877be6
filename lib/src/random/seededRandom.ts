import seedrandom from "seedrandom";

/** A function returning uniform numbers in [0, 1), like `Math.random`, but repeatable. */
export type Rng = () => number;

/** A seed (number or string), or an `Rng` to keep drawing from an existing stream. */
export type SeedOrRng = number | string | Rng;

/** A repeatable uniform [0, 1) generator: the same seed always gives the same stream. */
export function seededRandom(seed: number | string): Rng {
  if (typeof seed === "number" && !Number.isFinite(seed)) {
    throw new Error(`seededRandom: seed must be a finite number or a string; got ${seed}`);
  }
  const prng = seedrandom(String(seed));
  return () => prng();
}

/** Resolves a seed into a generator; an `Rng` passes through so callers can share one stream. */
export function toRng(seed: SeedOrRng): Rng {
  return typeof seed === "function" ? seed : seededRandom(seed);
}

/** A shuffled copy of `array` (Fisher–Yates); the input is not modified. */
export function shuffle<T>(array: readonly T[], seed: SeedOrRng): T[] {
  const rng = toRng(seed);
  const out = array.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** One standard-normal draw (Box–Muller) from `rng`. */
export function gaussian(rng: Rng): number {
  // 1 - u keeps the argument of log in (0, 1], so the result is always finite.
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

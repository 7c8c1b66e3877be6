export {
  DEFAULT_SEED,
  gaussian,
  seededRandom,
  shuffle,
  shuffledIndices,
  toRng,
  withSeededMathRandom,
  type Rng,
  type SeedOrRng,
} from "./seededRandom.js";

export * from "./backend/index.js";
export * from "./datasets/index.js";
export * from "./exercises/index.js";
export * as scratch from "./scratch/index.js";
export * from "./models/index.js";
// Only what notebooks use: lib's own folders import shuffle, toRng and the rest from random/ directly.
export { seededRandom, type Rng, type SeedOrRng } from "./random/index.js";
export * from "./preprocessing/index.js";
export * from "./text/index.js";
export * from "./metrics/index.js";
export * from "./plots/index.js";
export * from "./io/index.js";
export * from "./training/index.js";
export * from "./compression/index.js";
export * from "./explain/index.js";

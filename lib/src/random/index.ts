export { gaussian, seededRandom, shuffle, toRng, type Rng, type SeedOrRng } from "./seededRandom.js";

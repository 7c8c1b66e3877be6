export * from "./backend/index.js";
export * from "./datasets/index.js";
export * from "./exercises/index.js";
export * from "./models/index.js";
export * as scratch from "./scratch/index.js";

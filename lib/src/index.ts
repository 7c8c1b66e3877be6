export * from "./backend/index.js";
export * from "./datasets/index.js";
export * from "./exercises/index.js";
export * from "./models/index.js";
export * as scratch from "./scratch/index.js";
export * from "./random/index.js";
export * from "./preprocessing/index.js";
export * from "./metrics/index.js";
export * from "./text/index.js";

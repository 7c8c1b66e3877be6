export * from "./backend/index.js";
export * from "./datasets/index.js";

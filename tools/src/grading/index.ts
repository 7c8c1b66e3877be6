export { type Exercise, exercise, GradingError } from "./testing/exercise.js";
export type { GradingMeta } from "./testing/gradingMeta.js";

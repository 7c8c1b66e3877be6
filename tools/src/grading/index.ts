export { type Exercise, type ExerciseOptions, exercise, GradingError } from "./testing/exercise.js";
export type { GradingMeta } from "./testing/gradingMeta.js";

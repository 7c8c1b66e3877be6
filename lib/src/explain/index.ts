export {
  permutationImportance,
  predictWith,
  type FeatureImportance,
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  type Predictor,
  type ScoreFunction,
} from "./permutationImportance.js";
export { gradientSaliency } from "./saliency.js";
export {
  limeKernel,
  limeTabular,
  limeText,
  type LimeExplanation,
  type LimeFeatureWeight,
  type LimeTabularOptions,
  type LimeTextOptions,
} from "./lime.js";
export { weightedLeastSquares } from "./weightedLeastSquares.js";

export {
  permutationImportance,
  type FeatureImportance,
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
  type Predictor,
  type ScoreFunction,
} from "./permutationImportance.js";
export { gradientSaliency } from "./saliency.js";
export {
  limeTabular,
  limeText,
  type LimeExplanation,
  type LimeFeatureWeight,
  type LimeTabularOptions,
  type LimeTextOptions,
} from "./lime.js";

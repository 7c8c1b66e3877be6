export {
  accuracyFromPredictions,
  classificationAccuracy,
  cloneModel,
  float32WeightBytes,
  type CompressionReport,
  type EvaluationData,
} from "./modelStats.js";
export {
  dequantizeTensor,
  quantizeModel,
  quantizeTensor,
  quantizedBytes,
  type QuantizationScheme,
  type QuantizeModelOptions,
  type QuantizeOptions,
  type QuantizedModel,
  type QuantizedTensor,
} from "./quantize.js";
export { magnitudeMask, pruneModel, sparseBytes, type PruneOptions, type PrunedModel } from "./prune.js";
export { distill, distillationLoss, type DistillOptions, type DistillResult } from "./distill.js";

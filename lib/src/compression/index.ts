export {
  classificationAccuracy,
  float32WeightBytes,
  type CompressionReport,
  type EvaluationData,
} from "./modelStats.js";
export {
  dequantizeTensor,
  quantizeModel,
  quantizeTensor,
  type QuantizationScheme,
  type QuantizeModelOptions,
  type QuantizeOptions,
  type QuantizedModel,
  type QuantizedTensor,
} from "./quantize.js";
export { pruneModel, type PruneOptions, type PrunedModel } from "./prune.js";
export { distill, type DistillOptions, type DistillResult } from "./distill.js";

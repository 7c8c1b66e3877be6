export { SeededInit } from "./seededInit.js";
export { FusedLstm } from "./fusedLstm.js";
export { ADAM_STEP_KERNEL, FUSED_MAX_SIZE, FusedAdam, fusedAdam } from "./fusedAdam.js";
export { causalSoftmax } from "./causalSoftmax.js";
export { mlpBinaryClassifier, type MlpBinaryClassifierOptions } from "./mlpBinaryClassifier.js";
export {
  conv1dTextClassifier,
  lstmBinaryTextClassifier,
  lstmTextClassifier,
  type Conv1dTextClassifierOptions,
  type LstmBinaryTextClassifierOptions,
  type LstmTextClassifierOptions,
} from "./textClassifiers.js";
export { cnnClassifier, type CnnClassifierOptions } from "./cnnClassifier.js";
export { softmaxCrossEntropyFromLogits } from "./logitsLoss.js";
export {
  greedyDecode,
  seq2seqWithAttention,
  teacherForcing,
  type GreedyDecodeOptions,
  type GreedyDecodeResult,
  type Seq2SeqOptions,
  type Seq2SeqWithAttention,
} from "./seq2seqWithAttention.js";
export {
  CausalSelfAttention,
  PositionEmbedding,
  causalMask,
  generate,
  nextTokenWindows,
  sampleFromProbabilities,
  tinyTransformer,
  transformerAttention,
  type GenerateOptions,
  type TinyTransformerOptions,
} from "./tinyTransformer.js";

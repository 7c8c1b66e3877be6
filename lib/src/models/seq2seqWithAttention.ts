import { DEFAULT_SEED } from "../random/index.js";
import { tf } from "../backend/index.js";
import { FusedLstm } from "./fusedLstm.js";
import { SeededInit, positiveInt } from "./seededInit.js";
import { fusedAdam } from "./fusedAdam.js";

type ApplyArgs = Parameters<FusedLstm["apply"]>;

/**
 * An LSTM that can take its initial state inside a model that is trained. tfjs's RNN.apply writes
 * `initialState` into the keyword arguments it is given, and `fit` shares one such object across
 * layers and batches, so the second batch fails ("neither initialState or constants should be
 * provided"); this layer hands tfjs a copy.
 */
export class DecoderLstm extends FusedLstm {
  static className = "TsdlDecoderLSTM";

  override apply(inputs: ApplyArgs[0], kwargs?: ApplyArgs[1]): ReturnType<FusedLstm["apply"]> {
    return super.apply(inputs, kwargs === undefined ? kwargs : { ...kwargs });
  }
}
tf.serialization.registerClass(DecoderLstm as unknown as tf.serialization.SerializableConstructor<tf.serialization.Serializable>);

export interface Seq2SeqOptions {
  inputVocab: number;
  outputVocab: number;
  sourceLength: number;
  targetLength: number;
  units?: number;
  embeddingDim?: number;
  seed?: number;
  learningRate?: number;
}

/** An LSTM encoder/decoder with dot-product (Luong) attention. */
export interface Seq2SeqWithAttention {
  /** Training model: inputs `[source ids [B, sourceLength], decoder input ids [B, targetLength]]`,
   * output next-token probabilities `[B, targetLength, outputVocab]`; fit with targets `[B, targetLength, 1]`. */
  model: tf.LayersModel;
  /** Same inputs, output the attention weights `[B, targetLength, sourceLength]` (rows sum to 1). */
  attentionModel: tf.LayersModel;
  sourceLength: number;
  targetLength: number;
}

/**
 * Builds the encoder/decoder. The encoder LSTM reads the source and hands its final state to the
 * decoder LSTM; at each decoder step the scores `decoder_t · encoder_s` are softmaxed over source
 * positions, the weighted sum of encoder outputs (the context) is concatenated with the decoder
 * output, passed through Dense(units, tanh) and then Dense(outputVocab, softmax).
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function seq2seqWithAttention({
  inputVocab, outputVocab, sourceLength, targetLength, units = 64, embeddingDim = 32,
  seed = DEFAULT_SEED, learningRate = 0.005,
}: Seq2SeqOptions): Seq2SeqWithAttention {
  positiveInt("inputVocab", inputVocab);
  positiveInt("outputVocab", outputVocab);
  positiveInt("sourceLength", sourceLength);
  positiveInt("targetLength", targetLength);
  positiveInt("units", units);
  positiveInt("embeddingDim", embeddingDim);
  const init = new SeededInit(seed);
  const source = tf.input({ shape: [sourceLength], name: "source" });
  const decoderInput = tf.input({ shape: [targetLength], name: "decoder_input" });

  const sourceEmbedded = tf.layers.embedding({
    inputDim: inputVocab, outputDim: embeddingDim, embeddingsInitializer: init.embedding(), name: "source_embedding",
  }).apply(source) as tf.SymbolicTensor;
  const [encoderOutputs, stateH, stateC] = new FusedLstm({
    units, returnSequences: true, returnState: true, name: "encoder", ...init.lstm(),
  }).apply(sourceEmbedded) as tf.SymbolicTensor[];

  const targetEmbedded = tf.layers.embedding({
    inputDim: outputVocab, outputDim: embeddingDim, embeddingsInitializer: init.embedding(), name: "target_embedding",
  }).apply(decoderInput) as tf.SymbolicTensor;
  const decoder = new DecoderLstm({ units, returnSequences: true, name: "decoder", ...init.lstm() });
  const decoderOutputs = decoder.apply([targetEmbedded, stateH, stateC]) as tf.SymbolicTensor;
  // The node records the states as inputs and again as an `initialState` kwarg of symbolic
  // tensors, which JSON cannot hold: tfjs would warn on save and drop the kwarg anyway.
  for (const node of decoder.inboundNodes) node.callArgs = {};

  const scores = tf.layers.dot({ axes: [2, 2], name: "attention_scores" })
    .apply([decoderOutputs, encoderOutputs]) as tf.SymbolicTensor;
  const weights = tf.layers.activation({ activation: "softmax", name: "attention_weights" })
    .apply(scores) as tf.SymbolicTensor;
  const context = tf.layers.dot({ axes: [2, 1], name: "context" }).apply([weights, encoderOutputs]) as tf.SymbolicTensor;
  const combined = tf.layers.concatenate({ name: "context_and_decoder" }).apply([context, decoderOutputs]) as tf.SymbolicTensor;
  const attentional = tf.layers.dense({ units, activation: "tanh", name: "attentional", ...init.dense() })
    .apply(combined) as tf.SymbolicTensor;
  const probabilities = tf.layers.dense({ units: outputVocab, activation: "softmax", name: "next_token", ...init.dense() })
    .apply(attentional) as tf.SymbolicTensor;

  const model = tf.model({ inputs: [source, decoderInput], outputs: probabilities, name: "seq2seq_attention" });
  model.compile({ optimizer: fusedAdam(learningRate), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  const attentionModel = tf.model({ inputs: [source, decoderInput], outputs: weights, name: "seq2seq_attention_weights" });
  return { model, attentionModel, sourceLength, targetLength };
}

/**
 * Teacher forcing: the decoder's input at step t is the true token t−1 (`startId` at step 0),
 * and its target is token t. Returns `decoderInput [B, targetLength]` and `decoderTarget
 * [B, targetLength, 1]` for `model.fit`.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function teacherForcing(targets: number[][], startId: number): { decoderInput: tf.Tensor2D; decoderTarget: tf.Tensor3D } {
  if (targets.length === 0) throw new Error("targets must hold at least one sequence; got none");
  const length = targets[0].length;
  targets.forEach((t, i) => {
    if (t.length !== length) throw new Error(`targets[${i}] must have length ${length} like targets[0]; got ${t.length}`);
  });
  const decoderInput = tf.tensor2d(targets.map((t) => [startId, ...t.slice(0, -1)]), undefined, "float32");
  const decoderTarget = tf.tensor3d(targets.map((t) => t.map((id) => [id])), undefined, "float32");
  return { decoderInput, decoderTarget };
}

export interface GreedyDecodeOptions {
  startId: number;
  /** Tokens after the first `endId` are dropped (the `endId` itself is kept). */
  endId?: number;
}

export interface GreedyDecodeResult {
  /** Decoded token ids per source sequence. */
  ids: number[][];
  /** Attention weights `[B, targetLength, sourceLength]` for the decoded steps (for a heat map). */
  attention: tf.Tensor3D;
}

/**
 * Greedy decoding: feed `startId`, take the most probable token, feed it back, repeat. The whole
 * decoder window is re-run each step; the LSTM is causal, so later (still empty) positions do not
 * change earlier outputs.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function greedyDecode(s2s: Seq2SeqWithAttention, sources: number[][], { startId, endId }: GreedyDecodeOptions): GreedyDecodeResult {
  const { sourceLength, targetLength } = s2s;
  sources.forEach((s, i) => {
    if (s.length !== sourceLength) throw new Error(`sources[${i}] must have length ${sourceLength}; got ${s.length}`);
  });
  const batch = sources.length;
  const source = tf.tensor2d(sources, [batch, sourceLength]);
  const input = sources.map(() => new Array<number>(targetLength).fill(0));
  input.forEach((row) => (row[0] = startId));
  const decoded = sources.map(() => [] as number[]);
  for (let t = 0; t < targetLength; t++) {
    const step = tf.tidy(() => {
      const probs = s2s.model.predict([source, tf.tensor2d(input, [batch, targetLength])]) as tf.Tensor3D;
      return probs.slice([0, t, 0], [batch, 1, -1]).argMax(-1).dataSync();
    });
    for (let b = 0; b < batch; b++) {
      decoded[b].push(step[b]);
      if (t + 1 < targetLength) input[b][t + 1] = step[b];
    }
  }
  const attention = tf.tidy(() => s2s.attentionModel.predict([source, tf.tensor2d(input, [batch, targetLength])]) as tf.Tensor3D);
  source.dispose();
  const ids = endId === undefined
    ? decoded
    : decoded.map((row) => (row.includes(endId) ? row.slice(0, row.indexOf(endId) + 1) : row));
  return { ids, attention };
}

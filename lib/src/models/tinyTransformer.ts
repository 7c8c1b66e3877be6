import { tf } from "../backend/index.js";
import { DEFAULT_SEED, seededRandom } from "../random/index.js";
import { SeededInit, positiveInt } from "./seededInit.js";
import { fusedAdam } from "./fusedAdam.js";
import { causalSoftmax } from "./causalSoftmax.js";

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

function single(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  return Array.isArray(inputs) ? inputs[0] : inputs;
}

export interface PositionEmbeddingConfig {
  contextLength: number;
  dModel: number;
  seed?: number;
}

/**
 * Adds a learned vector per position `0 … T−1` to a `[B, T, dModel]` input.
 */
export class PositionEmbedding extends tf.layers.Layer {
  static className = "TsdlPositionEmbedding";
  readonly contextLength: number;
  readonly dModel: number;
  readonly seed?: number;
  private positions!: tf.LayerVariable;

  constructor(config: PositionEmbeddingConfig & LayerArgs) {
    super(config);
    this.contextLength = config.contextLength;
    this.dModel = config.dModel;
    this.seed = config.seed;
  }

  override build(): void {
    this.positions = this.addWeight("positions", [this.contextLength, this.dModel], "float32",
      tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: this.seed }));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = single(inputs);
      return x.add(this.positions.read().slice([0, 0], [x.shape[1]!, this.dModel]));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), contextLength: this.contextLength, dModel: this.dModel, seed: this.seed ?? null };
  }
}

export interface CausalSelfAttentionConfig {
  dModel: number;
  heads: number;
  seed?: number;
}

/**
 * A `[T, T]` mask: 0 where position i may attend to j (j ≤ i), −1e9 where j is in the future.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function causalMask(length: number): tf.Tensor2D {
  const mask = new Float32Array(length * length);
  for (let i = 0; i < length; i++) for (let j = i + 1; j < length; j++) mask[i * length + j] = -1e9;
  return tf.tensor2d(mask, [length, length]);
}

/**
 * Multi-head scaled dot-product self-attention with a causal mask:
 * softmax(Q Kᵀ / √d_head + mask) V per head, heads concatenated and projected by W_o.
 */
export class CausalSelfAttention extends tf.layers.Layer {
  static className = "TsdlCausalSelfAttention";
  readonly dModel: number;
  readonly heads: number;
  readonly seed?: number;
  private projections: tf.LayerVariable[] = [];

  constructor(config: CausalSelfAttentionConfig & LayerArgs) {
    super(config);
    if (config.dModel % config.heads !== 0) {
      throw new Error(`dModel must be divisible by heads (${config.heads}); got ${config.dModel}`);
    }
    this.dModel = config.dModel;
    this.heads = config.heads;
    this.seed = config.seed;
  }

  override build(): void {
    const seed = this.seed ?? DEFAULT_SEED;
    this.projections = ["query", "key", "value", "output"].flatMap((name, i) => [
      this.addWeight(`${name}_kernel`, [this.dModel, this.dModel], "float32",
        tf.initializers.glorotUniform({ seed: seed + i })),
      this.addWeight(`${name}_bias`, [this.dModel], "float32", tf.initializers.zeros()),
    ]);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  /** The attention weights `[B, heads, T, T]` for an input `[B, T, dModel]` (for heat maps). */
  attentionWeights(x: tf.Tensor3D): tf.Tensor4D {
    return tf.tidy(() => this.attend(x).weights);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => this.attend(single(inputs) as tf.Tensor3D).output);
  }

  private attend(x: tf.Tensor3D): { output: tf.Tensor3D; weights: tf.Tensor4D } {
    const [batch, length] = [x.shape[0], x.shape[1]];
    const headDim = this.dModel / this.heads;
    const flat = x.reshape([batch * length, this.dModel]);
    const project = (k: number, input: tf.Tensor) =>
      tf.add(tf.matMul(input as tf.Tensor2D, this.projections[2 * k].read() as tf.Tensor2D), this.projections[2 * k + 1].read()) as tf.Tensor2D;
    const splitHeads = (t: tf.Tensor) => t.reshape([batch, length, this.heads, headDim]).transpose([0, 2, 1, 3]);
    const [q, k, v] = [0, 1, 2].map((i) => splitHeads(project(i, flat)));
    const weights = causalSoftmax(tf.matMul(q, k, false, true), Math.sqrt(headDim), causalMask) as tf.Tensor4D;
    const mixed = tf.matMul(weights, v).transpose([0, 2, 1, 3]).reshape([batch * length, this.dModel]) as tf.Tensor2D;
    return { output: project(3, mixed).reshape([batch, length, this.dModel]), weights };
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), dModel: this.dModel, heads: this.heads, seed: this.seed ?? null };
  }
}

tf.serialization.registerClass(PositionEmbedding);
tf.serialization.registerClass(CausalSelfAttention);

export interface TinyTransformerOptions {
  vocabSize: number;
  contextLength: number;
  dModel?: number;
  heads?: number;
  layers?: number;
  seed?: number;
  learningRate?: number;
}

/**
 * A decoder-only (GPT-style) character model: token + position embeddings, then `layers` pre-norm
 * blocks x + Attention(LayerNorm(x)), x + MLP(LayerNorm(x)) with a 4·dModel ReLU MLP, a final
 * LayerNorm and Dense(vocabSize, softmax). Input `[B, contextLength]` ids, output next-id
 * probabilities at every position `[B, contextLength, vocabSize]`; fit with targets `[B, contextLength, 1]`
 * (the input shifted left by one).
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function tinyTransformer({
  vocabSize, contextLength, dModel = 64, heads = 4, layers = 2, seed = DEFAULT_SEED, learningRate = 0.003,
}: TinyTransformerOptions): tf.LayersModel {
  positiveInt("vocabSize", vocabSize);
  positiveInt("contextLength", contextLength);
  positiveInt("dModel", dModel);
  positiveInt("heads", heads);
  positiveInt("layers", layers);
  if (dModel % heads !== 0) throw new Error(`dModel must be divisible by heads (${heads}); got ${dModel}`);
  const init = new SeededInit(seed);
  const ids = tf.input({ shape: [contextLength], name: "token_ids" });
  const tokens = tf.layers.embedding({
    inputDim: vocabSize, outputDim: dModel, name: "token_embedding",
    embeddingsInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: seed + 1000 }),
  }).apply(ids) as tf.SymbolicTensor;
  let x = new PositionEmbedding({ contextLength, dModel, seed: seed + 2000, name: "position_embedding" })
    .apply(tokens) as tf.SymbolicTensor;
  for (let l = 0; l < layers; l++) {
    const attended = new CausalSelfAttention({ dModel, heads, seed: seed + 3000 + 10 * l, name: `block${l}_attention` })
      .apply(tf.layers.layerNormalization({ name: `block${l}_norm1` }).apply(x)) as tf.SymbolicTensor;
    x = tf.layers.add({ name: `block${l}_residual1` }).apply([x, attended]) as tf.SymbolicTensor;
    const hidden = tf.layers.dense({ units: 4 * dModel, activation: "relu", name: `block${l}_mlp_in`, ...init.dense() })
      .apply(tf.layers.layerNormalization({ name: `block${l}_norm2` }).apply(x)) as tf.SymbolicTensor;
    const mlp = tf.layers.dense({ units: dModel, name: `block${l}_mlp_out`, ...init.dense() }).apply(hidden) as tf.SymbolicTensor;
    x = tf.layers.add({ name: `block${l}_residual2` }).apply([x, mlp]) as tf.SymbolicTensor;
  }
  const normed = tf.layers.layerNormalization({ name: "final_norm" }).apply(x) as tf.SymbolicTensor;
  const probabilities = tf.layers.dense({ units: vocabSize, activation: "softmax", name: "next_token", ...init.dense() })
    .apply(normed) as tf.SymbolicTensor;
  const model = tf.model({ inputs: ids, outputs: probabilities, name: "tiny_transformer" });
  model.compile({ optimizer: fusedAdam(learningRate), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"] });
  return model;
}

/**
 * The causal attention weights of block `layer` for one window of ids, `[heads, T, T]`
 * (row i: how much position i attends to each position j ≤ i), for heat maps.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function transformerAttention(model: tf.LayersModel, ids: number[], layer = 0): tf.Tensor3D {
  const contextLength = model.inputs[0].shape[1];
  if (ids.length === 0 || ids.length !== contextLength) {
    throw new Error(`ids must hold contextLength (${contextLength}) token ids; got ${ids.length}`);
  }
  const attention = model.getLayer(`block${layer}_attention`);
  if (!(attention instanceof CausalSelfAttention)) {
    throw new Error(`layer must name a tinyTransformer block (block${layer}_attention is not a CausalSelfAttention)`);
  }
  const toNorm = tf.model({ inputs: model.inputs, outputs: model.getLayer(`block${layer}_norm1`).output as tf.SymbolicTensor });
  return tf.tidy(() => {
    const normed = toNorm.predict(tf.tensor2d([ids], [1, ids.length])) as tf.Tensor3D;
    return attention.attentionWeights(normed).squeeze([0]) as tf.Tensor3D;
  });
}

/**
 * Cuts a token stream into training windows: inputs `ids[i … i+T−1]`, targets `ids[i+1 … i+T]`,
 * windows starting every `stride` tokens.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function nextTokenWindows(ids: ArrayLike<number>, contextLength: number, stride = contextLength): { x: tf.Tensor2D; y: tf.Tensor3D } {
  positiveInt("contextLength", contextLength);
  positiveInt("stride", stride);
  if (ids.length < contextLength + 1) {
    throw new Error(`ids must hold at least contextLength + 1 = ${contextLength + 1} tokens; got ${ids.length}`);
  }
  const starts: number[] = [];
  for (let s = 0; s + contextLength < ids.length; s += stride) starts.push(s);
  const x = new Float32Array(starts.length * contextLength);
  const y = new Float32Array(starts.length * contextLength);
  starts.forEach((s, w) => {
    for (let t = 0; t < contextLength; t++) {
      x[w * contextLength + t] = ids[s + t];
      y[w * contextLength + t] = ids[s + t + 1];
    }
  });
  return { x: tf.tensor2d(x, [starts.length, contextLength]), y: tf.tensor3d(y, [starts.length, contextLength, 1]) };
}

export interface GenerateOptions {
  /** How many new tokens to produce. */
  length: number;
  /** Divides the log-probabilities before sampling: < 1 sharpens, > 1 flattens; 0 means greedy. */
  temperature?: number;
  /** Keep only the k most probable tokens before sampling. */
  topK?: number;
  seed?: number;
}

/**
 * Samples the next-token distribution `softmax(log p / temperature)` restricted to the top k,
 * from a seeded generator. Returns the chosen index.
 */
export function sampleFromProbabilities(
  probabilities: ArrayLike<number>, { temperature = 1, topK, random }: { temperature?: number; topK?: number; random: () => number },
): number {
  if (temperature < 0 || !Number.isFinite(temperature)) throw new Error(`temperature must be ≥ 0; got ${temperature}`);
  const n = probabilities.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => probabilities[b] - probabilities[a]);
  if (temperature === 0) return order[0];
  const k = topK === undefined ? n : positiveInt("topK", topK);
  const kept = order.slice(0, Math.min(k, n));
  const logits = kept.map((i) => Math.log(Math.max(probabilities[i], 1e-30)) / temperature);
  const max = Math.max(...logits);
  const weights = logits.map((l) => Math.exp(l - max));
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 0; i < kept.length; i++) {
    r -= weights[i];
    if (r <= 0) return kept[i];
  }
  return kept[kept.length - 1];
}

/**
 * Autoregressive generation: the last `contextLength` ids (right-padded with 0, which the causal
 * mask keeps from influencing earlier positions) predict the next id, which is appended. Returns
 * only the new ids.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function generate(model: tf.LayersModel, prompt: number[], { length, temperature = 1, topK, seed = DEFAULT_SEED }: GenerateOptions): number[] {
  const contextLength = model.inputs[0].shape[1];
  if (typeof contextLength !== "number") throw new Error("model must have a fixed input length [B, contextLength]");
  if (prompt.length === 0) throw new Error("prompt must hold at least one token id; got []");
  if (!Number.isInteger(length) || length < 0) throw new Error(`length must be a non-negative integer; got ${length}`);
  const random = seededRandom(seed);
  const ids = [...prompt];
  for (let step = 0; step < length; step++) {
    const window = ids.slice(-contextLength);
    const last = window.length - 1;
    const padded = [...window, ...new Array<number>(contextLength - window.length).fill(0)];
    const probs = tf.tidy(() => {
      const out = model.predict(tf.tensor2d([padded], [1, contextLength])) as tf.Tensor3D;
      return out.slice([0, last, 0], [1, 1, -1]).dataSync();
    });
    ids.push(sampleFromProbabilities(probs, { temperature, topK, random }));
  }
  return ids.slice(prompt.length);
}

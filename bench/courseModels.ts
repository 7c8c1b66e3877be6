/**
 * The course's models at the sizes the notebooks train them, each with a seeded initialisation and
 * seeded random batches, so one training step can be timed or compared across backends. The same
 * architectures are defined for PyTorch in `pytorch_models.py`.
 */
import * as tf from "@tensorflow/tfjs";

export interface Batch {
  xs: tf.Tensor[];
  y: tf.Tensor;
}

export interface BuiltModel {
  /** The variables the optimiser updates. */
  variables: tf.Variable[];
  /** The training loss of one batch (dropout active). */
  loss(batch: Batch): tf.Scalar;
  dispose(): void;
}

export interface CourseModel {
  key: string;
  title: string;
  batchSize: number;
  build(seed: number): BuiltModel;
  batch(batchSize: number, seed: number): Batch;
}

/** Sizes of the inputs; the layers are the course's at every size. */
export interface InputSizes {
  vocab: number;
  textLength: number;
  /** Height and width of the CNN images (the CNN needs at least 18). */
  imageSize: number;
  /** Source and target length of the seq2seq task. */
  sequenceLength: number;
}

/** The course's sizes. */
export const FULL_SIZES: InputSizes = { vocab: 10_000, textLength: 100, imageSize: 32, sequenceLength: 10 };
/** Small enough for the pure-JS cpu backend, whose UnsortedSegmentSum is O(vocab × tokens). */
export const SMALL_SIZES: InputSizes = { vocab: 50, textLength: 8, imageSize: 18, sequenceLength: 5 };

function seededUniform(shape: number[], seed: number): tf.Tensor {
  const fanIn = shape.length > 1 ? shape.slice(0, -1).reduce((a, b) => a * b, 1) : shape[0];
  const limit = Math.sqrt(3 / fanIn);
  return tf.randomUniform(shape, -limit, limit, "float32", seed);
}

/** Overwrites every weight with seeded values (rank-1 weights, the biases, start at zero). */
function reseed(model: tf.LayersModel, seed: number): void {
  const values = model.getWeights().map((w, i) => (w.rank === 1 ? tf.zerosLike(w) : seededUniform(w.shape, seed + i)));
  model.setWeights(values);
  tf.dispose(values);
}

function layersModel(
  model: tf.LayersModel,
  seed: number,
  lossOf: (y: tf.Tensor, out: tf.Tensor) => tf.Scalar,
): BuiltModel {
  reseed(model, seed);
  return {
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    loss: (batch) => {
      const out = model.apply(batch.xs.length === 1 ? batch.xs[0] : batch.xs, { training: true }) as tf.Tensor;
      return lossOf(batch.y, out);
    },
    dispose: () => model.dispose(),
  };
}

const binaryCrossEntropy = (y: tf.Tensor, p: tf.Tensor): tf.Scalar => tf.mean(tf.metrics.binaryCrossentropy(y, p));
const categoricalCrossEntropy = (y: tf.Tensor, p: tf.Tensor): tf.Scalar =>
  tf.mean(tf.metrics.categoricalCrossentropy(y, p));
const logitsCrossEntropy = (y: tf.Tensor, logits: tf.Tensor): tf.Scalar =>
  tf.losses.softmaxCrossEntropy(y, logits) as tf.Scalar;

function tokens(shape: number[], vocab: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.floor(tf.randomUniform(shape, 0, vocab, "float32", seed)).toInt());
}

function labels(count: number, classes: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.oneHot(tokens([count], classes, seed) as tf.Tensor1D, classes).toFloat());
}

function binaryLabels(count: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([count, 1], 0, 1, "float32", seed), 0.5), "float32"));
}

export const mlp: CourseModel = {
  key: "mlp",
  title: "MLP 100→64→32→1",
  batchSize: 32,
  build: (seed) =>
    layersModel(
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [100], units: 64, activation: "relu" }),
          tf.layers.dense({ units: 32, activation: "relu" }),
          tf.layers.dense({ units: 1, activation: "sigmoid" }),
        ],
      }),
      seed,
      binaryCrossEntropy,
    ),
  batch: (n, seed) => ({ xs: [tf.randomNormal([n, 100], 0, 1, "float32", seed)], y: binaryLabels(n, seed + 1) }),
};

export const lstmClassifier = ({ vocab, textLength }: InputSizes): CourseModel => ({
  key: "lstm",
  title: "Embedding(10000,128)→LSTM(64)→Dropout→Dense(64)→Dropout→Dense(2)",
  batchSize: 32,
  build: (seed) =>
    layersModel(
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: vocab, outputDim: 128, inputLength: textLength }),
          tf.layers.lstm({ units: 64, recurrentInitializer: "glorotUniform" }),
          tf.layers.dropout({ rate: 0.5, seed }),
          tf.layers.dense({ units: 64, activation: "relu" }),
          tf.layers.dropout({ rate: 0.5, seed: seed + 1 }),
          tf.layers.dense({ units: 2, activation: "softmax" }),
        ],
      }),
      seed,
      categoricalCrossEntropy,
    ),
  batch: (n, seed) => ({ xs: [tokens([n, textLength], vocab, seed)], y: labels(n, 2, seed + 1) }),
});

export const lstmSigmoid = ({ vocab, textLength }: InputSizes): CourseModel => ({
  key: "lstm-sigmoid",
  title: "Embedding(10000,64)→LSTM(64)→Dense(1, sigmoid)",
  batchSize: 32,
  build: (seed) =>
    layersModel(
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: vocab, outputDim: 64, inputLength: textLength }),
          tf.layers.lstm({ units: 64, recurrentInitializer: "glorotUniform" }),
          tf.layers.dense({ units: 1, activation: "sigmoid" }),
        ],
      }),
      seed,
      binaryCrossEntropy,
    ),
  batch: (n, seed) => ({ xs: [tokens([n, textLength], vocab, seed)], y: binaryLabels(n, seed + 1) }),
});

export const conv1dText = ({ vocab, textLength }: InputSizes): CourseModel => ({
  key: "conv1d",
  title: "Embedding(10000,64)→Conv1D(128,5)→GlobalMaxPool→Dense(1)",
  batchSize: 32,
  build: (seed) =>
    layersModel(
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: vocab, outputDim: 64, inputLength: textLength }),
          tf.layers.conv1d({ filters: 128, kernelSize: 5, activation: "relu" }),
          tf.layers.globalMaxPooling1d({}),
          tf.layers.dense({ units: 1, activation: "sigmoid" }),
        ],
      }),
      seed,
      binaryCrossEntropy,
    ),
  batch: (n, seed) => ({ xs: [tokens([n, textLength], vocab, seed)], y: binaryLabels(n, seed + 1) }),
});

function cnn(inputShape: [number, number, number]): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({ inputShape, filters: 32, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu" }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 64, activation: "relu" }),
      tf.layers.dense({ units: 10 }),
    ],
  });
}

export const cifarCnn = ({ imageSize: size }: InputSizes): CourseModel => ({
  key: "cnn-cifar",
  title: `CNN ${size}×${size}×3: Conv32→Pool→Conv64→Pool→Conv64→Dense64→Dense10`,
  batchSize: 32,
  build: (seed) => layersModel(cnn([size, size, 3]), seed, logitsCrossEntropy),
  batch: (n, seed) => ({ xs: [tf.randomUniform([n, size, size, 3], 0, 1, "float32", seed)], y: labels(n, 10, seed + 1) }),
});

/** The same CNN on Fashion-MNIST's 28×28×1 images (18×18, the least it takes, at the small size). */
export const fashionCnn = ({ imageSize }: InputSizes): CourseModel => {
  const size = Math.max(imageSize - 4, 18);
  return {
    key: "cnn-fashion",
    title: `CNN ${size}×${size}×1 (Fashion-MNIST)`,
    batchSize: 32,
    build: (seed) => layersModel(cnn([size, size, 1]), seed, logitsCrossEntropy),
    batch: (n, seed) => ({ xs: [tf.randomUniform([n, size, size, 1], 0, 1, "float32", seed)], y: labels(n, 10, seed + 1) }),
  };
};

const SEQ_VOCAB = 20;

export const seq2seqAttention = ({ sequenceLength: SEQ_LENGTH }: InputSizes): CourseModel => ({
  key: "seq2seq",
  title: "seq2seq LSTM(64) encoder/decoder + dot-product attention",
  batchSize: 32,
  build: (seed) => {
    const encoderIn = tf.input({ shape: [SEQ_LENGTH], dtype: "int32" });
    const decoderIn = tf.input({ shape: [SEQ_LENGTH], dtype: "int32" });
    const encoded = tf.layers.embedding({ inputDim: SEQ_VOCAB, outputDim: 32 }).apply(encoderIn) as tf.SymbolicTensor;
    const [encoderSeq, h, c] = tf.layers
      .lstm({ units: 64, returnSequences: true, returnState: true, recurrentInitializer: "glorotUniform" })
      .apply(encoded) as tf.SymbolicTensor[];
    const decoded = tf.layers.embedding({ inputDim: SEQ_VOCAB, outputDim: 32 }).apply(decoderIn) as tf.SymbolicTensor;
    const decoderLstm = tf.layers.lstm({ units: 64, returnSequences: true, recurrentInitializer: "glorotUniform" });
    // tfjs-layers shares one call-argument object between layers; the decoder LSTM writes its
    // initial state into it and the encoder LSTM, run again for its next output, then rejects it.
    const applyDecoder = decoderLstm.apply.bind(decoderLstm);
    decoderLstm.apply = (inputs, kwargs) => applyDecoder(inputs, kwargs === undefined ? kwargs : { ...kwargs });
    const decoderSeq = decoderLstm.apply([decoded, h, c]) as tf.SymbolicTensor;
    const scores = tf.layers.dot({ axes: [2, 2] }).apply([decoderSeq, encoderSeq]) as tf.SymbolicTensor;
    const weights = tf.layers.activation({ activation: "softmax" }).apply(scores) as tf.SymbolicTensor;
    const context = tf.layers.dot({ axes: [2, 1] }).apply([weights, encoderSeq]) as tf.SymbolicTensor;
    const joined = tf.layers.concatenate().apply([context, decoderSeq]) as tf.SymbolicTensor;
    const out = tf.layers.dense({ units: SEQ_VOCAB, activation: "softmax" }).apply(joined) as tf.SymbolicTensor;
    return layersModel(tf.model({ inputs: [encoderIn, decoderIn], outputs: out }), seed, categoricalCrossEntropy);
  },
  batch: (n, seed) => {
    const source = tokens([n, SEQ_LENGTH], SEQ_VOCAB, seed);
    const target = tf.tidy(() => tf.reverse(source, 1));
    const decoderInput = tf.tidy(() => tf.concat([tf.zeros([n, 1], "int32"), target.slice([0, 0], [n, SEQ_LENGTH - 1])], 1));
    const y = tf.tidy(() => tf.oneHot(target as tf.Tensor2D, SEQ_VOCAB).toFloat());
    target.dispose();
    return { xs: [source, decoderInput], y };
  },
});

const GPT = { vocab: 65, context: 32, width: 64, heads: 4, layers: 2, hidden: 256 };

/** A decoder-only transformer written with raw ops, as the course's tiny character-level GPT. */
export const tinyTransformer: CourseModel = {
  key: "transformer",
  title: "tiny GPT: 2 blocks, width 64, 4 heads, context 32",
  batchSize: 32,
  build: (seed) => {
    const { vocab, context, width, heads, layers, hidden } = GPT;
    const variables: tf.Variable[] = [];
    let next = seed;
    const weight = (shape: number[]) => {
      const v = tf.variable(seededUniform(shape, next++));
      variables.push(v);
      return v;
    };
    const constant = (shape: number[], value: number) => {
      const v = tf.variable(tf.fill(shape, value));
      variables.push(v);
      return v;
    };
    const tokenEmbedding = weight([vocab, width]);
    const positionEmbedding = weight([context, width]);
    const blocks = Array.from({ length: layers }, () => ({
      norm1: [constant([width], 1), constant([width], 0)] as const,
      qkv: weight([width, 3 * width]),
      proj: weight([width, width]),
      norm2: [constant([width], 1), constant([width], 0)] as const,
      up: weight([width, hidden]),
      upBias: constant([hidden], 0),
      down: weight([hidden, width]),
      downBias: constant([width], 0),
    }));
    const finalNorm = [constant([width], 1), constant([width], 0)] as const;
    const head = weight([width, vocab]);
    const mask = tf.tidy(() => tf.mul(tf.sub(1, tf.linalg.bandPart(tf.ones([context, context]), -1, 0)), -1e9));

    const layerNorm = (x: tf.Tensor, [gain, shift]: readonly [tf.Variable, tf.Variable]) => {
      const { mean, variance } = tf.moments(x, -1, true);
      return tf.add(tf.mul(tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5))), gain), shift);
    };
    const gelu = (x: tf.Tensor) =>
      tf.mul(tf.mul(x, 0.5), tf.add(1, tf.tanh(tf.mul(Math.sqrt(2 / Math.PI), tf.add(x, tf.mul(0.044715, tf.pow(x, 3)))))));

    const logits = (ids: tf.Tensor): tf.Tensor => {
      const [batch, length] = ids.shape;
      const headWidth = width / heads;
      let x = tf.add(tf.gather(tokenEmbedding, ids), positionEmbedding.slice([0, 0], [length, width])) as tf.Tensor;
      for (const block of blocks) {
        const flat = layerNorm(x, block.norm1).reshape([batch * length, width]);
        const [q, k, v] = tf
          .split(tf.matMul(flat, block.qkv), 3, 1)
          .map((t) => t.reshape([batch, length, heads, headWidth]).transpose([0, 2, 1, 3]));
        const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(headWidth)), mask);
        const attended = tf.matMul(tf.softmax(scores), v).transpose([0, 2, 1, 3]).reshape([batch * length, width]);
        x = tf.add(x, tf.matMul(attended, block.proj).reshape([batch, length, width]));
        const normed = layerNorm(x, block.norm2).reshape([batch * length, width]);
        const mlpOut = tf.add(tf.matMul(gelu(tf.add(tf.matMul(normed, block.up), block.upBias)), block.down), block.downBias);
        x = tf.add(x, mlpOut.reshape([batch, length, width]));
      }
      return tf.matMul(layerNorm(x, finalNorm).reshape([batch * length, width]), head);
    };
    return {
      variables,
      loss: (batch) => tf.losses.softmaxCrossEntropy(batch.y, logits(batch.xs[0])) as tf.Scalar,
      dispose: () => tf.dispose([...variables, mask]),
    };
  },
  batch: (n, seed) => {
    const text = tokens([n, GPT.context + 1], GPT.vocab, seed);
    const input = text.slice([0, 0], [n, GPT.context]);
    const y = tf.tidy(() =>
      tf.oneHot(text.slice([0, 1], [n, GPT.context]).reshape([n * GPT.context]) as tf.Tensor1D, GPT.vocab).toFloat(),
    );
    text.dispose();
    return { xs: [input], y };
  },
};

/** Every course model at the given input sizes. */
export function courseModels(sizes: InputSizes = FULL_SIZES): CourseModel[] {
  return [
    mlp,
    lstmClassifier(sizes),
    lstmSigmoid(sizes),
    conv1dText(sizes),
    cifarCnn(sizes),
    fashionCnn(sizes),
    seq2seqAttention(sizes),
    tinyTransformer,
  ];
}

/** One Adam step; returns the loss before the update. */
export function trainStep(optimizer: tf.Optimizer, model: BuiltModel, batch: Batch): number {
  const loss = optimizer.minimize(() => model.loss(batch), true, model.variables) as tf.Scalar;
  const value = loss.dataSync()[0];
  loss.dispose();
  return value;
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([...batch.xs, batch.y]);
}

/**
 * The course's models, built by the same lib builders the notebooks call, at the sizes the bench
 * times them, each with seeded random batches shaped as its compiled loss expects. The same
 * architectures are defined for PyTorch in `pytorch_models.py`.
 */
import {
  cnnClassifier,
  conv1dTextClassifier,
  lstmBinaryTextClassifier,
  lstmTextClassifier,
  mlpBinaryClassifier,
  seq2seqWithAttention,
  tf,
  tinyTransformer,
} from "@tsdl/lib";

export interface Batch {
  xs: tf.Tensor[];
  y: tf.Tensor;
}

export interface CourseModel {
  key: string;
  title: string;
  batchSize: number;
  /** A compiled model: the course's builder with its optimiser and loss. */
  build(seed: number): tf.LayersModel;
  batch(batchSize: number, seed: number): Batch;
}

/** Sizes of the inputs; the layers are the course builders' at every size. */
export interface InputSizes {
  vocab: number;
  textLength: number;
  /** Side of the CIFAR images (Fashion-MNIST's are 4 smaller; the CNN needs at least 18). */
  imageSize: number;
  /** Source and target length of the seq2seq task. */
  sequenceLength: number;
  /** The transformer's context. */
  context: number;
}

/** The sizes the bench times (the articles' example 5: maxlen 100, vocabulary 10,000). */
export const FULL_SIZES: InputSizes = { vocab: 10_000, textLength: 100, imageSize: 32, sequenceLength: 10, context: 32 };
/** Small enough for the pure-JS cpu backend, whose UnsortedSegmentSum is O(vocab × tokens). */
export const SMALL_SIZES: InputSizes = { vocab: 50, textLength: 8, imageSize: 22, sequenceLength: 5, context: 6 };

const SEQ_VOCAB = 20;
const GPT = { vocab: 65, width: 64, heads: 4, layers: 2 };

function ids(shape: number[], vocab: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.floor(tf.randomUniform(shape, 0, vocab, "float32", seed)));
}

function binaryLabels(count: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.cast(tf.greater(tf.randomUniform([count, 1], 0, 1, "float32", seed), 0.5), "float32"));
}

function oneHotLabels(count: number, classes: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.oneHot(tf.cast(ids([count], classes, seed), "int32") as tf.Tensor1D, classes).toFloat());
}

const textBatch = ({ vocab, textLength }: InputSizes, sparseClasses: number | undefined) => (n: number, seed: number): Batch => ({
  xs: [ids([n, textLength], vocab, seed)],
  y: sparseClasses === undefined ? binaryLabels(n, seed + 1) : ids([n, 1], sparseClasses, seed + 1),
});

const imageBatch = (size: number, channels: number) => (n: number, seed: number): Batch => ({
  xs: [tf.randomUniform([n, size, size, channels], 0, 1, "float32", seed)],
  y: oneHotLabels(n, 10, seed + 1),
});

/** Every course model, in the order the bench reports them. */
export function courseModels(sizes: InputSizes = FULL_SIZES): CourseModel[] {
  const { vocab, textLength, imageSize, sequenceLength, context } = sizes;
  const fashionSize = Math.max(imageSize - 4, 18);
  return [
    {
      key: "mlp",
      title: "mlpBinaryClassifier(100): 100→64→32→1",
      batchSize: 32,
      build: (seed) => mlpBinaryClassifier(100, { seed }),
      batch: (n, seed) => ({ xs: [tf.randomNormal([n, 100], 0, 1, "float32", seed)], y: binaryLabels(n, seed + 1) }),
    },
    {
      key: "lstm",
      title: `lstmTextClassifier: Embedding(${vocab},128)→LSTM(64)→Dense(64)→Dense(2), maxlen ${textLength}`,
      batchSize: 32,
      build: (seed) => lstmTextClassifier({ vocabSize: vocab, maxlen: textLength, seed }),
      batch: textBatch(sizes, 2),
    },
    {
      key: "lstm-sigmoid",
      title: `lstmBinaryTextClassifier: Embedding(${vocab},64)→LSTM(64)→Dense(1), maxlen ${textLength}`,
      batchSize: 32,
      build: (seed) => lstmBinaryTextClassifier({ vocabSize: vocab, maxlen: textLength, seed }),
      batch: textBatch(sizes, undefined),
    },
    {
      key: "conv1d",
      title: `conv1dTextClassifier: Embedding(${vocab},128)→Conv1D(128,5)→GlobalMaxPool→Dense(2), maxlen ${textLength}`,
      batchSize: 32,
      build: (seed) => conv1dTextClassifier({ vocabSize: vocab, maxlen: textLength, kernelSize: Math.min(5, textLength), seed }),
      batch: textBatch(sizes, 2),
    },
    {
      key: "cnn-cifar",
      title: `cnnClassifier ${imageSize}×${imageSize}×3 (CIFAR-10)`,
      batchSize: 32,
      build: (seed) => cnnClassifier({ inputShape: [imageSize, imageSize, 3], seed }),
      batch: imageBatch(imageSize, 3),
    },
    {
      key: "cnn-fashion",
      title: `cnnClassifier ${fashionSize}×${fashionSize}×1 (Fashion-MNIST)`,
      batchSize: 32,
      build: (seed) => cnnClassifier({ inputShape: [fashionSize, fashionSize, 1], seed }),
      batch: imageBatch(fashionSize, 1),
    },
    {
      key: "seq2seq",
      title: `seq2seqWithAttention: LSTM(64) encoder/decoder + dot attention, length ${sequenceLength}`,
      batchSize: 32,
      build: (seed) =>
        seq2seqWithAttention({ inputVocab: SEQ_VOCAB, outputVocab: SEQ_VOCAB, sourceLength: sequenceLength, targetLength: sequenceLength, seed }).model,
      batch: (n, seed) => ({
        xs: [ids([n, sequenceLength], SEQ_VOCAB, seed), ids([n, sequenceLength], SEQ_VOCAB, seed + 1)],
        y: ids([n, sequenceLength, 1], SEQ_VOCAB, seed + 2),
      }),
    },
    {
      key: "transformer",
      title: `tinyTransformer: 2 blocks, dModel 64, 4 heads, context ${context}`,
      batchSize: 32,
      build: (seed) =>
        tinyTransformer({ vocabSize: GPT.vocab, contextLength: context, dModel: GPT.width, heads: GPT.heads, layers: GPT.layers, seed }),
      batch: (n, seed) => ({ xs: [ids([n, context], GPT.vocab, seed)], y: ids([n, context, 1], GPT.vocab, seed + 1) }),
    },
  ];
}

/** One optimiser step through the model's compiled loss; returns the loss before the update. */
export async function trainStep(model: tf.LayersModel, batch: Batch): Promise<number> {
  const result = await model.trainOnBatch(batch.xs.length === 1 ? batch.xs[0] : batch.xs, batch.y);
  return Array.isArray(result) ? result[0] : result;
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([...batch.xs, batch.y]);
}

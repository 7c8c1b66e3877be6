import { DEFAULT_SEED } from "../random/index.js";
import { tf } from "../backend/index.js";
import { FusedLstm } from "./fusedLstm.js";
import { SeededInit, positiveInt } from "./seededInit.js";
import { fusedAdam } from "./fusedAdam.js";

// Dropout layers get no seed on purpose: tf.dropout with a fixed seed draws the same mask at
// every step. `train` seeds the generator dropout draws from instead.

export interface LstmTextClassifierOptions {
  vocabSize?: number;
  embeddingDim?: number;
  maxlen?: number;
  units?: number;
  classes?: number;
  dropout?: number;
  seed?: number;
  learningRate?: number;
}

/**
 * The source articles' text classifier (code example 5 in ../shared/SYLLABUS.md, the five articles the
 * course is built from): Embedding → LSTM → Dropout(0.5) → Dense(64, relu) → Dropout(0.5)
 * → Dense(classes, softmax). Labels are class ids (sparse categorical cross-entropy).
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function lstmTextClassifier({
  vocabSize = 10000,
  embeddingDim = 128,
  maxlen = 100,
  units = 64,
  classes = 2,
  dropout = 0.5,
  seed = DEFAULT_SEED,
  learningRate = 0.001,
}: LstmTextClassifierOptions = {}): tf.Sequential {
  positiveInt("vocabSize", vocabSize);
  positiveInt("embeddingDim", embeddingDim);
  positiveInt("maxlen", maxlen);
  positiveInt("units", units);
  positiveInt("classes", classes);
  const init = new SeededInit(seed);
  const model = tf.sequential({ name: "lstm_text_classifier" });
  model.add(tf.layers.embedding({
    inputDim: vocabSize, outputDim: embeddingDim, inputLength: maxlen, embeddingsInitializer: init.embedding(),
  }));
  model.add(new FusedLstm({ units, ...init.lstm() }));
  model.add(tf.layers.dropout({ rate: dropout }));
  model.add(tf.layers.dense({ units: 64, activation: "relu", ...init.dense() }));
  model.add(tf.layers.dropout({ rate: dropout }));
  model.add(tf.layers.dense({ units: classes, activation: "softmax", ...init.dense() }));
  model.compile({
    optimizer: fusedAdam(learningRate), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"],
  });
  return model;
}

export interface LstmBinaryTextClassifierOptions {
  vocabSize?: number;
  embeddingDim?: number;
  maxlen?: number;
  units?: number;
  seed?: number;
  learningRate?: number;
}

/**
 * The source articles' second text classifier (code example 6 in ../shared/SYLLABUS.md): Embedding → LSTM → Dense(1, sigmoid).
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function lstmBinaryTextClassifier({
  vocabSize = 10000,
  embeddingDim = 64,
  maxlen = 100,
  units = 64,
  seed = DEFAULT_SEED,
  learningRate = 0.001,
}: LstmBinaryTextClassifierOptions = {}): tf.Sequential {
  positiveInt("vocabSize", vocabSize);
  positiveInt("embeddingDim", embeddingDim);
  positiveInt("maxlen", maxlen);
  positiveInt("units", units);
  const init = new SeededInit(seed);
  const model = tf.sequential({ name: "lstm_binary_text_classifier" });
  model.add(tf.layers.embedding({
    inputDim: vocabSize, outputDim: embeddingDim, inputLength: maxlen, embeddingsInitializer: init.embedding(),
  }));
  model.add(new FusedLstm({ units, ...init.lstm() }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid", ...init.dense() }));
  model.compile({ optimizer: fusedAdam(learningRate), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

export interface Conv1dTextClassifierOptions {
  vocabSize?: number;
  embeddingDim?: number;
  maxlen?: number;
  filters?: number;
  kernelSize?: number;
  classes?: number;
  seed?: number;
  learningRate?: number;
}

/**
 * A convolutional text classifier: Embedding → Conv1D(filters, kernelSize, relu) →
 * GlobalMaxPool1D → Dense(classes, softmax). It learns n-gram detectors and trains faster
 * than an LSTM. Labels are class ids.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function conv1dTextClassifier({
  vocabSize = 10000,
  embeddingDim = 128,
  maxlen = 100,
  filters = 128,
  kernelSize = 5,
  classes = 2,
  seed = DEFAULT_SEED,
  learningRate = 0.001,
}: Conv1dTextClassifierOptions = {}): tf.Sequential {
  positiveInt("vocabSize", vocabSize);
  positiveInt("embeddingDim", embeddingDim);
  positiveInt("maxlen", maxlen);
  positiveInt("filters", filters);
  positiveInt("kernelSize", kernelSize);
  positiveInt("classes", classes);
  if (kernelSize > maxlen) throw new Error(`kernelSize must be ≤ maxlen (${maxlen}); got ${kernelSize}`);
  const init = new SeededInit(seed);
  const model = tf.sequential({ name: "conv1d_text_classifier" });
  model.add(tf.layers.embedding({
    inputDim: vocabSize, outputDim: embeddingDim, inputLength: maxlen, embeddingsInitializer: init.embedding(),
  }));
  model.add(tf.layers.conv1d({ filters, kernelSize, activation: "relu", ...init.dense() }));
  model.add(tf.layers.globalMaxPooling1d({}));
  model.add(tf.layers.dense({ units: classes, activation: "softmax", ...init.dense() }));
  model.compile({
    optimizer: fusedAdam(learningRate), loss: "sparseCategoricalCrossentropy", metrics: ["accuracy"],
  });
  return model;
}

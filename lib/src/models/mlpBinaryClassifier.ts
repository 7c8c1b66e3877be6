import { DEFAULT_SEED } from "../random/index.js";
import { tf } from "../backend/index.js";
import { SeededInit, positiveInt } from "./seededInit.js";
import { fusedAdam } from "./fusedAdam.js";

export interface MlpBinaryClassifierOptions {
  seed?: number;
  learningRate?: number;
}

/**
 * The source articles' binary classifier (code example 2 in ../shared/SYLLABUS.md, the five articles the
 * course is built from): Dense 64 relu → Dense 32 relu → Dense 1 sigmoid, compiled with
 * Adam, binary cross-entropy and accuracy.
 *
 * Taught in notebooks/01-concepts.ipynb; also used in 04-training, 05-evaluation, 08-large-models, 09-faq.
 */
export function mlpBinaryClassifier(
  inputDim: number,
  { seed = DEFAULT_SEED, learningRate = 0.001 }: MlpBinaryClassifierOptions = {},
): tf.Sequential {
  positiveInt("inputDim", inputDim);
  const init = new SeededInit(seed);
  const model = tf.sequential({ name: "mlp_binary_classifier" });
  model.add(tf.layers.dense({ inputShape: [inputDim], units: 64, activation: "relu", ...init.dense() }));
  model.add(tf.layers.dense({ units: 32, activation: "relu", ...init.dense() }));
  model.add(tf.layers.dense({ units: 1, activation: "sigmoid", ...init.dense() }));
  model.compile({ optimizer: fusedAdam(learningRate), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

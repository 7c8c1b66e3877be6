import { DEFAULT_SEED } from "../random/index.js";
import { tf } from "../backend/index.js";
import { SeededInit, positiveInt } from "./seededInit.js";

export interface MlpBinaryClassifierOptions {
  seed?: number;
  learningRate?: number;
}

/**
 * The articles' binary classifier: Dense 64 relu → Dense 32 relu → Dense 1 sigmoid, compiled with
 * Adam, binary cross-entropy and accuracy.
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
  model.compile({ optimizer: tf.train.adam(learningRate), loss: "binaryCrossentropy", metrics: ["accuracy"] });
  return model;
}

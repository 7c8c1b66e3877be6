import { DEFAULT_SEED } from "../random/index.js";
import { tf } from "../backend/index.js";
import { softmaxCrossEntropyFromLogits } from "./logitsLoss.js";
import { SeededInit, positiveInt } from "./seededInit.js";
import { fusedAdam } from "./fusedAdam.js";

export interface CnnClassifierOptions {
  inputShape?: [number, number, number];
  classes?: number;
  seed?: number;
  learningRate?: number;
}

/**
 * The source articles' CIFAR-10 CNN (code example 7 in ../shared/SYLLABUS.md, the five articles the course
 * is built from): Conv 32 (3×3, relu) → MaxPool 2 → Conv 64 → MaxPool 2 → Conv 64 →
 * Flatten → Dense 64 relu → Dense `classes` logits, compiled with Adam and softmax cross-entropy
 * from logits. Fit it with one-hot labels (`tf.oneHot(ids, classes)`); take `tf.softmax` of
 * `predict` for probabilities.
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function cnnClassifier({
  inputShape = [32, 32, 3],
  classes = 10,
  seed = DEFAULT_SEED,
  learningRate = 0.001,
}: CnnClassifierOptions = {}): tf.Sequential {
  if (inputShape.length !== 3) throw new Error(`inputShape must be [height, width, channels]; got [${inputShape}]`);
  inputShape.forEach((d, i) => positiveInt(`inputShape[${i}]`, d));
  positiveInt("classes", classes);
  // Side length after conv, pool, conv, pool, conv (valid padding): must stay ≥ 1.
  const side = (h: number) => Math.floor((Math.floor((h - 2) / 2) - 2) / 2) - 2;
  if (side(inputShape[0]) < 1 || side(inputShape[1]) < 1) {
    throw new Error(`inputShape must be at least 18×18 for three 3×3 convolutions and two pools; got [${inputShape}]`);
  }
  const init = new SeededInit(seed);
  const model = tf.sequential({ name: "cnn_classifier" });
  model.add(tf.layers.conv2d({ inputShape, filters: 32, kernelSize: 3, activation: "relu", ...init.dense() }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu", ...init.dense() }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.conv2d({ filters: 64, kernelSize: 3, activation: "relu", ...init.dense() }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 64, activation: "relu", ...init.dense() }));
  model.add(tf.layers.dense({ units: classes, ...init.dense() }));
  model.compile({ optimizer: fusedAdam(learningRate), loss: softmaxCrossEntropyFromLogits, metrics: ["accuracy"] });
  return model;
}

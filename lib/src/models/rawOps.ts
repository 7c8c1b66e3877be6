import { tf } from "../backend/index.js";
import { DEFAULT_SEED, seededRandom, shuffledIndices } from "../random/index.js";
import { softmaxCrossEntropyFromLogits } from "./logitsLoss.js";
import { SeededInit, positiveInt } from "./seededInit.js";

export interface RawFitOptions {
  epochs?: number;
  batchSize?: number;
  seed?: number;
  onEpochEnd?: (epoch: number, loss: number) => void;
}

/**
 * A network written with raw tensor ops and trained by `tf.train.adam` on its own variables,
 * with no layers API: what `model.fit` does, spelled out.
 */
export interface RawOpModel {
  /** The trainable variables, in the order the forward pass uses them. */
  readonly variables: tf.Variable[];
  readonly optimizer: tf.AdamOptimizer;
  parameterCount(): number;
  /** The forward pass: unnormalised class scores `[B, classes]`. */
  logits(x: tf.Tensor): tf.Tensor2D;
  /** Predicted class ids `[B]`. */
  predictClasses(x: tf.Tensor): tf.Tensor1D;
  /** One Adam step on a batch; returns the batch's mean softmax cross-entropy before the step. */
  trainStep(x: tf.Tensor, labels: tf.Tensor): number;
  /** Mini-batch training on class ids; returns the mean loss of each epoch. */
  fit(x: tf.Tensor, labels: tf.Tensor, options?: RawFitOptions): Promise<number[]>;
  dispose(): void;
}

function makeRawModel(variables: tf.Variable[], forward: (x: tf.Tensor) => tf.Tensor2D, learningRate: number): RawOpModel {
  const optimizer = tf.train.adam(learningRate);
  const model: RawOpModel = {
    variables,
    optimizer,
    parameterCount: () => variables.reduce((n, v) => n + v.size, 0),
    logits: (x) => tf.tidy(() => forward(x)),
    predictClasses: (x) => tf.tidy(() => forward(x).argMax(-1) as tf.Tensor1D),
    trainStep(x, labels) {
      const loss = optimizer.minimize(() => softmaxCrossEntropyFromLogits(labels, forward(x)), true, variables);
      const value = loss!.dataSync()[0];
      loss!.dispose();
      return value;
    },
    async fit(x, labels, { epochs = 10, batchSize = 32, seed = DEFAULT_SEED, onEpochEnd } = {}) {
      positiveInt("epochs", epochs);
      positiveInt("batchSize", batchSize);
      const n = x.shape[0];
      if (labels.shape[0] !== n) throw new Error(`labels must have ${n} rows like x; got ${labels.shape[0]}`);
      const random = seededRandom(seed);
      const history: number[] = [];
      for (let epoch = 0; epoch < epochs; epoch++) {
        const order = shuffledIndices(n, random);
        let total = 0;
        for (let start = 0; start < n; start += batchSize) {
          const idx = tf.tensor1d(order.subarray(start, Math.min(n, start + batchSize)), "int32");
          const [xb, yb] = [tf.gather(x, idx), tf.gather(labels, idx)];
          total += model.trainStep(xb, yb) * idx.size;
          tf.dispose([idx, xb, yb]);
        }
        history.push(total / n);
        onEpochEnd?.(epoch, total / n);
        await tf.nextFrame();
      }
      return history;
    },
    dispose() {
      tf.dispose(variables);
      optimizer.dispose();
    },
  };
  return model;
}

export interface RawOpNetworkOptions {
  inputDim: number;
  hiddenUnits?: number[];
  classes: number;
  learningRate?: number;
  seed?: number;
}

/**
 * A multi-layer perceptron from `tf.matMul` + bias + ReLU per hidden layer, logits out.
 *
 * Taught in no notebook yet.
 */
export function rawOpNetwork({
  inputDim, hiddenUnits = [64, 32], classes, learningRate = 0.01, seed = DEFAULT_SEED,
}: RawOpNetworkOptions): RawOpModel {
  positiveInt("inputDim", inputDim);
  positiveInt("classes", classes);
  hiddenUnits.forEach((u, i) => positiveInt(`hiddenUnits[${i}]`, u));
  const init = new SeededInit(seed);
  const sizes = [inputDim, ...hiddenUnits, classes];
  const variables: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    variables.push(tf.variable(init.glorotUniform().apply([sizes[l], sizes[l + 1]])));
    variables.push(tf.variable(tf.zeros([sizes[l + 1]])));
  }
  const layers = sizes.length - 1;
  const forward = (x: tf.Tensor): tf.Tensor2D => {
    let h = x.reshape([x.shape[0], inputDim]) as tf.Tensor2D;
    for (let l = 0; l < layers; l++) {
      h = tf.add(tf.matMul(h, variables[2 * l] as tf.Tensor2D), variables[2 * l + 1]);
      if (l + 1 < layers) h = tf.relu(h);
    }
    return h;
  };
  return makeRawModel(variables, forward, learningRate);
}

export interface RawOpCnnOptions {
  inputShape: [number, number, number];
  filters?: number[];
  kernelSize?: number;
  classes: number;
  learningRate?: number;
  seed?: number;
}

/**
 * A CNN from `tf.conv2d` (valid padding) + bias + ReLU + `tf.maxPool` (2×2) per stage, then
 * flatten and a `tf.matMul` to logits.
 *
 * Taught in no notebook yet.
 */
export function rawOpCnn({
  inputShape, filters = [16, 32], kernelSize = 3, classes, learningRate = 0.01, seed = DEFAULT_SEED,
}: RawOpCnnOptions): RawOpModel {
  if (inputShape.length !== 3) throw new Error(`inputShape must be [height, width, channels]; got [${inputShape}]`);
  inputShape.forEach((d, i) => positiveInt(`inputShape[${i}]`, d));
  filters.forEach((f, i) => positiveInt(`filters[${i}]`, f));
  positiveInt("kernelSize", kernelSize);
  positiveInt("classes", classes);
  const init = new SeededInit(seed);
  const variables: tf.Variable[] = [];
  let [h, w, c] = inputShape;
  filters.forEach((f, s) => {
    variables.push(tf.variable(init.glorotUniform().apply([kernelSize, kernelSize, c, f])));
    variables.push(tf.variable(tf.zeros([f])));
    h = Math.floor((h - kernelSize + 1) / 2);
    w = Math.floor((w - kernelSize + 1) / 2);
    c = f;
    if (h < 1 || w < 1) throw new Error(`inputShape [${inputShape}] is too small for ${filters.length} conv+pool stages`);
  });
  const flat = h * w * c;
  variables.push(tf.variable(init.glorotUniform().apply([flat, classes])));
  variables.push(tf.variable(tf.zeros([classes])));
  const forward = (x: tf.Tensor): tf.Tensor2D => {
    let a = x as tf.Tensor4D;
    filters.forEach((_, s) => {
      const conv = tf.conv2d(a, variables[2 * s] as tf.Tensor4D, 1, "valid");
      a = tf.maxPool(tf.relu(tf.add(conv, variables[2 * s + 1])) as tf.Tensor4D, 2, 2, "valid");
    });
    const last = 2 * filters.length;
    return tf.add(tf.matMul(a.reshape([a.shape[0], flat]), variables[last] as tf.Tensor2D), variables[last + 1]);
  };
  return makeRawModel(variables, forward, learningRate);
}

import { describe, expect, it } from "vitest";
import {
  classificationAccuracy,
  cnnClassifier,
  conv1dTextClassifier,
  loadFashionMnist,
  lstmBinaryTextClassifier,
  lstmTextClassifier,
  seededRandom,
  tf,
  train,
} from "@tsdl/lib";

// A synthetic sentiment task: 12-token sequences over a 30-word vocabulary; the label says
// whether the "positive" word 7 occurs.
function containsWordTask(rows: number, seed: number) {
  const random = seededRandom(seed);
  const ids = Array.from({ length: rows }, (_, i) => {
    const seq = Array.from({ length: 12 }, () => 8 + Math.floor(random() * 22));
    if (i % 2 === 0) seq[Math.floor(random() * 12)] = 7;
    return seq;
  });
  return { x: tf.tensor2d(ids), y: tf.tensor1d(ids.map((s) => (s.includes(7) ? 1 : 0))) };
}

describe("the seed models learn (small shapes, a few epochs)", () => {
  const data = containsWordTask(240, 1);
  const test = containsWordTask(100, 2);
  const small = { vocabSize: 30, maxlen: 12, seed: 3 };

  it("Conv1D text classifier", async () => {
    const model = conv1dTextClassifier({ ...small, embeddingDim: 8, filters: 8, kernelSize: 3, learningRate: 0.01 });
    await train(model, data.x, data.y, { epochs: 8, batchSize: 32, progress: false });
    expect(classificationAccuracy(model, test)).toBeGreaterThan(0.9);
  });

  it("LSTM text classifiers (softmax over 2 classes, and sigmoid)", async () => {
    const softmax = lstmTextClassifier({ ...small, embeddingDim: 8, units: 8, dropout: 0.1, learningRate: 0.02 });
    await train(softmax, data.x, data.y, { epochs: 6, batchSize: 60, progress: false });
    expect(classificationAccuracy(softmax, test)).toBeGreaterThan(0.8);
    const sigmoid = lstmBinaryTextClassifier({ ...small, embeddingDim: 8, units: 8, learningRate: 0.02 });
    await train(sigmoid, data.x, data.y.reshape([-1, 1]), { epochs: 6, batchSize: 60, progress: false });
    expect(classificationAccuracy(sigmoid, test)).toBeGreaterThan(0.8);
  }, 120_000);

  it("CNN on Fashion-MNIST with one-hot labels and logits", async () => {
    const { images, labels } = loadFashionMnist("train", { limit: 240 });
    const model = cnnClassifier({ inputShape: [28, 28, 1], classes: 10, seed: 4 });
    const result = await train(model, images, tf.oneHot(labels, 10), { epochs: 3, batchSize: 80, progress: false });
    const loss = result.history.history.loss as number[];
    expect(loss[0]).toBeLessThan(Math.log(10) + 0.2); // starts near chance: −ln(1/10)
    expect(loss[2]).toBeLessThan(loss[0]);
    const testSet = loadFashionMnist("test", { limit: 200 });
    // Nine Adam steps already lift test accuracy well above chance (0.1).
    expect(classificationAccuracy(model, { x: testSet.images, y: testSet.labels })).toBeGreaterThan(0.3);
  }, 120_000);
});

import { describe, expect, it } from "vitest";
import { loadDigits, rawOpCnn, rawOpNetwork, softmaxCrossEntropyFromLogits, tf } from "@tsdl/lib";

describe("softmaxCrossEntropyFromLogits", () => {
  // Row 1: log(e² + e¹ + e⁰) − 2 = 0.4076059644; row 2: log 3 = 1.0986122887.
  const logits = tf.tensor2d([[2, 1, 0], [0, 0, 0]]);
  const expected = (0.4076059644 + 1.0986122887) / 2;

  it("matches the hand-computed mean for class ids", () => {
    expect(softmaxCrossEntropyFromLogits(tf.tensor1d([0, 2]), logits).dataSync()[0]).toBeCloseTo(expected, 5);
    expect(softmaxCrossEntropyFromLogits(tf.tensor2d([[0], [2]]), logits).dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it("matches the hand-computed mean for one-hot labels", () => {
    const oneHot = tf.tensor2d([[1, 0, 0], [0, 0, 1]]);
    expect(softmaxCrossEntropyFromLogits(oneHot, logits).dataSync()[0]).toBeCloseTo(expected, 5);
  });
});

describe("raw-op networks", () => {
  it("the raw MLP's forward pass equals a Dense stack holding the same weights", () => {
    const raw = rawOpNetwork({ inputDim: 4, hiddenUnits: [5], classes: 3, seed: 1 });
    expect(raw.parameterCount()).toBe(4 * 5 + 5 + 5 * 3 + 3);
    const layers = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 5, activation: "relu" }),
        tf.layers.dense({ units: 3 }),
      ],
    });
    layers.setWeights(raw.variables);
    const x = tf.randomNormal([6, 4], 0, 1, "float32", 3);
    const want = Array.from((layers.predict(x) as tf.Tensor).dataSync());
    Array.from(raw.logits(x).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it("the raw CNN's forward pass equals conv2d → maxPooling2d → flatten → dense layers", () => {
    const raw = rawOpCnn({ inputShape: [8, 8, 1], filters: [4], kernelSize: 3, classes: 3, seed: 2 });
    // 8 → conv 6 → pool 3: flatten 3·3·4 = 36.
    expect(raw.parameterCount()).toBe(3 * 3 * 1 * 4 + 4 + 36 * 3 + 3);
    const layers = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [8, 8, 1], filters: 4, kernelSize: 3, activation: "relu" }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3 }),
      ],
    });
    layers.setWeights(raw.variables);
    const x = tf.randomUniform([2, 8, 8, 1], 0, 1, "float32", 4);
    const want = Array.from((layers.predict(x) as tf.Tensor).dataSync());
    Array.from(raw.logits(x).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
  });

  it("the raw MLP learns the 8×8 digits with tf.train.adam, and repeats with the same seed", async () => {
    const { images, labels } = loadDigits();
    const x = images.reshape([-1, 64]);
    const [train, test] = [tf.range(0, 1400, 1, "int32"), tf.range(1400, 1797, 1, "int32")];
    const run = async (epochs: number) => {
      const net = rawOpNetwork({ inputDim: 64, hiddenUnits: [64], classes: 10, seed: 7 });
      const losses = await net.fit(tf.gather(x, train), tf.gather(labels, train), { epochs, batchSize: 64, seed: 7 });
      const predicted = net.predictClasses(tf.gather(x, test));
      const accuracy = tf.mean(tf.equal(predicted, tf.gather(labels, test).toInt())).dataSync()[0];
      net.dispose();
      return { losses, accuracy };
    };
    const first = await run(10);
    expect(first.losses[9]).toBeLessThan(first.losses[0] / 4);
    expect(first.accuracy).toBeGreaterThan(0.9);
    expect((await run(2)).losses).toEqual(first.losses.slice(0, 2));
  });
});

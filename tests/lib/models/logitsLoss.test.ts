import { describe, expect, it } from "vitest";
import { softmaxCrossEntropyFromLogits, tf } from "@tsdl/lib";

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

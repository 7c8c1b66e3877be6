import { describe, expect, it } from "vitest";
import { scratch, tf } from "@tsdl/lib";

const {
  Matrix,
  binaryCrossEntropy,
  binaryCrossEntropyGradient,
  categoricalCrossEntropy,
  categoricalCrossEntropyGradient,
  meanSquaredError,
  meanSquaredErrorGradient,
  numericalGradient,
  relativeError,
  softmax,
  softmaxCrossEntropyGradient,
} = scratch;

describe("losses", () => {
  it("MSE of [1, 2, 3] against [1, 1, 1] is 5/3 with gradient 2(p − y)/n", () => {
    expect(meanSquaredError([1, 2, 3], [1, 1, 1])).toBeCloseTo(5 / 3, 15);
    const grad = meanSquaredErrorGradient([1, 2, 3], [1, 1, 1]);
    expect(Array.from(grad)).toEqual([0, 2 / 3, 4 / 3]);
  });

  it("binary cross-entropy by hand and as tf.metrics.binaryCrossentropy computes it", () => {
    const p = [0.8, 0.3, 0.6];
    const y = [1, 0, 1];
    const byHand = -(Math.log(0.8) + Math.log(0.7) + Math.log(0.6)) / 3;
    expect(binaryCrossEntropy(p, y)).toBeCloseTo(byHand, 15);
    const tfValue = tf.tidy(() => tf.metrics.binaryCrossentropy(tf.tensor1d(y), tf.tensor1d(p)).dataSync()[0]);
    expect(binaryCrossEntropy(p, y)).toBeCloseTo(tfValue, 6);
  });

  it("categorical cross-entropy by hand, and every gradient matches a numerical one", () => {
    const p = Matrix.fromRows([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]]);
    const y = Matrix.fromRows([[1, 0, 0], [0, 1, 0]]);
    expect(categoricalCrossEntropy(p, y)).toBeCloseTo(-(Math.log(0.7) + Math.log(0.8)) / 2, 15);

    const cases: [string, () => number, Float64Array, ArrayLike<number>][] = [];
    const probs = new Float64Array([0.8, 0.3, 0.6]);
    cases.push(["bce", () => binaryCrossEntropy(probs, [1, 0, 1]), probs, binaryCrossEntropyGradient(probs, [1, 0, 1])]);
    const preds = new Float64Array([0.5, -1, 2]);
    cases.push(["mse", () => meanSquaredError(preds, [0, 0, 1]), preds, meanSquaredErrorGradient(preds, [0, 0, 1])]);
    cases.push(["cce", () => categoricalCrossEntropy(p, y), p.data, categoricalCrossEntropyGradient(p, y).data]);
    for (const [name, f, values, analytic] of cases) {
      expect(relativeError(analytic, numericalGradient(f, values)), name).toBeLessThan(1e-8);
    }
  });

  it("softmax + cross-entropy has gradient (softmax(z) − y)/n with respect to the logits", () => {
    const z = Matrix.fromRows([[1, -0.5, 2], [0.3, 0.1, -1]]);
    const y = Matrix.fromRows([[0, 0, 1], [1, 0, 0]]);
    const analytic = softmaxCrossEntropyGradient(z, y);
    const numeric = numericalGradient(() => categoricalCrossEntropy(softmax(z), y), z.data);
    expect(relativeError(analytic.data, numeric)).toBeLessThan(1e-8);
  });

  it("names the argument, expected and actual on mismatched shapes", () => {
    expect(() => meanSquaredError([1, 2], [1])).toThrow("meanSquaredError: targets must have 2 values like predictions, got 1");
    expect(() => categoricalCrossEntropy(Matrix.zeros(2, 3), Matrix.zeros(2, 2))).toThrow(
      "categoricalCrossEntropy: targets must have the predictions' shape [2, 3], got [2, 2]",
    );
    expect(() => binaryCrossEntropy([], [])).toThrow("binaryCrossEntropy: predictions must be non-empty, got 0 values");
  });
});

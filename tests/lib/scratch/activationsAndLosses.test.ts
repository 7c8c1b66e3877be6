import { describe, expect, it } from "vitest";
import { scratch, tf } from "@tsdl/lib";
import { softmaxBackward } from "../../../lib/src/scratch/activations.js";
import { numericalGradient, relativeError } from "../../../lib/src/scratch/gradientCheck.js";
import {
  binaryCrossEntropyGradient,
  categoricalCrossEntropyGradient,
  meanSquaredErrorGradient,
  softmaxCrossEntropyGradient,
} from "../../../lib/src/scratch/losses.js";
import { Matrix } from "../../../lib/src/scratch/matrix.js";

const {
  binaryCrossEntropy,
  categoricalCrossEntropy,
  gradientCheck,
  meanSquaredError,
  relu,
  reluDerivative,
  sigmoid,
  sigmoidDerivative,
  softmax,
  tanh,
  tanhDerivative,
} = scratch;

/** d/dz of an elementwise function by central differences, one point at a time. */
function slope(fn: (z: number[]) => ArrayLike<number>, z: number): number {
  const point = new Float64Array([z]);
  return numericalGradient(() => fn(Array.from(point))[0], point, 1e-6)[0];
}

describe("activations", () => {
  it("relu and its derivative (0 at the kink, as TensorFlow)", () => {
    expect(Array.from(relu([-2, 0, 3]))).toEqual([0, 0, 3]);
    expect(Array.from(reluDerivative([-2, 0, 3]))).toEqual([0, 0, 1]);
  });

  it("sigmoid: σ(0) = 1/2, σ(ln 3) = 3/4 with σ' = 3/16, and no overflow at ±800", () => {
    const s = sigmoid([0, Math.log(3), -800, 800]);
    expect(s[0]).toBe(0.5);
    expect(s[1]).toBeCloseTo(0.75, 15);
    expect(s[2]).toBe(0);
    expect(s[3]).toBe(1);
    expect(sigmoidDerivative([Math.log(3)])[0]).toBeCloseTo(3 / 16, 15);
  });

  it("tanh(ln 2) = 3/5 with tanh' = 16/25", () => {
    expect(tanh([Math.log(2)])[0]).toBeCloseTo(0.6, 15);
    expect(tanhDerivative([Math.log(2)])[0]).toBeCloseTo(0.64, 15);
  });

  it("every derivative matches a numerical derivative", () => {
    for (const z of [-2.5, -0.3, 0.7, 1.9]) {
      expect(reluDerivative([z])[0]).toBeCloseTo(slope(relu, z), 8);
      expect(sigmoidDerivative([z])[0]).toBeCloseTo(slope(sigmoid, z), 8);
      expect(tanhDerivative([z])[0]).toBeCloseTo(slope(tanh, z), 8);
    }
  });

  it("keeps a Matrix a Matrix", () => {
    const out = relu(Matrix.fromRows([[-1, 2], [3, -4]]));
    expect(out).toBeInstanceOf(Matrix);
    expect(out.toRows()).toEqual([[0, 2], [3, 0]]);
  });

  it("softmax([1, 2, 3]) and the same for logits shifted by 1000 (numerically stable)", () => {
    const expected = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219];
    const plain = softmax([1, 2, 3]);
    const shifted = softmax([1001, 1002, 1003]);
    expected.forEach((v, i) => {
      expect(plain[i]).toBeCloseTo(v, 14);
      expect(shifted[i]).toBeCloseTo(v, 14);
    });
    expect(Array.from(softmax([-1000, 0])).every(Number.isFinite)).toBe(true);
  });

  it("softmax of a matrix works row by row", () => {
    const rows = softmax(Matrix.fromRows([[0, 0], [Math.log(3), 0]])).toRows();
    expect(rows[0]).toEqual([0.5, 0.5]);
    expect(rows[1][0]).toBeCloseTo(0.75, 15);
  });

  it("softmaxBackward equals the numerical gradient of g·softmax(z) (Jᵀ·g)", () => {
    const z = new Float64Array([0.2, -1.3, 0.8, 2.1]);
    const g = [0.5, -1, 2, 0.25];
    const numeric = numericalGradient(() => Array.from(softmax(z)).reduce((sum, s, i) => sum + s * g[i]!, 0), z);
    const backward = softmaxBackward(Matrix.rowVector(z), Matrix.rowVector(g));
    for (let j = 0; j < 4; j++) expect(backward.get(0, j)).toBeCloseTo(numeric[j]!, 9);
  });

  it("rejects an empty softmax input", () => {
    expect(() => softmax([])).toThrow("softmax: z must be non-empty, got length 0");
  });
});

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

describe("gradient checking", () => {
  it("central differences recover the gradient of x₀²·x₁ + sin(x₂)", () => {
    const x = new Float64Array([1.5, -2, 0.3]);
    const f = () => x[0] ** 2 * x[1] + Math.sin(x[2]);
    const numeric = numericalGradient(f, x);
    const analytic = [2 * x[0] * x[1], x[0] ** 2, Math.cos(x[2])];
    analytic.forEach((g, i) => expect(numeric[i]).toBeCloseTo(g, 9));
    expect(Array.from(x)).toEqual([1.5, -2, 0.3]);
  });

  it("relative error is ‖a − b‖ / (‖a‖ + ‖b‖)", () => {
    expect(relativeError([1, 0], [0, 1])).toBeCloseTo(Math.SQRT2 / 2, 15);
    expect(relativeError([3, 4], [3, 4])).toBe(0);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    expect(() => relativeError([1], [1, 2])).toThrow("relativeError: b must have 1 values like a, got 2");
  });

  it("flags a wrong analytic gradient", () => {
    const value = new Float64Array([0.5, -1]);
    const f = () => value[0] ** 2 + 3 * value[1];
    const right = gradientCheck(f, [{ name: "w", value, grad: new Float64Array([1, 3]) }]);
    const wrong = gradientCheck(f, [{ name: "w", value, grad: new Float64Array([1, -3]) }]);
    expect(right.maxRelativeError).toBeLessThan(1e-8);
    expect(wrong.maxRelativeError).toBeGreaterThan(0.5);
  });
});

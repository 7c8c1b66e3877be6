import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scratch, tf } from "@tsdl/lib";
import { numericalGradient } from "../../../lib/src/scratch/gradientCheck.js";
import { l2Penalty, l2PenaltyGradient } from "../../../lib/src/scratch/regularization.js";

const { fitLinearRegression, fitLogisticRegression, invertedDropout } = scratch;

interface SklearnFit {
  C: number | null;
  weights: number[];
  bias: number;
  probabilities_first5: number[];
}
const reference = JSON.parse(readFileSync(new URL("./fixtures/logistic_regression_reference.json", import.meta.url), "utf8")) as {
  x: number[][];
  y: number[];
  fits: Record<"l2_C1" | "unpenalized", SklearnFit>;
};

describe("linear regression by gradient descent", () => {
  it("recovers y = 3·x₁ − 2·x₂ + 0.5 from noiseless data", () => {
    const x = Array.from({ length: 50 }, (_, i) => [Math.sin(i), Math.cos(1.3 * i)]);
    const y = x.map(([a, b]) => 3 * a - 2 * b + 0.5);
    const model = fitLinearRegression(x, y, { learningRate: 0.2, epochs: 2000 });
    expect(model.weights[0]).toBeCloseTo(3, 6);
    expect(model.weights[1]).toBeCloseTo(-2, 6);
    expect(model.bias).toBeCloseTo(0.5, 6);
    expect(model.lossHistory).toHaveLength(2001);
    expect(model.lossHistory[2000]).toBeLessThan(1e-12);
    expect(model.predict([[1, 1]])[0]).toBeCloseTo(1.5, 6);
  });

  it("validates its input", () => {
    expect(() => fitLinearRegression([[1], [2]], [1])).toThrow("fitLinearRegression: targets must have 2 values (one per row of input), got 1");
    expect(() => fitLinearRegression([[1]], [1], { epochs: 0 })).toThrow("fitLinearRegression: epochs must be a positive integer, got 0");
  });
});

describe("logistic regression by gradient descent", () => {
  const n = reference.x.length;

  it("matches scikit-learn's unpenalized LogisticRegression", () => {
    const fit = reference.fits.unpenalized;
    const model = fitLogisticRegression(reference.x, reference.y, { learningRate: 1, epochs: 3000 });
    fit.weights.forEach((w, j) => expect(model.weights[j]).toBeCloseTo(w, 5));
    expect(model.bias).toBeCloseTo(fit.bias, 5);
    const probabilities = model.predict(reference.x.slice(0, 5));
    fit.probabilities_first5.forEach((p, i) => expect(probabilities[i]).toBeCloseTo(p, 5));
  });

  it("matches scikit-learn's default L2 penalty (C = 1) with λ = 1/(2·C·n)", () => {
    const fit = reference.fits.l2_C1;
    const model = fitLogisticRegression(reference.x, reference.y, { learningRate: 1, epochs: 3000, l2: 1 / (2 * fit.C! * n) });
    fit.weights.forEach((w, j) => expect(model.weights[j]).toBeCloseTo(w, 5));
    expect(model.bias).toBeCloseTo(fit.bias, 5);
    // The penalty shrinks every weight compared with the unpenalized fit.
    reference.fits.unpenalized.weights.forEach((w, j) => expect(Math.abs(model.weights[j])).toBeLessThan(Math.abs(w)));
  });

  it("rejects targets other than 0/1", () => {
    expect(() => fitLogisticRegression([[1], [2]], [0, 2])).toThrow("fitLogisticRegression: targets must be 0 or 1, got 2 at index 1");
  });
});

describe("the L2 penalty", () => {
  const w = [1, -2, 0, 0.5];

  it("matches a hand value and Keras's regularizer (λ·Σw²)", () => {
    expect(l2Penalty(w, 0.1)).toBeCloseTo(0.525, 15);
    const keras = tf.tidy(() => tf.regularizers.l2({ l2: 0.1 }).apply(tf.tensor1d(w)).dataSync()[0]);
    expect(l2Penalty(w, 0.1)).toBeCloseTo(keras!, 6);
  });

  it("has the gradient 2λw", () => {
    expect(Array.from(l2PenaltyGradient(w, 0.1))).toEqual([0.2, -0.4, 0, 0.1]);
    const smooth = Float64Array.from(w);
    const numeric = numericalGradient(() => l2Penalty(smooth, 0.1), smooth);
    Array.from(l2PenaltyGradient(w, 0.1)).forEach((g, i) => expect(numeric[i]).toBeCloseTo(g, 9));
  });

  it("rejects a negative strength", () => {
    expect(() => l2Penalty(w, -1)).toThrow("l2Penalty: lambda must be a non-negative number, got -1");
  });
});

describe("inverted dropout", () => {
  it("drops about a fraction `rate` and scales survivors by 1/(1 − rate), keeping the mean", () => {
    const values = new Float64Array(100_000).fill(2);
    const { output, mask } = invertedDropout(values, 0.25, 42);
    const dropped = output.filter((v) => v === 0).length / values.length;
    expect(dropped).toBeGreaterThan(0.24);
    expect(dropped).toBeLessThan(0.26);
    expect(new Set(output)).toEqual(new Set([0, 2 / 0.75]));
    expect(new Set(mask)).toEqual(new Set([0, 1 / 0.75]));
    const mean = output.reduce((a, b) => a + b, 0) / output.length;
    expect(mean).toBeGreaterThan(1.98);
    expect(mean).toBeLessThan(2.02);
  });

  it("is repeatable with the same seed and differs with another", () => {
    const x = new Float64Array(64).fill(1);
    expect(invertedDropout(x, 0.5, 7).mask).toEqual(invertedDropout(x, 0.5, 7).mask);
    expect(invertedDropout(x, 0.5, 7).mask).not.toEqual(invertedDropout(x, 0.5, 8).mask);
  });

  it("rejects a rate outside [0, 1)", () => {
    expect(() => invertedDropout([1], 1, 0)).toThrow("invertedDropout: rate must be in [0, 1), got 1");
    expect(() => invertedDropout([1], -0.1, 0)).toThrow("invertedDropout: rate must be in [0, 1), got -0.1");
  });
});

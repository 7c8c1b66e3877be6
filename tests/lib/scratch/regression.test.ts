import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { scratch } from "@tsdl/lib";

const { fitLinearRegression, fitLogisticRegression } = scratch;

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

import { describe, expect, it } from "vitest";
import {
  gradientSaliency,
  limeTabular,
  limeText,
  loadBreastCancerTensors,
  mlpBinaryClassifier,
  permutationImportance,
  tf,
  train,
} from "@tsdl/lib";
import { limeKernel } from "../../../lib/src/explain/lime.js";
import { weightedLeastSquares } from "../../../lib/src/explain/weightedLeastSquares.js";

describe("weighted least squares", () => {
  it("recovers an exact line and down-weights an outlier", () => {
    const x = [[0], [1], [2], [3]];
    expect(weightedLeastSquares(x, [1, 3, 5, 7], [1, 1, 1, 1]).coefficients[0]).toBeCloseTo(2, 10);
    // The last point is off the line y = 1 + 2x; with weight 0 it is ignored.
    const fit = weightedLeastSquares(x, [1, 3, 5, 100], [1, 1, 1, 0]);
    expect(fit.intercept).toBeCloseTo(1, 10);
    expect(fit.coefficients[0]).toBeCloseTo(2, 10);
    expect(fit.r2).toBeCloseTo(1, 10);
  });
});

describe("permutation importance", () => {
  // The label is (x0 > 0); x1 and x2 are noise the predictor ignores.
  const rows = 200;
  const x = tf.randomNormal([rows, 3], 0, 1, "float32", 1) as tf.Tensor2D;
  const y = x.slice([0, 0], [rows, 1]).greater(0).toFloat().flatten();
  const predictor = (input: tf.Tensor2D) => input.slice([0, 0], [input.shape[0], 1]).greater(0).toFloat();

  it("ignored features score exactly 0; the used one loses about half the accuracy", () => {
    const { baseline, importances } = permutationImportance(predictor, x, y, { repeats: 20, seed: 3, featureNames: ["a", "b", "c"] });
    expect(baseline).toBe(1);
    expect(importances[0].name).toBe("a");
    // A shuffled x0 agrees with the label on about half the rows.
    expect(importances[0].mean).toBeGreaterThan(0.4);
    expect(importances[0].mean).toBeLessThan(0.6);
    for (const other of importances.slice(1)) {
      expect(other.mean).toBe(0);
      expect(other.std).toBe(0);
    }
  });

  it("repeats with the same seed", () => {
    const a = permutationImportance(predictor, x, y, { repeats: 3, seed: 9 });
    expect(permutationImportance(predictor, x, y, { repeats: 3, seed: 9 })).toEqual(a);
  });
});

describe("gradient saliency", () => {
  it("of a linear model is |weight| per pixel, the maximum over channels", () => {
    const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [2, 2, 2] }), tf.layers.dense({ units: 2, useBias: false })] });
    const w = [[1, 0], [-2, 0], [3, 0], [0.5, 0], [0, 1], [-4, 1], [1, 1], [1, -1]];
    model.setWeights([tf.tensor2d(w)]);
    const images = tf.randomUniform([3, 2, 2, 2], 0, 1, "float32", 2) as tf.Tensor4D;
    const saliency = gradientSaliency(model, images, 0);
    expect(saliency.shape).toEqual([3, 2, 2]);
    // Flatten order is (row, col, channel): pixel (r, c) holds weights 2·(2r + c) and 2·(2r + c) + 1.
    const expected = [0, 1, 2, 3].map((p) => Math.max(Math.abs(w[2 * p][0]), Math.abs(w[2 * p + 1][0])));
    expect(Array.from(saliency.slice([1, 0, 0], [1, 2, 2]).dataSync())).toEqual(expected);
    const perImage = gradientSaliency(model, images, [0, 1, 1]).arraySync();
    // Class 1's weights per pixel: (0, 0), (0, 0), (1, 1), (1, −1).
    expect(perImage[2].flat()).toEqual([0, 0, 1, 1]);
  });
});

describe("LIME", () => {
  it("the kernel is sqrt(exp(−d²/w²))", () => {
    expect(limeKernel(0, 3)).toBe(1);
    expect(limeKernel(3, 3)).toBeCloseTo(Math.exp(-0.5), 12);
  });

  it("tabular: recovers a linear model's slopes per unit of feature scale", async () => {
    const predict = (x: tf.Tensor2D) => tf.tidy(() => x.matMul(tf.tensor2d([[2], [-3], [0]])).add(1));
    const instance = [0.5, 1, -2];
    const result = await limeTabular(predict, instance, { featureScale: [1, 2, 0.5], featureNames: ["a", "b", "c"], samples: 200, seed: 1 });
    expect(result.prediction).toBeCloseTo(1 + 2 * 0.5 - 3 * 1, 5);
    expect(result.intercept).toBeCloseTo(result.prediction, 4);
    expect(result.weights.map((w) => w.name)).toEqual(["b", "a", "c"]);
    expect(result.weights.map((w) => w.weight)).toEqual([expect.closeTo(-6, 3), expect.closeTo(2, 3), expect.closeTo(0, 3)]);
    expect(result.score).toBeCloseTo(1, 6);
  });

  it("tabular: close in, the breast-cancer MLP's surrogate slopes follow the model's gradient", async () => {
    const { x, y, featureNames } = loadBreastCancerTensors();
    const { mean, variance } = tf.moments(x, 0);
    const scaled = x.sub(mean).div(variance.sqrt()) as tf.Tensor2D;
    const model = mlpBinaryClassifier(30, { seed: 2 });
    await train(model, scaled, y.reshape([-1, 1]), { epochs: 5, progress: false });
    // Explain the row the model is least sure about, where the sigmoid is not flat.
    const probs = Array.from((model.predict(scaled) as tf.Tensor).dataSync());
    const row = probs.reduce((best, p, i) => (Math.abs(p - 0.5) < Math.abs(probs[best] - 0.5) ? i : best), 0);
    const point = scaled.slice([row, 0], [1, 30]);
    const scale = 0.05;
    const result = await limeTabular((t) => model.predict(t) as tf.Tensor, Array.from(point.dataSync()), {
      featureScale: new Array(30).fill(scale), featureNames, samples: 400, seed: 4, topK: 5,
    });
    expect(result.prediction).toBeCloseTo(probs[row], 5);
    expect(result.score).toBeGreaterThan(0.95);
    expect(result.top).toHaveLength(5);
    // A local linear fit approximates the first-order Taylor term: weight_j ≈ scale · ∂p/∂x_j.
    const gradient = tf.grad((t: tf.Tensor) => (model.apply(t) as tf.Tensor).sum())(point).dataSync();
    const slopes = featureNames.map((name) => result.weights.find((w) => w.name === name)!.weight / scale);
    const dot = slopes.reduce((s, v, j) => s + v * gradient[j], 0);
    const cosine = dot / (Math.hypot(...slopes) * Math.hypot(...gradient));
    expect(cosine).toBeGreaterThan(0.95);
  });

  it("text: word-presence weights equal a linear scorer's contributions", async () => {
    const predict = (texts: string[]) =>
      texts.map((t) => 0.5 + (t.includes("good") ? 0.2 : 0) - (t.includes("boring") ? 0.3 : 0));
    const result = await limeText(predict, "a good film but boring in places", { samples: 300, seed: 2, topK: 2 });
    expect(result.prediction).toBeCloseTo(0.4, 10);
    expect(result.top.map((w) => w.name)).toEqual(["boring", "good"]);
    expect(result.top[0].weight).toBeCloseTo(-0.3, 5);
    expect(result.top[1].weight).toBeCloseTo(0.2, 5);
    result.weights.slice(2).forEach((w) => expect(w.weight).toBeCloseTo(0, 5));
  });

  it("text: character tokens for Chinese", async () => {
    const predict = (texts: string[]) => texts.map((t) => (t.includes("好") ? 0.9 : 0.2));
    const result = await limeText(predict, "质量很好", { tokenize: (t) => [...t], join: "", samples: 200, seed: 1, topK: 1 });
    expect(result.top[0].name).toBe("好");
    expect(result.top[0].weight).toBeCloseTo(0.7, 5);
  });
});

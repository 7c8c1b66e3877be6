import { tf } from "../backend/index.js";
import { accuracyFromPredictions } from "../compression/modelStats.js";
import { DEFAULT_SEED, seededRandom, shuffledIndices } from "../random/index.js";

/** A model or a function mapping a batch of rows to predictions. */
export type Predictor = tf.LayersModel | ((x: tf.Tensor2D) => tf.Tensor);

/** Higher is better: accuracy, AUC, R², negative loss… */
export type ScoreFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => number;

function predictWith(predictor: Predictor, x: tf.Tensor2D): tf.Tensor {
  return typeof predictor === "function" ? predictor(x) : (predictor.predict(x) as tf.Tensor);
}

export interface PermutationImportanceOptions {
  /** Score to compare (default accuracy); the importance is the drop in this score. */
  score?: ScoreFunction;
  repeats?: number;
  seed?: number;
  featureNames?: string[];
}

export interface FeatureImportance {
  feature: number;
  name: string;
  /** Mean drop of the score over the repeats (baseline − permuted). */
  mean: number;
  /** Population standard deviation of the drops, as scikit-learn reports. */
  std: number;
  drops: number[];
}

export interface PermutationImportanceResult {
  baseline: number;
  /** Sorted from most to least important. */
  importances: FeatureImportance[];
}

/**
 * Permutation feature importance (Breiman; scikit-learn's `permutation_importance`): shuffle one
 * column at a time, breaking its link to the target, and measure how much the score drops.
 *
 * Taught in notebooks/08-large-models.ipynb; also used in 09-faq.
 */
export function permutationImportance(
  predictor: Predictor, x: tf.Tensor2D, y: tf.Tensor,
  { score = accuracyFromPredictions, repeats = 5, seed = DEFAULT_SEED, featureNames }: PermutationImportanceOptions = {},
): PermutationImportanceResult {
  if (x.rank !== 2) throw new Error(`x must be [rows, features]; got shape [${x.shape}]`);
  if (!Number.isInteger(repeats) || repeats <= 0) throw new Error(`repeats must be a positive integer; got ${repeats}`);
  const [rows, features] = x.shape;
  if (featureNames && featureNames.length !== features) {
    throw new Error(`featureNames must have ${features} names; got ${featureNames.length}`);
  }
  const scoreOf = (input: tf.Tensor2D) => {
    const pred = predictWith(predictor, input);
    const s = score(y, pred);
    pred.dispose();
    return s;
  };
  const baseline = scoreOf(x);
  const data = x.dataSync();
  const random = seededRandom(seed);
  const importances: FeatureImportance[] = [];
  for (let j = 0; j < features; j++) {
    const drops: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = shuffledIndices(rows, random);
      const permuted = Float32Array.from(data);
      for (let i = 0; i < rows; i++) permuted[i * features + j] = data[order[i] * features + j];
      const input = tf.tensor2d(permuted, [rows, features]);
      drops.push(baseline - scoreOf(input));
      input.dispose();
    }
    const mean = drops.reduce((a, b) => a + b, 0) / repeats;
    const std = Math.sqrt(drops.reduce((a, b) => a + (b - mean) ** 2, 0) / repeats);
    importances.push({ feature: j, name: featureNames?.[j] ?? `x${j}`, mean, std, drops });
  }
  importances.sort((a, b) => b.mean - a.mean);
  return { baseline, importances };
}

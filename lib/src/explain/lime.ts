import { tf } from "../backend/index.js";
import { DEFAULT_SEED, gaussian, seededRandom, shuffledIndices } from "../random/index.js";
import { weightedLeastSquares } from "./weightedLeastSquares.js";

export interface LimeFeatureWeight {
  feature: number;
  name: string;
  /** Change of the explained output per unit of the surrogate's feature. */
  weight: number;
}

export interface LimeExplanation {
  /** The surrogate's intercept: its prediction at the explained instance (tabular) or with every word removed (text). */
  intercept: number;
  /** The model's output at the explained instance. */
  prediction: number;
  /** Weighted R² of the surrogate on the perturbed samples: how well a line fits locally. */
  score: number;
  /** All features by decreasing |weight|. */
  weights: LimeFeatureWeight[];
  /** The `topK` first of `weights`. */
  top: LimeFeatureWeight[];
}

/**
 * LIME's kernel: sqrt(exp(−d² / width²)).
 */
export function limeKernel(distance: number, width: number): number {
  return Math.sqrt(Math.exp(-(distance * distance) / (width * width)));
}

function explanation(intercept: number, prediction: number, score: number, coefficients: number[], names: string[], topK: number): LimeExplanation {
  const weights = coefficients
    .map((weight, feature) => ({ feature, name: names[feature], weight }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { intercept, prediction, score, weights, top: weights.slice(0, topK) };
}

function column(values: ArrayLike<number>, rows: number, outputIndex: number): number[] {
  const width = values.length / rows;
  if (!Number.isInteger(width) || outputIndex < 0 || outputIndex >= width) {
    throw new Error(`outputIndex must be in 0…${width - 1}; got ${outputIndex}`);
  }
  return Array.from({ length: rows }, (_, i) => values[i * width + outputIndex]);
}

export interface LimeTabularOptions {
  /** Per-feature spread of the perturbations, usually the training standard deviations. */
  featureScale: number[];
  featureNames?: string[];
  samples?: number;
  seed?: number;
  /** Kernel width in scaled units (LIME's default 0.75·√features). */
  kernelWidth?: number;
  /** Which output column to explain (default 0: the probability of a sigmoid classifier). */
  outputIndex?: number;
  /** Ridge penalty of the surrogate (default 1e-6: plain weighted least squares). */
  ridge?: number;
  topK?: number;
}

/**
 * LIME for a tabular row: sample points around it (Gaussian, scaled per feature), weight them by
 * closeness, and fit a weighted linear model to the predictions. Weights are per unit of
 * `featureScale` (one standard deviation when given the training spread).
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export async function limeTabular(
  predict: (x: tf.Tensor2D) => tf.Tensor | Promise<tf.Tensor>, instance: number[],
  { featureScale, featureNames, samples = 1000, seed = DEFAULT_SEED, kernelWidth, outputIndex = 0, ridge = 1e-6, topK = 5 }: LimeTabularOptions,
): Promise<LimeExplanation> {
  const d = instance.length;
  if (featureScale.length !== d) throw new Error(`featureScale must have ${d} entries like instance; got ${featureScale.length}`);
  if (featureNames && featureNames.length !== d) throw new Error(`featureNames must have ${d} names; got ${featureNames.length}`);
  if (!Number.isInteger(samples) || samples < d + 2) throw new Error(`samples must be an integer ≥ features + 2 (${d + 2}); got ${samples}`);
  const width = kernelWidth ?? 0.75 * Math.sqrt(d);
  const random = seededRandom(seed);
  // Row 0 is the instance itself.
  const z = Array.from({ length: samples }, (_, i) => Array.from({ length: d }, () => (i === 0 ? 0 : gaussian(random))));
  const points = tf.tensor2d(z.map((row) => row.map((v, j) => instance[j] + v * featureScale[j])));
  const output = await predict(points);
  const y = column(await output.data(), samples, outputIndex);
  tf.dispose([points, output]);
  const weights = z.map((row) => limeKernel(Math.hypot(...row), width));
  const fit = weightedLeastSquares(z, y, weights, ridge);
  const names = featureNames ?? instance.map((_, j) => `x${j}`);
  return explanation(fit.intercept, y[0], fit.r2, fit.coefficients, names, topK);
}

export interface LimeTextOptions {
  samples?: number;
  seed?: number;
  /** Splits the text into tokens (default: on whitespace). Pass `(t) => [...t]` for Chinese characters. */
  tokenize?: (text: string) => string[];
  /** Joins the kept tokens back into a text (default " "; use "" for characters). */
  join?: string;
  /** Kernel width on cosine distance × 100 (LIME's default 25). */
  kernelWidth?: number;
  ridge?: number;
  topK?: number;
}

/**
 * LIME for a text: remove random subsets of its distinct words, ask the model for the probability
 * of the explained class for each variant, weight variants by cosine closeness to the original,
 * and fit a weighted linear model on word presence. A positive weight means the word pushes the
 * prediction up.
 *
 * Taught in no notebook yet.
 */
export async function limeText(
  predict: (texts: string[]) => number[] | Promise<number[]>, text: string,
  { samples = 500, seed = DEFAULT_SEED, tokenize = (t) => t.split(/\s+/).filter(Boolean), join = " ", kernelWidth = 25, ridge = 1e-6, topK = 5 }: LimeTextOptions = {},
): Promise<LimeExplanation> {
  const tokens = tokenize(text);
  const vocabulary = [...new Set(tokens)];
  const d = vocabulary.length;
  if (d < 2) throw new Error(`text must contain at least 2 distinct tokens to explain; got ${d}`);
  const random = seededRandom(seed);
  const present: number[][] = [new Array<number>(d).fill(1)];
  for (let s = 1; s < samples; s++) {
    const removeCount = 1 + Math.floor(random() * (d - 1));
    const row = new Array<number>(d).fill(1);
    shuffledIndices(d, random).subarray(0, removeCount).forEach((j) => (row[j] = 0));
    present.push(row);
  }
  const index = new Map(vocabulary.map((w, j) => [w, j]));
  const variants = present.map((row) => tokens.filter((t) => row[index.get(t)!] === 1).join(join));
  const y = await predict(variants);
  if (y.length !== samples) throw new Error(`predict must return one probability per text (${samples}); got ${y.length}`);
  const weights = present.map((row) => {
    const kept = row.reduce((a, b) => a + b, 0);
    const cosineDistance = 1 - kept / Math.sqrt(kept * d);
    return limeKernel(cosineDistance * 100, kernelWidth);
  });
  const fit = weightedLeastSquares(present, y, weights, ridge);
  return explanation(fit.intercept, y[0], fit.r2, fit.coefficients, vocabulary, topK);
}

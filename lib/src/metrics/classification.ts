import {
  checkSameLength,
  describe,
  inputError,
  uniqueLabels,
  type Label,
} from "../preprocessing/validate.js";
import { checkDiscrete, predictedLabels, trueLabels, type ThresholdOption } from "./predictions.js";
import { warnUndefinedMetric } from "./warn.js";

/** Reads and checks a pair of label inputs for a classification metric. */
export function labelPair(fn: string, yTrue: unknown, yPred: unknown, options: ThresholdOption = {}): { t: Label[]; p: Label[] } {
  const t = trueLabels(fn, yTrue);
  checkDiscrete(fn, "yTrue", t);
  const p = predictedLabels(fn, yPred, options);
  checkSameLength(fn, "yTrue", t, "yPred", p);
  uniqueLabels(fn, "yTrue and yPred", t, p);
  return { t, p };
}

/**
 * Fraction of exact matches, like `sklearn.metrics.accuracy_score`. `yPred` may be labels,
 * 1-D probabilities with `{ threshold }`, or `[n, k]` scores (argmax); raw probabilities without a
 * threshold are refused.
 *
 * Taught in notebooks/05-evaluation.ipynb; also used in 06-language, 07-vision, 09-faq.
 */
export function accuracy(yTrue: unknown, yPred: unknown, options: ThresholdOption = {}): number {
  const { t, p } = labelPair("accuracy", yTrue, yPred, options);
  let hits = 0;
  for (let i = 0; i < t.length; i++) if (t[i] === p[i]) hits++;
  return hits / t.length;
}

export type Average = "binary" | "micro" | "macro" | "weighted";
export type ZeroDivision = "warn" | 0 | 1;

export interface PrfOptions extends ThresholdOption {
  /** Default `"binary"` like scikit-learn: reports only `posLabel`. */
  average?: Average;
  /** The positive class for `average: "binary"`; default 1. */
  posLabel?: Label;
  /** Labels to include (and their order); default: sorted labels seen in `yTrue` or `yPred`. */
  labels?: Label[];
  /** Value of 0/0; `"warn"` (default) gives 0 and prints an UndefinedMetricWarning. */
  zeroDivision?: ZeroDivision;
}

export interface PerLabelCounts {
  labels: Label[];
  tp: number[];
  predicted: number[];
  support: number[];
}

export function perLabelCounts(t: Label[], p: Label[], labels: Label[]): PerLabelCounts {
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const tp = labels.map(() => 0);
  const predicted = labels.map(() => 0);
  const support = labels.map(() => 0);
  for (let i = 0; i < t.length; i++) {
    const ti = index.get(t[i]!);
    const pi = index.get(p[i]!);
    if (ti !== undefined) support[ti]!++;
    if (pi !== undefined) predicted[pi]!++;
    if (ti !== undefined && ti === pi) tp[ti]!++;
  }
  return { labels, tp, predicted, support };
}

type Metric = "precision" | "recall" | "f-score";

function checkZeroDivision(fn: string, value: unknown): ZeroDivision {
  if (value === undefined) return "warn";
  if (value === "warn" || value === 0 || value === 1) return value;
  throw inputError(fn, "options.zeroDivision", `"warn", 0 or 1`, describe(value));
}

function divide(
  numerator: number[],
  denominator: number[],
  metric: Metric,
  modifier: "predicted" | "true",
  zeroDivision: ZeroDivision,
  warnFor: Metric[],
): number[] {
  const result = numerator.map((n, i) => (denominator[i] === 0 ? (zeroDivision === 1 ? 1 : 0) : n / denominator[i]!));
  if (zeroDivision === "warn" && warnFor.includes(metric) && denominator.some((d) => d === 0)) {
    const start = warnFor.includes("f-score") ? `${title(metric)} and F-score are` : `${title(metric)} is`;
    warnProf(start, modifier, result.length);
  }
  return result;
}

function title(metric: Metric): string {
  return metric[0]!.toUpperCase() + metric.slice(1);
}

function warnProf(start: string, modifier: string, size: number): void {
  const where = size === 1 ? "due to" : "in labels with";
  warnUndefinedMetric(`${start} ill-defined and being set to 0.0 ${where} no ${modifier} samples. Use \`zeroDivision\` parameter to control this behavior.`);
}

export interface PrfResult {
  precision: number;
  recall: number;
  f1: number;
}

/** Label set for a set-wise metric, following `sklearn.metrics._classification._check_set_wise_labels`. */
function setWiseLabels(fn: string, t: Label[], p: Label[], average: Average, posLabel: Label, labels?: Label[]): Label[] {
  const present = uniqueLabels(fn, "yTrue and yPred", t, p);
  if (average === "binary") {
    if (present.length > 2) {
      throw inputError(fn, "options.average", `"micro", "macro" or "weighted" for multiclass targets (average "binary" needs two classes)`, `"binary" with ${present.length} classes [${present.join(", ")}]`);
    }
    if (!present.includes(posLabel) && present.length >= 2) {
      throw inputError(fn, "options.posLabel", `one of the labels [${present.join(", ")}]`, describe(posLabel));
    }
    return [posLabel];
  }
  if (labels !== undefined) {
    if (!Array.isArray(labels) || labels.length === 0) throw inputError(fn, "options.labels", "a non-empty array of labels", describe(labels));
    return labels;
  }
  return present;
}

/** The shared computation of `precision_recall_fscore_support`; `average: null` keeps per-label values. */
export function prfs(
  yTrue: unknown,
  yPred: unknown,
  options: Omit<PrfOptions, "average"> & { average?: Average | null } = {},
  fn: string,
  warnFor: Metric[] = ["precision", "recall", "f-score"],
): PerLabelCounts & { precision: number[]; recall: number[]; f1: number[]; average: PrfResult | null } {
  const average = options.average === undefined ? "binary" : options.average;
  const averages = ["binary", "micro", "macro", "weighted", null];
  if (!averages.includes(average)) throw inputError(fn, "options.average", `"binary", "micro", "macro" or "weighted"`, describe(average));
  const zeroDivision = checkZeroDivision(fn, options.zeroDivision);
  const { t, p } = labelPair(fn, yTrue, yPred, options);
  const labels = average === null ? (options.labels ?? uniqueLabels(fn, "yTrue and yPred", t, p)) : setWiseLabels(fn, t, p, average, options.posLabel ?? 1, options.labels);
  const counts = perLabelCounts(t, p, labels);
  let { tp, predicted, support } = counts;
  if (average === "micro") {
    const sum = (a: number[]) => [a.reduce((s, v) => s + v, 0)];
    [tp, predicted, support] = [sum(tp), sum(predicted), sum(support)];
  }
  const mode = average === null ? "none" : average;
  const precision = divide(tp, predicted, "precision", "predicted", zeroDivision, warnFor);
  const recall = divide(tp, support, "recall", "true", zeroDivision, warnFor);
  const f1 = precision.map((pr, i) => {
    const denom = pr + recall[i]!;
    return denom === 0 ? 0 : (2 * pr * recall[i]!) / denom;
  });
  const perLabel = { ...counts, precision, recall, f1 };
  if (mode === "none") return { ...perLabel, average: null };
  let weights: number[] | null = null;
  if (mode === "weighted") {
    weights = support;
    if (support.reduce((s, v) => s + v, 0) === 0) {
      const zd = zeroDivision === 1 ? 1 : 0;
      const allUnpredicted = predicted.reduce((s, v) => s + v, 0) === 0;
      return { ...perLabel, average: allUnpredicted ? { precision: zd, recall: zd, f1: zd } : { precision: 0, recall: zd, f1: 0 } };
    }
  }
  const mean = (values: number[]) => {
    const w = weights ?? values.map(() => 1);
    const total = w.reduce((s, v) => s + v, 0);
    return values.reduce((s, v, i) => s + v * w[i]!, 0) / total;
  };
  return { ...perLabel, average: { precision: mean(precision), recall: mean(recall), f1: mean(f1) } };
}

export interface PerLabelScores {
  labels: Label[];
  precision: number[];
  recall: number[];
  f1: number[];
  /** Number of true samples of each label. */
  support: number[];
}

/**
 * `sklearn.metrics.precision_recall_fscore_support(average=None)`: scores for each label.
 */
export function precisionRecallFscoreSupport(
  yTrue: unknown,
  yPred: unknown,
  options: Omit<PrfOptions, "average" | "posLabel"> = {},
): PerLabelScores {
  const { labels, precision, recall, f1, support } = prfs(yTrue, yPred, { ...options, average: null }, "precisionRecallFscoreSupport");
  return { labels, precision, recall, f1, support };
}

/**
 * `sklearn.metrics.precision_score`: tp / (tp + fp).
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function precisionScore(yTrue: unknown, yPred: unknown, options: PrfOptions = {}): number {
  return prfs(yTrue, yPred, options, "precisionScore", ["precision"]).average!.precision;
}

/**
 * `sklearn.metrics.recall_score`: tp / (tp + fn).
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function recallScore(yTrue: unknown, yPred: unknown, options: PrfOptions = {}): number {
  return prfs(yTrue, yPred, options, "recallScore", ["recall"]).average!.recall;
}

/**
 * `sklearn.metrics.f1_score`: the harmonic mean of precision and recall.
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function f1Score(yTrue: unknown, yPred: unknown, options: PrfOptions = {}): number {
  return prfs(yTrue, yPred, options, "f1Score", ["precision", "recall", "f-score"]).average!.f1;
}

export interface ConfusionMatrixOptions extends ThresholdOption {
  /** Row/column order; default: sorted labels seen in `yTrue` or `yPred`. */
  labels?: Label[];
  /** Divide by row sums (`"true"`), column sums (`"pred"`) or the total (`"all"`); 0/0 gives 0. */
  normalize?: "true" | "pred" | "all";
}

/**
 * `sklearn.metrics.confusion_matrix`: entry [i][j] counts samples of true class `labels[i]`
 * predicted as `labels[j]`.
 *
 * Taught in notebooks/05-evaluation.ipynb; also used in 06-language, 07-vision.
 */
export function confusionMatrix(yTrue: unknown, yPred: unknown, options: ConfusionMatrixOptions = {}): number[][] {
  const fn = "confusionMatrix";
  const { t, p } = labelPair(fn, yTrue, yPred, options);
  const labels = options.labels ?? uniqueLabels(fn, "yTrue and yPred", t, p);
  if (!Array.isArray(labels) || labels.length === 0) throw inputError(fn, "options.labels", "a non-empty array of labels", describe(labels));
  if (!labels.some((l) => t.includes(l))) throw inputError(fn, "options.labels", "at least one label that occurs in yTrue", `[${labels.join(", ")}]`);
  const normalize = options.normalize;
  if (normalize !== undefined && !["true", "pred", "all"].includes(normalize)) {
    throw inputError(fn, "options.normalize", `"true", "pred" or "all"`, describe(normalize));
  }
  const index = new Map(labels.map((l, i) => [l, i] as const));
  const cm = labels.map(() => labels.map(() => 0));
  for (let i = 0; i < t.length; i++) {
    const r = index.get(t[i]!);
    const c = index.get(p[i]!);
    if (r !== undefined && c !== undefined) cm[r]![c]!++;
  }
  const safe = (v: number, d: number) => (d === 0 ? 0 : v / d);
  if (normalize === "true") return cm.map((row) => row.map((v) => safe(v, row.reduce((s, x) => s + x, 0))));
  if (normalize === "pred") {
    const cols = labels.map((_, j) => cm.reduce((s, row) => s + row[j]!, 0));
    return cm.map((row) => row.map((v, j) => safe(v, cols[j]!)));
  }
  if (normalize === "all") {
    const total = cm.flat().reduce((s, x) => s + x, 0);
    return cm.map((row) => row.map((v) => safe(v, total)));
  }
  return cm;
}

import { tf } from "../backend/index.js";
import { checkSameLength, describe, inputError, toLabelArray, toNumberArray, toNumberMatrix, uniqueLabels, type Label } from "../preprocessing/validate.js";
import { warnUndefinedMetric } from "./warn.js";

export interface RocCurve {
  fpr: number[];
  tpr: number[];
  /** Decreasing; the first is `max(score) + 1` (scikit-learn 1.2 convention). */
  thresholds: number[];
}

export interface RocCurveOptions {
  /** The positive class; needed unless labels are {0, 1}, {-1, 1} or a single one of those. */
  posLabel?: Label;
  /** Drop points on straight segments (scikit-learn's default `drop_intermediate=True`). */
  dropIntermediate?: boolean;
}

function positiveMask(fn: string, t: Label[], posLabel: Label | undefined): boolean[] {
  const classes = uniqueLabels(fn, "yTrue", t);
  if (posLabel === undefined) {
    const conventional = classes.every((c) => c === 0 || c === 1) || classes.every((c) => c === -1 || c === 1);
    if (!conventional) {
      throw inputError(fn, "options.posLabel", `the positive class when yTrue is not {0, 1} or {-1, 1}`, `undefined with yTrue classes [${classes.join(", ")}]`);
    }
    posLabel = 1;
  } else if (classes.length > 2 && !classes.includes(posLabel)) {
    throw inputError(fn, "options.posLabel", `one of the yTrue classes [${classes.join(", ")}]`, describe(posLabel));
  }
  return t.map((v) => v === posLabel);
}

/**
 * `sklearn.metrics.roc_curve` (1.2.1): false/true positive rates at each distinct score threshold.
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function rocCurve(yTrue: unknown, yScore: unknown, options: RocCurveOptions = {}): RocCurve {
  const fn = "rocCurve";
  const t = toLabelArray(fn, "yTrue", yTrue);
  const s = toNumberArray(fn, "yScore", yScore);
  checkSameLength(fn, "yTrue", t, "yScore", s);
  const positive = positiveMask(fn, t, options.posLabel);
  // Descending by score; ties are grouped, so their internal order does not matter.
  const order = s.map((_, i) => i).sort((a, b) => s[b]! - s[a]!);
  let fps: number[] = [];
  let tps: number[] = [];
  let thresholds: number[] = [];
  let tp = 0;
  order.forEach((idx, k) => {
    if (positive[idx]) tp++;
    const next = order[k + 1];
    if (next === undefined || s[next] !== s[idx]) {
      tps.push(tp);
      fps.push(k + 1 - tp);
      thresholds.push(s[idx]!);
    }
  });
  if ((options.dropIntermediate ?? true) && fps.length > 2) {
    const keep = fps.map((_, i) => {
      if (i === 0 || i === fps.length - 1) return true;
      const d2 = (a: number[]) => a[i + 1]! - 2 * a[i]! + a[i - 1]!;
      return d2(fps) !== 0 || d2(tps) !== 0;
    });
    fps = fps.filter((_, i) => keep[i]);
    tps = tps.filter((_, i) => keep[i]);
    thresholds = thresholds.filter((_, i) => keep[i]);
  }
  tps.unshift(0);
  fps.unshift(0);
  thresholds.unshift(thresholds[0]! + 1);
  const lastFp = fps[fps.length - 1]!;
  const lastTp = tps[tps.length - 1]!;
  if (lastFp <= 0) warnUndefinedMetric("No negative samples in yTrue, false positive value should be meaningless");
  if (lastTp <= 0) warnUndefinedMetric("No positive samples in yTrue, true positive value should be meaningless");
  return {
    fpr: fps.map((v) => (lastFp <= 0 ? Number.NaN : v / lastFp)),
    tpr: tps.map((v) => (lastTp <= 0 ? Number.NaN : v / lastTp)),
    thresholds,
  };
}

/**
 * Area under a curve by the trapezoidal rule (`sklearn.metrics.auc`); `x` must be monotonic.
 */
export function auc(x: unknown, y: unknown): number {
  const fn = "auc";
  const xs = toNumberArray(fn, "x", x);
  const ys = toNumberArray(fn, "y", y);
  checkSameLength(fn, "x", xs, "y", ys);
  if (xs.length < 2) throw inputError(fn, "x", "at least 2 points", `${xs.length}`);
  const diffs = xs.slice(1).map((v, i) => v - xs[i]!);
  let direction = 1;
  if (diffs.some((d) => d < 0)) {
    if (diffs.every((d) => d <= 0)) direction = -1;
    else throw inputError(fn, "x", "monotonic (increasing or decreasing)", "values that go up and down");
  }
  let area = 0;
  for (let i = 1; i < xs.length; i++) area += ((xs[i]! - xs[i - 1]!) * (ys[i]! + ys[i - 1]!)) / 2;
  return direction * area;
}

export interface RocAucOptions {
  /** Multiclass strategy: one-vs-rest (default; scikit-learn makes you choose) or one-vs-one (Hand & Till). */
  multiClass?: "ovr" | "ovo";
  /** How per-class (ovr) or per-pair (ovo) AUCs are averaged; default `"macro"`. */
  average?: "macro" | "weighted";
}

function binaryAuc(positive: boolean[], scores: number[]): number {
  const { fpr, tpr } = rocCurve(positive.map(Number), scores);
  return auc(fpr, tpr);
}

function weightedMean(values: number[], weights?: number[]): number {
  const w = weights ?? values.map(() => 1);
  return values.reduce((s, v, i) => s + v * w[i]!, 0) / w.reduce((s, v) => s + v, 0);
}

/**
 * `sklearn.metrics.roc_auc_score`. Binary: `yScore` is `[n]`, the score of the larger label.
 * Multiclass: `yScore` is `[n, k]` probabilities (rows sum to 1), columns in sorted label order.
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function rocAucScore(yTrue: unknown, yScore: unknown, options: RocAucOptions = {}): number {
  const fn = "rocAucScore";
  const t = toLabelArray(fn, "yTrue", yTrue);
  const classes = uniqueLabels(fn, "yTrue", t);
  const matrix = yScore instanceof tf.Tensor ? yScore.rank === 2 : Array.isArray(yScore) && Array.isArray(yScore[0]);
  const { multiClass = "ovr", average = "macro" } = options;
  if (multiClass !== "ovr" && multiClass !== "ovo") throw inputError(fn, "options.multiClass", `"ovr" or "ovo"`, describe(multiClass));
  if (average !== "macro" && average !== "weighted") throw inputError(fn, "options.average", `"macro" or "weighted"`, describe(average));
  if (classes.length < 2) {
    throw inputError(fn, "yTrue", "at least two classes (ROC AUC is not defined for one class)", `classes [${classes.join(", ")}]`);
  }
  if (classes.length === 2 || !matrix) {
    if (matrix) throw inputError(fn, "yScore", "1-D scores of the positive class for binary yTrue (take column 1 of [n, 2] probabilities)", describe(yScore));
    if (classes.length > 2) throw inputError(fn, "yScore", `[n, ${classes.length}] class probabilities for multiclass yTrue`, "1-D scores");
    const s = toNumberArray(fn, "yScore", yScore);
    checkSameLength(fn, "yTrue", t, "yScore", s);
    return binaryAuc(t.map((v) => v === classes[1]), s);
  }
  const rows = toNumberMatrix(fn, "yScore", yScore);
  checkSameLength(fn, "yTrue", t, "yScore", rows);
  if (rows[0]!.length !== classes.length) {
    throw inputError(fn, "yScore", `${classes.length} columns, one per class in yTrue [${classes.join(", ")}]`, `${rows[0]!.length} columns`);
  }
  const badRow = rows.findIndex((r) => {
    const sum = r.reduce((a, b) => a + b, 0);
    return Math.abs(1 - sum) > 1e-8 + 1e-5 * Math.abs(sum);
  });
  if (badRow >= 0) throw inputError(fn, `yScore[${badRow}]`, "probabilities that sum to 1 over classes (apply softmax first)", `a row summing to ${rows[badRow]!.reduce((a, b) => a + b, 0)}`);
  const column = (j: number, keep: (i: number) => boolean = () => true) => rows.flatMap((r, i) => (keep(i) ? [r[j]!] : []));
  if (multiClass === "ovr") {
    const scores = classes.map((c, j) => binaryAuc(t.map((v) => v === c), column(j)));
    return weightedMean(scores, average === "weighted" ? classes.map((c) => t.filter((v) => v === c).length) : undefined);
  }
  const pairScores: number[] = [];
  const prevalence: number[] = [];
  classes.forEach((a, ia) =>
    classes.slice(ia + 1).forEach((b, k) => {
      const ib = ia + 1 + k;
      const inPair = (i: number) => t[i] === a || t[i] === b;
      const pairTrue = t.filter((_, i) => inPair(i));
      prevalence.push(pairTrue.length / t.length);
      const aScore = binaryAuc(pairTrue.map((v) => v === a), column(ia, inPair));
      const bScore = binaryAuc(pairTrue.map((v) => v === b), column(ib, inPair));
      pairScores.push((aScore + bScore) / 2);
    }),
  );
  return weightedMean(pairScores, average === "weighted" ? prevalence : undefined);
}

import { checkSameLength, inputError, toLabelArray, toNumberArray, uniqueLabels, describe, type Label } from "../preprocessing/validate.js";
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

/** `sklearn.metrics.roc_curve` (1.2.1): false/true positive rates at each distinct score threshold. */
export function rocCurve(yTrue: unknown, yScore: unknown, options: RocCurveOptions = {}): RocCurve {
  const fn = "rocCurve";
  const t = toLabelArray(fn, "yTrue", yTrue);
  const s = toNumberArray(fn, "yScore", yScore);
  checkSameLength(fn, "yTrue", t.length, "yScore", s.length);
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

/** Area under a curve by the trapezoidal rule (`sklearn.metrics.auc`); `x` must be monotonic. */
export function auc(x: unknown, y: unknown): number {
  const fn = "auc";
  const xs = toNumberArray(fn, "x", x);
  const ys = toNumberArray(fn, "y", y);
  checkSameLength(fn, "x", xs.length, "y", ys.length);
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

/**
 * `sklearn.metrics.roc_auc_score` for binary targets: the larger label is the positive class.
 * `yScore` is the score (probability) of that class.
 */
export function rocAucScore(yTrue: unknown, yScore: unknown): number {
  const fn = "rocAucScore";
  const t = toLabelArray(fn, "yTrue", yTrue);
  const s = toNumberArray(fn, "yScore", yScore);
  checkSameLength(fn, "yTrue", t.length, "yScore", s.length);
  const classes = uniqueLabels(fn, "yTrue", t);
  if (classes.length !== 2) {
    throw inputError(fn, "yTrue", "exactly two classes (ROC AUC is not defined for one class; multiclass AUC is not supported)", `classes [${classes.join(", ")}]`);
  }
  const { fpr, tpr } = rocCurve(t, s, { posLabel: classes[1]! });
  return auc(fpr, tpr);
}

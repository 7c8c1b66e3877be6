import { tf } from "../backend/index.js";
import { checkSameLength, inputError, toNumberArray, toNumberMatrix } from "../preprocessing/validate.js";

/** Targets as columns: a 1-D input is one output, a 2-D `[n, outputs]` input several. */
function columns(fn: string, yTrue: unknown, yPred: unknown): { t: number[][]; p: number[][] } {
  const read = (arg: string, v: unknown) => {
    const is2d = v instanceof tf.Tensor ? v.rank === 2 : Array.isArray(v) && Array.isArray(v[0]);
    const rows = is2d ? toNumberMatrix(fn, arg, v) : toNumberArray(fn, arg, v).map((x) => [x]);
    return rows[0]!.map((_, j) => rows.map((r) => r[j]!));
  };
  const t = read("yTrue", yTrue);
  const p = read("yPred", yPred);
  checkSameLength(fn, "yTrue", t[0]!, "yPred", p[0]!);
  if (t.length !== p.length) throw inputError(fn, "yPred", `${t.length} output column(s) like yTrue`, `${p.length}`);
  return { t, p };
}

const mean = (values: number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * `sklearn.metrics.mean_squared_error` (outputs averaged uniformly).
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function meanSquaredError(yTrue: unknown, yPred: unknown): number {
  const { t, p } = columns("meanSquaredError", yTrue, yPred);
  return mean(t.map((col, j) => mean(col.map((v, i) => (v - p[j]![i]!) ** 2))));
}

/**
 * `sklearn.metrics.mean_absolute_error` (outputs averaged uniformly).
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function meanAbsoluteError(yTrue: unknown, yPred: unknown): number {
  const { t, p } = columns("meanAbsoluteError", yTrue, yPred);
  return mean(t.map((col, j) => mean(col.map((v, i) => Math.abs(v - p[j]![i]!)))));
}

/**
 * `sklearn.metrics.r2_score` (1.2.1, `force_finite=True`): a constant `yTrue` scores 1 when
 * predicted exactly and 0 otherwise; outputs are averaged uniformly.
 *
 * Taught in notebooks/05-evaluation.ipynb.
 */
export function r2Score(yTrue: unknown, yPred: unknown): number {
  const fn = "r2Score";
  const { t, p } = columns(fn, yTrue, yPred);
  if (t[0]!.length < 2) throw inputError(fn, "yTrue", "at least two samples (R² is not defined for one)", "1 sample");
  return mean(
    t.map((col, j) => {
      const m = mean(col);
      const residual = col.reduce((s, v, i) => s + (v - p[j]![i]!) ** 2, 0);
      const total = col.reduce((s, v) => s + (v - m) ** 2, 0);
      if (total === 0) return residual === 0 ? 1 : 0;
      return 1 - residual / total;
    }),
  );
}

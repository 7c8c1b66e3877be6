import { tf } from "../backend/index.js";
import { checkSameLength, describe, inputError, toLabelArray, toNumberArray, toNumberMatrix, uniqueLabels, type Label } from "../preprocessing/validate.js";

export interface LogLossOptions {
  /** Clip probabilities to [eps, 1 - eps]; `"auto"` (default) is float64 machine epsilon, as scikit-learn 1.2.1 uses for float64 input. */
  eps?: "auto" | number;
  /** All class labels in order, needed when `yTrue` shows only one of them. */
  labels?: Label[];
  /** Mean over samples (default) or the sum. */
  normalize?: boolean;
}

const FLOAT64_EPS = 2.220446049250313e-16;

/**
 * `sklearn.metrics.log_loss` (1.2.1): cross-entropy of probabilities against labels. `yPred` is
 * `[n]` (probability of the larger class) or `[n, k]` (columns in sorted label order); rows are
 * clipped, then renormalised.
 *
 * Taught in notebooks/09-faq.ipynb.
 */
export function logLoss(yTrue: unknown, yPred: unknown, options: LogLossOptions = {}): number {
  const fn = "logLoss";
  const t = toLabelArray(fn, "yTrue", yTrue);
  const eps = options.eps ?? "auto";
  if (eps !== "auto" && (typeof eps !== "number" || !(eps >= 0 && eps < 0.5))) {
    throw inputError(fn, "options.eps", `"auto" or a number in [0, 0.5)`, describe(eps));
  }
  const e = eps === "auto" ? FLOAT64_EPS : eps;
  const matrix = yPred instanceof tf.Tensor ? yPred.rank === 2 : Array.isArray(yPred) && Array.isArray(yPred[0]);
  let rows = matrix ? toNumberMatrix(fn, "yPred", yPred) : toNumberArray(fn, "yPred", yPred).map((p) => [p]);
  checkSameLength(fn, "yTrue", t, "yPred", rows);
  rows.forEach((row, i) =>
    row.forEach((p, j) => {
      if (p < 0 || p > 1) throw inputError(fn, matrix ? `yPred[${i}][${j}]` : `yPred[${i}]`, "a probability in [0, 1]", String(p));
    }),
  );
  const classes = options.labels !== undefined ? uniqueLabels(fn, "options.labels", options.labels) : uniqueLabels(fn, "yTrue", t);
  if (classes.length === 1) {
    throw options.labels === undefined
      ? inputError(fn, "yTrue", `at least two classes (or pass options.labels with all classes)`, `only the label ${classes[0]}`)
      : inputError(fn, "options.labels", "at least two labels", `[${classes.join(", ")}]`);
  }
  const unknown = t.findIndex((v) => !classes.includes(v));
  if (unknown >= 0) throw inputError(fn, `yTrue[${unknown}]`, `one of options.labels [${classes.join(", ")}]`, describe(t[unknown]));
  rows = rows.map((row) => row.map((p) => Math.min(Math.max(p, e), 1 - e)));
  if (rows[0]!.length === 1) rows = rows.map(([p]) => [1 - p!, p!]);
  if (rows[0]!.length !== classes.length) {
    throw inputError(fn, "yPred", `${classes.length} columns, one per class [${classes.join(", ")}]`, `${rows[0]!.length} columns`);
  }
  let total = 0;
  t.forEach((label, i) => {
    const row = rows[i]!;
    const sum = row.reduce((s, v) => s + v, 0);
    total -= Math.log(row[classes.indexOf(label)]! / sum);
  });
  return options.normalize === false ? total : total / t.length;
}

import { currentLanguage } from "@tsdl/display";
import { libWords } from "../words/libWords.js";
import type * as dfd from "danfojs-node";
import { danfo } from "../preprocessing/dataFrame.js";
import { formatFixed } from "./formatFixed.js";
import { describe, inputError, uniqueLabels, type Label } from "../preprocessing/validate.js";
import { labelPair, prfs, type ZeroDivision } from "./classification.js";
import type { ThresholdOption } from "./predictions.js";
import stringWidth from "string-width";

export interface ClassificationReportRow {
  /** A class name, `"accuracy"`, `"micro avg"`, `"macro avg"` or `"weighted avg"`. */
  label: string;
  /** `null` on the accuracy row, as scikit-learn leaves it blank. */
  precision: number | null;
  recall: number | null;
  f1Score: number;
  support: number;
}

export interface ClassificationReport {
  rows: ClassificationReportRow[];
  /** The rows as a DataFrame for display: indexed by label, columns precision, recall, f1-score, support (NaN where blank). */
  frame: dfd.DataFrame;
  /** The report formatted exactly like `sklearn.metrics.classification_report`. */
  text: string;
}

export interface ClassificationReportOptions extends ThresholdOption {
  labels?: Label[];
  /** Display names for `labels` (or the sorted classes), in the same order. */
  targetNames?: string[];
  /** Decimal places in `text`; default 2. */
  digits?: number;
  zeroDivision?: ZeroDivision;
}

/**
 * `sklearn.metrics.classification_report`: per-class precision, recall, F1 and support, plus averages.
 *
 * Taught in notebooks/05-evaluation.ipynb; also used in 06-language, 07-vision.
 */
export function classificationReport(yTrue: unknown, yPred: unknown, options: ClassificationReportOptions = {}): ClassificationReport {
  const fn = "classificationReport";
  const { t, p } = labelPair(fn, yTrue, yPred, options);
  const present = uniqueLabels(fn, "yTrue and yPred", t, p);
  const labels = options.labels ?? present;
  const digits = options.digits ?? 2;
  if (!Number.isInteger(digits) || digits < 0) throw inputError(fn, "options.digits", "a non-negative integer", describe(digits));
  const names = options.targetNames ?? labels.map(String);
  if (names.length !== labels.length) {
    throw inputError(fn, "options.targetNames", `${labels.length} names, one per class [${labels.join(", ")}]`, `${names.length} names`);
  }
  const sameSet = new Set(labels).size === present.length && present.every((l) => labels.includes(l));
  const microIsAccuracy = options.labels === undefined || sameSet;
  const common = { labels, zeroDivision: options.zeroDivision };
  const perLabel = prfs(t, p, { ...common, average: null }, fn);
  const total = perLabel.support.reduce((s, v) => s + v, 0);
  const rows: ClassificationReportRow[] = names.map((label, i) => ({
    label,
    precision: perLabel.precision[i]!,
    recall: perLabel.recall[i]!,
    f1Score: perLabel.f1[i]!,
    support: perLabel.support[i]!,
  }));
  for (const average of ["micro", "macro", "weighted"] as const) {
    const avg = prfs(t, p, { ...common, average }, fn).average!;
    if (average === "micro" && microIsAccuracy) {
      rows.push({ label: "accuracy", precision: null, recall: null, f1Score: avg.f1, support: total });
    } else {
      rows.push({ label: `${average} avg`, precision: avg.precision, recall: avg.recall, f1Score: avg.f1, support: total });
    }
  }
  const words = libWords().report;
  // The rows keep scikit-learn's labels (code compares them); what a learner reads speaks the notebook's language.
  const shown = (label: string, i: number) => (i < names.length ? label : label === "accuracy" ? words.accuracy : words.average[label.split(" ")[0] as "micro"]);
  const frame = new (danfo().DataFrame)(
    rows.map((r) => [r.precision ?? Number.NaN, r.recall ?? Number.NaN, r.f1Score, r.support]),
    { columns: [...words.columns], index: rows.map((r, i) => shown(r.label, i)) },
  );
  return { rows, frame, text: formatReport(rows.map((r, i) => ({ ...r, label: shown(r.label, i) })), names.length, digits, words.columns) };
}

const codePointsOf = (text: string) => [...text].length;

function formatReport(rows: ClassificationReportRow[], classCount: number, digits: number, columns: readonly string[]): string {
  // In English, widths count code points, as scikit-learn's len and format do (an emoji is one, not two
  // UTF-16 units); the Chinese edition's headers are Han, so there widths are monospace columns (a Han
  // character takes two), measured as the kernel's text renderers measure them.
  const length = currentLanguage() === "zh" ? stringWidth : codePointsOf;
  const padStart = (text: string, size: number) => " ".repeat(Math.max(0, size - length(text))) + text;
  const width = Math.max(...rows.map((r) => length(r.label)), digits);
  const cell = (v: string) => padStart(v, 9);
  const num = (v: number) => cell(formatFixed(v, digits));
  let out = `${"".padStart(width)} ${columns.map((h) => ` ${cell(h)}`).join("")}\n\n`;
  rows.forEach((r, i) => {
    if (i === classCount) out += "\n";
    const scores = r.precision === null ? [cell(""), cell("")] : [num(r.precision), num(r.recall!)];
    out += `${padStart(r.label, width)} ${[...scores, num(r.f1Score), cell(String(r.support))].map((c) => ` ${c}`).join("")}\n`;
  });
  return out;
}

import type * as dfd from "danfojs-node";
import { tf } from "../backend/index.js";
import { checkColumns, checkFrame, columnValues, isMissing, isNumericColumn } from "../preprocessing/frame.js";
import { compareLabels, describe, inputError, type Label } from "../preprocessing/validate.js";
import { readCsvFrame } from "./csv.js";

export interface CsvToTensorsOptions {
  /** The label column. */
  label: string;
  /** Feature columns in order; default every other column. */
  features?: string[];
}

export interface CsvTensors {
  /** `[rows, features]` float32. */
  x: tf.Tensor2D;
  /** `[rows]`: float32 numbers, or int32 class ids when the label column holds text. */
  y: tf.Tensor1D;
  featureNames: string[];
  /** For a text label column: class names, sorted; `y` holds indices into this list. */
  classNames?: string[];
}

/**
 * A CSV file (path) or a DataFrame as feature and label tensors; features must be numeric and complete.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function csvToTensors(source: string | dfd.DataFrame, options: CsvToTensorsOptions): CsvTensors {
  const fn = "csvToTensors";
  const frame = checkFrame(fn, "source", typeof source === "string" ? readCsvFrame(source) : source);
  const label = options?.label;
  if (typeof label !== "string" || !frame.columns.includes(label)) {
    throw inputError(fn, "options.label", `a column of the data (${frame.columns.join(", ")})`, describe(label));
  }
  const featureNames = checkColumns(fn, frame, options.features ?? frame.columns.filter((c) => c !== label), "options.features");
  if (featureNames.includes(label)) throw inputError(fn, "options.features", `feature columns other than the label "${label}"`, `a list containing "${label}"`);
  const columns = featureNames.map((name) => {
    const values = columnValues(frame, name);
    const missing = values.findIndex(isMissing);
    if (missing >= 0) throw inputError(fn, `column "${name}"`, "no missing values (use dropNa or fillNa first)", `a missing value in row ${missing}`);
    if (!isNumericColumn(values)) throw inputError(fn, `column "${name}"`, "numeric (one-hot encode text columns first)", `text such as ${describe(values.find((v) => typeof v !== "number"))}`);
    return values as number[];
  });
  const n = frame.shape[0];
  const x = tf.tensor2d(Float32Array.from({ length: n * columns.length }, (_, k) => columns[k % columns.length]![Math.floor(k / columns.length)]!), [n, columns.length]);
  const labels = columnValues(frame, label);
  const missing = labels.findIndex(isMissing);
  if (missing >= 0) {
    x.dispose();
    throw inputError(fn, `column "${label}"`, "no missing labels (use dropNa first)", `a missing value in row ${missing}`);
  }
  if (isNumericColumn(labels)) return { x, y: tf.tensor1d(labels as number[], "float32"), featureNames };
  const classNames = ([...new Set(labels.map(String))] as Label[]).sort(compareLabels) as string[];
  return { x, y: tf.tensor1d(labels.map((l) => classNames.indexOf(String(l))), "int32"), featureNames, classNames };
}

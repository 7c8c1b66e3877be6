import type * as dfd from "danfojs-node";
import { isDataFrame } from "./dataFrame.js";
import { checkColumns, checkFrame, columnsOf, frameFrom, isNumericColumn, type Cell } from "./frame.js";
import { describe, inputError, toNumberArray, type NumericVector } from "./validate.js";

/**
 * `iqr`: outside [Q1 − k·IQR, Q3 + k·IQR] (Tukey, k = 1.5). `zscore`: |x − mean| / std > threshold
 * (population std, default threshold 3).
 */
export type OutlierRule = { method: "iqr"; k?: number } | { method: "zscore"; threshold?: number };

export interface OutlierFrameOptions {
  /** Columns to inspect; default every numeric column. */
  columns?: string[];
}

/**
 * The q-th quantile (0 ≤ q ≤ 1) with numpy's default linear interpolation.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function quantile(values: NumericVector, q: number): number {
  const fn = "quantile";
  const xs = toNumberArray(fn, "values", values).slice().sort((a, b) => a - b);
  if (typeof q !== "number" || !(q >= 0 && q <= 1)) throw inputError(fn, "q", "a number in [0, 1]", describe(q));
  const pos = q * (xs.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, xs.length - 1);
  return xs[lo]! + (xs[hi]! - xs[lo]!) * (pos - lo);
}

function checkRule(fn: string, rule: unknown): Required<{ method: "iqr"; k: number }> | Required<{ method: "zscore"; threshold: number }> {
  const r = (rule ?? { method: "iqr" }) as OutlierRule;
  if (r.method === "iqr") {
    const k = r.k ?? 1.5;
    if (typeof k !== "number" || !(k >= 0) || !Number.isFinite(k)) throw inputError(fn, "rule.k", "a finite number ≥ 0", describe(k));
    return { method: "iqr", k };
  }
  if (r.method === "zscore") {
    const threshold = r.threshold ?? 3;
    if (typeof threshold !== "number" || !(threshold > 0) || !Number.isFinite(threshold)) {
      throw inputError(fn, "rule.threshold", "a finite number > 0", describe(threshold));
    }
    return { method: "zscore", threshold };
  }
  throw inputError(fn, "rule.method", `"iqr" or "zscore"`, describe((r as { method: unknown }).method));
}

function boundsOf(fn: string, arg: string, values: unknown, rule: unknown): { lower: number; upper: number } {
  const r = checkRule(fn, rule);
  const xs = toNumberArray(fn, arg, values);
  if (r.method === "iqr") {
    const q1 = quantile(xs, 0.25);
    const q3 = quantile(xs, 0.75);
    return { lower: q1 - r.k * (q3 - q1), upper: q3 + r.k * (q3 - q1) };
  }
  const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
  const std = Math.sqrt(xs.reduce((s, v) => s + (v - mean) ** 2, 0) / xs.length);
  return { lower: mean - r.threshold * std, upper: mean + r.threshold * std };
}

/**
 * The inclusive range of non-outliers under `rule` (default IQR with k = 1.5).
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function outlierBounds(values: NumericVector, rule?: OutlierRule): { lower: number; upper: number } {
  return boundsOf("outlierBounds", "values", values, rule);
}

type Data = NumericVector | dfd.DataFrame;

/** Per-column bounds for the chosen numeric columns of a frame. */
function frameBounds(fn: string, frame: dfd.DataFrame, rule: unknown, options: OutlierFrameOptions): Map<string, { lower: number; upper: number }> {
  checkFrame(fn, "data", frame);
  const chosen = checkColumns(fn, frame, options.columns);
  const bounds = new Map<string, { lower: number; upper: number }>();
  for (const [name, values] of columnsOf(frame)) {
    if (!chosen.includes(name)) continue;
    if (!isNumericColumn(values)) {
      if (options.columns === undefined) continue;
      throw inputError(fn, `column "${name}"`, "numeric values", "text values");
    }
    bounds.set(name, boundsOf(fn, `column "${name}"`, values, rule));
  }
  return bounds;
}

const outside = (v: number, b: { lower: number; upper: number }) => v < b.lower || v > b.upper;

/**
 * `true` for each outlier; for a DataFrame, `true` for each row with an outlier in any inspected column.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function detectOutliers(data: Data, rule?: OutlierRule, options: OutlierFrameOptions = {}): boolean[] {
  const fn = "detectOutliers";
  if (isDataFrame(data)) {
    const bounds = frameBounds(fn, data, rule, options);
    const mask = new Array<boolean>(data.shape[0]).fill(false);
    for (const [name, b] of bounds) (data.column(name).values as number[]).forEach((v, i) => (mask[i] ||= outside(v, b)));
    return mask;
  }
  const b = boundsOf(fn, "values", data, rule);
  return toNumberArray(fn, "values", data).map((v) => outside(v, b));
}

/**
 * Clips outliers to the bounds (winsorising); the data keeps its length.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function clipOutliers(data: NumericVector, rule?: OutlierRule): number[];
export function clipOutliers(data: dfd.DataFrame, rule?: OutlierRule, options?: OutlierFrameOptions): dfd.DataFrame;
export function clipOutliers(data: Data, rule?: OutlierRule, options: OutlierFrameOptions = {}): number[] | dfd.DataFrame {
  const fn = "clipOutliers";
  const clip = (v: number, b: { lower: number; upper: number }) => Math.min(Math.max(v, b.lower), b.upper);
  if (isDataFrame(data)) {
    const bounds = frameBounds(fn, data, rule, options);
    return frameFrom(
      columnsOf(data).map(([name, values]): [string, Cell[]] => {
        const b = bounds.get(name);
        return [name, b ? (values as number[]).map((v) => clip(v, b)) : values];
      }),
      data.index as (string | number)[],
    );
  }
  const b = boundsOf(fn, "values", data, rule);
  return toNumberArray(fn, "values", data).map((v) => clip(v, b));
}

/**
 * Removes outliers (for a DataFrame: rows with an outlier in any inspected column).
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function dropOutliers(data: NumericVector, rule?: OutlierRule): number[];
export function dropOutliers(data: dfd.DataFrame, rule?: OutlierRule, options?: OutlierFrameOptions): dfd.DataFrame;
export function dropOutliers(data: Data, rule?: OutlierRule, options: OutlierFrameOptions = {}): number[] | dfd.DataFrame {
  const fn = "dropOutliers";
  if (isDataFrame(data)) {
    const mask = detectOutliers(data, rule, options);
    const rows = mask.map((m, i) => (m ? -1 : i)).filter((i) => i >= 0);
    const index = data.index as (string | number)[];
    return frameFrom(
      columnsOf(data).map(([name, values]) => [name, rows.map((i) => values[i])]),
      rows.map((i) => index[i]!),
    );
  }
  const b = boundsOf(fn, "values", data, rule);
  return toNumberArray(fn, "values", data).filter((v) => !outside(v, b));
}

import type * as dfd from "danfojs-node";
import { checkColumns, checkFrame, columnsOf, frameFrom, isMissing, isNumericColumn, type Cell } from "./frame.js";
import { describe, inputError } from "./validate.js";

export interface DropNaOptions {
  /** Drop rows (default) or columns that have missing values. */
  axis?: "rows" | "columns";
  /** `"any"` (default): drop when any value is missing; `"all"`: only when every value is. */
  how?: "any" | "all";
  /** With `axis: "rows"`, look only at these columns (pandas `subset`). */
  columns?: string[];
}

/**
 * pandas `dropna`: drops rows (or columns) with missing values (`NaN`, `null`).
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 09-faq.
 */
export function dropNa(frame: dfd.DataFrame, options: DropNaOptions = {}): dfd.DataFrame {
  const fn = "dropNa";
  checkFrame(fn, "frame", frame);
  const { axis = "rows", how = "any" } = options;
  if (axis !== "rows" && axis !== "columns") throw inputError(fn, "options.axis", `"rows" or "columns"`, describe(axis));
  if (how !== "any" && how !== "all") throw inputError(fn, "options.how", `"any" or "all"`, describe(how));
  const drop = (cells: Cell[]) => (how === "any" ? cells.some(isMissing) : cells.every(isMissing));
  const columns = columnsOf(frame);
  const index = frame.index as (string | number)[];
  if (axis === "columns") {
    const kept = columns.filter(([, values]) => !drop(values));
    if (kept.length === 0) throw new Error(`${fn}: every column has missing values, so nothing would be left`);
    return frameFrom(kept, index);
  }
  const subset = new Set(checkColumns(fn, frame, options.columns));
  const considered = columns.filter(([name]) => subset.has(name));
  const rows = index.map((_, i) => i).filter((i) => !drop(considered.map(([, values]) => values[i])));
  if (rows.length === 0) throw new Error(`${fn}: every row has missing values, so nothing would be left`);
  return frameFrom(
    columns.map(([name, values]) => [name, rows.map((i) => values[i])]),
    rows.map((i) => index[i]!),
  );
}

export type FillStrategy = "mean" | "median" | "mode" | "constant" | "ffill" | "bfill";

export interface FillNaOptions {
  strategy: FillStrategy;
  /** The fill value for `"constant"`. */
  value?: number | string;
  /** Columns to fill (DataFrames only); default: all columns the strategy applies to (mean and median: numeric ones). */
  columns?: string[];
}

// numpy's median of sorted values: the middle one, or the mean of the two middle ones.
function median(sorted: number[]): number {
  const m = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2;
}

function fillColumn(fn: string, name: string, values: Cell[], options: FillNaOptions): Cell[] {
  const present = values.filter((v) => !isMissing(v));
  const { strategy } = options;
  if (strategy === "ffill" || strategy === "bfill") {
    const out = values.slice();
    const order = out.map((_, i) => (strategy === "ffill" ? i : out.length - 1 - i));
    let last: Cell = null;
    for (const i of order) {
      if (isMissing(out[i])) out[i] = isMissing(last) ? out[i] : last;
      else last = out[i];
    }
    return out;
  }
  let fill: Cell;
  if (strategy === "constant") {
    fill = options.value;
  } else {
    if (present.length === 0) throw inputError(fn, name, `at least one present value to compute the ${strategy} from`, "only missing values");
    if (strategy === "mode") {
      const counts = new Map<Cell, number>();
      for (const v of present) counts.set(v, (counts.get(v) ?? 0) + 1);
      const best = Math.max(...counts.values());
      // Ties go to the smallest value, as scikit-learn's SimpleImputer and pandas' mode()[0] do.
      const tied = [...counts].filter(([, c]) => c === best).map(([v]) => v);
      fill = tied.sort((a, b) => (typeof a === "number" && typeof b === "number" ? a - b : String(a) < String(b) ? -1 : 1))[0];
    } else {
      if (!isNumericColumn(values)) throw inputError(fn, name, `numeric values for strategy "${strategy}"`, "text values");
      const nums = present as number[];
      fill = strategy === "mean" ? nums.reduce((s, v) => s + v, 0) / nums.length : median(nums.slice().sort((a, b) => a - b));
    }
  }
  return values.map((v) => (isMissing(v) ? fill : v));
}

function checkFillOptions(fn: string, options: unknown): FillNaOptions {
  const o = options as FillNaOptions | undefined;
  const strategies = ["mean", "median", "mode", "constant", "ffill", "bfill"];
  if (o === undefined || !strategies.includes(o.strategy)) {
    throw inputError(fn, "options.strategy", strategies.map((s) => `"${s}"`).join(", "), describe(o?.strategy));
  }
  if (o.strategy === "constant" && (o.value === undefined || (typeof o.value === "number" && !Number.isFinite(o.value)))) {
    throw inputError(fn, "options.value", `a finite number or a string for strategy "constant"`, describe(o.value));
  }
  return o;
}

/**
 * Fills missing values: mean/median (numeric columns, like scikit-learn's SimpleImputer), mode
 * (ties → smallest), a constant, or the previous/next present value (pandas `ffill`/`bfill`:
 * leading/trailing gaps stay missing).
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 09-faq.
 */
export function fillNa(frame: dfd.DataFrame, options: FillNaOptions): dfd.DataFrame;
export function fillNa(values: readonly (number | null)[], options: FillNaOptions): number[];
export function fillNa(data: dfd.DataFrame | readonly (number | null)[], options: FillNaOptions): dfd.DataFrame | number[] {
  const fn = "fillNa";
  const o = checkFillOptions(fn, options);
  if (Array.isArray(data)) {
    const values = checkVector(fn, data);
    return fillColumn(fn, "values", values, o) as number[];
  }
  const frame = checkFrame(fn, "data", data);
  const chosen = new Set(checkColumns(fn, frame, o.columns));
  const numericOnly = (o.strategy === "mean" || o.strategy === "median") && o.columns === undefined;
  return frameFrom(
    columnsOf(frame).map(([name, values]) => {
      const skip = !chosen.has(name) || (numericOnly && !isNumericColumn(values));
      return [name, skip ? values : fillColumn(fn, `column "${name}"`, values, o)];
    }),
    frame.index as (string | number)[],
  );
}

function checkVector(fn: string, data: readonly unknown[]): Cell[] {
  if (data.length === 0) throw inputError(fn, "values", "non-empty", "an empty array");
  data.forEach((v, i) => {
    if (!isMissing(v as Cell) && (typeof v !== "number" || !Number.isFinite(v))) {
      throw inputError(fn, `values[${i}]`, "a finite number, NaN or null", describe(v));
    }
  });
  return data as Cell[];
}

function interpolateColumn(values: Cell[]): Cell[] {
  const out = values.slice();
  let prev = -1;
  for (let i = 0; i < out.length; i++) {
    if (isMissing(out[i])) continue;
    if (prev >= 0 && i - prev > 1) {
      const a = out[prev] as number;
      const b = out[i] as number;
      for (let k = prev + 1; k < i; k++) out[k] = a + ((b - a) * (k - prev)) / (i - prev);
    }
    prev = i;
  }
  for (let k = prev + 1; prev >= 0 && k < out.length; k++) out[k] = out[prev];
  return out;
}

/**
 * Linear interpolation by position, like pandas' `interpolate()` defaults: interior gaps are
 * filled on the straight line between neighbours, trailing gaps repeat the last value, leading
 * gaps stay missing. DataFrames: numeric columns (or `columns`) only.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function interpolateLinear(frame: dfd.DataFrame, options?: { columns?: string[] }): dfd.DataFrame;
export function interpolateLinear(values: readonly (number | null)[]): number[];
export function interpolateLinear(data: dfd.DataFrame | readonly (number | null)[], options: { columns?: string[] } = {}): dfd.DataFrame | number[] {
  const fn = "interpolateLinear";
  if (Array.isArray(data)) return interpolateColumn(checkVector(fn, data)) as number[];
  const frame = checkFrame(fn, "data", data);
  const chosen = new Set(checkColumns(fn, frame, options.columns));
  return frameFrom(
    columnsOf(frame).map(([name, values]) => {
      if (!chosen.has(name)) return [name, values];
      if (!isNumericColumn(values)) {
        if (options.columns === undefined) return [name, values];
        throw inputError(fn, `column "${name}"`, "numeric values to interpolate", "text values");
      }
      return [name, interpolateColumn(values)];
    }),
    frame.index as (string | number)[],
  );
}

/**
 * Missing values per column.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export function countNa(frame: dfd.DataFrame): Record<string, number> {
  checkFrame("countNa", "frame", frame);
  return Object.fromEntries(columnsOf(frame).map(([name, values]) => [name, values.filter(isMissing).length]));
}

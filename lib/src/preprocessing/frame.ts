import { danfo, isDataFrame } from "./dataFrame.js";
import type * as dfd from "danfojs-node";
import { describe, inputError } from "./validate.js";

export type Cell = number | string | boolean | null | undefined;

/** Missing as pandas sees it: `NaN`, `null` or `undefined`. */
export function isMissing(v: Cell): boolean {
  return v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));
}

export function checkFrame(fn: string, arg: string, value: unknown): dfd.DataFrame {
  if (!isDataFrame(value)) throw inputError(fn, arg, "a danfo DataFrame", describe(value));
  if (value.shape[0] === 0) throw inputError(fn, arg, "non-empty", "a DataFrame with no rows");
  return value;
}

export function columnValues(frame: dfd.DataFrame, name: string): Cell[] {
  return frame.column(name).values as Cell[];
}

/** A column is numeric when every present value is a number. */
export function isNumericColumn(values: Cell[]): boolean {
  return values.every((v) => isMissing(v) || typeof v === "number");
}

export function checkColumns(fn: string, frame: dfd.DataFrame, columns: unknown, arg = "options.columns"): string[] {
  if (columns === undefined) return frame.columns;
  if (!Array.isArray(columns) || columns.length === 0) throw inputError(fn, arg, "a non-empty array of column names", describe(columns));
  for (const c of columns) {
    if (!frame.columns.includes(c)) throw inputError(fn, arg, `column names of the DataFrame (${frame.columns.join(", ")})`, describe(c));
  }
  return columns as string[];
}

/** A new DataFrame from named columns, keeping the row index. */
export function frameFrom(columns: [string, Cell[]][], index: (string | number)[]): dfd.DataFrame {
  return new (danfo().DataFrame)(Object.fromEntries(columns), { index, columns: columns.map(([name]) => name) });
}

export function columnsOf(frame: dfd.DataFrame): [string, Cell[]][] {
  return frame.columns.map((c) => [c, columnValues(frame, c)]);
}

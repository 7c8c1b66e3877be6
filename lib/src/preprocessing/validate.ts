import { isDataFrame } from "./dataFrame.js";
import type * as dfd from "danfojs-node";
import { tf } from "../backend/index.js";

/** A 1-D numeric input: a plain array, a typed array or a 1-D tensor. */
export type NumericVector = readonly number[] | Float32Array | Float64Array | Int32Array | Uint8Array | tf.Tensor;

/** A 2-D numeric input: rows of numbers, a 2-D tensor or an all-numeric DataFrame. */
export type NumericMatrix = readonly (readonly number[])[] | tf.Tensor2D | dfd.DataFrame;

/** A class label as scikit-learn accepts them: numbers or strings (not mixed). */
export type Label = number | string;

/** A vector of labels: numbers, strings or a 1-D tensor. */
export type LabelVector = readonly Label[] | NumericVector;

/** The error every helper throws for bad input: `fn: arg must be expected; got actual`. */
export function inputError(fn: string, arg: string, expected: string, actual: string): Error {
  return new Error(`${fn}: ${arg} must be ${expected}; got ${actual}`);
}

/** A short, readable rendering of a value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return "undefined";
  if (value === null) return "null";
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (value instanceof tf.Tensor) return `a ${value.dtype} tensor of shape [${value.shape.join(", ")}]`;
  if (isDataFrame(value)) return `a DataFrame of shape [${value.shape.join(", ")}]`;
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as Float32Array).length}`;
  return typeof value;
}

function isTypedArray(value: unknown): value is Float32Array | Float64Array | Int32Array | Uint8Array {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

export interface VectorRules {
  /** Allow `NaN` (missing values); `±Infinity` is always refused. */
  allowNaN?: boolean;
  allowEmpty?: boolean;
  integer?: boolean;
}

/** Reads a 1-D numeric input into a plain array, refusing non-finite values, empties and other shapes. */
export function toNumberArray(fn: string, arg: string, value: unknown, rules: VectorRules = {}): number[] {
  let values: unknown[];
  if (value instanceof tf.Tensor) {
    if (value.rank !== 1) throw inputError(fn, arg, "a 1-D tensor", describe(value));
    values = Array.from(value.dataSync());
  } else if (isTypedArray(value)) {
    values = Array.from(value as ArrayLike<number>);
  } else if (Array.isArray(value)) {
    values = value;
  } else {
    throw inputError(fn, arg, "an array of numbers or a 1-D tensor", describe(value));
  }
  if (values.length === 0 && !rules.allowEmpty) throw inputError(fn, arg, "non-empty", "an empty array");
  values.forEach((v, i) => checkNumber(fn, `${arg}[${i}]`, v, rules));
  return values as number[];
}

function checkNumber(fn: string, where: string, v: unknown, rules: VectorRules): void {
  if (typeof v !== "number") throw inputError(fn, where, "a number", describe(v));
  if (Number.isNaN(v)) {
    if (!rules.allowNaN) throw inputError(fn, where, "a finite number (fill or drop missing values first)", "NaN");
    return;
  }
  if (!Number.isFinite(v)) throw inputError(fn, where, "a finite number", String(v));
  if (rules.integer && !Number.isInteger(v)) throw inputError(fn, where, "an integer", String(v));
}

/** Reads a 2-D numeric input (rows, 2-D tensor or numeric DataFrame) into rows of plain numbers. */
export function toNumberMatrix(fn: string, arg: string, value: unknown, rules: VectorRules = {}): number[][] {
  let rows: unknown[];
  if (value instanceof tf.Tensor) {
    if (value.rank !== 2) throw inputError(fn, arg, "a 2-D tensor [rows, columns]", describe(value));
    rows = value.arraySync() as number[][];
  } else if (isDataFrame(value)) {
    const nonNumeric = value.columns.filter((_, j) => value.dtypes[j] === "string" || value.dtypes[j] === "boolean");
    if (nonNumeric.length > 0) {
      throw inputError(fn, arg, "a DataFrame of numeric columns", `non-numeric column(s) ${nonNumeric.join(", ")}`);
    }
    rows = value.values as unknown[];
  } else if (Array.isArray(value)) {
    rows = value;
  } else {
    throw inputError(fn, arg, "rows of numbers, a 2-D tensor or a DataFrame", describe(value));
  }
  if (rows.length === 0 && !rules.allowEmpty) throw inputError(fn, arg, "non-empty", "no rows");
  let width = -1;
  rows.forEach((row, i) => {
    if (!Array.isArray(row) && !isTypedArray(row)) throw inputError(fn, `${arg}[${i}]`, "a row (array of numbers)", describe(row));
    const r = row as ArrayLike<unknown>;
    if (width === -1) width = r.length;
    if (r.length !== width) throw inputError(fn, `${arg}[${i}]`, `a row of length ${width} like row 0`, `length ${r.length}`);
    for (let j = 0; j < r.length; j++) checkNumber(fn, `${arg}[${i}][${j}]`, r[j], rules);
  });
  if (width === 0) throw inputError(fn, arg, "at least one column", "rows of length 0");
  return rows.map((r) => Array.from(r as ArrayLike<number>));
}

/** Reads a label vector (numbers or strings, not mixed). */
export function toLabelArray(fn: string, arg: string, value: unknown): Label[] {
  if (Array.isArray(value) && value.some((v) => typeof v === "string")) {
    if (value.length === 0) throw inputError(fn, arg, "non-empty", "an empty array");
    value.forEach((v, i) => {
      if (typeof v !== "string") throw inputError(fn, `${arg}[${i}]`, "a string like the other labels", describe(v));
    });
    return value as string[];
  }
  return toNumberArray(fn, arg, value);
}

/** The one length check of lib: `second` must have as many values as `first`. */
export function checkSameLength(where: string, firstName: string, first: ArrayLike<unknown>, secondName: string, second: ArrayLike<unknown>): void {
  if (first.length !== second.length) {
    throw new Error(`${where}: ${secondName} must have ${first.length} values like ${firstName}, got ${second.length}`);
  }
}

/** Ascending order for labels: numeric for numbers, code-point order for strings (like `np.unique`). */
export function compareLabels(a: Label, b: Label): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return compareCodePoints(String(a), String(b));
}

/**
 * Code-point order, as Python's `sorted` and `np.unique` compare strings. JavaScript's `<` compares UTF-16
 * units, which puts characters above U+FFFF (emoji, stored as surrogates D800–DFFF) before U+E000–U+FFFF.
 */
function compareCodePoints(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    // At the first differing unit, codePointAt reads a whole surrogate pair, so the code points decide.
    if (a.charCodeAt(i) !== b.charCodeAt(i)) return a.codePointAt(i)! - b.codePointAt(i)!;
  }
  return a.length - b.length;
}

/** Sorted distinct labels of all arguments, refusing a mix of numbers and strings. */
export function uniqueLabels(fn: string, arg: string, ...vectors: Label[][]): Label[] {
  const all = new Set<Label>();
  for (const v of vectors) for (const x of v) all.add(x);
  const kinds = new Set([...all].map((x) => typeof x));
  if (kinds.size > 1) throw inputError(fn, arg, "labels of one kind (all numbers or all strings)", "a mix of numbers and strings");
  return [...all].sort(compareLabels);
}

/** Anything with a shape and synchronous data, such as a tf.Tensor (checked structurally, so plots need no tfjs import). */
export interface TensorLike {
  shape: number[];
  dataSync(): ArrayLike<number> | ArrayLike<string>;
}

/** Numbers as an array, a typed array or a tensor (flattened). */
export type NumericInput = ArrayLike<number> | TensorLike;

export function isTensorLike(value: unknown): value is TensorLike {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as TensorLike).shape) &&
    typeof (value as TensorLike).dataSync === "function"
  );
}

function rawNumbers(where: string, name: string, values: NumericInput): number[] {
  if (isTensorLike(values)) {
    const data = values.dataSync();
    if (data.length > 0 && typeof data[0] === "string") throw new Error(`${where}: ${name} must be numeric, got a string tensor`);
    return Array.from(data as ArrayLike<number>);
  }
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    throw new Error(`${where}: ${name} must be an array of numbers or a tensor, got ${values === null ? "null" : typeof values}`);
  }
  const out = Array.from(values);
  out.forEach((v, i) => {
    if (typeof v !== "number") throw new Error(`${where}: ${name} must contain numbers, got ${typeof v} at index ${i}`);
  });
  return out;
}

/** Finite numbers as a plain array (typed arrays would not serialise as JSON arrays). */
export function finiteNumbers(where: string, name: string, values: NumericInput): number[] {
  const out = rawNumbers(where, name, values);
  if (out.length === 0) throw new Error(`${where}: ${name} must be non-empty, got 0 values`);
  out.forEach((v, i) => {
    if (!Number.isFinite(v)) throw new Error(`${where}: ${name} must be finite numbers, got ${v} at index ${i}`);
  });
  return out;
}

/** Numbers where NaN/±Infinity become null, which Plotly draws as a gap (a diverged loss, for example). */
export function numbersWithGaps(where: string, name: string, values: NumericInput): (number | null)[] {
  const out = rawNumbers(where, name, values);
  if (out.length === 0) throw new Error(`${where}: ${name} must be non-empty, got 0 values`);
  return out.map((v) => (Number.isFinite(v) ? v : null));
}

export { checkSameLength } from "../preprocessing/validate.js";

/** 1, 2, …, n: the default x of a series, counted as a learner counts epochs and steps. */
export function countFromOne(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** A rectangular table of finite numbers from nested arrays or a rank-2 tensor. */
export function numberRows(where: string, name: string, rows: readonly ArrayLike<number>[] | TensorLike): number[][] {
  let out: number[][];
  if (isTensorLike(rows)) {
    if (rows.shape.length !== 2) throw new Error(`${where}: ${name} must be a rank-2 tensor, got shape [${rows.shape.join(", ")}]`);
    const [r, c] = rows.shape;
    const data = finiteNumbers(where, name, rows);
    out = Array.from({ length: r }, (_, i) => data.slice(i * c, (i + 1) * c));
  } else {
    if (!Array.isArray(rows) || rows.length === 0) throw new Error(`${where}: ${name} must be a non-empty array of rows, got ${Array.isArray(rows) ? "0 rows" : typeof rows}`);
    out = rows.map((row, i) => finiteNumbers(where, `${name}[${i}]`, row));
  }
  if (out.length === 0 || out[0].length === 0) throw new Error(`${where}: ${name} must be non-empty, got ${out.length} rows`);
  out.forEach((row, i) => {
    if (row.length !== out[0].length) throw new Error(`${where}: every row of ${name} must have ${out[0].length} values like row 0, row ${i} has ${row.length}`);
  });
  return out;
}

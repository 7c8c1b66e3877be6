/**
 * A row-major matrix of float64 values: `data[i * cols + j]` is row i, column j.
 */
export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || rows < 0) throw new Error(`Matrix: rows must be a non-negative integer, got ${rows}`);
    if (!Number.isInteger(cols) || cols < 0) throw new Error(`Matrix: cols must be a non-negative integer, got ${cols}`);
    if (data !== undefined && data.length !== rows * cols) {
      throw new Error(`Matrix: data must have rows × cols = ${rows * cols} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** Builds a matrix from nested arrays such as `[[1, 2], [3, 4]]`. */
  static fromRows(rows: readonly ArrayLike<number>[]): Matrix {
    if (rows.length === 0) throw new Error("Matrix.fromRows: rows must be non-empty, got 0 rows");
    const cols = rows[0].length;
    const m = new Matrix(rows.length, cols);
    rows.forEach((row, i) => {
      if (row.length !== cols) {
        throw new Error(`Matrix.fromRows: every row must have ${cols} values (like row 0), row ${i} has ${row.length}`);
      }
      for (let j = 0; j < cols; j++) m.data[i * cols + j] = row[j];
    });
    return m;
  }

  /** A 1 × n matrix holding one vector. */
  static rowVector(values: ArrayLike<number>): Matrix {
    return new Matrix(1, values.length, Float64Array.from(values));
  }

  /** An n × 1 matrix holding one vector. */
  static columnVector(values: ArrayLike<number>): Matrix {
    return new Matrix(values.length, 1, Float64Array.from(values));
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  row(i: number): Float64Array {
    return this.data.slice(i * this.cols, (i + 1) * this.cols);
  }

  map(fn: (value: number, i: number, j: number) => number): Matrix {
    const out = new Matrix(this.rows, this.cols);
    for (let i = 0; i < this.rows; i++) {
      for (let j = 0; j < this.cols; j++) out.data[i * this.cols + j] = fn(this.get(i, j), i, j);
    }
    return out;
  }

  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  toRows(): number[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from(this.row(i)));
  }
}

/** Accepts a Matrix or nested arrays, so notebook code can pass `[[1, 2], [3, 4]]` directly. */
export type MatrixLike = Matrix | readonly ArrayLike<number>[];

/** Taught in notebooks/02-algorithms.ipynb. */
export function toMatrix(value: MatrixLike): Matrix {
  return value instanceof Matrix ? value : Matrix.fromRows(value);
}

export function assertSameShape(name: string, expected: Matrix, actual: Matrix): void {
  if (expected.rows !== actual.rows || expected.cols !== actual.cols) {
    throw new Error(`${name}: expected shape [${expected.shape.join(", ")}], got [${actual.shape.join(", ")}]`);
  }
}

export function assertLength(name: string, expected: number, actual: ArrayLike<number>): void {
  if (actual.length !== expected) throw new Error(`${name}: expected length ${expected}, got ${actual.length}`);
}

/**
 * (m × k) · (k × n) → (m × n).
 */
export function matMul(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) {
    throw new Error(`matMul: b must have ${a.cols} rows (a's columns), got shape [${b.shape.join(", ")}] for a of [${a.shape.join(", ")}]`);
  }
  const out = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      for (let j = 0; j < b.cols; j++) out.data[i * b.cols + j] += aik * b.data[k * b.cols + j];
    }
  }
  return out;
}

export function transpose(a: Matrix): Matrix {
  const out = new Matrix(a.cols, a.rows);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out.data[j * a.rows + i] = a.data[i * a.cols + j];
  return out;
}

/**
 * Adds `vector` to every row (the bias in `X·W + b`).
 */
export function addRowVector(a: Matrix, vector: ArrayLike<number>): Matrix {
  assertLength("addRowVector: vector", a.cols, vector);
  return a.map((v, _i, j) => v + vector[j]);
}

/**
 * Sums each column over the rows (how a bias gradient collects the batch).
 */
export function sumRows(a: Matrix): Float64Array {
  const out = new Float64Array(a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[j] += a.data[i * a.cols + j];
  return out;
}

/**
 * y = A·x for a vector x.
 *
 * Taught in notebooks/02-algorithms.ipynb.
 */
export function matVec(a: Matrix, x: ArrayLike<number>): Float64Array {
  assertLength("matVec: x", a.cols, x);
  const out = new Float64Array(a.rows);
  for (let i = 0; i < a.rows; i++) {
    let sum = 0;
    for (let j = 0; j < a.cols; j++) sum += a.data[i * a.cols + j] * x[j];
    out[i] = sum;
  }
  return out;
}

import { danfo, isDataFrame } from "./dataFrame.js";
import type * as dfd from "danfojs-node";
import { tf } from "../backend/index.js";
import { inputError, toNumberMatrix, type NumericMatrix } from "./validate.js";

const FLOAT64_EPS = 2.220446049250313e-16;

/** The same kind of container as `like`: rows, a 2-D tensor, or a DataFrame with the same columns and index. */
function sameKind<T extends NumericMatrix>(like: T, rows: number[][]): T {
  if (like instanceof tf.Tensor) return tf.tensor2d(rows, [rows.length, rows[0]!.length], "float32") as T;
  if (isDataFrame(like)) return new (danfo().DataFrame)(rows, { columns: like.columns, index: like.index }) as T;
  return rows as unknown as T;
}

abstract class Scaler {
  protected fitted: { columns: number; featureNames: string[] | null } | null = null;

  protected abstract learn(rows: number[][]): void;
  protected abstract forward(row: number[]): number[];
  protected abstract backward(row: number[]): number[];

  protected read(method: string, x: unknown): number[][] {
    return toNumberMatrix(`${this.constructor.name}.${method}`, "x", x);
  }

  /** Learns the per-column statistics from `x` (the training split only). */
  fit(x: NumericMatrix): this {
    const rows = this.read("fit", x);
    this.learn(rows);
    this.fitted = { columns: rows[0]!.length, featureNames: isDataFrame(x) ? x.columns : null };
    return this;
  }

  private apply<T extends NumericMatrix>(method: string, x: T, f: (row: number[]) => number[]): T {
    const name = `${this.constructor.name}.${method}`;
    if (this.fitted === null) throw new Error(`${name}: this scaler has not been fitted yet; call fit() first (on the training split)`);
    const rows = this.read(method, x);
    if (rows[0]!.length !== this.fitted.columns) {
      throw inputError(name, "x", `${this.fitted.columns} columns like the data passed to fit()`, `${rows[0]!.length} columns`);
    }
    const names = this.fitted.featureNames;
    if (names !== null && isDataFrame(x) && x.columns.some((c, j) => c !== names[j])) {
      throw inputError(name, "x", `the columns seen in fit() (${names.join(", ")})`, `columns ${x.columns.join(", ")}`);
    }
    return sameKind(x, rows.map(f));
  }

  /** Scales `x` with the statistics learned in `fit`; returns the same kind of container. */
  transform<T extends NumericMatrix>(x: T): T {
    return this.apply("transform", x, (r) => this.forward(r));
  }

  /** Undoes `transform`. */
  inverseTransform<T extends NumericMatrix>(x: T): T {
    return this.apply("inverseTransform", x, (r) => this.backward(r));
  }

  /** `fit(x)` then `transform(x)`: only for the training split. */
  fitTransform<T extends NumericMatrix>(x: T): T {
    return this.fit(x).transform(x);
  }
}

export interface MinMaxScalerOptions {
  /** Target range; default [0, 1]. */
  featureRange?: [number, number];
}

/**
 * scikit-learn's `MinMaxScaler`: maps each column's training min/max onto `featureRange`.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export class MinMaxScaler extends Scaler {
  readonly featureRange: [number, number];
  dataMin: number[] = [];
  dataMax: number[] = [];
  /** Per-column factor (a constant column gets range 1, as in scikit-learn). */
  scale: number[] = [];
  /** Per-column offset added after scaling. */
  min: number[] = [];

  constructor(options: MinMaxScalerOptions = {}) {
    super();
    const range = options.featureRange ?? [0, 1];
    if (!Array.isArray(range) || range.length !== 2 || !range.every(Number.isFinite) || !(range[0] < range[1])) {
      throw inputError("MinMaxScaler", "options.featureRange", "[min, max] with min < max", JSON.stringify(range));
    }
    this.featureRange = range;
  }

  protected learn(rows: number[][]): void {
    const [lo, hi] = this.featureRange;
    this.dataMin = rows[0]!.map((_, j) => Math.min(...rows.map((r) => r[j]!)));
    this.dataMax = rows[0]!.map((_, j) => Math.max(...rows.map((r) => r[j]!)));
    this.scale = this.dataMin.map((mn, j) => {
      const range = this.dataMax[j]! - mn;
      return (hi - lo) / (range < 10 * FLOAT64_EPS ? 1 : range);
    });
    this.min = this.dataMin.map((mn, j) => lo - mn * this.scale[j]!);
  }

  protected forward(row: number[]): number[] {
    return row.map((v, j) => v * this.scale[j]! + this.min[j]!);
  }

  protected backward(row: number[]): number[] {
    return row.map((v, j) => (v - this.min[j]!) / this.scale[j]!);
  }
}

export interface StandardScalerOptions {
  withMean?: boolean;
  withStd?: boolean;
}

/**
 * scikit-learn's `StandardScaler`: (x − mean) / std with the population std (ddof = 0); a
 * constant column is divided by 1, as in scikit-learn.
 *
 * Taught in notebooks/03-preprocessing.ipynb; also used in 04-training, 05-evaluation, 08-large-models, 09-faq.
 */
export class StandardScaler extends Scaler {
  readonly withMean: boolean;
  readonly withStd: boolean;
  mean: number[] = [];
  variance: number[] = [];
  /** Per-column divisor (the std, or 1 for constant columns / `withStd: false`). */
  scale: number[] = [];

  constructor(options: StandardScalerOptions = {}) {
    super();
    this.withMean = options.withMean ?? true;
    this.withStd = options.withStd ?? true;
  }

  protected learn(rows: number[][]): void {
    const n = rows.length;
    this.mean = rows[0]!.map((_, j) => rows.reduce((s, r) => s + r[j]!, 0) / n);
    // scikit-learn's two-pass variance with its correction term (_incremental_mean_and_var).
    this.variance = this.mean.map((m, j) => {
      let correction = 0;
      let squares = 0;
      for (const r of rows) {
        const d = r[j]! - m;
        correction += d;
        squares += d * d;
      }
      return (squares - (correction * correction) / n) / n;
    });
    this.scale = this.variance.map((v, j) => {
      if (!this.withStd) return 1;
      const constant = v <= n * FLOAT64_EPS * v + (n * this.mean[j]! * FLOAT64_EPS) ** 2;
      return constant ? 1 : Math.sqrt(v);
    });
  }

  protected forward(row: number[]): number[] {
    return row.map((v, j) => (this.withMean ? v - this.mean[j]! : v) / this.scale[j]!);
  }

  protected backward(row: number[]): number[] {
    return row.map((v, j) => v * this.scale[j]! + (this.withMean ? this.mean[j]! : 0));
  }
}


import { isDataFrame } from "./dataFrame.js";
import type * as dfd from "danfojs-node";
import { checkColumns, checkFrame, columnsOf, frameFrom, isMissing, isNumericColumn, type Cell } from "./frame.js";
import { compareLabels, describe, inputError, type Label } from "./validate.js";

export interface OneHotEncoderOptions {
  /** Unknown category in `transform`: `"error"` (default) throws, `"ignore"` gives all zeros. */
  handleUnknown?: "error" | "ignore";
  /** Categories per column, in output order; default learned in `fit`, sorted like scikit-learn. */
  categories?: Label[][];
  /** DataFrame columns to encode; default every text column. */
  columns?: string[];
}

type Rows = Label[][];

/**
 * scikit-learn's `OneHotEncoder` (dense output): one 0/1 column per category, in a fixed order
 * learned in `fit`. Arrays of values or rows give `number[][]`; a DataFrame gives a DataFrame
 * with each encoded column replaced by `column_category` columns.
 *
 * Taught in notebooks/03-preprocessing.ipynb.
 */
export class OneHotEncoder {
  readonly handleUnknown: "error" | "ignore";
  categories: Label[][] | null = null;
  /** The encoded DataFrame columns (set when fitted on a DataFrame). */
  columns: string[] | null = null;
  private readonly requested: OneHotEncoderOptions;

  constructor(options: OneHotEncoderOptions = {}) {
    const handleUnknown = options.handleUnknown ?? "error";
    if (handleUnknown !== "error" && handleUnknown !== "ignore") {
      throw inputError("OneHotEncoder", "options.handleUnknown", `"error" or "ignore"`, describe(handleUnknown));
    }
    this.handleUnknown = handleUnknown;
    this.requested = options;
  }

  private rowsOf(fn: string, data: unknown): Rows {
    if (isDataFrame(data)) {
      const values = this.columns!.map((c) => data.column(c).values as Label[]);
      return Array.from({ length: data.shape[0] }, (_, i) => values.map((v) => v[i]!));
    }
    if (!Array.isArray(data) || data.length === 0) throw inputError(fn, "data", "a non-empty array of values or rows, or a DataFrame", describe(data));
    const rows = (Array.isArray(data[0]) ? data : data.map((v) => [v])) as unknown[][];
    const width = rows[0]!.length;
    rows.forEach((row, i) => {
      if (!Array.isArray(row) || row.length !== width) throw inputError(fn, `data[${i}]`, `a row of ${width} value(s)`, describe(row));
      row.forEach((v, j) => {
        if (isMissing(v as Cell)) throw inputError(fn, `data[${i}][${j}]`, "a category (fill or drop missing values first)", describe(v));
        if (typeof v !== "string" && typeof v !== "number") throw inputError(fn, `data[${i}][${j}]`, "a string or number category", describe(v));
      });
    });
    return rows as Rows;
  }

  /** Learns the categories of each column (sorted: numbers ascending, strings by code point). */
  fit(data: readonly Label[] | readonly (readonly Label[])[] | dfd.DataFrame): this {
    const fn = "OneHotEncoder.fit";
    if (isDataFrame(data)) {
      checkFrame(fn, "data", data);
      const textColumns = columnsOf(data).filter(([, v]) => !isNumericColumn(v)).map(([n]) => n);
      this.columns = this.requested.columns === undefined ? textColumns : checkColumns(fn, data, this.requested.columns);
      if (this.columns.length === 0) throw inputError(fn, "options.columns", "at least one column to encode", "a DataFrame without text columns");
      for (const c of this.columns) {
        const i = (data.column(c).values as Cell[]).findIndex(isMissing);
        if (i >= 0) throw inputError(fn, `column "${c}"`, "no missing values (fill or drop them first)", `a missing value in row ${i}`);
      }
    } else {
      this.columns = null;
    }
    const rows = this.rowsOf(fn, data);
    const learned = rows[0]!.map((_, j) => [...new Set(rows.map((r) => r[j]!))].sort(compareLabels));
    const given = this.requested.categories;
    if (given !== undefined) {
      if (!Array.isArray(given) || given.length !== learned.length) {
        throw inputError(fn, "options.categories", `one category list per column (${learned.length})`, describe(given));
      }
      learned.forEach((seen, j) => {
        const missing = seen.find((v) => !given[j]!.includes(v));
        if (missing !== undefined) throw inputError(fn, `options.categories[${j}]`, `to include every value in the data`, `no ${describe(missing)}`);
      });
    }
    this.categories = given ?? learned;
    return this;
  }

  /** Output column names, scikit-learn style: `column_category`. */
  featureNamesOut(inputNames?: string[]): string[] {
    const cats = this.checkFitted("featureNamesOut");
    const names = inputNames ?? this.columns ?? cats.map((_, j) => `x${j}`);
    return cats.flatMap((c, j) => c.map((v) => `${names[j]}_${v}`));
  }

  private checkFitted(method: string): Label[][] {
    if (this.categories === null) throw new Error(`OneHotEncoder.${method}: the encoder has not been fitted yet; call fit() first`);
    return this.categories;
  }

  private encode(rows: Rows): number[][] {
    const cats = this.categories!;
    return rows.map((row, i) =>
      row.flatMap((v, j) => {
        const k = cats[j]!.indexOf(v);
        if (k < 0 && this.handleUnknown === "error") {
          throw inputError("OneHotEncoder.transform", `data[${i}][${j}]`, `a category seen in fit() (${cats[j]!.map((c) => describe(c)).join(", ")})`, `${describe(v)} (pass handleUnknown: "ignore" to encode it as all zeros)`);
        }
        return cats[j]!.map((_, m) => (m === k ? 1 : 0));
      }),
    );
  }

  transform(data: readonly Label[] | readonly (readonly Label[])[]): number[][];
  transform(data: dfd.DataFrame): dfd.DataFrame;
  transform(data: readonly Label[] | readonly (readonly Label[])[] | dfd.DataFrame): number[][] | dfd.DataFrame {
    const fn = "OneHotEncoder.transform";
    const cats = this.checkFitted("transform");
    if (!isDataFrame(data)) {
      if (this.columns !== null) throw inputError(fn, "data", "a DataFrame, like the data passed to fit()", describe(data));
      const rows = this.rowsOf(fn, data);
      if (rows[0]!.length !== cats.length) throw inputError(fn, "data", `rows of ${cats.length} value(s) like in fit()`, `rows of ${rows[0]!.length}`);
      return this.encode(rows);
    }
    const cols = this.columns;
    if (cols === null) throw inputError(fn, "data", "an array, like the data passed to fit()", describe(data));
    checkFrame(fn, "data", data);
    const absent = cols.find((c) => !data.columns.includes(c));
    if (absent !== undefined) throw inputError(fn, "data", `a DataFrame with column "${absent}" as in fit()`, `columns ${data.columns.join(", ")}`);
    const encoded = this.encode(this.rowsOf(fn, data));
    const names = this.featureNamesOut();
    const out: [string, Cell[]][] = [];
    for (const [name, values] of columnsOf(data)) {
      const j = cols.indexOf(name);
      if (j < 0) {
        out.push([name, values]);
        continue;
      }
      const start = cats.slice(0, j).reduce((s, c) => s + c.length, 0);
      cats[j]!.forEach((_, m) => out.push([names[start + m]!, encoded.map((r) => r[start + m]!)]));
    }
    return frameFrom(out, data.index as (string | number)[]);
  }

  fitTransform(data: readonly Label[] | readonly (readonly Label[])[]): number[][];
  fitTransform(data: dfd.DataFrame): dfd.DataFrame;
  fitTransform(data: readonly Label[] | readonly (readonly Label[])[] | dfd.DataFrame): number[][] | dfd.DataFrame {
    this.fit(data);
    return isDataFrame(data) ? this.transform(data) : this.transform(data);
  }
}

import { readFileSync } from "node:fs";
import Papa from "papaparse";
import type * as dfd from "danfojs-node";
import { danfo } from "../preprocessing/dataFrame.js";

export type CsvValue = string | number | null;
export type CsvRow = Record<string, CsvValue>;

export interface ReadCsvOptions {
  /** Strings that mean "missing"; they become `NaN` in numeric columns and `null` elsewhere. */
  missing?: string[];
}

/**
 * Parses an RFC 4180 CSV file with a header row. Numeric-looking fields become numbers;
 * missing markers become `null` (strings) or `NaN` (in columns that are otherwise numeric).
 */
export function readCsvRows(file: string, options: ReadCsvOptions = {}): { columns: string[]; rows: CsvRow[] } {
  const missing = new Set(options.missing ?? ["", "NA", "NaN"]);
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, "utf8"), {
    header: true,
    skipEmptyLines: true,
  });
  if (parsed.errors.length > 0) {
    const first = parsed.errors[0]!;
    throw new Error(`${file}: CSV row ${first.row ?? "?"}: ${first.message}`);
  }
  const columns = parsed.meta.fields ?? [];
  const numeric = new Set(
    columns.filter((c) =>
      parsed.data.every((r) => missing.has(r[c] ?? "") || Number.isFinite(Number(r[c]))),
    ),
  );
  const rows = parsed.data.map((raw) => {
    const row: CsvRow = {};
    for (const c of columns) {
      const text = raw[c] ?? "";
      if (missing.has(text)) row[c] = numeric.has(c) ? Number.NaN : null;
      else row[c] = numeric.has(c) ? Number(text) : text;
    }
    return row;
  });
  return { columns, rows };
}

/**
 * Reads a CSV file into a danfo DataFrame (missing values as `NaN`/`null`, which danfo's `isNa` sees).
 */
export function readCsvFrame(file: string, options: ReadCsvOptions = {}): dfd.DataFrame {
  const { columns, rows } = readCsvRows(file, options);
  return new (danfo().DataFrame)(rows, { columns });
}

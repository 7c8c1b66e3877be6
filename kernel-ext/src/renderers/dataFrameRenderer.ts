import { type DisplayContent, type Renderer } from "@tsdl/display";
import { kernelWords } from "../words/kernelWords.js";
import { padStartColumns, textColumns } from "../words/textColumns.js";
import { caption, escapeHtml, htmlTable } from "./html.js";

/** The parts of a danfo.js DataFrame or Series the renderer reads (duck-typed). */
interface FrameLike {
  $isSeries: boolean;
  shape: number[];
  index: Array<string | number>;
  columns: string[];
  dtypes: string[];
  values: unknown[];
}

export function isDanfoFrame(value: unknown): value is FrameLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<FrameLike> & { $data?: unknown };
  return typeof v.$isSeries === "boolean" && Array.isArray(v.$data) && Array.isArray(v.shape);
}

/** pandas' display limits: over 60 rows show the first and last 5; over 20 columns the first and last 10. */
export const frameLimits = { maxRows: 60, edgeRows: 5, maxColumns: 20, edgeColumns: 10 };

/** Positions kept from `count` items, with -1 where the ellipsis goes. */
function keptPositions(count: number, max: number, edge: number): number[] {
  if (count <= max) return [...Array(count).keys()];
  return [...Array(edge).keys(), -1, ...Array.from({ length: edge }, (_, i) => count - edge + i)];
}

function cellText(value: unknown): string {
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
  if (value === null || value === undefined) return "NaN";
  return String(value);
}

export function renderFrame(frame: FrameLike): DisplayContent {
  const series = frame.$isSeries;
  const rowCount = frame.shape[0] ?? 0;
  const columns = series ? [String(frame.columns?.[0] ?? "0")] : frame.columns;
  const dtypes = frame.dtypes;
  const rowsKept = keptPositions(rowCount, frameLimits.maxRows, frameLimits.edgeRows);
  const columnsKept = keptPositions(columns.length, frameLimits.maxColumns, frameLimits.edgeColumns);
  const values = frame.values;
  const cell = (row: number, column: number): string =>
    cellText(series ? values[row] : (values[row] as unknown[] | undefined)?.[column]);

  const title = series
    ? kernelWords().series(rowCount, dtypes[0] ?? "?")
    : kernelWords().dataFrame(rowCount, columns.length);
  const header = ["", ...columnsKept.map((c) => (c < 0 ? "…" : escapeHtml(columns[c] ?? "")))];
  const dtypeRow = ["<i>dtype</i>", ...columnsKept.map((c) => (c < 0 ? "" : `<i>${escapeHtml(dtypes[c] ?? "")}</i>`))];
  const body = rowsKept.map((r) =>
    r < 0
      ? ["…", ...columnsKept.map(() => "…")]
      : [escapeHtml(String(frame.index[r])), ...columnsKept.map((c) => (c < 0 ? "…" : escapeHtml(cell(r, c))))],
  );
  const html = `${caption(title)}${htmlTable(header, [dtypeRow, ...body])}`;

  const textRows = [
    ["", ...columnsKept.map((c) => (c < 0 ? "…" : columns[c] ?? ""))],
    ...rowsKept.map((r) =>
      r < 0 ? ["…", ...columnsKept.map(() => "…")] : [String(frame.index[r]), ...columnsKept.map((c) => (c < 0 ? "…" : cell(r, c)))],
    ),
  ];
  const widths = textRows[0]!.map((_, i) => Math.max(...textRows.map((row) => textColumns(row[i]!))));
  const text = [title, ...textRows.map((row) => row.map((c, i) => padStartColumns(c, widths[i]!)).join("  "))].join("\n");
  return { data: { "text/plain": text, "text/html": html } };
}

export const dataFrameRenderer: Renderer = {
  name: "danfo-frame",
  test: isDanfoFrame,
  render: (value) => renderFrame(value as FrameLike),
};

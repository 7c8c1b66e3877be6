import { escapeHtml } from "@tsdl/display";

export { escapeHtml };

// Inline styles only: JupyterLab's sanitiser drops <style> blocks in untrusted outputs. Text
// colour is inherited and borders are translucent grey, so tables read in light and dark themes;
// the styles are short because every cell repeats them.
export const tableStyle = "border-collapse:collapse;color:inherit;font-size:12px;font-family:var(--jp-code-font-family,monospace)";
export const cellStyle = "border:1px solid rgba(128,128,128,.35);padding:2px 6px;text-align:right";
export const headerCellStyle = `${cellStyle};font-weight:bold;background:rgba(128,128,128,.12)`;
export const captionStyle = "color:inherit;opacity:.8;font-size:12px;margin:0 0 4px;font-family:var(--jp-code-font-family,monospace)";

export interface TableOptions {
  /** The first cell of each body row is a header (row labels). Default true. */
  rowHeaders?: boolean;
  align?: "left" | "right";
}

function cell(content: string, header: boolean, align: "left" | "right"): string {
  const style = `${header ? headerCellStyle : cellStyle}${align === "left" ? ";text-align:left" : ""}`;
  return header ? `<th style="${style}">${content}</th>` : `<td style="${style}">${content}</td>`;
}

/** A table from already-escaped cells: a header row, then body rows. */
export function htmlTable(header: string[], rows: string[][], options: TableOptions = {}): string {
  const { rowHeaders = true, align = "right" } = options;
  const head = header.length > 0 ? `<thead><tr>${header.map((h) => cell(h, true, align)).join("")}</tr></thead>` : "";
  const body = rows.map((row) => `<tr>${row.map((c, i) => cell(c, rowHeaders && i === 0, align)).join("")}</tr>`).join("");
  return `<table style="${tableStyle}">${head}<tbody>${body}</tbody></table>`;
}

export function caption(text: string): string {
  return `<div style="${captionStyle}">${escapeHtml(text)}</div>`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ["KB", "MB", "GB"];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 2 : 1)} ${units[unit]}`;
}

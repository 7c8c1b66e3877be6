/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Inline styles only: JupyterLab's sanitiser drops <style> blocks in untrusted outputs, and
// `inherit` plus translucent grey keep the tables readable in light and dark themes.
export const tableStyle = "border-collapse: collapse; color: inherit; background: transparent; font-size: 12px; font-family: var(--jp-code-font-family, monospace);";
export const cellStyle = "border: 1px solid rgba(128, 128, 128, 0.35); padding: 2px 6px; text-align: right; color: inherit; background: transparent;";
export const headerCellStyle = `${cellStyle} font-weight: bold; background: rgba(128, 128, 128, 0.12);`;
export const captionStyle = "color: inherit; opacity: 0.8; font-size: 12px; margin: 0 0 4px 0; font-family: var(--jp-code-font-family, monospace);";

export function td(content: string, header = false, align?: "left" | "center"): string {
  const style = (header ? headerCellStyle : cellStyle) + (align ? ` text-align: ${align};` : "");
  return header ? `<th style="${style}">${content}</th>` : `<td style="${style}">${content}</td>`;
}

/** A table from rows of already-escaped cells; the first row is the header. */
export function htmlTable(header: string[], rows: string[][], rowHeaders = true): string {
  const head = `<tr>${header.map((h) => td(h, true)).join("")}</tr>`;
  const body = rows
    .map((row) => `<tr>${row.map((cell, i) => td(cell, rowHeaders && i === 0)).join("")}</tr>`)
    .join("");
  return `<table style="${tableStyle}"><thead>${head}</thead><tbody>${body}</tbody></table>`;
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

/** Readers of Plotly figure fields: the static renderer treats every field as `unknown` until checked. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Plotly accepts typed arrays wherever it accepts arrays (tensors' dataSync() output lands here). */
export function readArray(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>);
  }
  return undefined;
}

export function readMatrix(value: unknown): unknown[][] | undefined {
  const rows = readArray(value);
  if (rows === undefined) return undefined;
  const matrix: unknown[][] = [];
  for (const row of rows) {
    const cells = readArray(row);
    if (cells === undefined) return undefined;
    matrix.push(cells);
  }
  return matrix;
}

export function finiteOrNull(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** Plotly titles are either a string or `{ text }`. */
export function readTitle(value: unknown): string | undefined {
  if (typeof value === "string") return value.length > 0 ? value : undefined;
  if (isRecord(value) && typeof value.text === "string" && value.text.length > 0) return value.text;
  return undefined;
}

export function readString(record: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = record?.[key];
  return typeof value === "string" ? value : undefined;
}

export function readNumber(record: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = record?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

export function readRecord(record: Record<string, unknown> | undefined, key: string): Record<string, unknown> | undefined {
  const value = record?.[key];
  return isRecord(value) ? value : undefined;
}

/** Plotly strips simple HTML from titles and labels (`<b>`, `<br>`); a static picture shows the text. */
export function plainText(text: string): string {
  return text
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

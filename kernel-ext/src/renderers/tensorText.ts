import { numberFormatter } from "./numberFormat.js";
import type { EdgePreview } from "./tensorLike.js";

/** Formats every value read with one shared style (numpy's), as strings. */
export function formatValues(preview: EdgePreview, dtype: string): string[] {
  const { values } = preview;
  if (dtype === "string") return Array.from(values as string[], (v) => JSON.stringify(String(v)));
  const format = numberFormatter(values as ArrayLike<number>, dtype);
  return Array.from(values as ArrayLike<number>, (v) => format(v));
}

/** A numpy-style nested listing with `…` where the middle of an axis was left out. */
export function tensorText(preview: EdgePreview, dtype: string): string {
  const cells = formatValues(preview, dtype);
  const { shape, truncated, edgeItems } = preview;
  if (shape.length === 0) return cells[0] ?? "";
  const width = Math.max(...cells.map((c) => c.length));
  const padded = cells.map((c) => c.padStart(width));
  const strides = shape.map((_, axis) => shape.slice(axis + 1).reduce((a, b) => a * b, 1));
  const rank = shape.length;

  const block = (axis: number, offset: number): string => {
    const parts: string[] = [];
    for (let i = 0; i < shape[axis]!; i++) {
      if (truncated[axis] && i === edgeItems) parts.push("…");
      parts.push(axis === rank - 1 ? padded[offset + i]! : block(axis + 1, offset + i * strides[axis]!));
    }
    if (axis === rank - 1) return `[${parts.join(", ")}]`;
    const separator = `,${"\n".repeat(Math.max(1, rank - axis - 1))}${" ".repeat(axis + 1)}`;
    return `[${parts.join(separator)}]`;
  };
  return block(0, 0);
}

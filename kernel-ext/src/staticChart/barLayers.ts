import { axisValue, positionEncoding } from "./axisPlan.js";
import type { PlotlyTrace } from "@tsdl/display";
import { readArray, readNumber, readRecord, readString } from "./figureFields.js";
import type { CartesianAxes } from "./scatterLayers.js";
import type { Series } from "./seriesColors.js";
import type { LayersOrReason } from "./vegaLiteLayer.js";

export type BarMode = "group" | "stack" | "relative" | "overlay";

export function isHorizontal(trace: PlotlyTrace): boolean {
  return readString(trace, "orientation") === "h";
}

/** Categories and lengths of a bar trace, with Plotly's default of 0, 1, 2, … for missing categories. */
export function barCategoriesAndLengths(trace: PlotlyTrace): { categories: unknown[]; lengths: unknown[] } | undefined {
  const horizontal = isHorizontal(trace);
  const lengths = readArray(horizontal ? trace.x : trace.y);
  if (lengths === undefined) return undefined;
  const categories = readArray(horizontal ? trace.y : trace.x) ?? lengths.map((_, i) => i);
  const n = Math.min(categories.length, lengths.length);
  return { categories: categories.slice(0, n), lengths: lengths.slice(0, n) };
}

/**
 * @param groupKeys the bar traces drawn side by side in each category (Plotly's barmode "group")
 */
export function barLayers(trace: PlotlyTrace, series: Series, axes: CartesianAxes, barmode: BarMode, groupKeys: readonly string[]): LayersOrReason {
  const bars = barCategoriesAndLengths(trace);
  if (bars === undefined) return { reason: `bar trace "${series.key}" has no ${isHorizontal(trace) ? "x" : "y"} values` };
  const horizontal = isHorizontal(trace);
  const [categoryAxis, lengthAxis] = horizontal ? [axes.y, axes.x] : [axes.x, axes.y];
  const marker = readRecord(trace, "marker");
  const perBarColors = readArray(marker?.color);

  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < bars.categories.length; i++) {
    const category = axisValue(categoryAxis, bars.categories[i]);
    const length = axisValue(lengthAxis, bars.lengths[i]);
    if (category === null || length === null) continue;
    const row: Record<string, unknown> = { series: series.key };
    row[horizontal ? "y" : "x"] = category;
    row[horizontal ? "x" : "y"] = length;
    if (perBarColors !== undefined) row.c = perBarColors[i];
    rows.push(row);
  }

  const categoryChannel = horizontal ? "y" : "x";
  const lengthChannel = horizontal ? "x" : "y";
  const stacked = barmode === "stack" || barmode === "relative";
  const encoding: Record<string, unknown> = {
    [categoryChannel]: positionEncoding(categoryAxis, categoryChannel),
    [lengthChannel]: { ...positionEncoding(lengthAxis, lengthChannel), stack: stacked ? "zero" : null },
  };
  // Per-bar colours go on `fill`: a `color` field without a scale would clash with the legend's colour scale.
  if (perBarColors?.every((c) => typeof c === "string")) encoding.fill = { field: "c", type: "nominal", scale: null, legend: null };
  else encoding.color = axes.color;
  if (barmode === "group" && groupKeys.length > 1) {
    encoding[`${categoryChannel}Offset`] = { field: "series", type: "nominal", scale: { domain: [...groupKeys] } };
  }
  const opacity = readNumber(marker, "opacity") ?? readNumber(trace, "opacity") ?? 1;
  return { layers: [{ data: { values: rows }, mark: { type: "bar", opacity }, encoding }] };
}

import { axisValue, positionEncoding, type AxisPlan } from "./axisPlan.js";
import { resolveColorScale } from "./colorScale.js";
import type { PlotlyTrace } from "@tsdl/display";
import { readArray, readNumber, readRecord, readString } from "./figureFields.js";
import type { Series } from "./seriesColors.js";
import type { LayersOrReason, VegaLiteLayer } from "./vegaLiteLayer.js";

export interface CartesianAxes {
  x: AxisPlan;
  y: AxisPlan;
  color: Record<string, unknown>;
}

/** Plotly's default when `mode` is unset: markers only help the eye on short traces. */
function scatterMode(trace: PlotlyTrace, points: number): string {
  return readString(trace, "mode") ?? (points < 20 ? "lines+markers" : "lines");
}

/** Beyond these, the SVG would outgrow the size budget, so the figure is refused before any rendering work. */
export const maxMarkers = 2000;
export const maxLinePoints = 5000;

/** How many markers and line vertices a scatter trace draws. */
export function scatterLoad(trace: PlotlyTrace): { markers: number; linePoints: number } {
  const points = scatterXY(trace)?.x.length ?? 0;
  const mode = scatterMode(trace, points);
  return { markers: mode.includes("markers") || mode.includes("text") ? points : 0, linePoints: mode.includes("lines") ? points : 0 };
}

const dashes: Record<string, number[]> = { dash: [6, 4], dot: [2, 3], dashdot: [6, 3, 2, 3], longdash: [10, 4] };

const lineShapes: Record<string, string> = { linear: "linear", spline: "monotone", hv: "step-after", vh: "step-before", hvh: "step" };

export function scatterXY(trace: PlotlyTrace): { x: unknown[]; y: unknown[] } | undefined {
  const x = readArray(trace.x);
  const y = readArray(trace.y);
  if (x === undefined && y === undefined) return undefined;
  const n = Math.min(x?.length ?? Infinity, y?.length ?? Infinity);
  const index = Array.from({ length: n }, (_, i) => i);
  return { x: x?.slice(0, n) ?? index, y: y?.slice(0, n) ?? index };
}

function pointFill(marker: Record<string, unknown> | undefined, values: unknown[] | undefined): Record<string, unknown> | undefined {
  if (values === undefined) return undefined;
  if (values.every((v) => typeof v === "string")) return { field: "c", type: "nominal", scale: null, legend: null };
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (numbers.length !== values.length || numbers.length === 0) return undefined;
  const colors = resolveColorScale(
    marker?.colorscale,
    marker?.reversescale === true,
    readNumber(marker, "cmin") ?? Math.min(...numbers),
    readNumber(marker, "cmax") ?? Math.max(...numbers),
  );
  return { field: "c", type: "quantitative", scale: colors.vegaLiteScale, legend: marker?.showscale === true ? { title: null } : null };
}

export function scatterLayers(trace: PlotlyTrace, series: Series, axes: CartesianAxes): LayersOrReason {
  const xy = scatterXY(trace);
  if (xy === undefined) return { reason: `scatter trace "${series.key}" has neither x nor y` };
  const mode = scatterMode(trace, xy.x.length);
  const marker = readRecord(trace, "marker");
  const line = readRecord(trace, "line");
  const perPointColors = readArray(marker?.color);
  const texts = readArray(trace.text);

  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < xy.x.length; i++) {
    const x = axisValue(axes.x, xy.x[i]);
    const y = axisValue(axes.y, xy.y[i]);
    if (x === null || y === null) continue;
    const row: Record<string, unknown> = { x, y, series: series.key, i };
    if (perPointColors !== undefined) row.c = perPointColors[i];
    if (texts !== undefined && texts[i] !== undefined) row.t = String(texts[i]);
    rows.push(row);
  }
  const data = { values: rows };
  const x = positionEncoding(axes.x, "x");
  const y = positionEncoding(axes.y, "y");
  const opacity = readNumber(trace, "opacity") ?? 1;
  const layers: VegaLiteLayer[] = [];

  const fill = readString(trace, "fill");
  if (fill === "tozeroy") {
    layers.push({ data, mark: { type: "area", opacity: 0.3 * opacity }, encoding: { x, y, color: axes.color, order: { field: "i" } } });
  } else if (fill !== undefined && fill !== "none") {
    return { reason: `scatter fill "${fill}" is not drawn statically (only "tozeroy")` };
  }
  if (mode.includes("lines")) {
    const dash = dashes[readString(line, "dash") ?? ""];
    layers.push({
      data,
      mark: {
        type: "line",
        strokeWidth: readNumber(line, "width") ?? 2,
        interpolate: lineShapes[readString(line, "shape") ?? "linear"] ?? "linear",
        opacity,
        ...(dash ? { strokeDash: dash } : {}),
      },
      encoding: { x, y, color: axes.color, order: { field: "i" } },
    });
  }
  if (mode.includes("markers")) {
    const size = readNumber(marker, "size") ?? 6;
    const fillEncoding = pointFill(marker, perPointColors);
    layers.push({
      data,
      mark: { type: "point", filled: true, size: Math.round(size * size), opacity: readNumber(marker, "opacity") ?? opacity },
      encoding: { x, y, ...(fillEncoding ? { fill: fillEncoding } : { color: axes.color }) },
    });
  }
  if (mode.includes("text") && texts !== undefined) {
    layers.push({ data, mark: { type: "text", dy: mode.includes("markers") ? -10 : 0 }, encoding: { x, y, text: { field: "t" } } });
  }
  if (layers.length === 0) return { reason: `scatter mode "${mode}" draws nothing` };
  return { layers };
}

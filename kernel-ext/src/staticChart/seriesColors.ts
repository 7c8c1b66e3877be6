import { SERIES_COLORS, type PlotlyTrace } from "@tsdl/display";
import { readRecord, readString } from "./figureFields.js";

/** One legend entry: a trace's unique key (its name) and the colour Plotly would give it. */
export interface Series {
  key: string;
  color: string;
  inLegend: boolean;
}

export function readColorway(layout: Record<string, unknown> | undefined): readonly string[] {
  const colorway = layout?.colorway;
  if (Array.isArray(colorway) && colorway.length > 0 && colorway.every((c) => typeof c === "string")) {
    return colorway as string[];
  }
  return SERIES_COLORS;
}

function traceColor(trace: PlotlyTrace): string | undefined {
  const lineColor = readString(readRecord(trace, "line"), "color");
  const markerColor = readString(readRecord(trace, "marker"), "color");
  const mode = readString(trace, "mode") ?? "";
  return mode.includes("lines") ? lineColor ?? markerColor : markerColor ?? lineColor;
}

/** Plotly colours traces by their index in `data` and names unnamed ones "trace N". */
export function planSeries(traces: readonly PlotlyTrace[], colorway: readonly string[]): Series[] {
  const used = new Set<string>();
  return traces.map((trace, index) => {
    const name = readString(trace, "name");
    let key = name !== undefined && name.length > 0 ? name : `trace ${index}`;
    if (used.has(key)) key = `${key} (${index})`;
    used.add(key);
    return {
      key,
      color: traceColor(trace) ?? colorway[index % colorway.length]!,
      inLegend: trace.showlegend !== false,
    };
  });
}

/**
 * @param linesOnly every trace is a plain line, so the legend shows strokes rather than dots
 * @param horizontal Plotly's `legend.orientation: "h"`: one row under the chart
 */
export function seriesColorEncoding(series: readonly Series[], showLegend: boolean, linesOnly: boolean, horizontal = false): Record<string, unknown> {
  const listed = series.filter((s) => s.inLegend).map((s) => s.key);
  const placement = horizontal ? { orient: "bottom", direction: "horizontal" } : {};
  return {
    field: "series",
    type: "nominal",
    scale: { domain: series.map((s) => s.key), range: series.map((s) => s.color) },
    legend: showLegend && listed.length > 0 ? { title: null, values: listed, ...placement, ...(linesOnly ? { symbolType: "stroke" } : {}) } : null,
  };
}

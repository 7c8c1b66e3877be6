import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, type PlotlyTrace, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, checkSameLength, finiteNumbers } from "./values.js";

export interface ScatterSeries {
  x: NumericInput;
  y: NumericInput;
  name?: string;
  /** A class per point: one trace (colour and legend entry) per distinct label, in sorted order. */
  labels?: ArrayLike<number | string>;
  /** Hover text per point. */
  text?: readonly string[];
}

export interface ScatterPlotOptions extends FigureOptions {
  /** Marker diameter in pixels, default 6. */
  markerSize?: number;
}

function sortedUnique(labels: ArrayLike<number | string>): (number | string)[] {
  return [...new Set(Array.from(labels))].sort((a, b) =>
    typeof a === "number" && typeof b === "number" ? a - b : String(a).localeCompare(String(b)),
  );
}

/** Points, optionally coloured by class: `scatterPlot({ x, y, labels })`. */
export function scatterPlot(input: ScatterSeries | readonly ScatterSeries[], options: ScatterPlotOptions = {}): CourseFigure {
  const where = "scatterPlot";
  const seriesList = Array.isArray(input) ? (input as readonly ScatterSeries[]) : [input as ScatterSeries];
  if (seriesList.length === 0) throw new Error(`${where}: input must hold at least one series, got 0`);
  const size = options.markerSize ?? 6;
  const traces: PlotlyTrace[] = [];
  seriesList.forEach((series, s) => {
    const label = series.name ?? libWords().plot.series(s);
    const x = finiteNumbers(where, `x of "${label}"`, series.x);
    const y = finiteNumbers(where, `y of "${label}"`, series.y);
    checkSameLength(where, `x of "${label}"`, x, `y of "${label}"`, y);
    if (series.text !== undefined) checkSameLength(where, `x of "${label}"`, x, `text of "${label}"`, series.text);
    if (series.labels === undefined) {
      traces.push({
        type: "scatter",
        mode: "markers",
        name: label,
        x,
        y,
        marker: { color: seriesColor(traces.length), size, opacity: 0.8 },
        ...(series.text === undefined ? {} : { text: [...series.text] }),
      });
      return;
    }
    const labels = series.labels;
    checkSameLength(where, `x of "${label}"`, x, `labels of "${label}"`, labels);
    for (const value of sortedUnique(labels)) {
      const rows = x.map((_, i) => i).filter((i) => labels[i] === value);
      traces.push({
        type: "scatter",
        mode: "markers",
        name: seriesList.length > 1 ? `${label}: ${value}` : String(value),
        x: rows.map((i) => x[i]),
        y: rows.map((i) => y[i]),
        marker: { color: seriesColor(traces.length), size, opacity: 0.8 },
        ...(series.text === undefined ? {} : { text: rows.map((i) => series.text![i]) }),
      });
    }
  });
  const layout = figureLayout({ title: libWords().plot.scatterPlot, xTitle: "x", yTitle: "y" }, options);
  return { data: traces, layout: { ...layout, showlegend: traces.length > 1 } };
}

import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, finiteNumbers, isTensorLike } from "./values.js";

export interface HistogramSeries {
  name: string;
  values: NumericInput;
}

export interface HistogramOptions extends FigureOptions {
  /** Number of equal-width bins over the range of all values, default 20. */
  bins?: number;
  /** Show a probability density instead of counts, so series of different sizes compare; default false. */
  density?: boolean;
}

/** Counts of values in equal bins; several series overlay on shared bins: `histogram(values, { bins: 30 })`. */
export function histogram(values: NumericInput | readonly HistogramSeries[], options: HistogramOptions = {}): CourseFigure {
  const where = "histogram";
  const bins = options.bins ?? 20;
  if (!Number.isInteger(bins) || bins < 1) throw new Error(`${where}: options.bins must be a positive integer, got ${options.bins}`);
  const seriesList: readonly HistogramSeries[] =
    !isTensorLike(values) && Array.isArray(values) && values.length > 0 && typeof values[0] === "object"
      ? (values as readonly HistogramSeries[])
      : [{ name: libWords().plot.values, values: values as NumericInput }];
  const samples = seriesList.map((s) => finiteNumbers(where, `values of "${s.name}"`, s.values));
  let min = Infinity;
  let max = -Infinity;
  for (const sample of samples) for (const v of sample) [min, max] = [Math.min(min, v), Math.max(max, v)];
  // Explicit, shared bin edges: every series is counted on the same bins and the picture does not depend on Plotly's guess.
  const size = max > min ? (max - min) / bins : 1;
  const start = max > min ? min : min - 0.5;
  const xbins = { start, end: start + bins * size, size };
  const overlay = seriesList.length > 1;
  const data = seriesList.map((s, i) => ({
    type: "histogram" as const,
    name: s.name,
    x: samples[i],
    xbins,
    autobinx: false,
    ...(options.density ? { histnorm: "probability density" } : {}),
    marker: { color: seriesColor(i), opacity: overlay ? 0.6 : 0.85 },
  }));
  const layout = figureLayout({ title: libWords().plot.histogram, xTitle: libWords().plot.value, yTitle: options.density ? libWords().plot.density : libWords().plot.count }, options);
  return { data, layout: { ...layout, barmode: "overlay", bargap: 0.02, showlegend: overlay } };
}

import { libWords } from "../words/libWords.js";
import { integerAxis } from "@tsdl/display";
import { type FigureOptions, type PlotlyDash, type CourseFigure, type PlotlyTrace, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, checkSameLength, finiteNumbers, countFromOne, isTensorLike, numbersWithGaps } from "./values.js";

export interface LineSeries {
  y: NumericInput;
  /** Default 1, 2, …, n (epochs and steps are counted from 1, as training charts do). */
  x?: NumericInput;
  name?: string;
  dash?: PlotlyDash;
  color?: string;
}

export interface LinePlotOptions extends FigureOptions {
  /** Draw a marker at every point too; default false. */
  markers?: boolean;
  /** Log-scale y axis, e.g. for losses spanning orders of magnitude; default false. */
  logY?: boolean;
}

function lengthOf(values: NumericInput): number {
  return isTensorLike(values) ? values.shape.reduce((a, b) => a * b, 1) : values.length;
}

/** Tells a single series of numbers apart from a list of LineSeries. */
function asSeriesList(input: NumericInput | LineSeries | readonly LineSeries[]): readonly LineSeries[] {
  if (isTensorLike(input)) return [{ y: input }];
  if (Array.isArray(input) && input.length > 0 && typeof input[0] === "object" && input[0] !== null && "y" in input[0]) {
    return input as readonly LineSeries[];
  }
  if (typeof input === "object" && input !== null && "y" in input) return [input as LineSeries];
  return [{ y: input as ArrayLike<number> }];
}

/** Builds one line trace; non-finite y values become gaps. */
function lineTrace(where: string, series: LineSeries, index: number, markers = false): PlotlyTrace {
  const label = series.name ?? libWords().plot.series(index);
  const y = numbersWithGaps(where, `y of "${label}"`, series.y);
  const x = series.x === undefined ? countFromOne(y.length) : finiteNumbers(where, `x of "${label}"`, series.x);
  checkSameLength(where, `x of "${label}"`, x, `y of "${label}"`, y);
  return {
    type: "scatter",
    mode: markers ? "lines+markers" : "lines",
    name: label,
    x,
    y,
    line: { color: series.color ?? seriesColor(index), dash: series.dash ?? "solid", width: 2 },
  };
}

/** One or more lines: `linePlot([1, 4, 9])`, `linePlot({ x, y, name })` or `linePlot([{ y: a, name: "a" }, { y: b, name: "b" }])`. */
export function linePlot(input: NumericInput | LineSeries | readonly LineSeries[], options: LinePlotOptions = {}): CourseFigure {
  const series = asSeriesList(input);
  if (series.length === 0) throw new Error("linePlot: input must hold at least one series, got 0");
  const layout = figureLayout({ title: libWords().plot.linePlot, xTitle: "x", yTitle: "y" }, options);
  if (options.logY) layout.yaxis.type = "log";
  // Counted x (no x given): whole-number ticks, never 1.5.
  if (series.every((s) => s.x === undefined)) Object.assign(layout.xaxis, integerAxis(Math.max(...series.map((s) => lengthOf(s.y)))));
  return {
    data: series.map((s, i) => lineTrace("linePlot", s, i, options.markers)),
    layout: { ...layout, showlegend: series.length > 1 },
  };
}

import { displayWords } from "../words/displayWords.js";
import { integerAxis } from "./integerAxis.js";
import { seriesColor } from "./palette.js";
import type { PlotlyFigure, PlotlyTrace } from "./plotlyFigure.js";

/** Logged values per epoch by name, as in `history.history` (`loss`, `val_loss`, `acc`, …); null is a gap. */
export type EpochCurves = Readonly<Record<string, readonly (number | null)[]>>;

export interface TrainingCurveOptions {
  title?: string;
  /** Which metrics to draw, each with its `val_` twin when logged; default every logged metric. */
  metrics?: readonly string[];
  /** Log-scale loss axis; default false. */
  logY?: boolean;
  /** Pixels; default 320. */
  height?: number;
  /** Pixels; default the cell's width. */
  width?: number;
}

/** `val_loss` → `loss`: a metric and its validation twin share one colour. */
export function baseMetric(name: string): string {
  return name.startsWith("val_") ? name.slice(4) : name;
}

const isLoss = (metric: string) => metric.includes("loss");

/**
 * The one picture of training curves, used by live progress, the History display and `trainingCurves`:
 * one colour per metric (by its place among the logged metrics, so a chart of some metrics keeps the
 * colours of the chart of all), solid for training and dashed for validation, losses on the left axis
 * and other metrics on the right, epochs numbered from 1 with whole-number ticks, the legend above the plot.
 */
export function trainingCurveFigure(curves: EpochCurves, options: TrainingCurveOptions = {}): PlotlyFigure {
  const words = displayWords();
  const logged = [...new Set(Object.keys(curves).map(baseMetric))];
  const metrics = options.metrics ?? logged;
  const twoAxes = metrics.some(isLoss) && metrics.some((m) => !isLoss(m));
  const data: PlotlyTrace[] = [];
  let epochs = 0;
  for (const metric of metrics) {
    const color = seriesColor(logged.indexOf(metric));
    for (const key of [metric, `val_${metric}`]) {
      const y = curves[key];
      if (y === undefined) continue;
      epochs = Math.max(epochs, y.length);
      const validation = key !== metric;
      data.push({
        type: "scatter",
        mode: y.length < 20 ? "lines+markers" : "lines",
        name: words.curve(metric, validation),
        x: y.map((_, e) => e + 1),
        y: [...y],
        line: { color, dash: validation ? "dash" : "solid", width: 2 },
        ...(twoAxes && !isLoss(metric) ? { yaxis: "y2" } : {}),
      });
    }
  }
  const leftMetrics = twoAxes ? metrics.filter(isLoss) : metrics;
  const rightMetrics = twoAxes ? metrics.filter((m) => !isLoss(m)) : [];
  const axisTitle = (names: readonly string[]) => ({ text: names.length === 1 ? names[0]! : names.every(isLoss) ? words.lossAxis : words.valueAxis });
  const defaultTitle = words.trainingCurves(metrics);
  return {
    data,
    layout: {
      title: { text: options.title ?? defaultTitle, font: { size: 15 }, x: 0.02, xanchor: "left" },
      height: options.height ?? 320,
      ...(options.width === undefined ? {} : { width: options.width }),
      margin: { l: 56, r: twoAxes ? 56 : 16, t: 56, b: 44 },
      font: { size: 12 },
      xaxis: { title: { text: words.epochAxis }, automargin: true, ...integerAxis(epochs) },
      yaxis: { title: axisTitle(leftMetrics), automargin: true, ...(options.logY ? { type: "log" } : {}) },
      ...(twoAxes ? { yaxis2: { title: axisTitle(rightMetrics), overlaying: "y", side: "right", automargin: true, showgrid: false } } : {}),
      showlegend: true,
      legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
    },
  };
}

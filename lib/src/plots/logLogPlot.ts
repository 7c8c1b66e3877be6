import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, type PlotlyTrace, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, checkSameLength, finiteNumbers } from "./values.js";

export interface LogLogSeries {
  x: NumericInput;
  y: NumericInput;
  name?: string;
}

export interface LogLogPlotOptions extends FigureOptions {
  /** Add the least-squares power law y = a·x^b of each series as a dashed line; default false. */
  fitPowerLaw?: boolean;
}

export interface PowerLawFit {
  /** a in y = a·x^b. */
  coefficient: number;
  /** b in y = a·x^b: the slope of the straight line on log–log axes. */
  exponent: number;
}

/** Least squares on log y = log a + b·log x: a power law is a straight line on log–log axes. */
export function fitPowerLaw(x: NumericInput, y: NumericInput): PowerLawFit {
  const where = "fitPowerLaw";
  const xs = finiteNumbers(where, "x", x);
  const ys = finiteNumbers(where, "y", y);
  checkSameLength(where, "x", xs, "y", ys);
  if (xs.length < 2) throw new Error(`${where}: x must have at least 2 points, got ${xs.length}`);
  for (const [name, values] of [["x", xs], ["y", ys]] as const) {
    const bad = values.findIndex((v) => v <= 0);
    if (bad >= 0) throw new Error(`${where}: ${name} must be positive for logarithms, got ${values[bad]} at index ${bad}`);
  }
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const meanX = lx.reduce((a, b) => a + b, 0) / lx.length;
  const meanY = ly.reduce((a, b) => a + b, 0) / ly.length;
  let covariance = 0;
  let variance = 0;
  lx.forEach((v, i) => {
    covariance += (v - meanX) * (ly[i] - meanY);
    variance += (v - meanX) ** 2;
  });
  if (variance === 0) throw new Error(`${where}: x must have at least two different values, got all ${xs[0]}`);
  const exponent = covariance / variance;
  return { coefficient: Math.exp(meanY - exponent * meanX), exponent };
}

/** Points on log–log axes, e.g. loss against parameter count for the scaling experiment. */
export function logLogPlot(series: LogLogSeries | readonly LogLogSeries[], options: LogLogPlotOptions = {}): CourseFigure {
  const where = "logLogPlot";
  const list = Array.isArray(series) ? (series as readonly LogLogSeries[]) : [series as LogLogSeries];
  if (list.length === 0) throw new Error(`${where}: series must hold at least one series, got 0`);
  const data: PlotlyTrace[] = [];
  list.forEach((s, i) => {
    const name = s.name ?? (list.length > 1 ? libWords().plot.series(i + 1) : libWords().plot.data);
    const x = finiteNumbers(where, `x of "${name}"`, s.x);
    const y = finiteNumbers(where, `y of "${name}"`, s.y);
    checkSameLength(where, `x of "${name}"`, x, `y of "${name}"`, y);
    for (const [axis, values] of [["x", x], ["y", y]] as const) {
      const bad = values.findIndex((v) => v <= 0);
      if (bad >= 0) throw new Error(`${where}: ${axis} of "${name}" must be positive on a log axis, got ${values[bad]} at index ${bad}`);
    }
    data.push({ type: "scatter", mode: "lines+markers", name, x, y, line: { color: seriesColor(i), width: 2 }, marker: { color: seriesColor(i), size: 7 } });
    if (options.fitPowerLaw) {
      const fit = fitPowerLaw(x, y);
      const ends = [Math.min(...x), Math.max(...x)];
      data.push({
        type: "scatter",
        mode: "lines",
        name: libWords().plot.powerLawFit(name, fit.exponent.toFixed(3)),
        x: ends,
        y: ends.map((v) => fit.coefficient * v ** fit.exponent),
        line: { color: seriesColor(i), dash: "dash", width: 1 },
      });
    }
  });
  const layout = figureLayout({ title: libWords().plot.logLogPlot, xTitle: "x", yTitle: "y" }, options);
  layout.xaxis.type = "log";
  layout.yaxis.type = "log";
  return { data, layout: { ...layout, showlegend: data.length > 1 } };
}

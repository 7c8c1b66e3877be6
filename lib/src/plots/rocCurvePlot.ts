import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, type PlotlyTrace, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, checkSameLength, finiteNumbers } from "./values.js";

export interface RocCurveInput {
  /** False-positive rates, ascending (as `rocCurve` from the metrics helpers returns them). */
  fpr: NumericInput;
  /** True-positive rates, one per fpr. */
  tpr: NumericInput;
  /** Default: the trapezoidal area under the given points. */
  auc?: number;
  /** Default "model". */
  name?: string;
}

/** Area under a curve by the trapezoidal rule, the same rule `sklearn.metrics.auc` uses. */
export function trapezoidArea(x: readonly number[], y: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < x.length; i++) area += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return area;
}

/** One or more ROC curves with the AUC in each legend entry and the chance diagonal (AUC 0.5). */
export function rocCurvePlot(curves: RocCurveInput | readonly RocCurveInput[], options: FigureOptions = {}): CourseFigure {
  const where = "rocCurvePlot";
  const words = libWords().plot;
  const list = Array.isArray(curves) ? (curves as readonly RocCurveInput[]) : [curves as RocCurveInput];
  if (list.length === 0) throw new Error(`${where}: curves must hold at least one curve, got 0`);
  const data: PlotlyTrace[] = list.map((curve, i) => {
    const name = curve.name ?? (list.length > 1 ? `model ${i + 1}` : "model");
    const fpr = finiteNumbers(where, `fpr of "${name}"`, curve.fpr);
    const tpr = finiteNumbers(where, `tpr of "${name}"`, curve.tpr);
    checkSameLength(where, `fpr of "${name}"`, fpr, `tpr of "${name}"`, tpr);
    if (fpr.length < 2) throw new Error(`${where}: fpr of "${name}" must have at least 2 points, got ${fpr.length}`);
    for (const [label, values] of [["fpr", fpr], ["tpr", tpr]] as const) {
      const bad = values.findIndex((v) => v < 0 || v > 1);
      if (bad >= 0) throw new Error(`${where}: ${label} of "${name}" must be rates in [0, 1], got ${values[bad]} at index ${bad}`);
    }
    const area = curve.auc ?? trapezoidArea(fpr, tpr);
    return {
      type: "scatter",
      mode: "lines",
      name: `${name} (AUC = ${area.toFixed(3)})`,
      x: fpr,
      y: tpr,
      line: { color: seriesColor(i), width: 2, shape: "linear" },
    };
  });
  data.push({
    type: "scatter",
    mode: "lines",
    name: `${words.chance} (AUC = 0.500)`,
    x: [0, 1],
    y: [0, 1],
    line: { color: "#7f7f7f", dash: "dash", width: 1 },
  });
  const layout = figureLayout({ title: words.rocCurve, xTitle: words.falsePositiveRate, yTitle: words.truePositiveRate }, options);
  layout.xaxis = { ...layout.xaxis, range: [0, 1], constrain: "domain" };
  layout.yaxis = { ...layout.yaxis, range: [0, 1.02] };
  return {
    data,
    layout: { ...layout, showlegend: true, legend: { x: 1, xanchor: "right", y: 0, yanchor: "bottom", bgcolor: "rgba(255,255,255,0.7)" } },
  };
}

import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, figureLayout, seriesColor } from "./figure.js";
import { finiteNumbers } from "./values.js";

/** An elementwise function of many inputs at once, such as `scratch.relu` or `(z) => tf.relu(z).dataSync()`. */
export type VectorFunction = (z: Float64Array) => ArrayLike<number>;

export interface ActivationPlotOptions extends FigureOptions {
  /** The z interval drawn, default [-5, 5]. */
  range?: [number, number];
  /** Sample points, default 201 (so z = 0 is one of them on the default range). */
  points?: number;
}

/** An activation function f(z) and its derivative f′(z) on one chart: `activationPlot("ReLU", relu, reluDerivative)`. */
export function activationPlot(name: string, value: VectorFunction, derivative: VectorFunction, options: ActivationPlotOptions = {}): CourseFigure {
  const where = "activationPlot";
  const [from, to] = options.range ?? [-5, 5];
  if (!(Number.isFinite(from) && Number.isFinite(to) && from < to)) throw new Error(`${where}: options.range must be [low, high] with low < high, got [${from}, ${to}]`);
  const points = options.points ?? 201;
  if (!Number.isInteger(points) || points < 2) throw new Error(`${where}: options.points must be an integer ≥ 2, got ${options.points}`);
  const z = Float64Array.from({ length: points }, (_, i) => from + ((to - from) * i) / (points - 1));
  const curves = [
    { label: `${name}(z)`, values: value(z), dash: "solid" as const },
    { label: `${name}′(z)`, values: derivative(z), dash: "dash" as const },
  ];
  const data = curves.map((curve, i) => {
    const y = finiteNumbers(where, `the values of ${curve.label}`, curve.values);
    if (y.length !== points) throw new Error(`${where}: ${curve.label} must return ${points} values (one per z), got ${y.length}`);
    return {
      type: "scatter" as const,
      mode: "lines" as const,
      name: curve.label,
      x: Array.from(z),
      y,
      line: { color: seriesColor(i), dash: curve.dash, width: 2 },
    };
  });
  const layout = figureLayout({ title: libWords().plot.activation(name), xTitle: "z", yTitle: libWords().plot.value }, options);
  layout.xaxis = { ...layout.xaxis, zeroline: true };
  layout.yaxis = { ...layout.yaxis, zeroline: true };
  return { data, layout: { ...layout, showlegend: true } };
}

import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, checkSameLength, finiteNumbers, isTensorLike } from "./values.js";

export interface BarSeries {
  name: string;
  values: NumericInput;
}

export interface BarChartOptions extends FigureOptions {
  /** "v" (default): categories along x; "h": along y, which suits long names such as feature importances. */
  orientation?: "v" | "h";
}

/** Bars per category; several series are grouped side by side: `barChart(["a", "b"], [3, 5])`. */
export function barChart(categories: readonly (string | number)[], values: NumericInput | readonly BarSeries[], options: BarChartOptions = {}): CourseFigure {
  const where = "barChart";
  const words = libWords().plot;
  if (!Array.isArray(categories) || categories.length === 0) throw new Error(`${where}: categories must be a non-empty array, got ${Array.isArray(categories) ? "0 categories" : typeof categories}`);
  const seriesList: readonly BarSeries[] =
    !isTensorLike(values) && Array.isArray(values) && values.length > 0 && typeof values[0] === "object"
      ? (values as readonly BarSeries[])
      : [{ name: libWords().plot.value, values: values as NumericInput }];
  const horizontal = options.orientation === "h";
  const labels = categories.map(String);
  const data = seriesList.map((series, i) => {
    const v = finiteNumbers(where, `values of "${series.name}"`, series.values);
    checkSameLength(where, "categories", labels, `values of "${series.name}"`, v);
    return {
      type: "bar" as const,
      name: series.name,
      orientation: horizontal ? "h" : "v",
      x: horizontal ? v : labels,
      y: horizontal ? labels : v,
      marker: { color: seriesColor(i) },
    };
  });
  const layout = figureLayout(
    { title: words.barChart, xTitle: horizontal ? words.value : words.category, yTitle: horizontal ? words.category : words.value },
    options,
  );
  const categoryAxis = horizontal ? layout.yaxis : layout.xaxis;
  categoryAxis.type = "category";
  // Plotly draws horizontal categories bottom-up; reversing keeps the given order top-down, as it is read.
  if (horizontal) categoryAxis.autorange = "reversed";
  return { data, layout: { ...layout, barmode: "group", showlegend: data.length > 1 } };
}

import { libWords } from "../words/libWords.js";
import { FIGURE_HEIGHT, type FigureOptions, type CourseFigure, figureLayout } from "./figure.js";
import { type TensorLike, numberRows } from "./values.js";

// Plotly's named "Blues" runs dark → light; counts read better with more = darker.
const LIGHT_TO_DARK_BLUE: [number, string][] = [
  [0, "#f7fbff"],
  [0.5, "#6baed6"],
  [1, "#08306b"],
];

export interface ConfusionMatrixPlotOptions extends FigureOptions {
  /** Colour and label each cell by its share of the true class (row), with the count beside it; default false. */
  normalize?: boolean;
}

/**
 * A confusion matrix (rows: true class, columns: predicted class, as scikit-learn orders it) drawn as a heatmap
 * with the count written in every cell and the class names on both axes.
 */
export function confusionMatrixPlot(
  matrix: readonly ArrayLike<number>[] | TensorLike,
  classNames: readonly (string | number)[],
  options: ConfusionMatrixPlotOptions = {},
): CourseFigure {
  const where = "confusionMatrixPlot";
  const words = libWords().plot;
  const counts = numberRows(where, "matrix", matrix);
  if (counts.length !== counts[0].length) throw new Error(`${where}: matrix must be square, got ${counts.length} × ${counts[0].length}`);
  counts.forEach((row, i) =>
    row.forEach((v, j) => {
      if (!Number.isInteger(v) || v < 0) throw new Error(`${where}: matrix must hold non-negative integer counts, got ${v} at [${i}, ${j}]`);
    }),
  );
  if (classNames.length !== counts.length) {
    throw new Error(`${where}: classNames must have ${counts.length} names (one per row of matrix), got ${classNames.length}`);
  }
  const names = classNames.map(String);
  if (new Set(names).size !== names.length) throw new Error(`${where}: classNames must be distinct, got [${names.join(", ")}]`);
  const shares = counts.map((row) => {
    const total = row.reduce((a, b) => a + b, 0);
    return row.map((v) => (total === 0 ? 0 : v / total));
  });
  // Share above count: on one line "0.77 (154)" outgrows the cells of a 10-class matrix.
  const text = counts.map((row, i) => row.map((v, j) => (options.normalize ? `${shares[i][j].toFixed(2)}<br>(${v})` : String(v))));
  // Rows tall enough for their text (two lines when normalised), however many classes.
  const rowHeight = options.normalize ? 34 : 22;
  const layout = figureLayout({ title: words.confusionMatrix, xTitle: words.predictedClass, yTitle: words.trueClass }, { height: Math.max(FIGURE_HEIGHT, 140 + names.length * rowHeight), ...options });
  // dtick 1: every class labelled, never every other one.
  layout.xaxis = { ...layout.xaxis, type: "category", side: "bottom", dtick: 1 };
  layout.yaxis = { ...layout.yaxis, type: "category", autorange: "reversed", dtick: 1 };
  return {
    data: [
      {
        type: "heatmap",
        z: options.normalize ? shares : counts,
        x: names,
        y: names,
        text,
        texttemplate: "%{text}",
        hovertemplate: words.confusionHover,
        colorscale: LIGHT_TO_DARK_BLUE,
        zmin: 0,
        ...(options.normalize ? { zmax: 1 } : {}),
        colorbar: { thickness: 12 },
      },
    ],
    layout,
  };
}

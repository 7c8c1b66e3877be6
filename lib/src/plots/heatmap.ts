import { libWords } from "../words/libWords.js";
import { type FigureOptions, type CourseFigure, type PlotlyTrace, figureLayout } from "./figure.js";
import { type TensorLike, numberRows } from "./values.js";

export interface HeatmapOptions extends FigureOptions {
  /** One label per column. */
  xLabels?: readonly (string | number)[];
  /** One label per row. */
  yLabels?: readonly (string | number)[];
  /** A Plotly colour scale name, default "Viridis". */
  colorscale?: string;
  zmin?: number;
  zmax?: number;
  /** Print each cell's value, formatted by this d3 format such as ".2f"; default: no text. */
  valueFormat?: string;
}

function checkLabels(where: string, name: string, labels: readonly (string | number)[] | undefined, expected: number): string[] | undefined {
  if (labels === undefined) return undefined;
  if (labels.length !== expected) throw new Error(`${where}: ${name} must have ${expected} labels, got ${labels.length}`);
  return labels.map(String);
}

/** A matrix as coloured cells with row 0 at the top, as matrices are written: `heatmap([[1, 2], [3, 4]])`. */
export function heatmap(z: readonly ArrayLike<number>[] | TensorLike, options: HeatmapOptions = {}): CourseFigure {
  const where = "heatmap";
  const rows = numberRows(where, "z", z);
  const x = checkLabels(where, "options.xLabels", options.xLabels, rows[0].length);
  const y = checkLabels(where, "options.yLabels", options.yLabels, rows.length);
  const trace: PlotlyTrace = {
    type: "heatmap",
    z: rows,
    ...(x === undefined ? {} : { x }),
    ...(y === undefined ? {} : { y }),
    colorscale: options.colorscale ?? "Viridis",
    ...(options.zmin === undefined ? {} : { zmin: options.zmin }),
    ...(options.zmax === undefined ? {} : { zmax: options.zmax }),
    ...(options.valueFormat === undefined ? {} : { texttemplate: `%{z:${options.valueFormat}}` }),
    colorbar: { thickness: 12 },
  };
  const layout = figureLayout({ title: libWords().plot.heatmap, xTitle: libWords().plot.column, yTitle: libWords().plot.row }, options);
  layout.yaxis.autorange = "reversed";
  if (x !== undefined) layout.xaxis.type = "category";
  if (y !== undefined) layout.yaxis.type = "category";
  return { data: [trace], layout };
}

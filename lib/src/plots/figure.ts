import type { PlotlyAxis, PlotlyFigure, PlotlyLayout } from "@tsdl/display";

export { SERIES_COLORS, seriesColor, type PlotlyAnnotation, type PlotlyAxis, type PlotlyDash, type PlotlyFigure, type PlotlyLayout, type PlotlyTrace, type PlotlyTraceType } from "@tsdl/display";

/** An axis of a course chart: always titled. */
export type CourseAxis = PlotlyAxis & { title: { text: string; [key: string]: unknown } };

/** The layout every course chart fills in (a PlotlyLayout whose usual fields are always there). */
export interface CourseLayout extends PlotlyLayout {
  title: { text: string; [key: string]: unknown };
  height: number;
  margin: { l: number; r: number; t: number; b: number };
  xaxis: CourseAxis;
  yaxis: CourseAxis;
}

/** What every chart builder returns: the one Plotly figure type, with its layout filled in. */
export type CourseFigure = PlotlyFigure<CourseLayout> & { layout: CourseLayout };

/** Options every builder accepts; each builder has its own default titles. */
export interface FigureOptions {
  title?: string;
  xTitle?: string;
  yTitle?: string;
  /** Pixels; default FIGURE_HEIGHT. */
  height?: number;
  /** Pixels; default: the notebook cell's width. */
  width?: number;
}

export const FIGURE_HEIGHT = 320;
export const FIGURE_MARGIN = { l: 56, r: 16, t: 40, b: 44 } as const;

/** The compact layout every figure shares: a title, both axis titles, a small height and tight margins. */
export function figureLayout(defaults: { title: string; xTitle: string; yTitle: string }, options: FigureOptions = {}): CourseLayout {
  const height = options.height ?? FIGURE_HEIGHT;
  if (!(height > 0)) throw new Error(`figure: options.height must be a positive number of pixels, got ${options.height}`);
  if (options.width !== undefined && !(options.width > 0)) {
    throw new Error(`figure: options.width must be a positive number of pixels, got ${options.width}`);
  }
  return {
    title: { text: options.title ?? defaults.title, font: { size: 15 }, x: 0.02, xanchor: "left" },
    height,
    ...(options.width === undefined ? {} : { width: options.width }),
    margin: { ...FIGURE_MARGIN },
    font: { size: 12 },
    xaxis: { title: { text: options.xTitle ?? defaults.xTitle }, automargin: true },
    yaxis: { title: { text: options.yTitle ?? defaults.yTitle }, automargin: true },
    // Above the plot, right of the title: a legend inside the plot would sit on the data.
    legend: { orientation: "h", x: 1, xanchor: "right", y: 1.02, yanchor: "bottom" },
  };
}

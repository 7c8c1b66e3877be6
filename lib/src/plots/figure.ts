/** The trace types the course's figures use. */
export type PlotlyTraceType = "scatter" | "bar" | "histogram" | "heatmap" | "image";

export type PlotlyDash = "solid" | "dash" | "dot";

/** One Plotly trace; the fields the builders set are typed, anything else Plotly accepts can be added. */
export interface PlotlyTrace {
  type: PlotlyTraceType;
  name?: string;
  x?: (number | string | null)[];
  y?: (number | string | null)[];
  z?: (number | null)[][] | number[][][];
  text?: string[] | string[][];
  mode?: "lines" | "markers" | "lines+markers";
  line?: { color?: string; dash?: PlotlyDash; width?: number };
  marker?: { color?: string; size?: number; opacity?: number };
  showlegend?: boolean;
  [key: string]: unknown;
}

export interface PlotlyAxis {
  title?: { text: string };
  type?: "linear" | "log" | "category";
  range?: [number, number];
  autorange?: boolean | "reversed";
  [key: string]: unknown;
}

export interface PlotlyAnnotation {
  x: number | string;
  y: number | string;
  text: string;
  showarrow: boolean;
  [key: string]: unknown;
}

export interface PlotlyLayout {
  title: { text: string; [key: string]: unknown };
  height: number;
  width?: number;
  margin: { l: number; r: number; t: number; b: number };
  xaxis: PlotlyAxis;
  yaxis: PlotlyAxis;
  showlegend?: boolean;
  annotations?: PlotlyAnnotation[];
  [key: string]: unknown;
}

/** A Plotly figure as plain JSON: what `Plotly.newPlot(el, figure.data, figure.layout)` and the kernel's renderer take. */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
}

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

/** Plotly's default colour cycle, fixed here so a series keeps its colour across traces (train and validation). */
export const SERIES_COLORS = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
] as const;

export function seriesColor(index: number): string {
  return SERIES_COLORS[index % SERIES_COLORS.length];
}

/** The compact layout every figure shares: a title, both axis titles, a small height and tight margins. */
export function figureLayout(defaults: { title: string; xTitle: string; yTitle: string }, options: FigureOptions = {}): PlotlyLayout {
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
    legend: { x: 1, xanchor: "right", y: 1, bgcolor: "rgba(255,255,255,0.7)" },
  };
}

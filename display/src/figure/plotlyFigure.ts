/** The trace types the course's figures use; any other Plotly type is accepted as a string. */
export type PlotlyTraceType = "scatter" | "bar" | "histogram" | "heatmap" | "image";

export type PlotlyDash = "solid" | "dash" | "dot";

/** One Plotly trace; common fields are typed, anything else plotly.js accepts can be added. Typed arrays are accepted wherever arrays are. */
export interface PlotlyTrace {
  type?: PlotlyTraceType | (string & {});
  name?: string;
  x?: ArrayLike<number | string | null>;
  y?: ArrayLike<number | string | null>;
  z?: unknown;
  text?: string | string[] | string[][];
  mode?: "lines" | "markers" | "lines+markers" | (string & {});
  line?: { color?: string; dash?: PlotlyDash; width?: number; [key: string]: unknown };
  marker?: { color?: unknown; size?: number; opacity?: number; [key: string]: unknown };
  showlegend?: boolean;
  [key: string]: unknown;
}

export interface PlotlyAxis {
  title?: { text: string; [key: string]: unknown } | string;
  type?: "linear" | "log" | "category" | (string & {});
  range?: [number, number];
  autorange?: boolean | "reversed" | (string & {});
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
  title?: { text: string; [key: string]: unknown } | string;
  height?: number;
  width?: number;
  margin?: { l?: number; r?: number; t?: number; b?: number; [key: string]: unknown };
  xaxis?: PlotlyAxis;
  yaxis?: PlotlyAxis;
  showlegend?: boolean;
  annotations?: PlotlyAnnotation[];
  [key: string]: unknown;
}

/**
 * The one Plotly figure type of tsdl: what `Plotly.newPlot(el, figure.data, figure.layout, figure.config)`
 * takes, what the kernel's renderer and static pictures read and what every chart builder returns.
 */
export interface PlotlyFigure<Layout extends PlotlyLayout = PlotlyLayout> {
  data: PlotlyTrace[];
  layout?: Layout;
  config?: Record<string, unknown>;
  frames?: unknown[];
}

export function isPlotlyFigure(value: unknown): value is PlotlyFigure {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  const v = value as Partial<PlotlyFigure>;
  return (
    Array.isArray(v.data) &&
    v.data.every((trace) => typeof trace === "object" && trace !== null && !Array.isArray(trace)) &&
    (v.layout === undefined || (typeof v.layout === "object" && v.layout !== null)) &&
    keys.every((k) => ["data", "layout", "config", "frames"].includes(k))
  );
}

// A symbol key: invisible to JSON and to isPlotlyFigure's key check, so a draft is still a figure.
const DRAFT = Symbol.for("tsdl.display.draftFigure");

/**
 * Marks a figure that will soon be replaced (a live chart mid-training), so the renderer skips its
 * costly static picture.
 */
export function draftFigure<F extends PlotlyFigure>(figure: F): F {
  return Object.assign({ ...figure }, { [DRAFT]: true });
}

export function isDraftFigure(figure: PlotlyFigure): boolean {
  return (figure as { [DRAFT]?: boolean })[DRAFT] === true;
}

/**
 * A small builder for Plotly figures. It is a plain figure, so the kernel's Plotly renderer displays
 * it like any `{ data, layout }` value.
 */
export class Figure implements PlotlyFigure {
  data: PlotlyTrace[];
  layout: PlotlyLayout;
  config: Record<string, unknown>;

  constructor(data: PlotlyTrace[] = [], layout: PlotlyLayout = {}, config: Record<string, unknown> = {}) {
    if (!Array.isArray(data)) throw new TypeError(`Figure: data must be an array of traces, got ${typeof data}`);
    this.data = data;
    this.layout = layout;
    this.config = config;
  }

  addTrace(trace: PlotlyTrace): this {
    this.data.push(trace);
    return this;
  }

  updateLayout(patch: PlotlyLayout): this {
    this.layout = { ...this.layout, ...patch };
    return this;
  }

  toJSON(): PlotlyFigure {
    return { data: this.data, layout: this.layout, config: this.config };
  }
}

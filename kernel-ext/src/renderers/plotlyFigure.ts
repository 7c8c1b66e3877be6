import { jupyterDisplaySymbol } from "../display/mimeBundle.js";
import { renderPlotly } from "./plotlyRenderer.js";

export type PlotlyTrace = Record<string, unknown>;

/** A Plotly figure as plotly.js takes it; typed arrays are accepted wherever arrays are. */
export interface PlotlyFigure {
  data: PlotlyTrace[];
  layout?: Record<string, unknown>;
  config?: Record<string, unknown>;
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

/** A small builder for Plotly figures that displays itself in the kernel. */
export class Figure implements PlotlyFigure {
  data: PlotlyTrace[];
  layout: Record<string, unknown>;
  config: Record<string, unknown>;

  constructor(data: PlotlyTrace[] = [], layout: Record<string, unknown> = {}, config: Record<string, unknown> = {}) {
    if (!Array.isArray(data)) throw new TypeError(`Figure: data must be an array of traces, got ${typeof data}`);
    this.data = data;
    this.layout = layout;
    this.config = config;
  }

  addTrace(trace: PlotlyTrace): this {
    this.data.push(trace);
    return this;
  }

  updateLayout(patch: Record<string, unknown>): this {
    this.layout = { ...this.layout, ...patch };
    return this;
  }

  toJSON(): PlotlyFigure {
    return { data: this.data, layout: this.layout, config: this.config };
  }

  async [jupyterDisplaySymbol]() {
    return (await renderPlotly(this.toJSON())).data;
  }
}

import { positionEncoding } from "./axisPlan.js";
import type { BarMode } from "./barLayers.js";
import type { PlotlyTrace } from "@tsdl/display";
import { readArray, readNumber, readRecord, readString } from "./figureFields.js";
import type { CartesianAxes } from "./scatterLayers.js";
import type { Series } from "./seriesColors.js";
import type { LayersOrReason } from "./vegaLiteLayer.js";

export function histogramIsHorizontal(trace: PlotlyTrace): boolean {
  return readString(trace, "orientation") === "h" || (trace.x === undefined && trace.y !== undefined);
}

export function histogramSamples(trace: PlotlyTrace): unknown[] | undefined {
  return readArray(histogramIsHorizontal(trace) ? trace.y : trace.x);
}

// Bar height per Plotly `histnorm`, from the bin count n, the trace's total and the bin width.
const normalisations: Record<string, string> = {
  "": "datum.n",
  percent: "100 * datum.n / datum.total",
  probability: "datum.n / datum.total",
  density: "datum.n / (datum.b1 - datum.b0)",
  "probability density": "datum.n / (datum.total * (datum.b1 - datum.b0))",
};

function binParams(trace: PlotlyTrace, horizontal: boolean): Record<string, unknown> {
  const bins = readRecord(trace, horizontal ? "ybins" : "xbins");
  const start = readNumber(bins, "start");
  const end = readNumber(bins, "end");
  const size = readNumber(bins, "size");
  const count = readNumber(trace, horizontal ? "nbinsy" : "nbinsx");
  const params: Record<string, unknown> = {};
  if (size !== undefined && size > 0) params.step = size;
  // Plotly's explicit bins are used as given; Vega would otherwise round them to "nice" edges.
  if (start !== undefined && end !== undefined) Object.assign(params, { extent: [start, end], nice: false });
  if (size === undefined) params.maxbins = count ?? 20;
  return params;
}

export function histogramLayers(trace: PlotlyTrace, series: Series, axes: CartesianAxes, barmode: BarMode, traceCount: number): LayersOrReason {
  const horizontal = histogramIsHorizontal(trace);
  const samples = histogramSamples(trace);
  if (samples === undefined) return { reason: `histogram "${series.key}" has no samples` };
  const histfunc = readString(trace, "histfunc") ?? "count";
  if (histfunc !== "count") return { reason: `histogram histfunc "${histfunc}" is not drawn statically (only "count")` };
  if (readRecord(trace, "cumulative")?.enabled === true) return { reason: "cumulative histograms are not drawn statically" };
  const histnorm = readString(trace, "histnorm") ?? "";
  const height = normalisations[histnorm];
  if (height === undefined) return { reason: `histogram histnorm "${histnorm}" is not known` };

  const [sampleAxis, heightAxis] = horizontal ? [axes.y, axes.x] : [axes.x, axes.y];
  const sampleChannel = horizontal ? "y" : "x";
  const heightChannel = horizontal ? "x" : "y";
  const stacked = barmode === "stack" || barmode === "relative";
  const marker = readRecord(trace, "marker");
  // Vega-Lite cannot offset binned bars side by side, so Plotly's "group" is drawn overlaid and see-through.
  const opacity = readNumber(marker, "opacity") ?? readNumber(trace, "opacity") ?? (traceCount > 1 && !stacked ? 0.6 : 1);
  const heightEncoding = { ...positionEncoding(heightAxis, heightChannel), field: "h", stack: stacked ? "zero" : null };

  if (sampleAxis.kind === "ordinal") {
    const rows = samples.filter((v) => v !== null && v !== undefined).map((v) => ({ s: String(v), series: series.key }));
    return {
      layers: [{
        data: { values: rows },
        transform: [
          { aggregate: [{ op: "count", as: "n" }], groupby: ["s", "series"] },
          { joinaggregate: [{ op: "sum", field: "n", as: "total" }], groupby: ["series"] },
          { calculate: height.replace(/\(datum\.b1 - datum\.b0\)/g, "1"), as: "h" },
        ],
        mark: { type: "bar", opacity },
        encoding: { [sampleChannel]: positionEncoding(sampleAxis, "s"), [heightChannel]: heightEncoding, color: axes.color },
      }],
    };
  }
  const rows = samples.filter((v) => typeof v === "number" && Number.isFinite(v)).map((v) => ({ s: v, series: series.key }));
  return {
    layers: [{
      data: { values: rows },
      transform: [
        { bin: binParams(trace, horizontal), field: "s", as: ["b0", "b1"] },
        { aggregate: [{ op: "count", as: "n" }], groupby: ["b0", "b1", "series"] },
        { joinaggregate: [{ op: "sum", field: "n", as: "total" }], groupby: ["series"] },
        { calculate: height, as: "h" },
      ],
      mark: { type: "bar", opacity, binSpacing: 1 },
      encoding: {
        [sampleChannel]: { ...positionEncoding(sampleAxis, "b0"), bin: { binned: true } },
        [`${sampleChannel}2`]: { field: "b1" },
        [heightChannel]: heightEncoding,
        color: axes.color,
      },
    }],
  };
}

import type { TopLevelSpec } from "vega-lite";
import { planAxis, readAxisLayout, type AxisPlan } from "./axisPlan.js";
import { barCategoriesAndLengths, barLayers, isHorizontal, type BarMode } from "./barLayers.js";
import { vegaLiteConfig, type ChartTheme } from "./chartTheme.js";
import { heatmapSpec } from "./heatmapSpec.js";
import { histogramIsHorizontal, histogramLayers, histogramSamples } from "./histogramLayers.js";
import { imageSpec } from "./imageSpec.js";
import type { PlotlyFigure, PlotlyTrace } from "@tsdl/display";
import { isRecord, plainText, readRecord, readString, readTitle } from "./figureFields.js";
import { maxLinePoints, maxMarkers, scatterLayers, scatterLoad, scatterXY, type CartesianAxes } from "./scatterLayers.js";
import { planSeries, readColorway, seriesColorEncoding } from "./seriesColors.js";
import type { VegaLiteLayer } from "./vegaLiteLayer.js";
import { textColumns } from "../words/textColumns.js";

export interface StaticChartSize {
  width: number;
  height: number;
  theme: ChartTheme;
}

export type VegaLiteTranslation = { spec: TopLevelSpec } | { reason: string };

const cartesianTypes = new Set(["scatter", "scattergl", "bar", "histogram"]);
const barModes = new Set<string>(["group", "stack", "relative", "overlay"]);

function traceType(trace: PlotlyTrace): string {
  return readString(trace, "type") ?? "scatter";
}

/** Every value a trace puts on x and on y, and whether it bands or measures from zero along them. */
function traceExtent(trace: PlotlyTrace): { x: unknown[]; y: unknown[]; xBand: boolean; yBand: boolean; xZero: boolean; yZero: boolean } {
  const type = traceType(trace);
  if (type === "bar") {
    const bars = barCategoriesAndLengths(trace) ?? { categories: [], lengths: [] };
    const h = isHorizontal(trace);
    return h
      ? { x: bars.lengths, y: bars.categories, xBand: false, yBand: true, xZero: true, yZero: false }
      : { x: bars.categories, y: bars.lengths, xBand: true, yBand: false, xZero: false, yZero: true };
  }
  if (type === "histogram") {
    const samples = histogramSamples(trace) ?? [];
    return histogramIsHorizontal(trace)
      ? { x: [], y: samples, xBand: false, yBand: false, xZero: true, yZero: false }
      : { x: samples, y: [], xBand: false, yBand: false, xZero: false, yZero: true };
  }
  const xy = scatterXY(trace) ?? { x: [], y: [] };
  return { ...xy, xBand: false, yBand: false, xZero: false, yZero: false };
}

function onSecondaryAxis(trace: PlotlyTrace): boolean {
  return readString(trace, "yaxis") === "y2";
}

function planY(layoutAxis: Record<string, unknown> | undefined, extents: ReturnType<typeof traceExtent>[]): AxisPlan {
  return planAxis(layoutAxis, extents.flatMap((e) => e.y), { discrete: extents.some((e) => e.yBand), fromZero: extents.some((e) => e.yZero) });
}

/** Cartesian traces as layers; traces on an overlaying `yaxis2` get a nested layer with its own right-hand y scale. */
/** Plotly tilts category labels that would collide; Vega would drop every other one instead. */
function tiltCrowdedLabels(plan: AxisPlan, plotWidth: number): void {
  if (plan.kind !== "ordinal" || plan.domain === undefined || plan.domain.length === 0) return;
  const longest = Math.max(...plan.domain.map((label) => textColumns(String(label))));
  // About 6 px per monospace column (a Han character takes two) at the 11 px label size.
  if (longest * 6 <= plotWidth / plan.domain.length) return;
  plan.style = { labelAngle: -30, labelAlign: "right", labelBaseline: "top", labelOverlap: false, ...plan.style };
}

function cartesianLayers(traces: PlotlyTrace[], layout: Record<string, unknown> | undefined, plotWidth: number): { layer: VegaLiteLayer[]; resolve?: unknown } | { reason: string } {
  const load = traces.filter((t) => traceType(t) === "scatter" || traceType(t) === "scattergl").map(scatterLoad);
  const markers = load.reduce((sum, l) => sum + l.markers, 0);
  const linePoints = load.reduce((sum, l) => sum + l.linePoints, 0);
  if (markers > maxMarkers) return { reason: `${markers} markers are too many for a static picture (at most ${maxMarkers})` };
  if (linePoints > maxLinePoints) return { reason: `${linePoints} line points are too many for a static picture (at most ${maxLinePoints})` };
  const extents = traces.map(traceExtent);
  const x: AxisPlan = planAxis(readAxisLayout(layout, "xaxis"), extents.flatMap((e) => e.x), {
    discrete: extents.some((e) => e.xBand),
    fromZero: extents.some((e) => e.xZero),
  });
  tiltCrowdedLabels(x, plotWidth);
  const secondary = traces.map(onSecondaryAxis);
  const y = planY(readAxisLayout(layout, "yaxis"), extents.filter((_, i) => !secondary[i]));
  const yaxis2 = readAxisLayout(layout, "yaxis2");
  const y2 = planY(yaxis2, extents.filter((_, i) => secondary[i]));
  y2.style = { ...y2.style, orient: readString(yaxis2, "side") === "left" ? "left" : "right", grid: false };
  const series = planSeries(traces, readColorway(layout));
  const legendEntries = series.filter((s) => s.inLegend).length;
  const showLegend = typeof layout?.showlegend === "boolean" ? layout.showlegend : legendEntries > 1;
  const linesOnly = load.length === traces.length && load.every((l) => l.markers === 0);
  const color = seriesColorEncoding(series, showLegend, linesOnly, readString(readRecord(layout, "legend"), "orientation") === "h");
  const declaredMode = readString(layout, "barmode") ?? "group";
  if (!barModes.has(declaredMode)) return { reason: `barmode "${declaredMode}" is not known` };
  const barmode = declaredMode as BarMode;
  const barKeys = traces.flatMap((t, i) => (traceType(t) === "bar" ? [series[i]!.key] : []));
  const histogramCount = traces.filter((t) => traceType(t) === "histogram").length;

  const primaryLayers: VegaLiteLayer[] = [];
  const secondaryLayers: VegaLiteLayer[] = [];
  for (const [i, trace] of traces.entries()) {
    const type = traceType(trace);
    const axes: CartesianAxes = { x, y: secondary[i] ? y2 : y, color };
    const result =
      type === "bar"
        ? barLayers(trace, series[i]!, axes, barmode, barKeys)
        : type === "histogram"
          ? histogramLayers(trace, series[i]!, axes, barmode, histogramCount)
          : scatterLayers(trace, series[i]!, axes);
    if ("reason" in result) return result;
    (secondary[i] ? secondaryLayers : primaryLayers).push(...result.layers);
  }
  if (secondaryLayers.length === 0) return { layer: mergeBarLayers(primaryLayers) };
  if (primaryLayers.length === 0) return { layer: mergeBarLayers(secondaryLayers) };
  return {
    layer: [{ layer: mergeBarLayers(primaryLayers) }, { layer: mergeBarLayers(secondaryLayers) }],
    resolve: { scale: { y: "independent" } },
  };
}

/**
 * Bars of several traces must share one layer for Vega-Lite to stack them, so bar layers that differ
 * only in their rows become one layer.
 */
function mergeBarLayers(layers: VegaLiteLayer[]): VegaLiteLayer[] {
  const merged: VegaLiteLayer[] = [];
  const byShape = new Map<string, VegaLiteLayer>();
  for (const layer of layers) {
    const { data, ...shape } = layer;
    const rows = (data as { values?: unknown[] } | undefined)?.values;
    const isBar = (layer.mark as { type?: string } | undefined)?.type === "bar";
    const key = JSON.stringify(shape);
    const earlier = byShape.get(key);
    if (isBar && rows !== undefined && earlier !== undefined) {
      (earlier.data as { values: unknown[] }).values.push(...rows);
      continue;
    }
    const copy = rows === undefined ? layer : { ...layer, data: { values: [...rows] } };
    if (isBar) byShape.set(key, copy);
    merged.push(copy);
  }
  return merged;
}

/** Translates a Plotly figure into a Vega-Lite spec of the given outer size, or says why it cannot. */
export function figureToVegaLite(figure: PlotlyFigure, size: StaticChartSize): VegaLiteTranslation {
  const layout = figure.layout;
  const traces: PlotlyTrace[] = [];
  for (const [i, trace] of figure.data.entries()) {
    if (!isRecord(trace)) return { reason: `figure.data[${i}] is not a trace object` };
    if (trace.visible === false || trace.visible === "legendonly") continue;
    traces.push(trace);
  }
  if (traces.length === 0) return { reason: "the figure has no visible traces" };
  for (const trace of traces) {
    const type = traceType(trace);
    if (!cartesianTypes.has(type) && type !== "heatmap" && type !== "image") return { reason: `trace type "${type}" is not drawn statically` };
    const xaxis = readString(trace, "xaxis") ?? "x";
    const yaxis = readString(trace, "yaxis") ?? "y";
    const overlaidY2 = yaxis === "y2" && readAxisLayout(layout, "yaxis2")?.overlaying === "y" && cartesianTypes.has(type);
    if (xaxis !== "x" || (yaxis !== "y" && !overlaidY2)) {
      return { reason: "subplots (traces on axes other than x, y and an overlaying y2) are not drawn statically" };
    }
  }

  const title = readTitle(layout?.title);
  const common = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    ...(title === undefined ? {} : { title: plainText(title) }),
    config: vegaLiteConfig(size.theme),
  };
  const fit = { width: size.width, height: size.height, autosize: { type: "fit", contains: "padding" } };

  const gridded = traces.filter((t) => traceType(t) === "heatmap" || traceType(t) === "image");
  if (gridded.length > 0) {
    if (traces.length > 1) return { reason: "a heatmap or image combined with other traces is not drawn statically" };
    const trace = traces[0]!;
    if (traceType(trace) === "heatmap") {
      const heatmap = heatmapSpec(trace, layout);
      if ("reason" in heatmap) return heatmap;
      return { spec: { ...common, ...fit, layer: heatmap.layers } as unknown as TopLevelSpec };
    }
    const image = imageSpec(trace, layout);
    if ("reason" in image) return image;
    // Plotly keeps an image's pixels square; the plot area is the largest such box that fits.
    const room = { width: size.width - 70, height: size.height - (title === undefined ? 50 : 80) };
    const scale = Math.min(room.width / image.pixelWidth, room.height / image.pixelHeight);
    if (!(scale > 0)) return { reason: `a ${size.width}×${size.height} picture has no room for the image` };
    const plot = { width: Math.round(image.pixelWidth * scale), height: Math.round(image.pixelHeight * scale), autosize: { type: "pad" } };
    return { spec: { ...common, ...plot, layer: image.layers } as unknown as TopLevelSpec };
  }

  // The plot area is the picture less the axes' and legend's room, roughly.
  const cartesian = cartesianLayers(traces, layout, size.width - 160);
  if ("reason" in cartesian) return cartesian;
  return { spec: { ...common, ...fit, ...cartesian } as unknown as TopLevelSpec };
}

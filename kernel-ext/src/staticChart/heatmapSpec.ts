import { axisStyle, readAxisLayout } from "./axisPlan.js";
import { resolveColorScale, type ResolvedColorScale } from "./colorScale.js";
import type { PlotlyTrace } from "@tsdl/display";
import { finiteOrNull, isRecord, plainText, readArray, readMatrix, readNumber, readRecord, readString, readTitle } from "./figureFields.js";
import { rgbaToPngDataUrl } from "./rasterPng.js";
import type { VegaLiteLayer } from "./vegaLiteLayer.js";

/** Above this many cells a heatmap is drawn as one embedded PNG: one SVG rect per cell would outgrow the budget. */
export const maxVectorCells = 400;

/** Layers plus the fixed encodings of a heatmap, or why it cannot be drawn. */
export type HeatmapSpec = { layers: VegaLiteLayer[] } | { reason: string };

function luminance([r, g, b]: [number, number, number]): number {
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

function contrastText(rgb: [number, number, number]): string {
  return luminance(rgb) > 0.5 ? "#222222" : "#eeeeee";
}

/**
 * Plotly's `texttemplate` (%{z}, %{z:.2f}, %{text}, %{x}, %{y}) as a Vega expression, so numbers are
 * formatted by the same d3-format that Plotly uses.
 */
export function templateExpression(template: string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of template.matchAll(/%\{(z|text|x|y)(?::([^}]*))?\}/g)) {
    parts.push(JSON.stringify(template.slice(last, match.index ?? last)));
    const [, key, format] = match;
    parts.push(key === "z" ? `format(datum.z, ${JSON.stringify(format ?? "~r")})` : `(datum.${key} == null ? "" : "" + datum.${key})`);
    last = (match.index ?? last) + match[0].length;
  }
  parts.push(JSON.stringify(template.slice(last)));
  return parts.join(" + ");
}

function labelsFor(values: unknown[] | undefined, count: number): string[] | undefined {
  const labels = values === undefined ? Array.from({ length: count }, (_, i) => String(i)) : values.slice(0, count).map(String);
  return labels.length === count && new Set(labels).size === count ? labels : undefined;
}

/** At most this many labelled ticks on a rasterised heatmap's category axis. */
const maxCategoryTicks = 20;

/**
 * A rasterised heatmap's axis: the cells' numeric coordinates when evenly spaced, else cell indices
 * labelled with the categories (every k-th when there are many).
 */
function rasterAxis(values: unknown[] | undefined, count: number): { extent: [number, number]; axis: Record<string, unknown> } | undefined {
  const indices: [number, number] = [-0.5, count - 0.5];
  if (values === undefined) return { extent: indices, axis: {} };
  const coordinates = values.slice(0, count);
  if (coordinates.length !== count) return undefined;
  if (coordinates.every((v) => typeof v === "number" && Number.isFinite(v))) {
    const first = coordinates[0] as number;
    const last = coordinates[count - 1] as number;
    const step = count > 1 ? (last - first) / (count - 1) : 1;
    const even = coordinates.every((v, i) => Math.abs((v as number) - (first + i * step)) <= Math.abs(step) * 1e-6);
    if (even && step !== 0) return { extent: [first - step / 2, last + step / 2], axis: {} };
  }
  const every = Math.ceil(count / maxCategoryTicks);
  return {
    extent: indices,
    axis: {
      values: Array.from({ length: Math.ceil(count / every) }, (_, k) => k * every),
      labelExpr: `${JSON.stringify(coordinates.map(String))}[datum.value]`,
    },
  };
}

function gradientLegend(trace: PlotlyTrace, colors: ResolvedColorScale): Record<string, unknown> {
  const show = trace.showscale !== false;
  const title = readTitle(readRecord(trace, "colorbar")?.title);
  return {
    field: "z",
    type: "quantitative",
    scale: colors.vegaLiteScale,
    legend: show ? { title: title === undefined ? null : plainText(title), gradientLength: 160 } : null,
  };
}

export function heatmapSpec(trace: PlotlyTrace, layout: Record<string, unknown> | undefined): HeatmapSpec {
  const z = readMatrix(trace.z);
  if (z === undefined || z.length === 0) return { reason: "heatmap z must be a 2-D array" };
  if (trace.transpose === true) return { reason: "transposed heatmaps are not drawn statically" };
  const rows = z.length;
  const cols = Math.max(...z.map((row) => row.length));
  const values = z.flat().map(finiteOrNull).filter((v): v is number => v !== null);
  if (values.length === 0) return { reason: "heatmap z has no finite values" };
  const zmin = readNumber(trace, "zmin") ?? values.reduce((a, b) => Math.min(a, b));
  const zmax = readNumber(trace, "zmax") ?? values.reduce((a, b) => Math.max(a, b));
  const colors = resolveColorScale(trace.colorscale, trace.reversescale === true, zmin, zmax);
  const xAxis = readAxisLayout(layout, "xaxis");
  const yAxis = readAxisLayout(layout, "yaxis");
  const xTitle = readTitle(xAxis?.title);
  const yTitle = readTitle(yAxis?.title);
  // Plotly puts row 0 at the bottom unless the y axis is reversed (the usual confusion-matrix layout).
  const topRowFirst = yAxis?.autorange === "reversed";
  const template = readString(trace, "texttemplate");
  const annotations = Array.isArray(layout?.annotations) ? (layout?.annotations as unknown[]).filter(isRecord) : [];

  if (rows * cols <= maxVectorCells) {
    const xLabels = labelsFor(readArray(trace.x), cols);
    const yLabels = labelsFor(readArray(trace.y), rows);
    if (xLabels === undefined || yLabels === undefined) return { reason: "heatmap x/y labels must be unique and one per column/row" };
    const texts = readMatrix(trace.text);
    const cells: Record<string, unknown>[] = [];
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        const value = finiteOrNull(z[r]![c]);
        if (value === null) continue;
        const cell: Record<string, unknown> = { x: xLabels[c], y: yLabels[r], z: value };
        if (template !== undefined) {
          cell.text = texts?.[r]?.[c] ?? null;
          cell.tc = contrastText(colors.rgbAt(value));
        }
        cells.push(cell);
      }
    }
    // Every class is labelled (a confusion matrix read without some labels is a puzzle): long names are slanted, not thinned.
    const everyLabel = (count: number) => count <= maxCategoryTicks;
    const slanted = Math.max(...xLabels.map((l) => l.length)) * cols > 60;
    const xLabelLayout = slanted ? { labelAngle: -40, labelAlign: "right", labelBaseline: "top" } : { labelAngle: 0 };
    const x = { field: "x", type: "ordinal", sort: null, scale: { domain: xLabels, paddingInner: 0 }, title: xTitle === undefined ? null : plainText(xTitle), axis: { ...xLabelLayout, labelOverlap: !everyLabel(cols), labelLimit: 120, ...axisStyle(xAxis) } };
    const y = { field: "y", type: "ordinal", sort: null, scale: { domain: topRowFirst ? yLabels : [...yLabels].reverse(), paddingInner: 0 }, title: yTitle === undefined ? null : plainText(yTitle), axis: { labelOverlap: !everyLabel(rows), labelLimit: 120, ...axisStyle(yAxis) } };
    const layers: VegaLiteLayer[] = [{ data: { values: cells }, mark: { type: "rect" }, encoding: { x, y, color: gradientLegend(trace, colors) } }];
    if (template !== undefined) {
      // Plotly breaks cell text at <br>; Vega draws an array of strings as lines.
      const transform = [{ calculate: `split(${templateExpression(template)}, "<br>")`, as: "t" }];
      // Vega puts the first line on the cell's middle; lift a block of lines so the block is centred.
      const lines = Math.max(1, ...cells.map((cell) => String(cell.text ?? "").split(/<br\s*\/?>/i).length));
      const mark = { type: "text", fontSize: 11, lineHeight: 12, dy: -6 * (lines - 1) };
      layers.push(...textLayers(cells, (rows) => ({ data: { values: rows }, transform, mark, encoding: { x, y, text: { field: "t" } } })));
    }
    const notes = annotationRows(annotations, cells, colors);
    layers.push(...textLayers(notes, (rows) => ({ data: { values: rows }, mark: { type: "text", fontSize: 11 }, encoding: { x, y, text: { field: "t" } } })));
    return { layers };
  }

  const xRaster = rasterAxis(readArray(trace.x), cols);
  const yRaster = rasterAxis(readArray(trace.y), rows);
  if (xRaster === undefined || yRaster === undefined) return { reason: "heatmap x/y must have one label or coordinate per column/row" };
  const [xExtent, yExtent] = [xRaster.extent, yRaster.extent];
  const rgba = new Uint8Array(rows * cols * 4);
  for (let r = 0; r < rows; r++) {
    const source = z[topRowFirst ? r : rows - 1 - r]!;
    for (let c = 0; c < cols; c++) {
      const value = finiteOrNull(source[c]);
      if (value === null) continue;
      rgba.set([...colors.rgbAt(value), 255], (r * cols + c) * 4);
    }
  }
  const picture = { x: xExtent[0], x2: xExtent[1], y: topRowFirst ? yExtent[0] : yExtent[1], y2: topRowFirst ? yExtent[1] : yExtent[0], url: rgbaToPngDataUrl(cols, rows, rgba) };
  const x = { field: "x", type: "quantitative", scale: { domain: xExtent, nice: false, zero: false }, title: xTitle === undefined ? null : plainText(xTitle), axis: { ...xRaster.axis, ...axisStyle(xAxis) } };
  const y = { field: "y", type: "quantitative", scale: { domain: yExtent, nice: false, zero: false, reverse: topRowFirst }, title: yTitle === undefined ? null : plainText(yTitle), axis: { ...yRaster.axis, ...axisStyle(yAxis) } };
  return {
    layers: [
      { data: { values: [picture] }, mark: { type: "image", aspect: false, smooth: false }, encoding: { x, x2: { field: "x2" }, y, y2: { field: "y2" }, url: { field: "url" } } },
      // Invisible marks whose only job is to give the picture its colour legend.
      { data: { values: [{ z: zmin }, { z: zmax }] }, mark: { type: "rect", opacity: 0 }, encoding: { color: gradientLegend(trace, colors) } },
    ],
  };
}

/** One text layer per ink colour: a colour field would share (and break) the heatmap's colour scale. */
function textLayers(rows: Record<string, unknown>[], layer: (rows: Record<string, unknown>[]) => VegaLiteLayer): VegaLiteLayer[] {
  const inks = [...new Set(rows.map((r) => r.tc as string))];
  return inks.map((ink) => {
    const built = layer(rows.filter((r) => r.tc === ink));
    return { ...built, mark: { ...(built.mark as Record<string, unknown>), color: ink } };
  });
}

function annotationRows(annotations: Record<string, unknown>[], cells: Record<string, unknown>[], colors: ResolvedColorScale): Record<string, unknown>[] {
  const notes: Record<string, unknown>[] = [];
  for (const note of annotations) {
    const text = readString(note, "text");
    if (text === undefined || note.x === undefined || note.y === undefined) continue;
    if ((readString(note, "xref") ?? "x") !== "x" || (readString(note, "yref") ?? "y") !== "y") continue;
    const x = String(note.x);
    const y = String(note.y);
    const cell = cells.find((c) => c.x === x && c.y === y);
    const fixed = readString(readRecord(note, "font"), "color");
    notes.push({ x, y, t: plainText(text), tc: fixed ?? (cell ? contrastText(colors.rgbAt(cell.z as number)) : "#888888") });
  }
  return notes;
}

import { axisStyle, readAxisLayout } from "./axisPlan.js";
import type { PlotlyTrace } from "@tsdl/display";
import { finiteOrNull, isRecord, plainText, readArray, readMatrix, readNumber, readRecord, readString, readTitle } from "./figureFields.js";
import { pngDataUrlSize, rgbaToPngDataUrl } from "./rasterPng.js";
import type { VegaLiteLayer } from "./vegaLiteLayer.js";

export type ImageSpec = { layers: VegaLiteLayer[]; pixelWidth: number; pixelHeight: number } | { reason: string };

/** Plotly image `z` is rows of pixels, each [r, g, b] or [r, g, b, a] (a in 0–1 for "rgba", 0–255 for "rgba256"). */
function pixelsToRgba(z: unknown[][], colormodel: string): { width: number; height: number; rgba: Uint8Array } | string {
  const height = z.length;
  const width = Math.max(...z.map((row) => row.length));
  const rgba = new Uint8Array(width * height * 4);
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      const pixel = readArray(z[r]![c]);
      if (pixel === undefined) continue;
      const [red, green, blue, alpha] = pixel.map(finiteOrNull);
      if (red === null || green === null || blue === null) return `image pixel (${r}, ${c}) is not numeric`;
      const a = alpha === null || alpha === undefined ? 255 : colormodel === "rgba256" ? alpha : alpha * 255;
      rgba.set([red, green, blue, a].map((v) => Math.max(0, Math.min(255, Math.round(v!)))), (r * width + c) * 4);
    }
  }
  return { width, height, rgba };
}

const baselines: Record<string, string> = { top: "top", middle: "middle", bottom: "bottom" };
const aligns: Record<string, string> = { left: "left", center: "center", right: "right" };

/** Captions placed in data coordinates (`layout.annotations` with the default x/y references). */
function captionRows(layout: Record<string, unknown> | undefined): { x: number; y: number; t: string; fontSize: number; color: string | undefined; baseline: string; align: string }[] {
  const notes = Array.isArray(layout?.annotations) ? (layout?.annotations as unknown[]).filter(isRecord) : [];
  return notes.flatMap((note) => {
    const text = readString(note, "text");
    const x = readNumber(note, "x");
    const y = readNumber(note, "y");
    if (text === undefined || x === undefined || y === undefined) return [];
    if ((readString(note, "xref") ?? "x") !== "x" || (readString(note, "yref") ?? "y") !== "y") return [];
    const font = readRecord(note, "font");
    return [{
      x,
      y,
      t: plainText(text),
      fontSize: readNumber(font, "size") ?? 12,
      color: readString(font, "color"),
      baseline: baselines[readString(note, "yanchor") ?? "middle"] ?? "middle",
      align: aligns[readString(note, "xanchor") ?? "center"] ?? "center",
    }];
  });
}

export function imageSpec(trace: PlotlyTrace, layout: Record<string, unknown> | undefined): ImageSpec {
  let url: string;
  let width: number;
  let height: number;
  const source = readString(trace, "source");
  if (source !== undefined) {
    const size = pngDataUrlSize(source);
    if (size === undefined) return { reason: "image source must be a PNG data URL to be drawn statically" };
    ({ width, height } = size);
    url = source;
  } else {
    const z = readMatrix(trace.z);
    if (z === undefined || z.length === 0) return { reason: "image z must be rows of [r, g, b] pixels" };
    const colormodel = readString(trace, "colormodel") ?? "rgb";
    if (!["rgb", "rgba", "rgba256"].includes(colormodel)) return { reason: `image colormodel "${colormodel}" is not drawn statically` };
    const pixels = pixelsToRgba(z, colormodel);
    if (typeof pixels === "string") return { reason: pixels };
    ({ width, height } = pixels);
    url = rgbaToPngDataUrl(width, height, pixels.rgba);
  }
  const x0 = readNumber(trace, "x0") ?? 0;
  const y0 = readNumber(trace, "y0") ?? 0;
  const dx = readNumber(trace, "dx") ?? 1;
  const dy = readNumber(trace, "dy") ?? 1;
  const xDomain = [x0 - dx / 2, x0 + (width - 0.5) * dx];
  const yDomain = [y0 - dy / 2, y0 + (height - 0.5) * dy];
  const yAxis = readAxisLayout(layout, "yaxis");
  // Plotly shows images with row 0 at the top unless the layout sets the y axis direction itself.
  const topRowFirst = yAxis?.autorange === undefined || yAxis.autorange === "reversed";
  const xAxis = readAxisLayout(layout, "xaxis");
  const xTitle = readTitle(xAxis?.title);
  const yTitle = readTitle(yAxis?.title);
  const picture = { x: xDomain[0], x2: xDomain[1], y: topRowFirst ? yDomain[0] : yDomain[1], y2: topRowFirst ? yDomain[1] : yDomain[0], url };
  const x = { field: "x", type: "quantitative", scale: { domain: xDomain, nice: false, zero: false }, title: xTitle === undefined ? null : plainText(xTitle), axis: axisStyle(xAxis) };
  const y = { field: "y", type: "quantitative", scale: { domain: yDomain, nice: false, zero: false, reverse: topRowFirst }, title: yTitle === undefined ? null : plainText(yTitle), axis: axisStyle(yAxis) };
  const layers: VegaLiteLayer[] = [{ data: { values: [picture] }, mark: { type: "image", aspect: false, smooth: false }, encoding: { x, x2: { field: "x2" }, y, y2: { field: "y2" }, url: { field: "url" } } }];
  // Captions of one style share a text layer (an image grid has one caption per tile).
  const byStyle = new Map<string, { mark: Record<string, unknown>; rows: { x: number; y: number; t: string }[] }>();
  for (const { fontSize, color, baseline, align, ...row } of captionRows(layout)) {
    const mark = { type: "text", fontSize, baseline, align, ...(color ? { color } : {}) };
    const key = JSON.stringify(mark);
    if (!byStyle.has(key)) byStyle.set(key, { mark, rows: [] });
    byStyle.get(key)!.rows.push(row);
  }
  for (const { mark, rows } of byStyle.values()) {
    layers.push({ data: { values: rows }, mark, encoding: { x, y, text: { field: "t" } } });
  }
  return {
    layers,
    pixelWidth: width,
    pixelHeight: height,
  };
}

import { readDimension } from "./axisPlan.js";
import type { PlotlyFigure } from "@tsdl/display";
import { isRecord } from "./figureFields.js";

// Vega, Vega-Lite and svgo take a second or more to load; a kernel that imports this module only pays
// for them when its first chart is drawn.
const renderer = () => Promise.all([import("./figureToVegaLite.js"), import("./renderVegaLiteSvg.js")]);

export interface StaticImageOptions {
  /** Outer width of the picture in CSS pixels (default: layout.width, else 640). */
  width?: number;
  /** Outer height in CSS pixels (default: layout.height, else 400). */
  height?: number;
  /** Ink for a known JupyterLab theme; by default a grey that reads on light and dark backgrounds. */
  theme?: "light" | "dark";
}

export interface StaticChartImage {
  mime: "image/svg+xml";
  /** `data:image/svg+xml;base64,…`, for an `<img src>` that survives JupyterLab's sanitiser. */
  dataUrl: string;
  /** Length of `dataUrl`: what the picture adds to the notebook. */
  bytes: number;
  width: number;
  height: number;
}

export type StaticChartResult = { image: StaticChartImage } | { reason: string };

/** A static picture may add at most this much to a notebook output (issue 10's budget). */
export const staticImageBudgetBytes = 100_000;

function checkDimension(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (typeof value !== "number" || !Number.isFinite(value) || value < 100 || value > 4000) {
    throw new Error(`plotlyToStaticImage: options.${name} must be a number of pixels from 100 to 4000, got ${String(value)}`);
  }
}

/** Like `plotlyToStaticImage`, but says why a figure has no static picture, for the text the caller shows instead. */
export async function plotlyToStaticChart(figure: PlotlyFigure, options: StaticImageOptions = {}): Promise<StaticChartResult> {
  if (!isRecord(figure) || !Array.isArray(figure.data)) {
    throw new Error(`plotlyToStaticImage: figure must be { data: [...], layout? }, got ${figure === null ? "null" : typeof figure}`);
  }
  if (figure.layout !== undefined && !isRecord(figure.layout)) {
    throw new Error(`plotlyToStaticImage: figure.layout must be an object, got ${typeof figure.layout}`);
  }
  checkDimension("width", options.width);
  checkDimension("height", options.height);
  if (options.theme !== undefined && options.theme !== "light" && options.theme !== "dark") {
    throw new Error(`plotlyToStaticImage: options.theme must be "light" or "dark", got ${JSON.stringify(options.theme)}`);
  }
  const [{ figureToVegaLite }, { renderVegaLiteSvg }] = await renderer();
  const size = {
    width: options.width ?? readDimension(figure.layout, "width") ?? 640,
    height: options.height ?? readDimension(figure.layout, "height") ?? 400,
  };
  const translation = figureToVegaLite(figure, { ...size, theme: options.theme ?? "neutral" });
  if ("reason" in translation) return translation;
  const { svg } = await renderVegaLiteSvg(translation.spec);
  const dataUrl = `data:image/svg+xml;base64,${Buffer.from(svg, "utf8").toString("base64")}`;
  if (dataUrl.length > staticImageBudgetBytes) {
    return { reason: `the static picture would take ${Math.round(dataUrl.length / 1000)} KB, over the ${staticImageBudgetBytes / 1000} KB budget` };
  }
  const [, width, height] = /<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg) ?? [];
  return { image: { mime: "image/svg+xml", dataUrl, bytes: dataUrl.length, width: Number(width), height: Number(height) } };
}

/**
 * A static SVG picture of a Plotly figure, rendered in Node with Vega-Lite, for the HTML fallback of a
 * chart in a notebook whose scripts will not run; undefined when the figure has traces or options it
 * cannot draw faithfully or the picture would exceed the size budget.
 */
export async function plotlyToStaticImage(figure: PlotlyFigure, options: StaticImageOptions = {}): Promise<StaticChartImage | undefined> {
  const result = await plotlyToStaticChart(figure, options);
  return "image" in result ? result.image : undefined;
}

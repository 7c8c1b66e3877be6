import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { currentKernelSession } from "../display/kernelSession.js";
import type { DisplayContent } from "../display/mimeBundle.js";
import type { Renderer } from "../display/rendererRegistry.js";
import { plotlyToStaticChart, type StaticChartResult } from "../staticChart/index.js";
import { escapeHtml } from "./html.js";
import { isPlotlyFigure, type PlotlyFigure } from "./plotlyFigure.js";

export const plotlyMimeType = "application/vnd.plotly.v1+json";

const titledKey = /^([xyz]axis\d*|scene\d*|coloraxis\d*|colorbar|marker|legend)$/;

/** plotly.js 3 dropped string titles: `title: "x"` must be `title: { text: "x" }`, at any depth. */
function objectTitles(node: unknown): void {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return;
  const record = node as Record<string, unknown>;
  if (typeof record.title === "string") record.title = { text: record.title };
  for (const [key, child] of Object.entries(record)) if (titledKey.test(key)) objectTitles(child);
}

/**
 * Plotly takes typed arrays but JSON does not: turn them (and tensors' dataSync() output) into
 * arrays, and write titles the way plotly.js 3 reads them.
 */
export function plotlyJson(figure: PlotlyFigure): PlotlyFigure {
  const json = JSON.parse(
    JSON.stringify(figure, (_key, value: unknown) =>
      ArrayBuffer.isView(value) && !(value instanceof DataView) ? Array.from(value as unknown as ArrayLike<number>) : value,
    ),
  ) as PlotlyFigure;
  objectTitles(json.layout);
  for (const trace of json.data) objectTitles(trace);
  return json;
}

// The kernel sends plotly.js (its cartesian build: scatter, bar, histogram, heatmap, image; gzip +
// base64, about 0.6 MB) once per session as its own output just before the first chart; charts wait
// for that copy, so a notebook carries the library once, needs no network, and updating a chart in
// place (live progress) never drops the library.
const LOADER_SENT = Symbol.for("tsdl.kernel.plotlyLoaderSent");
type GlobalWithLoader = typeof globalThis & { [LOADER_SENT]?: boolean };
let loaderScript: string | undefined;

function plotlyLoader(): string {
  if (loaderScript === undefined) {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve("plotly.js-cartesian-dist-min"));
    const packed = gzipSync(source, { level: 6 }).toString("base64");
    loaderScript =
      `<script>if (!window.Plotly && !window.__tsdlPlotly) { window.__tsdlPlotly = (async function () {` +
      `var bytes = Uint8Array.from(atob("${packed}"), function (c) { return c.charCodeAt(0); });` +
      `var text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();` +
      `new Function("define", "module", "exports", text)(undefined, undefined, undefined);` +
      `return window.Plotly; })(); }</script>`;
  }
  return loaderScript;
}

/** Whether this kernel already sent plotly.js. */
export function plotlyLoaderSent(): boolean {
  return (globalThis as GlobalWithLoader)[LOADER_SENT] === true;
}

/** Makes the next chart send plotly.js again (the output that carried it was cleared). */
export function resetPlotlyLoader(): void {
  (globalThis as GlobalWithLoader)[LOADER_SENT] = false;
}

export function plotlyText(figure: PlotlyFigure): string {
  const types = figure.data.map((t) => String(t.type ?? "scatter"));
  const title = figure.layout?.title;
  const titleText = typeof title === "string" ? title : (title as { text?: string } | undefined)?.text;
  return `Plotly figure: ${figure.data.length} trace${figure.data.length === 1 ? "" : "s"} (${[...new Set(types)].join(", ")})${titleText ? ` · ${titleText}` : ""}`;
}

/** What stands in for the chart until plotly.js draws it: a static picture, or why there is none. */
export type PlotlyFallback = StaticChartResult;

// The picture (or the note) sits in the chart's slot and stays when scripts cannot run (an untrusted,
// reopened notebook) or plotly.js is missing; the chart's script removes it once the chart is drawn.
function fallbackHtml(fallback: PlotlyFallback, id: string, text: string): string {
  if ("image" in fallback) {
    const { dataUrl, width, height } = fallback.image;
    return `<img id="${id}-static" src="${dataUrl}" width="${width}" height="${height}" alt="${escapeHtml(text)}" style="max-width:100%;height:auto">`;
  }
  return `<pre id="${id}-static" style="color:inherit;opacity:.8;font-size:12px;white-space:pre-wrap">${escapeHtml(`${text}\nNo static picture: ${fallback.reason}. Run the cell to draw the chart.`)}</pre>`;
}

function chartHtml(figure: PlotlyFigure, id: string, fallback: PlotlyFallback, text: string): string {
  const spec = JSON.stringify(figure).replace(/</g, "\\u003c");
  return (
    `<div>${fallbackHtml(fallback, id, text)}<div id="${id}"></div></div>` +
    `<script>(function () { var el = document.getElementById("${id}"); var picture = document.getElementById("${id}-static"); var spec = ${spec};` +
    `var ready = window.Plotly ? Promise.resolve(window.Plotly) : window.__tsdlPlotly;` +
    `if (!ready) return;` +
    `ready.then(function (Plotly) { return Plotly.newPlot(el, spec.data, spec.layout || {}, Object.assign({ responsive: true }, spec.config || {})); })` +
    `.then(function () { if (picture) picture.remove(); });` +
    `})();</script>`
  );
}

function sendPlotlyLoaderOnce(): void {
  const session = currentKernelSession();
  const store = globalThis as GlobalWithLoader;
  if (!session || store[LOADER_SENT]) return;
  store[LOADER_SENT] = true;
  session.publishDisplay("display_data", {
    data: { "text/html": plotlyLoader(), "text/plain": "" },
    metadata: {},
    transient: { display_id: `tsdl-plotly-loader-${randomUUID()}` },
  });
}

/**
 * The bundle of a Plotly figure with a given stand-in (synchronous): the Plotly MIME type, HTML that
 * shows the stand-in and draws the chart when scripts run, and a text summary.
 */
export function plotlyContent(input: PlotlyFigure, fallback: PlotlyFallback): DisplayContent {
  const figure = plotlyJson(input);
  const text = plotlyText(figure);
  sendPlotlyLoaderOnce();
  const html = chartHtml(figure, `tsdl-plot-${randomUUID()}`, fallback, text);
  return { data: { [plotlyMimeType]: figure, "text/html": html, "text/plain": text }, metadata: {} };
}

/**
 * The bundle of a Plotly figure: the Plotly MIME type, HTML with a static picture of the chart
 * (readable in an untrusted notebook) that plotly.js replaces with the interactive chart, and a text
 * summary.
 */
export async function renderPlotly(input: PlotlyFigure): Promise<DisplayContent> {
  const figure = plotlyJson(input);
  return plotlyContent(figure, await plotlyToStaticChart(figure));
}

export const plotlyRenderer: Renderer = {
  name: "plotly-figure",
  test: isPlotlyFigure,
  render: (value) => renderPlotly(value as PlotlyFigure),
};

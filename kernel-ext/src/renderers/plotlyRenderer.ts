import { randomUUID } from "node:crypto";
import { escapeHtml, isDraftFigure, isPlotlyFigure, type DisplayContent, type MimeBundle, type PlotlyFigure, type Renderer } from "@tsdl/display";
import { plotlyToStaticChart, type StaticChartResult } from "../staticChart/index.js";
import { kernelWords } from "../words/kernelWords.js";

// Charts draw with the page's plotly.js or wait for the copy the notebook carries.
const chartScriptMarker = "window.Plotly ? Promise.resolve(window.Plotly) : window.__tsdlPlotly";

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

export function plotlyText(figure: PlotlyFigure): string {
  const types = figure.data.map((t) => String(t.type ?? "scatter"));
  const title = figure.layout?.title;
  const titleText = typeof title === "string" ? title : (title as { text?: string } | undefined)?.text;
  return kernelWords().plotlyFigure(figure.data.length, [...new Set(types)], titleText);
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
  return `<pre id="${id}-static" style="color:inherit;opacity:.8;font-size:12px;white-space:pre-wrap">${escapeHtml(kernelWords().noStaticPicture(text, fallback.reason))}</pre>`;
}

function chartHtml(figure: PlotlyFigure, id: string, fallback: PlotlyFallback, text: string): string {
  const spec = JSON.stringify(figure).replace(/</g, "\\u003c");
  return (
    `<div>${fallbackHtml(fallback, id, text)}<div id="${id}"></div></div>` +
    `<script>(function () { var el = document.getElementById("${id}"); var picture = document.getElementById("${id}-static"); ${specStart}${spec}${specEnd}` +
    `if (!ready) return;` +
    `ready.then(function (Plotly) { return Plotly.newPlot(el, spec.data, spec.layout || {}, Object.assign({ responsive: true }, spec.config || {})); })` +
    `.then(function () { if (picture) picture.remove(); });` +
    `})();</script>`
  );
}

const specStart = "var spec = ";
const specEnd = `;var ready = ${chartScriptMarker};`;

/** The figure a chart's bundle draws (it is stored once, in the chart's script), or undefined for other bundles. */
export function chartFigure(data: MimeBundle): PlotlyFigure | undefined {
  const html = data["text/html"];
  if (typeof html !== "string") return undefined;
  const start = html.indexOf(specStart);
  // The figure is the only data in the script, so the fixed text after it is found last.
  const end = html.lastIndexOf(specEnd);
  if (start < 0 || end < start) return undefined;
  return JSON.parse(html.slice(start + specStart.length, end)) as PlotlyFigure;
}

/** Whether a bundle draws a chart with plotly.js, which the notebook must then carry (see plotlyLibrary/). */
export function drawsPlotlyChart(data: MimeBundle): boolean {
  const html = data["text/html"];
  return typeof html === "string" && html.includes(chartScriptMarker);
}

/**
 * The bundle of a Plotly figure with a given stand-in (synchronous): HTML that shows the stand-in and
 * draws the chart when scripts run, and a text summary. The figure is stored once, in the HTML's
 * script: a second copy under the Plotly MIME type would double every chart in a saved notebook.
 */
export function plotlyContent(input: PlotlyFigure, fallback: PlotlyFallback): DisplayContent {
  const figure = plotlyJson(input);
  const text = plotlyText(figure);
  const html = chartHtml(figure, `tsdl-plot-${randomUUID()}`, fallback, text);
  return { data: { "text/html": html, "text/plain": text }, metadata: {} };
}

/**
 * The bundle of a Plotly figure: HTML with a static picture of the chart (readable in an untrusted
 * notebook) that plotly.js replaces with the interactive chart, and a text summary. A draft figure
 * (a live chart that will be replaced) gets a note instead of the costly picture.
 */
export function renderPlotly(input: PlotlyFigure): DisplayContent | Promise<DisplayContent> {
  const figure = plotlyJson(input);
  if (isDraftFigure(input)) return plotlyContent(figure, { reason: kernelWords().trainingNotFinished });
  return plotlyToStaticChart(figure).then((fallback) => plotlyContent(figure, fallback));
}

export const plotlyRenderer: Renderer = {
  name: "plotly-figure",
  test: isPlotlyFigure,
  render: (value) => renderPlotly(value as PlotlyFigure),
};

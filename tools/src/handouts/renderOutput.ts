import { chartFigure } from "@tsdl/kernel-ext/renderers";
import { ansiToHtml } from "./ansiToHtml.js";
import { escapeHtml, jsonForScriptTag } from "./escapeHtml.js";
import { renderLatex, renderMarkdown, type PageMarkdownEnv } from "./markdown.js";
import { joinSource, type MimeBundle, type MultilineString, type NotebookOutput, type StreamOutput } from "@tsdl/kernel-ext/notebook";

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** Per-page rendering state: markdown outputs share the page's heading ids; charts get unique element ids. */
export interface OutputContext {
  markdownEnv: PageMarkdownEnv;
  chartCount: number;
}

type MimeRenderer = (value: unknown, metadata: Record<string, unknown>, context: OutputContext) => string;

// Richest first, as JupyterLab orders them, except that the Plotly JSON beats its HTML fallback:
// the fallback brings its own copy of plotly.js, the page already has one.
const renderers: [string, MimeRenderer][] = [
  [PLOTLY_MIME, renderPlotly],
  ["text/html", (value) => `<div class="output-html">${text(value)}</div>`],
  ["text/markdown", (value, _metadata, context) => `<div class="output-markdown">${renderMarkdown(text(value), context.markdownEnv)}</div>`],
  ["text/latex", (value) => `<div class="output-latex">${renderLatex(text(value))}</div>`],
  ["image/svg+xml", (value, metadata) => image("image/svg+xml", Buffer.from(text(value)).toString("base64"), metadata)],
  ["image/png", (value, metadata) => image("image/png", base64(value), metadata)],
  ["image/jpeg", (value, metadata) => image("image/jpeg", base64(value), metadata)],
  ["image/gif", (value, metadata) => image("image/gif", base64(value), metadata)],
  ["text/plain", (value) => `<pre class="output-text">${ansiToHtml(text(value))}</pre>`],
];

function text(value: unknown): string {
  return joinSource(value as MultilineString);
}

function base64(value: unknown): string {
  return text(value).replace(/\s/g, "");
}

function image(mime: string, data: string, metadata: Record<string, unknown>): string {
  const size = (metadata[mime] ?? {}) as { width?: unknown; height?: unknown };
  const dimensions = ["width", "height"]
    .filter((side) => typeof size[side as "width"] === "number")
    .map((side) => ` ${side}="${size[side as "width"]}"`)
    .join("");
  return `<div class="output-image"><img src="data:${mime};base64,${data}" alt="output image"${dimensions}></div>`;
}

function renderPlotly(value: unknown, _metadata: Record<string, unknown>, context: OutputContext): string {
  const figure = (typeof value === "string" ? JSON.parse(value) : value) as { data?: unknown; layout?: unknown; config?: unknown; frames?: unknown };
  const id = `plotly-chart-${++context.chartCount}`;
  const spec = { data: figure.data ?? [], layout: figure.layout ?? {}, config: figure.config ?? {}, frames: figure.frames };
  return `<div class="output-plotly"><div class="plotly-chart" id="${id}"></div><script type="application/json" class="plotly-figure" data-target="${id}">${jsonForScriptTag(spec)}</script></div>`;
}

/**
 * An output that is only `<script>` and shows nothing, like the kernel's one-off plotly.js loader
 * (about 2 MB): the page has its own plotly.js and draws charts from their JSON, so it is left out.
 */
function isInvisibleScript(data: MimeBundle): boolean {
  const html = data["text/html"];
  if (html === undefined || data[PLOTLY_MIME] !== undefined) return false;
  return /<script/i.test(text(html)) && text(html).replace(/<script[\s\S]*?<\/script>/gi, "").trim() === "";
}

export function renderMimeBundle(data: MimeBundle, metadata: Record<string, unknown>, context: OutputContext): string {
  if (isInvisibleScript(data)) return "";
  // The tsdl kernel stores a chart's figure once, in its HTML's script: the page draws it with its own plotly.js.
  const figure = data["text/html"] !== undefined && data[PLOTLY_MIME] === undefined ? chartFigure({ "text/html": text(data["text/html"]) }) : undefined;
  if (figure !== undefined) return renderPlotly(figure, metadata, context);
  const match = renderers.find(([mime]) => data[mime] !== undefined);
  return match ? match[1](data[match[0]], metadata, context) : "";
}

/** Renders a code cell's outputs; consecutive chunks of one stream are joined as a terminal would show them. */
export function renderOutputs(outputs: NotebookOutput[], context: OutputContext): string {
  const merged: NotebookOutput[] = [];
  for (const output of outputs) {
    const previous = merged.at(-1);
    if (output.output_type === "stream" && previous?.output_type === "stream" && previous.name === output.name) {
      merged[merged.length - 1] = { ...previous, text: joinSource(previous.text) + joinSource(output.text) } satisfies StreamOutput;
    } else {
      merged.push(output);
    }
  }
  return merged.map((output) => renderOutput(output, context)).join("\n");
}

function renderOutput(output: NotebookOutput, context: OutputContext): string {
  switch (output.output_type) {
    case "stream":
      return `<pre class="output-stream output-${output.name}">${ansiToHtml(joinSource(output.text))}</pre>`;
    case "display_data":
    case "execute_result":
      return renderMimeBundle(output.data, output.metadata ?? {}, context);
    case "error": {
      const traceback = output.traceback.length > 0 ? output.traceback.join("\n") : `${output.ename}: ${output.evalue}`;
      return `<pre class="output-error" role="alert">${ansiToHtml(traceback)}</pre>`;
    }
    default:
      return `<pre class="output-text">${escapeHtml(JSON.stringify(output))}</pre>`;
  }
}

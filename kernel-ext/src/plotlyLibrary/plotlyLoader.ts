import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

let loaderHtml: string | undefined;

/**
 * plotly.js (its cartesian build: scatter, bar, histogram, heatmap, image; gzip + base64, about 0.6 MB)
 * as a script that unpacks it once per page into `window.__tsdlPlotly`, so a notebook carries the
 * library once and needs no network.
 */
export function plotlyLoader(): string {
  if (loaderHtml === undefined) {
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve("plotly.js-cartesian-dist-min"));
    const packed = gzipSync(source, { level: 6 }).toString("base64");
    loaderHtml =
      `<script>if (!window.Plotly && !window.__tsdlPlotly) { window.__tsdlPlotly = (async function () {` +
      `var bytes = Uint8Array.from(atob("${packed}"), function (c) { return c.charCodeAt(0); });` +
      `var text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();` +
      `new Function("define", "module", "exports", text)(undefined, undefined, undefined);` +
      `return window.Plotly; })(); }</script>`;
  }
  return loaderHtml;
}

import { describe, expect, it } from "vitest";
import { renderPlotly, toDisplayContent, Figure } from "@tsdl/kernel-ext";
import { renderHistory } from "../../kernel-ext/src/renderers/historyRenderer.js";
import { plotlyContent } from "../../kernel-ext/src/renderers/plotlyRenderer.js";

const bars = { data: [{ type: "bar", x: ["a", "b", "c"], y: [3, 1, 2] }], layout: { title: "Counts", width: 500, height: 300 } };

function pictureOf(html: string): { id: string; src: string; width: number; height: number } | undefined {
  const match = /<img id="([^"]+)-static" src="([^"]+)" width="(\d+)" height="(\d+)" alt="[^"]*" style="max-width:100%;height:auto">/.exec(html);
  return match ? { id: match[1]!, src: match[2]!, width: Number(match[3]), height: Number(match[4]) } : undefined;
}

describe("Plotly HTML fallback with a static picture", () => {
  it("puts an SVG picture of the chart in the chart's slot and removes it once plotly.js has drawn", async () => {
    const content = await renderPlotly(bars);
    const html = String(content.data["text/html"]);
    const picture = pictureOf(html);
    expect(picture, html.slice(0, 300)).toBeDefined();
    expect(picture!.src.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(picture!.src.length).toBeLessThanOrEqual(100_000);
    expect([picture!.width, picture!.height]).toEqual([500, 300]);
    const svg = Buffer.from(picture!.src.slice("data:image/svg+xml;base64,".length), "base64").toString("utf8");
    expect(svg).toContain("Counts");
    // picture first, then the chart's own (empty, unsized) div, in one wrapper
    expect(html.startsWith(`<div><img id="${picture!.id}-static"`)).toBe(true);
    expect(html).toContain(`<div id="${picture!.id}"></div></div><script>`);
    expect(html).not.toContain("min-height");
    expect(html).toMatch(/Plotly\.newPlot\(el, spec\.data, spec\.layout \|\| \{\}, Object\.assign\(\{ responsive: true \}.*\.then\(function \(\) \{ if \(picture\) picture\.remove\(\); \}\)/);
    // The figure is stored once, in the chart's script, not again under the Plotly MIME type.
    expect(Object.keys(content.data).sort()).toEqual(["text/html", "text/plain"]);
    expect(JSON.parse(/var spec = (\{.*?\});var ready/.exec(html)![1]!)).toEqual({ data: bars.data, layout: { title: { text: "Counts" }, width: 500, height: 300 } });
    expect(content.data["text/plain"]).toBe("Plotly figure: 1 trace (bar) · Counts");
  });

  it("says why in the same slot when a figure has no static picture", async () => {
    const content = await renderPlotly({ data: [{ type: "bar", x: ["a"] }] });
    const html = String(content.data["text/html"]);
    expect(pictureOf(html)).toBeUndefined();
    expect(html).toMatch(/^<div><pre id="(tsdl-plot-[\w-]+)-static"[^>]*>Plotly figure: 1 trace \(bar\)\nNo static picture: bar trace &#34;trace 0&#34; has no y values\. Run the cell to draw the chart\.<\/pre><div id="\1"><\/div><\/div>/);
  });

  it("keeps the picture when plotly.js is missing instead of replacing it with a message", () => {
    const html = String(plotlyContent(bars, { reason: "x" }).data["text/html"]);
    expect(html).toContain("if (!ready) return;");
    expect(html).not.toContain("textContent");
  });

  it("gives Figure displays and training histories the picture too", async () => {
    const figure = new Figure([{ type: "scatter", x: [1, 2, 3], y: [2, 4, 8] }], { title: "Growth" });
    expect(pictureOf(String((await toDisplayContent(figure)).data["text/html"]))).toBeDefined();
    const history = await renderHistory({ epoch: [0, 1], history: { loss: [0.8, 0.4], acc: [0.6, 0.9] } });
    const html = String(history.data["text/html"]);
    expect(html.indexOf("Training history: 2 epochs")).toBeLessThan(html.indexOf("<img"));
    expect(pictureOf(html)).toBeDefined();
  });
});

// The chart bundle's HTML is opened in Debian's Chromium: what a reader sees is tested, not the script's text.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { renderPlotly, toDisplayContent, Figure } from "@tsdl/kernel-ext";
import { renderHistory } from "../../kernel-ext/src/renderers/historyRenderer.js";
import { chartFigure, plotlyContent } from "../../kernel-ext/src/renderers/plotlyRenderer.js";
import { plotlyLoader } from "../../kernel-ext/src/plotlyLibrary/plotlyLoader.js";
import { launchChromium } from "../handouts/openPagesInChromium.js";

const bars = { data: [{ type: "bar", x: ["a", "b", "c"], y: [3, 1, 2] }], layout: { title: "Counts", width: 500, height: 300 } };

function pictureOf(html: string): { id: string; src: string; width: number; height: number } | undefined {
  const match = /<img id="([^"]+)-static" src="([^"]+)" width="(\d+)" height="(\d+)" alt="[^"]*" style="max-width:100%;height:auto">/.exec(html);
  return match ? { id: match[1]!, src: match[2]!, width: Number(match[3]), height: Number(match[4]) } : undefined;
}

interface Seen {
  /** The static picture: loaded (decoded) and its drawn size, or null when gone. */
  picture: { loaded: boolean; width: number; height: number } | null;
  /** Bars plotly.js drew in the chart's slot, and the chart's title there. */
  drawnBars: number;
  drawnTitle: string | null;
  /** What the stand-in says when it is text, not a picture. */
  note: string | null;
  errors: string[];
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Opens `html` as a page (scripts on or off), waits for `until`, and reports what the chart's slot shows. */
async function open(html: string, id: string, { scripts = true, until = "load" as "load" | "drawn" } = {}): Promise<Seen> {
  const context = await browser.newContext({ javaScriptEnabled: scripts });
  const page: Page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  try {
    await page.setContent(`<!doctype html><html><body>${html}</body></html>`, { waitUntil: "load" });
    if (until === "drawn") await page.waitForSelector(`[id="${id}"] .main-svg`, { timeout: 30_000 });
    // Give a pending chart script time to act (or to fail) before looking.
    await page.waitForTimeout(300);
    const seen = await page.evaluate((chartId) => {
      const standIn = document.getElementById(`${chartId}-static`);
      const img = standIn instanceof HTMLImageElement ? standIn : null;
      const slot = document.getElementById(chartId);
      return {
        picture: img ? { loaded: img.complete && img.naturalWidth > 0, width: img.width, height: img.height } : null,
        drawnBars: slot ? slot.querySelectorAll(".bars .point").length : 0,
        drawnTitle: slot?.querySelector(".gtitle")?.textContent ?? null,
        note: img ? null : standIn?.textContent ?? null,
      };
    }, id);
    return { ...seen, errors };
  } finally {
    await context.close();
  }
}

describe("Plotly HTML fallback with a static picture", () => {
  it("shows an SVG picture of the chart where scripts cannot run, and stores the figure once", async () => {
    const content = await renderPlotly(bars);
    const html = String(content.data["text/html"]);
    const picture = pictureOf(html);
    expect(picture, html.slice(0, 300)).toBeDefined();
    expect(picture!.src.startsWith("data:image/svg+xml;base64,")).toBe(true);
    expect(picture!.src.length).toBeLessThanOrEqual(100_000);
    const svg = Buffer.from(picture!.src.slice("data:image/svg+xml;base64,".length), "base64").toString("utf8");
    expect(svg).toContain("Counts");
    expect(await open(html, picture!.id, { scripts: false })).toEqual({
      picture: { loaded: true, width: 500, height: 300 }, drawnBars: 0, drawnTitle: null, note: null, errors: [],
    });
    // The figure is stored once, in the chart's script, not again under the Plotly MIME type.
    expect(Object.keys(content.data).sort()).toEqual(["text/html", "text/plain"]);
    expect(chartFigure(content.data)).toEqual({ data: bars.data, layout: { title: { text: "Counts" }, width: 500, height: 300 } });
    expect(content.data["text/plain"]).toBe("Plotly figure: 1 trace (bar) · Counts");
  }, 60_000);

  it("draws the chart with the plotly.js the notebook carries, then removes the picture", async () => {
    const html = String((await renderPlotly(bars)).data["text/html"]);
    const { id } = pictureOf(html)!;
    // As in a notebook: the kernel's loader cell comes first and unpacks plotly.js asynchronously.
    expect(await open(plotlyLoader() + html, id, { until: "drawn" })).toEqual({ picture: null, drawnBars: 3, drawnTitle: "Counts", note: null, errors: [] });
  }, 60_000);

  it("keeps the stand-in, without an error, when the page has no plotly.js", async () => {
    const html = String(plotlyContent(bars, { reason: "x" }).data["text/html"]);
    const id = /id="([^"]+)-static"/.exec(html)![1]!;
    expect(await open(html, id)).toEqual({
      picture: null, drawnBars: 0, drawnTitle: null, note: "Plotly figure: 1 trace (bar) · Counts\nNo static picture: x. Run the cell to draw the chart.", errors: [],
    });
  }, 60_000);

  it("says why in the same slot when a figure has no static picture", async () => {
    const content = await renderPlotly({ data: [{ type: "bar", x: ["a"] }] });
    const html = String(content.data["text/html"]);
    expect(pictureOf(html)).toBeUndefined();
    expect(html).toMatch(/^<div><pre id="(tsdl-plot-[\w-]+)-static"[^>]*>Plotly figure: 1 trace \(bar\)\nNo static picture: bar trace &#34;trace 0&#34; has no y values\. Run the cell to draw the chart\.<\/pre><div id="\1"><\/div><\/div>/);
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

import { parse, View } from "vega";
import { compile } from "vega-lite";
import { figureToVegaLite } from "../../../kernel-ext/src/staticChart/figureToVegaLite.js";
import type { PlotlyFigure as PlotlyFigureInput } from "@tsdl/display";

/** One drawn data item (not an axis, legend or title part) as Vega laid it out. */
export interface SceneMarkItem {
  marktype: string;
  x: number;
  y: number;
  width: number;
  height: number;
  x2: number | undefined;
  fill: string | undefined;
  text: string | undefined;
  url: string | undefined;
  datum: Record<string, unknown>;
  /** Vega's estimate of the item's extent, in the chart's coordinates. */
  bounds: { x1: number; y1: number; x2: number; y2: number } | undefined;
}

type Node = { marktype?: string; role?: string; items?: Node[] } & Record<string, unknown>;

function collect(node: Node, out: SceneMarkItem[], offsetX: number, offsetY: number): void {
  for (const item of node.items ?? []) {
    const x = offsetX + Number(item.x ?? 0);
    const y = offsetY + Number(item.y ?? 0);
    if (node.role === "mark" && node.marktype !== "group") {
      out.push({
        marktype: node.marktype!,
        x,
        y,
        width: Number(item.width ?? 0),
        height: Number(item.height ?? 0),
        x2: typeof item.x2 === "number" ? offsetX + item.x2 : undefined,
        fill: typeof item.fill === "string" ? item.fill : undefined,
        // multi-line text is an array of lines
        text: typeof item.text === "string" ? item.text : Array.isArray(item.text) ? item.text.join("\n") : undefined,
        url: typeof item.url === "string" ? item.url : undefined,
        datum: (item.datum ?? {}) as Record<string, unknown>,
        bounds: item.bounds ? (({ x1, y1, x2, y2 }) => ({ x1: x1 + offsetX, y1: y1 + offsetY, x2: x2 + offsetX, y2: y2 + offsetY }))(item.bounds as { x1: number; y1: number; x2: number; y2: number }) : undefined,
      });
    } else {
      // Group items translate their children; mark containers do not.
      const groupX = node.marktype === "group" ? x : offsetX;
      const groupY = node.marktype === "group" ? y : offsetY;
      collect(item, out, groupX, groupY);
    }
  }
}

/** The data marks Vega lays out for a figure's translation, read from the scenegraph (no SVG parsing). */
export async function sceneMarks(figure: PlotlyFigureInput, size = { width: 640, height: 400 }): Promise<SceneMarkItem[]> {
  const translation = figureToVegaLite(figure, { ...size, theme: "neutral" });
  if ("reason" in translation) throw new Error(translation.reason);
  const view = new View(parse(compile(translation.spec).spec), { renderer: "none" });
  await view.runAsync();
  const out: SceneMarkItem[] = [];
  collect((view.scenegraph() as unknown as { root: Node }).root as Node, out, 0, 0);
  view.finalize();
  return out;
}

/** The compiled Vega spec's scales, to check scale types without rendering. */
export function compiledScales(figure: PlotlyFigureInput): Record<string, unknown>[] {
  const translation = figureToVegaLite(figure, { width: 640, height: 400, theme: "neutral" });
  if ("reason" in translation) throw new Error(translation.reason);
  return (compile(translation.spec).spec.scales ?? []) as unknown as Record<string, unknown>[];
}

export function svgOf(dataUrl: string): string {
  const prefix = "data:image/svg+xml;base64,";
  if (!dataUrl.startsWith(prefix)) throw new Error(`not an SVG data URL: ${dataUrl.slice(0, 40)}`);
  return Buffer.from(dataUrl.slice(prefix.length), "base64").toString("utf8");
}

import { type DisplayContent, type Renderer } from "@tsdl/display";
import { kernelWords } from "../words/kernelWords.js";
import { padEndColumns, padStartColumns, textColumns } from "../words/textColumns.js";
import { caption, escapeHtml, htmlTable } from "./html.js";

interface WeightLike {
  shape: number[];
}

interface LayerLike {
  name: string;
  getClassName(): string;
  outputShape: unknown;
  countParams(): number;
}

/** The parts of a tfjs LayersModel (Sequential or functional) the summary reads; no weights are read. */
interface LayersModelLike {
  name: string;
  layers: LayerLike[];
  trainableWeights: WeightLike[];
  nonTrainableWeights: WeightLike[];
}

export function isLayersModel(value: unknown): value is LayersModelLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<LayersModelLike> & { summary?: unknown; predict?: unknown };
  return (
    Array.isArray(v.layers) &&
    typeof v.summary === "function" &&
    typeof v.predict === "function" &&
    Array.isArray(v.trainableWeights)
  );
}

/** Keras writes `None` for the batch dimension: `(None, 28, 28, 1)`. */
export function formatShape(shape: unknown): string {
  if (!Array.isArray(shape)) return "?";
  if (shape.length > 0 && Array.isArray(shape[0])) return shape.map(formatShape).join(", ");
  return `(${shape.map((d) => (d === null || d === undefined ? "None" : String(d))).join(", ")}${shape.length === 1 ? "," : ""})`;
}

function weightCount(weights: WeightLike[]): number {
  return weights.reduce((sum, w) => sum + w.shape.reduce((a, b) => a * b, 1), 0);
}

const thousands = (n: number) => n.toLocaleString("en-US");

export interface ModelSummaryRow {
  layer: string;
  type: string;
  outputShape: string;
  params: number;
}

/**
 * tfjs names layers it names itself `conv2d_Conv2D3` (a process-wide counter after the class);
 * Keras, which learners read about, says `conv2d`, `conv2d_1`, … within one model. Names given by
 * the user are kept.
 */
export function readableLayerNames(layers: readonly { name: string; getClassName(): string }[]): string[] {
  const seen = new Map<string, number>();
  return layers.map((layer) => {
    const className = layer.getClassName();
    const generated = /^\w+$/.test(className) ? new RegExp(`^(.+)_${className}\\d+$`).exec(layer.name) : null;
    if (!generated) return layer.name;
    const base = generated[1]!;
    const index = seen.get(base) ?? 0;
    seen.set(base, index + 1);
    return index === 0 ? base : `${base}_${index}`;
  });
}

export function modelSummary(model: LayersModelLike): { rows: ModelSummaryRow[]; total: number; trainable: number; nonTrainable: number } {
  const names = readableLayerNames(model.layers);
  const rows = model.layers.map((layer, i) => {
    let outputShape: string;
    try {
      outputShape = formatShape(layer.outputShape);
    } catch {
      outputShape = kernelWords().notBuilt;
    }
    return { layer: names[i]!, type: layer.getClassName(), outputShape, params: layer.countParams() };
  });
  const trainable = weightCount(model.trainableWeights);
  const nonTrainable = weightCount(model.nonTrainableWeights);
  return { rows, total: trainable + nonTrainable, trainable, nonTrainable };
}

export function renderLayersModel(model: LayersModelLike): DisplayContent {
  const { rows, total, trainable, nonTrainable } = modelSummary(model);
  const words = kernelWords();
  const title = words.model(model.name);
  const header = [...words.summaryHeader];
  const cells = rows.map((r) => [`${r.layer} (${r.type})`, r.outputShape, thousands(r.params)]);
  const widths = header.map((h, i) => Math.max(textColumns(h), ...cells.map((c) => textColumns(c[i]!))));
  const line = (c: string[]) => c.map((x, i) => (i === 2 ? padStartColumns(x, widths[i]!) : padEndColumns(x, widths[i]!))).join("   ");
  const rule = (ch: string) => ch.repeat(widths.reduce((a, b) => a + b, 0) + 6);
  const totals = [words.totalParams(thousands(total)), words.trainableParams(thousands(trainable)), words.nonTrainableParams(thousands(nonTrainable))];
  const text = [title, rule("_"), line(header), rule("="), ...cells.map(line), rule("="), ...totals].join("\n");
  const table = htmlTable(header.map(escapeHtml), cells.map((c) => c.map(escapeHtml)), { rowHeaders: false, align: "left" });
  const html = `${caption(title)}${table}<div style="color: inherit; font-size: 12px; margin-top: 4px; font-family: var(--jp-code-font-family, monospace);">${totals.map(escapeHtml).join("<br>")}</div>`;
  return { data: { "text/plain": text, "text/html": html } };
}

export const layersModelRenderer: Renderer = {
  name: "tfjs-layers-model",
  test: isLayersModel,
  render: (value) => renderLayersModel(value as LayersModelLike),
};

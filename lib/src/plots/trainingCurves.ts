import { type FigureOptions, type PlotlyFigure, type PlotlyTrace, figureLayout, seriesColor } from "./figure.js";
import { type NumericInput, type TensorLike, isTensorLike, numbersWithGaps } from "./values.js";

/**
 * What `model.fit` resolves to (a tf.History, whose epochs may hold scalar tensors), or a plain record:
 * metric name → one value per epoch.
 */
export type TrainingHistoryInput = { history: Record<string, readonly (number | TensorLike)[]> } | Record<string, NumericInput>;

export interface TrainingCurvesOptions extends FigureOptions {
  /** Which metrics to draw, each with its `val_` twin when present; default ["loss"]. */
  metrics?: readonly string[];
  /** Log-scale y axis; default false. */
  logY?: boolean;
}

function historyRecord(input: TrainingHistoryInput): Record<string, unknown> {
  const maybe = input as { history?: unknown };
  if (typeof maybe.history === "object" && maybe.history !== null && !Array.isArray(maybe.history) && !isTensorLike(maybe.history)) {
    return maybe.history as Record<string, unknown>;
  }
  return input as Record<string, unknown>;
}

function epochValues(where: string, name: string, values: unknown): (number | null)[] {
  if (Array.isArray(values)) {
    const numbers = values.map((v, i) => {
      if (typeof v === "number") return v;
      if (isTensorLike(v)) return Number(v.dataSync()[0]);
      throw new Error(`${where}: history.${name} must hold numbers, got ${typeof v} at epoch ${i + 1}`);
    });
    return numbersWithGaps(where, `history.${name}`, numbers);
  }
  return numbersWithGaps(where, `history.${name}`, values as NumericInput);
}

/**
 * Training and validation curves per epoch from `model.fit`'s History (or `{ loss: [...], val_loss: [...] }`):
 * each metric gets one colour, solid for training and dashed for validation.
 */
export function trainingCurves(history: TrainingHistoryInput, options: TrainingCurvesOptions = {}): PlotlyFigure {
  const where = "trainingCurves";
  const record = historyRecord(history);
  const available = Object.keys(record);
  const metrics = options.metrics ?? ["loss"];
  if (metrics.length === 0) throw new Error(`${where}: options.metrics must name at least one metric, got []`);
  const data: PlotlyTrace[] = [];
  let epochs: number | undefined;
  metrics.forEach((metric, i) => {
    const found = [metric, `val_${metric}`].filter((key) => key in record);
    if (found.length === 0) {
      throw new Error(`${where}: history has no "${metric}" or "val_${metric}"; available: [${available.join(", ")}]`);
    }
    for (const key of found) {
      const y = epochValues(where, key, record[key]);
      if (epochs !== undefined && y.length !== epochs) {
        throw new Error(`${where}: history.${key} must have ${epochs} epochs like the other curves, got ${y.length}`);
      }
      epochs = y.length;
      const validation = key.startsWith("val_");
      data.push({
        type: "scatter",
        mode: y.length < 20 ? "lines+markers" : "lines",
        name: validation ? `validation ${metric}` : `training ${metric}`,
        x: y.map((_, e) => e + 1),
        y,
        line: { color: seriesColor(i), dash: validation ? "dash" : "solid", width: 2 },
      });
    }
  });
  const yTitle = metrics.length === 1 ? metrics[0] : "value";
  const layout = figureLayout({ title: metrics.length === 1 && metrics[0] === "loss" ? "Training curves" : `Training curves: ${metrics.join(", ")}`, xTitle: "epoch", yTitle }, options);
  if (options.logY) layout.yaxis.type = "log";
  // Whole epochs only: Plotly would otherwise label a short run 1, 1.5, 2, …
  if (epochs !== undefined && epochs <= 12) layout.xaxis.dtick = 1;
  return { data, layout: { ...layout, showlegend: true } };
}

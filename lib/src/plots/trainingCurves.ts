import { baseMetric, trainingCurveFigure } from "@tsdl/display";
import { FIGURE_HEIGHT, type CourseFigure, type FigureOptions } from "./figure.js";
import { type NumericInput, type TensorLike, isTensorLike, numbersWithGaps } from "./values.js";

/**
 * What `model.fit` resolves to (a tf.History, whose epochs may hold scalar tensors), or a plain record:
 * metric name → one value per epoch.
 */
export type TrainingHistoryInput = { history: Record<string, readonly (number | TensorLike)[]> } | Record<string, NumericInput>;

export interface TrainingCurvesOptions extends Omit<FigureOptions, "xTitle" | "yTitle"> {
  /** Which metrics to draw, each with its `val_` twin when present; default every metric in the history. */
  metrics?: readonly string[];
  /** Log-scale loss axis; default false. */
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
 * Training and validation curves per epoch from `model.fit`'s History (or `{ loss: [...], val_loss: [...] }`),
 * drawn as the kernel draws a History and live progress (one picture, `trainingCurveFigure`): one colour per
 * metric, solid for training and dashed for validation, losses left and other metrics on a right axis.
 */
export function trainingCurves(history: TrainingHistoryInput, options: TrainingCurvesOptions = {}): CourseFigure {
  const where = "trainingCurves";
  const record = historyRecord(history);
  const available = Object.keys(record);
  if (available.length === 0) throw new Error(`${where}: history must log at least one metric, got none`);
  const metrics = options.metrics ?? [...new Set(available.map(baseMetric))];
  if (metrics.length === 0) throw new Error(`${where}: options.metrics must name at least one metric, got []`);
  const curves: Record<string, (number | null)[]> = {};
  let epochs: number | undefined;
  for (const key of available) {
    const y = epochValues(where, key, record[key]);
    if (epochs !== undefined && y.length !== epochs) {
      throw new Error(`${where}: history.${key} must have ${epochs} epochs like the other curves, got ${y.length}`);
    }
    epochs = y.length;
    curves[key] = y;
  }
  for (const metric of metrics) {
    if (!(metric in record) && !(`val_${metric}` in record)) {
      throw new Error(`${where}: history has no "${metric}" or "val_${metric}"; available: [${available.join(", ")}]`);
    }
  }
  const height = options.height ?? FIGURE_HEIGHT;
  if (!(height > 0)) throw new Error(`${where}: options.height must be a positive number of pixels, got ${options.height}`);
  if (options.width !== undefined && !(options.width > 0)) throw new Error(`${where}: options.width must be a positive number of pixels, got ${options.width}`);
  const figure = trainingCurveFigure(curves, { ...options, metrics, height });
  return figure as CourseFigure;
}

import type { DisplayContent } from "../display/mimeBundle.js";
import type { Renderer } from "../display/rendererRegistry.js";
import { caption } from "./html.js";
import type { PlotlyFigure, PlotlyTrace } from "./plotlyFigure.js";
import { renderPlotly } from "./plotlyRenderer.js";

/** The parts of tfjs's `History` (the result of `model.fit`) the renderer reads. */
interface HistoryLike {
  epoch: number[];
  history: Record<string, Array<number | { dataSync(): ArrayLike<number> }>>;
}

export function isTrainingHistory(value: unknown): value is HistoryLike {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Partial<HistoryLike>;
  return (
    Array.isArray(v.epoch) &&
    typeof v.history === "object" &&
    v.history !== null &&
    Object.values(v.history).every(Array.isArray)
  );
}

function metricValue(v: number | { dataSync(): ArrayLike<number> }): number {
  return typeof v === "number" ? v : Number(v.dataSync()[0]);
}

export function formatMetric(value: number): string {
  return Math.abs(value) >= 1e-3 || value === 0 ? value.toFixed(4) : value.toExponential(3);
}

/** Loss curves on the left axis, other metrics (accuracy…) on the right, one point per epoch. */
export function historyFigure(history: HistoryLike, title = "Training history"): PlotlyFigure {
  const epochs = history.epoch.map((e) => e + 1);
  const names = Object.keys(history.history);
  const hasMetrics = names.some((n) => !n.includes("loss"));
  const data: PlotlyTrace[] = names.map((name) => ({
    type: "scatter",
    mode: "lines+markers",
    name,
    x: epochs,
    y: history.history[name]!.map(metricValue),
    yaxis: name.includes("loss") ? "y" : "y2",
    line: name.startsWith("val_") ? { dash: "dash" } : {},
  }));
  return {
    data,
    layout: {
      title: { text: title },
      height: 360,
      xaxis: { title: { text: "epoch" }, dtick: epochs.length <= 20 ? 1 : undefined },
      yaxis: { title: { text: "loss" } },
      ...(hasMetrics ? { yaxis2: { title: { text: "metric" }, overlaying: "y", side: "right" } } : {}),
      legend: { orientation: "h", y: -0.25 },
      margin: { t: 48, r: 56 },
    },
  };
}

export function historySummary(history: HistoryLike): string {
  const finals = Object.entries(history.history)
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => `${name} ${formatMetric(metricValue(values.at(-1)!))}`);
  return `Training history: ${history.epoch.length} epoch${history.epoch.length === 1 ? "" : "s"}; final ${finals.join(", ")}`;
}

export async function renderHistory(history: HistoryLike): Promise<DisplayContent> {
  const content = await renderPlotly(historyFigure(history));
  const summary = historySummary(history);
  // JupyterLab shows text/html, so the final values go above the chart as well.
  return {
    ...content,
    data: { ...content.data, "text/html": `${caption(summary)}${String(content.data["text/html"])}`, "text/plain": summary },
  };
}

export const historyRenderer: Renderer = {
  name: "tfjs-history",
  test: isTrainingHistory,
  render: (value) => renderHistory(value as HistoryLike),
};

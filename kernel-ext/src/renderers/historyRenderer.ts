import { formatMetric, trainingCurveFigure, type DisplayContent, type Renderer } from "@tsdl/display";
import { caption } from "./html.js";
import { renderPlotly } from "./plotlyRenderer.js";
import { kernelWords } from "../words/kernelWords.js";

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

/** Each logged metric per epoch as numbers (tfjs may log scalar tensors); non-finite values become gaps. */
export function historyCurves(history: HistoryLike): Record<string, (number | null)[]> {
  return Object.fromEntries(
    Object.entries(history.history).map(([name, values]) => [name, values.map(metricValue).map((v) => (Number.isFinite(v) ? v : null))]),
  );
}

export function historySummary(history: HistoryLike): string {
  const finals = Object.entries(history.history)
    .filter(([, values]) => values.length > 0)
    .map(([name, values]) => `${name} ${formatMetric(metricValue(values.at(-1)!))}`);
  return kernelWords().historySummary(history.epoch.length, finals);
}

export async function renderHistory(history: HistoryLike): Promise<DisplayContent> {
  const content = await renderPlotly(trainingCurveFigure(historyCurves(history), { title: kernelWords().trainingHistory }));
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

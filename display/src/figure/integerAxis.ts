import type { PlotlyAxis } from "./plotlyFigure.js";

const niceSteps = [1, 2, 5];

/**
 * Ticks for an axis of whole numbers (epochs) from 1 to `count`: whole steps of 1, 2, 5, 10, 20, …
 * with at most about 10 ticks, so Plotly never labels 0.5, 1.5, ….
 */
export function integerAxis(count: number): Pick<PlotlyAxis, "tick0" | "dtick" | "tickformat"> {
  let step = 1;
  for (let scale = 1; ; scale *= 10) {
    const found = niceSteps.map((s) => s * scale).find((s) => count / s <= 10);
    if (found !== undefined) {
      step = found;
      break;
    }
  }
  return { tick0: 1, dtick: step, tickformat: "d" };
}

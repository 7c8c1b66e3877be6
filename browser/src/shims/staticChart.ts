// The kernel's renderers draw a static picture of each chart (Vega, for notebooks whose scripts do not
// run); a live page draws the chart itself with plotly.js, so the worker carries no Vega.
export type StaticChartResult = { reason: string };

export async function plotlyToStaticChart(): Promise<StaticChartResult> {
  return { reason: "the page draws this chart with plotly.js" };
}

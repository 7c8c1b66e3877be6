/**
 * The one series palette of every tsdl chart: Plotly's default colourway (D3 category10), mid-tone
 * colours that read on white and on near-black. Fixed here so a series keeps its colour across charts
 * (live progress, the History display, trainingCurves) and in static pictures.
 */
export const SERIES_COLORS: readonly string[] = [
  "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
  "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf",
];

export function seriesColor(index: number): string {
  return SERIES_COLORS[((index % SERIES_COLORS.length) + SERIES_COLORS.length) % SERIES_COLORS.length]!;
}

import { SERIES_COLORS } from "@tsdl/display";
import type { Config } from "vega-lite";

export type ChartTheme = "light" | "dark" | "neutral";

interface ThemeInk {
  text: string;
  grid: string;
  gridOpacity: number;
}

// The picture sits on JupyterLab's own background, so it stays transparent; "neutral" is a grey that
// reads on both themes for the common case where the kernel cannot know the learner's theme.
const inks: Record<ChartTheme, ThemeInk> = {
  light: { text: "#444444", grid: "#dddddd", gridOpacity: 1 },
  dark: { text: "#cccccc", grid: "#444444", gridOpacity: 1 },
  neutral: { text: "#888888", grid: "#888888", gridOpacity: 0.35 },
};

export function vegaLiteConfig(theme: ChartTheme): Config {
  const ink = inks[theme];
  return {
    background: "transparent",
    font: "sans-serif",
    aria: false,
    view: { stroke: null },
    title: { color: ink.text, fontSize: 14, fontWeight: "normal", anchor: "start" },
    axis: {
      labelColor: ink.text,
      titleColor: ink.text,
      domainColor: ink.text,
      tickColor: ink.text,
      gridColor: ink.grid,
      gridOpacity: ink.gridOpacity,
      titleFontWeight: "normal",
      labelFontSize: 11,
      titleFontSize: 12,
    },
    legend: { labelColor: ink.text, titleColor: ink.text, titleFontWeight: "normal", labelLimit: 0 },
    text: { color: ink.text },
  };
}

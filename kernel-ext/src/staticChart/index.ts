export {
  plotlyToStaticChart,
  plotlyToStaticImage,
  staticImageBudgetBytes,
  type StaticChartImage,
  type StaticChartResult,
  type StaticImageOptions,
} from "./plotlyToStaticImage.js";
export type { PlotlyFigureInput } from "./plotlyFigure.js";

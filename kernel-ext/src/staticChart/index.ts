/**
 * Static pictures of Plotly figures for notebooks whose scripts will not run (JupyterLab sanitises a
 * reopened notebook's HTML). Put `<img src="${image.dataUrl}">` in the chart's HTML fallback next to
 * the chart's own div, and let the chart's script remove the picture once `Plotly.newPlot` resolves.
 */
export {
  plotlyToStaticChart,
  plotlyToStaticImage,
  staticImageBudgetBytes,
  type StaticChartImage,
  type StaticChartResult,
  type StaticImageOptions,
} from "./plotlyToStaticImage.js";

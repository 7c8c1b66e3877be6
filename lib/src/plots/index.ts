export { activationPlot, type ActivationPlotOptions, type VectorFunction } from "./activationPlot.js";
export { barChart, type BarChartOptions, type BarSeries } from "./barChart.js";
export { confusionMatrixPlot, type ConfusionMatrixPlotOptions } from "./confusionMatrixPlot.js";
export {
  FIGURE_HEIGHT,
  type CourseFigure,
  type CourseLayout,
  FIGURE_MARGIN,
  SERIES_COLORS,
  figureLayout,
  seriesColor,
  type FigureOptions,
  type PlotlyAnnotation,
  type PlotlyAxis,
  type PlotlyDash,
  type PlotlyFigure,
  type PlotlyLayout,
  type PlotlyTrace,
  type PlotlyTraceType,
} from "./figure.js";
export { heatmap, type HeatmapOptions } from "./heatmap.js";
export { histogram, type HistogramOptions, type HistogramSeries } from "./histogram.js";
export { ImageGrid, imageGrid, type ImageBatch, type ImageGridOptions, type ImageGridTile } from "./imageGrid.js";
export { linePlot, type LinePlotOptions, type LineSeries } from "./linePlot.js";
export { fitPowerLaw, logLogPlot, type LogLogPlotOptions, type LogLogSeries, type PowerLawFit } from "./logLogPlot.js";
export { rocCurvePlot, type RocCurveInput } from "./rocCurvePlot.js";
export { scatterPlot, type ScatterPlotOptions, type ScatterSeries } from "./scatterPlot.js";
export { trainingCurves, type TrainingCurvesOptions, type TrainingHistoryInput } from "./trainingCurves.js";

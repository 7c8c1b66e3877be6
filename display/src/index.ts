// The display protocol: what notebook code and libraries call, and what the kernel installs behind it.
export { display, type DisplayHandle, type DisplayOptions } from "./protocol/display.js";
export { toDisplayContent } from "./protocol/toDisplayContent.js";
export { registerRenderer, type Renderer } from "./protocol/rendererRegistry.js";
export { holdNextCell, releaseHeldCells } from "./protocol/holdNextCell.js";
export {
  currentKernelSession,
  installKernelSession,
  KernelInterruptError,
  type KernelSession,
} from "./protocol/kernelSession.js";
export {
  defaultDisplayBudgetBytes,
  jupyterDisplaySymbol,
  plainText,
  type DisplayContent,
  type MimeBundle,
} from "./protocol/mimeBundle.js";
export { escapeHtml } from "./protocol/escapeHtml.js";

// Figures: one type, one palette, one training-curve picture.
export {
  Figure,
  draftFigure,
  isDraftFigure,
  isPlotlyFigure,
  type PlotlyAnnotation,
  type PlotlyAxis,
  type PlotlyDash,
  type PlotlyFigure,
  type PlotlyLayout,
  type PlotlyTrace,
  type PlotlyTraceType,
} from "./figure/plotlyFigure.js";
export { SERIES_COLORS, seriesColor } from "./figure/palette.js";
export { integerAxis } from "./figure/integerAxis.js";
export { baseMetric, trainingCurveFigure, type EpochCurves, type TrainingCurveOptions } from "./figure/trainingCurveFigure.js";

// Live training progress.
export { liveProgress, type LiveProgressCallbacks, type LiveProgressOptions } from "./progress/liveProgress.js";
export { formatDuration, formatMetric, progressBar } from "./progress/format.js";
export type { EarlyStop } from "./progress/trainingRun.js";

// The language of the words display and lib choose (English unless a notebook imports `@tsdl/lib/zh`).
export { currentLanguage, LANGUAGES, setLanguage, wordsFor, type Language } from "./words/language.js";
export { DISPLAY_WORDS, displayWords, type DisplayWords } from "./words/displayWords.js";

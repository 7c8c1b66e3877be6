import "./renderers/registerBuiltinRenderers.js";

export { holdNextCell, releaseHeldCells } from "./display/holdNextCell.js";
export { display, type DisplayHandle, type DisplayOptions } from "./display/display.js";
export { toDisplayContent } from "./display/toDisplayContent.js";
export { currentKernelSession, KernelInterruptError, type KernelSession } from "./display/kernelSession.js";
export { registerRenderer, type Renderer } from "./display/rendererRegistry.js";
export {
  defaultDisplayBudgetBytes,
  jupyterDisplaySymbol,
  type DisplayContent,
  type MimeBundle,
} from "./display/mimeBundle.js";
export { Figure, isPlotlyFigure, type PlotlyFigure, type PlotlyTrace } from "./renderers/plotlyFigure.js";
export { plotlyMimeType, renderPlotly } from "./renderers/plotlyRenderer.js";
export { renderTensor } from "./renderers/tensorRenderer.js";
export { renderFrame } from "./renderers/dataFrameRenderer.js";
export { renderLayersModel, modelSummary } from "./renderers/layersModelRenderer.js";
export { renderHistory, historyFigure } from "./renderers/historyRenderer.js";
export { liveProgress, type LiveProgressCallbacks, type LiveProgressOptions } from "./progress/liveProgress.js";
export * from "./client/index.js";

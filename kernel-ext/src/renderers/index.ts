import "./registerBuiltinRenderers.js";

export { chartFigure, plotlyJson, renderPlotly } from "./plotlyRenderer.js";
export { renderTensor } from "./tensorRenderer.js";
export { renderFrame } from "./dataFrameRenderer.js";
export { renderLayersModel, modelSummary } from "./layersModelRenderer.js";
export { historyCurves, renderHistory } from "./historyRenderer.js";

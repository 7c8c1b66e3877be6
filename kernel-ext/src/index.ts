// What notebook code imports: the display API of @tsdl/display, with the kernel's built-in renderers
// registered. The Jupyter client is `@tsdl/kernel-ext/client`, the static pictures `@tsdl/kernel-ext/static-chart`.
export * from "./renderers/index.js";
export {
  display,
  Figure,
  holdNextCell,
  isPlotlyFigure,
  liveProgress,
  registerRenderer,
  releaseHeldCells,
  toDisplayContent,
  currentKernelSession,
  defaultDisplayBudgetBytes,
  jupyterDisplaySymbol,
  KernelInterruptError,
  type DisplayContent,
  type DisplayHandle,
  type DisplayOptions,
  type KernelSession,
  type LiveProgressCallbacks,
  type LiveProgressOptions,
  type MimeBundle,
  type PlotlyFigure,
  type PlotlyTrace,
  type Renderer,
} from "@tsdl/display";

export { KernelClient, launcherPath } from "./kernelClient.js";
export type { ExecuteOptions, ExecuteReplyContent, ExecutionResult, StartKernelOptions } from "./kernelClient.js";
export type { JupyterMessage, MessageHeader } from "./jupyterMessage.js";
export type { NotebookOutput } from "./nbformatOutputs.js";
export { writeConnectionFile, type ConnectionInfo } from "./connectionFile.js";
export { cellSource, executeNotebook } from "./executeNotebook.js";
export type { CellReport, ExecuteNotebookOptions, Notebook, NotebookCell } from "./executeNotebook.js";

export { KernelClient, launcherPath } from "./kernelClient.js";
export type { ExecuteOptions, ExecuteReplyContent, ExecutionResult, StartKernelOptions } from "./kernelClient.js";
export type { JupyterMessage, MessageHeader } from "./jupyterMessage.js";
export { writeConnectionFile, type ConnectionInfo } from "./connectionFile.js";
export { executeNotebook, type CellReport, type ExecuteNotebookOptions } from "./executeNotebook.js";
export { cellSource, parseNotebook, type Notebook, type NotebookCell, type NotebookOutput } from "./notebook.js";

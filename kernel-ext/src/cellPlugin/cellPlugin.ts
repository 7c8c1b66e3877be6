/** Sends one iopub message (type and content) as a child of the request being executed. */
export type Publish = (msgType: string, content: Record<string, unknown>) => void;

/** The cell about to run, as the front end named it (JupyterLab sends ids; the classic Notebook does not). */
export interface CellStart {
  code: string;
  cellId: string | undefined;
  deletedCells: readonly string[];
}

/**
 * Something the kernel does around every cell without the cell runner knowing what it is for
 * (such as keeping plotly.js in the notebook).
 */
export interface CellPlugin {
  cellStarting?(cell: CellStart): void;
  /** Sees every iopub output of the cell before it goes out and may publish outputs of its own first. */
  beforeOutput?(msgType: string, content: Record<string, unknown>, publish: Publish): void;
}

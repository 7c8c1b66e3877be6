import { randomUUID } from "node:crypto";
import type { CellPlugin, CellStart, Publish } from "../cellPlugin/cellPlugin.js";
import { drawsPlotlyChart } from "../renderers/plotlyRenderer.js";
import { plotlyLoader } from "./plotlyLoader.js";

const chartOutputs = new Set(["display_data", "update_display_data", "execute_result"]);

/**
 * Keeps plotly.js in the notebook: it goes out once, as its own output just before the first chart,
 * in the cell that drew it (the carrier). When the carrier runs again or is deleted its outputs, and
 * the library with them, leave the notebook, so the next chart carries the library again. JupyterLab
 * names cells (`metadata.cellId`, `deletedCells`); the classic Notebook does not, so there a cell
 * with the carrier's exact source counts as the carrier.
 */
export class PlotlyInNotebook implements CellPlugin {
  private sent = false;
  private carrier: CellStart | undefined;
  private current: CellStart | undefined;

  cellStarting(cell: CellStart): void {
    this.current = cell;
    const carrier = this.carrier;
    if (carrier === undefined) return;
    const rerun = cell.cellId !== undefined && carrier.cellId !== undefined ? cell.cellId === carrier.cellId : cell.code === carrier.code;
    const deleted = carrier.cellId !== undefined && cell.deletedCells.includes(carrier.cellId);
    if (rerun || deleted) {
      this.sent = false;
      this.carrier = undefined;
    }
  }

  beforeOutput(msgType: string, content: Record<string, unknown>, publish: Publish): void {
    if (this.sent || !chartOutputs.has(msgType)) return;
    const data = content.data;
    if (typeof data !== "object" || data === null || !drawsPlotlyChart(data as Record<string, unknown>)) return;
    this.sent = true;
    this.carrier = this.current;
    publish("display_data", {
      data: { "text/html": plotlyLoader(), "text/plain": "" },
      metadata: {},
      transient: { display_id: `tsdl-plotly-loader-${randomUUID()}` },
    });
  }
}

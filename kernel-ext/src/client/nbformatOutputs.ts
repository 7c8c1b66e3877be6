import type { OutputMetadata } from "@jupyterlab/nbformat";
import type { JupyterMessage } from "./jupyterMessage.js";
import { joinSource, type DisplayDataOutput, type ExecuteResultOutput, type MimeBundle, type NotebookOutput } from "./notebook.js";

type RichOutput = DisplayDataOutput | ExecuteResultOutput;

/**
 * Turns iopub messages into nbformat outputs the way nbclient does: consecutive stream text is
 * joined, `clear_output` clears, and `update_display_data` rewrites every earlier output with the
 * same display id (also in earlier cells, when the same collector is shared).
 */
export class OutputCollector {
  private readonly byDisplayId = new Map<string, RichOutput[]>();
  private clearPending = false;

  add(outputs: NotebookOutput[], message: JupyterMessage): void {
    const content = message.content;
    const type = message.header.msg_type;
    if (type === "clear_output") {
      if (content.wait === true) this.clearPending = true;
      else outputs.length = 0;
      return;
    }
    if (type === "update_display_data") {
      const id = (content.transient as { display_id?: string } | undefined)?.display_id;
      for (const output of (id && this.byDisplayId.get(id)) || []) {
        output.data = content.data as MimeBundle;
        output.metadata = (content.metadata as OutputMetadata) ?? {};
      }
      return;
    }
    const output = this.toOutput(message);
    if (!output) return;
    if (this.clearPending) {
      outputs.length = 0;
      this.clearPending = false;
    }
    const last = outputs.at(-1);
    if (output.output_type === "stream" && last?.output_type === "stream" && last.name === output.name) {
      last.text = joinSource(last.text) + joinSource(output.text);
      return;
    }
    outputs.push(output);
    const id = (content.transient as { display_id?: string } | undefined)?.display_id;
    if (id && output.output_type === "display_data") {
      const list = this.byDisplayId.get(id) ?? [];
      list.push(output);
      this.byDisplayId.set(id, list);
    }
  }

  private toOutput(message: JupyterMessage): NotebookOutput | undefined {
    const c = message.content;
    switch (message.header.msg_type) {
      case "stream":
        return { output_type: "stream", name: c.name as "stdout" | "stderr", text: String(c.text) };
      case "display_data":
        return {
          output_type: "display_data",
          data: c.data as MimeBundle,
          metadata: (c.metadata as OutputMetadata) ?? {},
        };
      case "execute_result":
        return {
          output_type: "execute_result",
          execution_count: (c.execution_count as number) ?? null,
          data: c.data as MimeBundle,
          metadata: (c.metadata as OutputMetadata) ?? {},
        };
      case "error":
        return {
          output_type: "error",
          ename: String(c.ename),
          evalue: String(c.evalue),
          traceback: (c.traceback as string[]) ?? [],
        };
      default:
        return undefined;
    }
  }
}

import { createRequire } from "node:module";
import type { ConnectionInfo } from "../client/connectionFile.js";
import type { HistoryRequest } from "./cellHistory.js";
import type { CellRunner, ExecuteMetadata, ExecuteRequest } from "./cellRunner.js";
import { learnerCompletions } from "./completion.js";
import { inspectionBundle } from "./inspection.js";
import type { RequestHandler } from "./kernelServer.js";
import { isCompleteCode, tslabVersions } from "./tslabAdapter.js";

const packageVersion = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

/**
 * The kernel's `language_info`. `version` is TypeScript's major.minor, the language version that
 * notebooks save: a patch release of the compiler must not make every saved notebook differ from
 * the running kernel (front ends mark the notebook modified when they do).
 */
export const languageInfo = {
  name: "typescript",
  version: tslabVersions.typescript.split(".").slice(0, 2).join("."),
  mimetype: "text/typescript",
  file_extension: ".ts",
  // JupyterLab reads `mode`; the classic Notebook highlights with `name` and `typescript`.
  codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
};

const ok = (msgType: string, content: Record<string, unknown> = {}) => ({ msgType, content: { status: "ok", ...content } });

/** One handler per request type of the Jupyter messaging spec (5.3), each answering with its own reply type. */
export function shellRequests(cells: CellRunner, connection: ConnectionInfo): Record<string, RequestHandler> {
  return {
    kernel_info_request: () =>
      ok("kernel_info_reply", {
        protocol_version: "5.3",
        implementation: "tsdl",
        implementation_version: packageVersion,
        language_info: languageInfo,
        banner: `TypeScript ${tslabVersions.typescript} (tsdl kernel on tslab ${tslabVersions.tslab}, Node ${tslabVersions.node})`,
        help_links: [{ text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" }],
      }),
    execute_request: async (request, publish) => ({
      msgType: "execute_reply",
      content: { ...(await cells.execute(request.content as unknown as ExecuteRequest, publish, request.metadata as ExecuteMetadata)) },
    }),
    complete_request: (request) => {
      const { code, cursor_pos: cursor } = request.content as { code: string; cursor_pos: number };
      const info = cells.executor.complete(code, cursor);
      return ok("complete_reply", { matches: learnerCompletions(code, info, cursor), cursor_start: info.start, cursor_end: info.end, metadata: {} });
    },
    inspect_request: (request) => {
      const { code, cursor_pos: cursor } = request.content as { code: string; cursor_pos: number };
      const info = cells.executor.inspect(code, cursor);
      return ok("inspect_reply", info ? { found: true, data: inspectionBundle(info), metadata: {} } : { found: false, data: {}, metadata: {} });
    },
    is_complete_request: (request) => {
      const result = isCompleteCode((request.content as { code: string }).code);
      return ok("is_complete_reply", result.completed ? { status: "complete" } : { status: "incomplete", indent: result.indent ?? "" });
    },
    history_request: (request) => ok("history_reply", { history: cells.history.reply(request.content as HistoryRequest) }),
    // No comm targets: widgets are not supported, so the answer is an empty set, as the spec allows.
    comm_info_request: () => ok("comm_info_reply", { comms: {} }),
    comm_open: (request, publish) => {
      // ipykernel's answer to a comm whose target does not exist: close it at once.
      publish("comm_close", { comm_id: (request.content as { comm_id: string }).comm_id, data: {} });
      return undefined;
    },
    comm_msg: () => undefined,
    comm_close: () => undefined,
    connect_request: () =>
      ok("connect_reply", {
        shell_port: connection.shell_port,
        iopub_port: connection.iopub_port,
        stdin_port: connection.stdin_port,
        control_port: connection.control_port,
        hb_port: connection.hb_port,
      }),
    interrupt_request: () => {
      cells.interrupt();
      return ok("interrupt_reply");
    },
    shutdown_request: (request) => ok("shutdown_reply", { restart: (request.content as { restart?: boolean }).restart === true }),
    // The kernelspec says `debugger: false`; a front end that asks anyway gets a DAP error response.
    debug_request: (request) => ({
      msgType: "debug_reply",
      content: { type: "response", request_seq: (request.content as { seq?: number }).seq ?? 0, success: false, command: (request.content as { command?: string }).command ?? "", message: "the tsdl kernel has no debugger" },
    }),
  };
}

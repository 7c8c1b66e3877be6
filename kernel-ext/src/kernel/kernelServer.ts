import { createRequire } from "node:module";
import { versions } from "tslab";
import { JupyterHandlerImpl, ZmqServer } from "tslab/dist/jupyter.js";
import type { CellRunner, ExecuteMetadata, ExecuteRequest } from "./cellRunner.js";
import { queueSends } from "./queueSends.js";

const packageVersion = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

type ZmqMessage = Parameters<ZmqServer["handleExecute"]>[1];

/**
 * tslab's ZeroMQ server with execution replaced by `CellRunner`, which needs iopub message types
 * (`execute_input`, `execute_result`, `error`) that tslab's handler cannot send.
 */
export class KernelServer extends ZmqServer {
  constructor(
    private readonly cells: CellRunner,
    configPath: string,
  ) {
    super(new JupyterHandlerImpl(cells.executor, false), configPath);
  }

  override async init(): Promise<void> {
    await super.init();
    // tslab's receive loops already hold the raw shell and control sockets; replies use these fields.
    this.iopub = queueSends(this.iopub);
    this.shell = queueSends(this.shell);
    this.control = queueSends(this.control);
    this.stdin = queueSends(this.stdin);
  }

  override async handleExecute(sock: unknown, msg: ZmqMessage): Promise<void> {
    const publish = (msgType: string, content: Record<string, unknown>) => {
      const message = msg.createReply();
      message.header.msg_type = msgType;
      message.content = content;
      message.signAndSend(this.connInfo.key, this.iopub);
    };
    const content = await this.cells.execute(msg.content as ExecuteRequest, publish, msg.metadata as ExecuteMetadata);
    const reply = msg.createReply();
    reply.header.msg_type = "execute_reply";
    reply.content = content;
    reply.signAndSend(this.connInfo.key, sock);
  }

  override handleKernelInfo(sock: unknown, msg: ZmqMessage): void {
    const reply = msg.createReply();
    reply.header.msg_type = "kernel_info_reply";
    const info = this.handler.handleKernel();
    // The protocol requires `status`, which tslab's reply leaves out; tslab reports TypeScript 3.7.2.
    reply.content = {
      status: "ok",
      ...info,
      implementation: "tsdl",
      implementation_version: packageVersion,
      language_info: { ...info.language_info, version: versions.typescript },
      banner: `TypeScript ${versions.typescript} (tsdl kernel on tslab ${versions.tslab}, Node ${versions.node})`,
    };
    reply.signAndSend(this.connInfo.key, sock);
  }

  override close(): void {
    super.close();
    // Timers or worker threads started by notebook code must not keep a shut-down kernel alive.
    setTimeout(() => process.exit(0), 200).unref();
  }
}

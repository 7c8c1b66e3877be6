import { randomUUID } from "node:crypto";
import * as zmq from "zeromq";
import type { Publish } from "../cellPlugin/cellPlugin.js";
import type { ConnectionInfo } from "../client/connectionFile.js";
import { decodeMessage, encodeMessage, type JupyterMessage } from "../client/jupyterMessage.js";
import { queueSends } from "./queueSends.js";

export type { Publish };

export interface Reply {
  msgType: string;
  content: Record<string, unknown>;
}

/** Answers one shell or control request; `publish` sends iopub messages as its children. */
export type RequestHandler = (request: JupyterMessage, publish: Publish) => Reply | undefined | Promise<Reply | undefined>;

const delimiter = "<IDS|MSG>";

/**
 * The kernel's side of the Jupyter wire protocol on ZeroMQ (shell, control, iopub, stdin,
 * heartbeat): signed messages in, each request answered by its handler between `busy` and `idle`
 * status messages. Requests are handled as they arrive, so completion answers while a cell runs;
 * cells queue in the cell runner.
 */
export class KernelServer {
  private readonly session = randomUUID();
  private readonly iopub = queueSends(new zmq.Publisher());
  private readonly shell = queueSends(new zmq.Router());
  private readonly control = queueSends(new zmq.Router());
  private readonly stdin = queueSends(new zmq.Router());
  private readonly heartbeat = new zmq.Reply();
  private readonly log = process.stderr.write.bind(process.stderr);

  private constructor(
    private readonly connection: ConnectionInfo,
    private readonly handlers: Record<string, RequestHandler>,
    private readonly onShutdown: () => void,
  ) {}

  static async start(connection: ConnectionInfo, handlers: Record<string, RequestHandler>, onShutdown: () => void): Promise<KernelServer> {
    const server = new KernelServer(connection, handlers, onShutdown);
    await server.bind();
    return server;
  }

  private async bind(): Promise<void> {
    const { transport, ip } = this.connection;
    const address = (port: number) => `${transport}://${ip}:${port}`;
    await Promise.all([
      this.iopub.bind(address(this.connection.iopub_port)),
      this.shell.bind(address(this.connection.shell_port)),
      this.control.bind(address(this.connection.control_port)),
      this.stdin.bind(address(this.connection.stdin_port)),
      this.heartbeat.bind(address(this.connection.hb_port)),
    ]);
    void this.receive(this.shell);
    void this.receive(this.control);
    void this.echoHeartbeats();
  }

  private async echoHeartbeats(): Promise<void> {
    for await (const frames of this.heartbeat) await this.heartbeat.send(frames);
  }

  private async receive(socket: zmq.Router): Promise<void> {
    for await (const frames of socket) {
      let request: JupyterMessage;
      try {
        request = decodeMessage(this.connection.key, frames);
      } catch (error) {
        this.log(`tsdl kernel: dropped a message: ${(error as Error).message}\n`);
        continue;
      }
      const identities = frames.slice(0, frames.findIndex((f) => f.toString() === delimiter));
      void this.answer(socket, identities, request);
    }
  }

  private async answer(socket: zmq.Router, identities: Buffer[], request: JupyterMessage): Promise<void> {
    const type = request.header.msg_type;
    const publish: Publish = (msgType, content) => void this.send(this.iopub, [Buffer.from(msgType)], this.child(request, msgType, content));
    publish("status", { execution_state: "busy" });
    try {
      const handler = this.handlers[type];
      if (!handler) {
        this.log(`tsdl kernel: no handler for ${type}\n`);
        return;
      }
      const reply = await handler(request, publish);
      if (reply) await this.send(socket, identities, this.child(request, reply.msgType, reply.content));
    } catch (error) {
      this.log(`tsdl kernel: ${type} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    } finally {
      publish("status", { execution_state: "idle" });
    }
    if (type === "shutdown_request") this.close();
  }

  private child(parent: JupyterMessage, msgType: string, content: Record<string, unknown>): JupyterMessage {
    return {
      header: { msg_id: randomUUID(), msg_type: msgType, session: this.session, username: "tsdl", date: new Date().toISOString(), version: "5.3" },
      parent_header: parent.header,
      metadata: {},
      content,
    };
  }

  private async send(socket: { send(frames: Array<string | Buffer>): Promise<void> }, prefix: Buffer[], message: JupyterMessage): Promise<void> {
    await socket.send([...prefix, ...encodeMessage(this.connection.key, message)]);
  }

  close(): void {
    this.onShutdown();
    for (const socket of [this.iopub, this.shell, this.control, this.stdin, this.heartbeat]) socket.close();
    // Timers or worker threads started by notebook code must not keep a shut-down kernel alive.
    setTimeout(() => process.exit(0), 200).unref();
  }
}

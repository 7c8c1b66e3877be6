import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type * as zmq from "zeromq";
import { writeConnectionFile, type ConnectionInfo } from "./connectionFile.js";
import { decodeMessage, encodeMessage, newMessage, type JupyterMessage } from "./jupyterMessage.js";
import { OutputCollector } from "./nbformatOutputs.js";
import type { NotebookOutput } from "./notebook.js";

/** The tsdl kernel launcher in this package (built). */
export const launcherPath = fileURLToPath(new URL("../kernel/launch.js", import.meta.url));

export interface StartKernelOptions {
  /** The kernelspec argv; `{connection_file}` is replaced. Default: this Node running the tsdl launcher. */
  argv?: string[];
  /** The kernel's working directory (notebook code resolves imports and files from it). Default: process.cwd(). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the kernel to answer `kernel_info_request`. Default 60 s. */
  startTimeoutMs?: number;
}

export interface ExecuteOptions {
  /** Abort requests already queued behind this one if it fails (the protocol's `stop_on_error`). Default true. */
  stopOnError?: boolean;
  silent?: boolean;
  storeHistory?: boolean;
  /** Interrupt the cell after this long and reject if it still does not finish. Default: no limit. */
  timeoutMs?: number;
  /** Called with every iopub message of this request as it arrives. */
  onMessage?: (message: JupyterMessage) => void;
  /** The request's metadata, e.g. JupyterLab's `{ cellId }`. */
  metadata?: Record<string, unknown>;
}

export interface ExecuteReplyContent {
  status: "ok" | "error" | "aborted";
  execution_count: number | null;
  ename?: string;
  evalue?: string;
  traceback?: string[];
  [key: string]: unknown;
}

export interface ExecutionResult {
  reply: ExecuteReplyContent;
  /** The iopub messages of this request in order, without `status` messages. */
  messages: JupyterMessage[];
  /** The same as nbformat 4 outputs (streams joined, display updates applied). */
  outputs: NotebookOutput[];
  /** True when `timeoutMs` passed and the cell had to be interrupted. */
  timedOut: boolean;
}

interface Pending {
  reply?: JupyterMessage;
  idle: boolean;
  onIopub(message: JupyterMessage): void;
  settle(): void;
}

const encoder = new TextEncoder();

/**
 * A Jupyter client that starts a kernel process and talks to it over ZeroMQ (shell, control,
 * iopub) with HMAC-signed messages. Used by the kernel's tests, the notebook runner and tools.
 */
export class KernelClient {
  readonly session = randomUUID();
  private readonly pending = new Map<string, Pending>();
  private stderrTail = "";
  private exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  private closed = false;
  /** Output bookkeeping shared across requests, so display updates reach earlier cells. */
  readonly collector = new OutputCollector();
  kernelInfo: Record<string, unknown> = {};

  private constructor(
    readonly process: ChildProcess,
    readonly connection: ConnectionInfo,
    private readonly directory: string,
    private readonly shell: zmq.Dealer,
    private readonly control: zmq.Dealer,
    private readonly iopub: zmq.Subscriber,
  ) {
    process.stderr?.on("data", (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-4000);
    });
    process.stdout?.on("data", () => undefined);
    process.on("exit", (code, signal) => {
      this.exited = { code, signal };
      for (const pending of this.pending.values()) pending.settle();
    });
    void this.readReplies(shell);
    void this.readReplies(control);
    void this.readIopub();
  }

  /** Starts a kernel and resolves once it answers `kernel_info_request` and iopub is connected. */
  static async start(options: StartKernelOptions = {}): Promise<KernelClient> {
    const directory = await mkdtemp(path.join(tmpdir(), "tsdl-kernel-"));
    const connectionPath = path.join(directory, "connection.json");
    const connection = await writeConnectionFile(connectionPath);
    const argv = (options.argv ?? [process.execPath, launcherPath, "{connection_file}"]).map((a) =>
      a.replaceAll("{connection_file}", connectionPath),
    );
    if (argv.length === 0) throw new Error("KernelClient.start: options.argv must not be empty");
    const child = spawn(argv[0]!, argv.slice(1), {
      cwd: options.cwd ?? process.cwd(),
      env: options.env ?? process.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    // zeromq is a native addon: loaded only when a client starts, not by every import of this package.
    const { Dealer, Subscriber } = await import("zeromq");
    const url = (port: number) => `tcp://${connection.ip}:${port}`;
    const shell = new Dealer({ routingId: `shell-${randomUUID()}` });
    const control = new Dealer({ routingId: `control-${randomUUID()}` });
    const iopub = new Subscriber();
    shell.connect(url(connection.shell_port));
    control.connect(url(connection.control_port));
    iopub.connect(url(connection.iopub_port));
    iopub.subscribe();
    const client = new KernelClient(child, connection, directory, shell, control, iopub);
    try {
      await client.waitUntilReady(options.startTimeoutMs ?? 60_000);
    } catch (error) {
      await client.shutdown();
      throw error;
    }
    return client;
  }

  /** The last 4 kB the kernel wrote to stderr, for error messages. */
  get stderr(): string {
    return this.stderrTail;
  }

  private async waitUntilReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    // iopub subscriptions take a moment to reach the kernel: ask until a status message comes back.
    for (;;) {
      if (this.exited) throw new Error(`the kernel exited (${JSON.stringify(this.exited)}) during start-up:\n${this.stderrTail}`);
      if (Date.now() > deadline) throw new Error(`the kernel did not answer within ${timeoutMs} ms:\n${this.stderrTail}`);
      let sawIopub = false;
      const request = newMessage(this.session, "kernel_info_request", {});
      const reply = await this.send(this.shell, request, { onIopub: () => (sawIopub = true) }, 1000).catch(() => undefined);
      if (reply && sawIopub) {
        this.kernelInfo = reply.content;
        return;
      }
    }
  }

  private send(
    socket: zmq.Dealer,
    message: JupyterMessage,
    handlers: { onIopub?: (m: JupyterMessage) => void } = {},
    timeoutMs?: number,
  ): Promise<JupyterMessage> {
    return new Promise<JupyterMessage>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const id = message.header.msg_id;
      const entry: Pending = {
        idle: false,
        onIopub: (m) => {
          if (m.header.msg_type === "status" && m.content.execution_state === "idle") entry.idle = true;
          handlers.onIopub?.(m);
          entry.settle();
        },
        settle: () => {
          if (entry.reply && entry.idle) {
            clearTimeout(timer);
            this.pending.delete(id);
            resolve(entry.reply);
          } else if (this.exited || this.closed) {
            clearTimeout(timer);
            this.pending.delete(id);
            reject(new Error(`the kernel ${this.closed ? "was shut down" : `exited (${JSON.stringify(this.exited)})`} before answering ${message.header.msg_type}:\n${this.stderrTail}`));
          }
        },
      };
      if (timeoutMs !== undefined) {
        timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error(`no reply to ${message.header.msg_type} within ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.pending.set(id, entry);
      socket.send(encodeMessage(this.connection.key, message).map((f) => encoder.encode(f))).catch(reject);
    });
  }

  /** A message that fails to parse or verify is reported and skipped, never fatal to the client. */
  private decode(frames: Buffer[]): JupyterMessage | undefined {
    try {
      return decodeMessage(this.connection.key, frames);
    } catch (error) {
      process.emitWarning(`KernelClient: ignored a message from the kernel: ${(error as Error).message}`);
      return undefined;
    }
  }

  private async readReplies(socket: zmq.Dealer): Promise<void> {
    try {
      for await (const frames of socket) {
        const message = this.decode(frames);
        if (!message) continue;
        const entry = this.pending.get(message.parent_header.msg_id ?? "");
        if (entry) {
          entry.reply = message;
          entry.settle();
        }
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  private async readIopub(): Promise<void> {
    try {
      for await (const frames of this.iopub) {
        const message = this.decode(frames);
        if (!message) continue;
        this.pending.get(message.parent_header.msg_id ?? "")?.onIopub(message);
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  /**
   * Sends any request on the shell (or control) channel and resolves with the reply once the
   * kernel is idle again, e.g. `request("complete_request", { code, cursor_pos })`.
   */
  request(msgType: string, content: Record<string, unknown>, channel: "shell" | "control" = "shell"): Promise<JupyterMessage> {
    return this.send(channel === "shell" ? this.shell : this.control, newMessage(this.session, msgType, content));
  }

  /** Runs `code` and collects its iopub outputs until the kernel is idle and has replied. */
  async execute(code: string, options: ExecuteOptions = {}): Promise<ExecutionResult> {
    const message = newMessage(this.session, "execute_request", {
      code,
      silent: options.silent ?? false,
      store_history: options.storeHistory ?? !(options.silent ?? false),
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: options.stopOnError ?? true,
    });
    message.metadata = options.metadata ?? {};
    const messages: JupyterMessage[] = [];
    const outputs: NotebookOutput[] = [];
    const replied = this.send(this.shell, message, {
      onIopub: (m) => {
        if (m.header.msg_type === "status") return;
        messages.push(m);
        this.collector.add(outputs, m);
        options.onMessage?.(m);
      },
    });
    let timedOut = false;
    let reply: JupyterMessage;
    if (options.timeoutMs === undefined) {
      reply = await replied;
    } else {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<"timeout">((resolve) => {
        timer = setTimeout(() => resolve("timeout"), options.timeoutMs);
      });
      const first = await Promise.race([replied, timeout]);
      clearTimeout(timer);
      if (first === "timeout") {
        timedOut = true;
        this.interrupt();
        const grace = new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error(`the cell did not stop within 10 s of an interrupt after its ${options.timeoutMs} ms timeout`)), 10_000).unref(),
        );
        reply = await Promise.race([replied, grace]);
      } else {
        reply = first;
      }
    }
    return { reply: reply.content as ExecuteReplyContent, messages, outputs, timedOut };
  }

  /** Interrupts the running cell (SIGINT, the kernelspec's default `interrupt_mode: signal`). */
  interrupt(): void {
    if (!this.exited) this.process.kill("SIGINT");
  }

  /** Asks the kernel to shut down, kills it if it does not exit within 5 s, and closes the sockets. */
  async shutdown(): Promise<void> {
    if (!this.exited) {
      const exited = new Promise<void>((resolve) => {
        this.process.once("exit", () => resolve());
        if (this.exited) resolve();
      });
      await this.send(this.control, newMessage(this.session, "shutdown_request", { restart: false }), {}, 3000).catch(() => undefined);
      const killer = setTimeout(() => this.process.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(killer);
    }
    this.closed = true;
    for (const pending of this.pending.values()) pending.settle();
    this.shell.close();
    this.control.close();
    this.iopub.close();
    await rm(this.directory, { recursive: true, force: true });
  }
}

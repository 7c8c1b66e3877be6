import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import { gradingDist } from "../repoPaths.js";
import type { BridgeReply, BridgeRequest, BridgeSettings } from "./bridgeMessages.js";

// Extra wait beyond the sandbox time limit before concluding the bridge itself is stuck.
const BRIDGE_SLACK_MS = 150_000;

/**
 * Blocking calls into the learner's sandbox: the calling thread waits on a shared flag while the
 * bridge worker talks to the sandbox process, so exercise functions stay synchronous in tests.
 */
export class SyncBridge {
  private readonly worker: Worker;
  private readonly port: MessagePort;
  private readonly flag: Int32Array;
  readonly settings: BridgeSettings;

  constructor(options: { memoryMb: number; cacheDir?: string; tempRoot?: string; registryDir?: string }) {
    const script = path.join(gradingDist, "bridge", "bridgeWorker.js");
    if (!existsSync(script)) {
      throw new Error(`Grading needs the compiled tools (${script} is missing); run \`npm run build\` first`);
    }
    const tempDir = mkdtempSync(path.join(options.tempRoot ?? os.tmpdir(), "tsdl-sandbox-"));
    this.settings = { tempDir, memoryMb: options.memoryMb, cacheDir: options.cacheDir, registryDir: options.registryDir };
    const signal = new SharedArrayBuffer(4);
    this.flag = new Int32Array(signal);
    const channel = new MessageChannel();
    this.port = channel.port1;
    this.worker = new Worker(script, {
      workerData: { port: channel.port2, signal, settings: this.settings },
      transferList: [channel.port2],
    });
    this.worker.unref();
    process.once("exit", () => rmSync(tempDir, { recursive: true, force: true }));
  }

  request(request: BridgeRequest): BridgeReply {
    Atomics.store(this.flag, 0, 0);
    this.port.postMessage(request);
    Atomics.wait(this.flag, 0, 0, request.timeoutMs + BRIDGE_SLACK_MS);
    let received;
    try {
      received = receiveMessageOnPort(this.port);
    } catch (error) {
      return { ok: false, kind: "value", message: `the exercise's value cannot be passed to the test: ${(error as Error).message}` };
    }
    if (!received) {
      return { ok: false, kind: "crash", message: "the grading bridge did not answer in time" };
    }
    return received.message as BridgeReply;
  }
}

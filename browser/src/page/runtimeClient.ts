import type { DataFileTransfer, PageToWorker, WorkerToPage } from "../worker/messages.js";
import { liveGlobal, loadScript, scriptBase } from "./liveGlobal.js";
import { pageLanguage, pageWords } from "./pageWords.js";

export type CellEvent = Exclude<WorkerToPage, { type: "ready" | "fatal" }>;

interface Pending {
  onEvent(event: CellEvent): void;
  resolve(status: "ok" | "error" | "interrupted" | "restarted"): void;
}

function base64Bytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** How long a stopped cell may take to notice before the worker is restarted (and its state lost). */
const STOP_GRACE_MS = 3000;

/**
 * The page's side of the runtime: starts the worker on first use (from a Blob URL: file:// pages may
 * not start workers from files), hands it the wasm module and the checksummed data sets, and runs cells
 * one at a time.
 */
export class RuntimeClient {
  private worker: Worker | undefined;
  private starting: Promise<Worker> | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextCell = 0;
  backend = "";
  backendReason = "";
  onStatus: (text: string) => void = () => undefined;

  private async start(): Promise<Worker> {
    const base = scriptBase();
    this.onStatus(pageWords.loading);
    const live = liveGlobal();
    await Promise.all([
      live.workerSource ? undefined : loadScript(`${base}worker.js`),
      live.wasmBase64 ? undefined : loadScript(`${base}wasm.js`),
      ...(live.data ? [] : (live.dataFiles ?? []).map((file) => loadScript(`${base}${file}`))),
    ]);
    const source = live.workerSource;
    if (!source || !live.wasmBase64) throw new Error(pageWords.scriptsMissing);
    const worker = new Worker(URL.createObjectURL(new Blob([source], { type: "text/javascript" })));
    const data: DataFileTransfer[] = (live.data ?? []).map((file) => ({ path: file.path, sha256: file.sha256, gzipped: file.gzipped, bytes: base64Bytes(file.base64) }));
    await new Promise<void>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<WorkerToPage>) => {
        const message = event.data;
        if (message.type === "ready") {
          this.backend = message.backend;
          this.backendReason = message.reason;
          resolve();
        } else if (message.type === "fatal") reject(new Error(message.message));
      };
      worker.onerror = (event) => reject(new Error(event.message || pageWords.workerFailed));
      const start: PageToWorker = { type: "start", wasm: base64Bytes(live.wasmBase64!), data, env: live.env ?? {}, language: pageLanguage };
      worker.postMessage(start);
    });
    worker.onmessage = (event: MessageEvent<WorkerToPage>) => this.dispatch(event.data);
    this.onStatus(pageWords.ready(this.backend));
    this.worker = worker;
    return worker;
  }

  private dispatch(message: WorkerToPage): void {
    if (message.type === "ready" || message.type === "fatal") return;
    const pending = this.pending.get(message.cell);
    if (!pending) return;
    pending.onEvent(message);
    if (message.type === "done") {
      this.pending.delete(message.cell);
      pending.resolve(message.status);
    }
  }

  /** Starts the runtime ahead of the first Run (the page calls it when the learner reaches for a cell). */
  warmUp(): void {
    this.starting ??= this.start();
    this.starting.catch(() => (this.starting = undefined));
  }

  /** Runs `code`; `onEvent` sees its outputs as they come. */
  async run(code: string, onEvent: (event: CellEvent) => void): Promise<"ok" | "error" | "interrupted" | "restarted"> {
    this.starting ??= this.start();
    let worker: Worker;
    try {
      worker = await this.starting;
    } catch (error) {
      this.starting = undefined;
      throw error;
    }
    const cell = this.nextCell++;
    return new Promise((resolve) => {
      this.pending.set(cell, { onEvent, resolve });
      const message: PageToWorker = { type: "run", cell, code };
      worker.postMessage(message);
    });
  }

  /** Stops the running cell between two awaits, as the kernel's interrupt does; restarts the worker if it does not stop. */
  stop(): void {
    const worker = this.worker;
    if (!worker) return;
    worker.postMessage({ type: "interrupt" } satisfies PageToWorker);
    const waiting = [...this.pending.keys()];
    setTimeout(() => {
      if (this.worker !== worker || !waiting.some((cell) => this.pending.has(cell))) return;
      worker.terminate();
      this.worker = undefined;
      this.starting = undefined;
      for (const [, pending] of this.pending) pending.resolve("restarted");
      this.pending.clear();
      this.onStatus(pageWords.runtimeRestarted);
    }, STOP_GRACE_MS);
  }

  get busy(): boolean {
    return this.pending.size > 0;
  }
}

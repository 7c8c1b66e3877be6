import { readFrames, writeFrame } from "../protocol/frames.js";
import type { SandboxReply, SandboxRequest } from "../protocol/messages.js";
import { killSandbox, OFF_HEAP_MB, sandboxIsolation, spawnSandbox, type SpawnedSandbox } from "./sandboxProcess.js";
import { recordSandbox } from "./sandboxRegistry.js";
import { type FeedbackLanguage, SANDBOX_MESSAGES } from "./sandboxMessages.js";

/** Why a request into the sandbox did not get an answer from learner code. */
export interface SandboxFailure {
  ok: false;
  kind: "timeout" | "crash" | "memory";
  message: string;
}

export type SandboxPayload = SandboxRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

export interface SupervisorSettings {
  tempDir: string;
  memoryMb: number;
  /** Where each started sandbox is recorded for the grader's final sweep (see sandboxRegistry.ts). */
  registryDir?: string;
}

interface RunningSandbox extends SpawnedSandbox {
  generation: number;
  pending: Map<number, (reply: SandboxReply | SandboxFailure) => void>;
  stderr: string;
  protocolError?: string;
  timedOut: boolean;
  exited: boolean;
}

const STDERR_TAIL = 8 * 1024;
// Starting Node is trusted work: on a loaded machine it must not eat the learner's time limit.
const START_TIMEOUT_MS = 60_000;
const OUT_OF_MEMORY = /heap out of memory|Reached heap limit|Allocation failed|out of memory|Array buffer allocation failed/i;

/**
 * Runs one learner's sandbox process and stops it when it misbehaves: every request has a time
 * limit, a sandbox that overruns it, breaks the channel or runs out of memory is killed with its
 * whole process group, and the next request starts a fresh one (a new `generation`).
 */
export class SandboxSupervisor {
  private sandbox: RunningSandbox | undefined;
  private nextId = 1;
  generation = 0;
  /** Why the previous sandbox ended, for messages about objects that died with it. */
  lastFailure = "";
  /** The language of the learner being graded: what this says reaches their feedback. */
  language: FeedbackLanguage = "en";

  constructor(private readonly settings: SupervisorSettings) {}

  get running(): boolean {
    return this.sandbox !== undefined && !this.sandbox.exited;
  }

  close(): void {
    if (this.sandbox) this.retire(this.sandbox);
  }

  /** Starts a sandbox if none is running and waits until it answers. */
  async ensureStarted(): Promise<{ ok: true } | SandboxFailure> {
    if (this.running) return { ok: true };
    const reply = await this.send({ op: "ping" }, START_TIMEOUT_MS);
    if (!reply.ok) return { ok: false, kind: "crash", message: this.say.didNotStart("kind" in reply ? reply.message : reply.error.message) };
    return { ok: true };
  }

  send(payload: SandboxPayload, timeoutMs: number): Promise<SandboxReply | SandboxFailure> {
    const sandbox = this.running ? this.sandbox! : this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sandbox.pending.delete(id);
        this.lastFailure = this.say.callDidNotFinish(timeoutMs);
        sandbox.timedOut = true;
        this.retire(sandbox);
        resolve({ ok: false, kind: "timeout", message: this.say.timedOut(timeoutMs) });
      }, timeoutMs);
      sandbox.pending.set(id, (reply) => {
        clearTimeout(timer);
        if (!reply.ok && !("kind" in reply) && reply.error.name === "RangeError" && OUT_OF_MEMORY.test(reply.error.message)) {
          // The memory is still held by the learner's code; a fresh sandbox starts from nothing.
          this.lastFailure = this.outOfMemory();
          this.retire(sandbox);
          resolve({ ok: false, kind: "memory", message: this.lastFailure });
          return;
        }
        resolve(reply);
      });
      writeFrame(sandbox.channel, { ...payload, id });
    });
  }

  private outOfMemory(): string {
    return this.say.outOfMemory(this.settings.memoryMb, sandboxIsolation().memoryCap ? OFF_HEAP_MB : undefined);
  }

  private get say() {
    return SANDBOX_MESSAGES[this.language];
  }

  private start(): RunningSandbox {
    this.generation += 1;
    const spawned = spawnSandbox(this.settings.tempDir, { memoryMb: this.settings.memoryMb });
    const sandbox: RunningSandbox = { ...spawned, generation: this.generation, pending: new Map(), stderr: "", timedOut: false, exited: false };
    if (this.settings.registryDir && spawned.child.pid !== undefined) recordSandbox(this.settings.registryDir, spawned.child.pid);
    spawned.child.stderr?.on("data", (chunk: Buffer) => {
      sandbox.stderr = (sandbox.stderr + chunk.toString("utf8")).slice(-STDERR_TAIL);
    });
    readFrames(
      spawned.channel,
      (message) => {
        const reply = message as SandboxReply;
        const resolve = sandbox.pending.get(reply?.id);
        if (!resolve) return;
        sandbox.pending.delete(reply.id);
        resolve(reply);
      },
      (reason) => {
        sandbox.protocolError = reason;
        this.retire(sandbox);
      },
    );
    spawned.channel.on("error", () => undefined);
    spawned.child.on("error", () => undefined);
    // Nothing of the sandbox outlives its leader: it cannot start processes, and in a PID namespace
    // the kernel ends the namespace with it. So no group kill here, where the group id may be reused.
    spawned.child.on("exit", (code, signal) => {
      sandbox.exited = true;
      const failure = this.crashReason(sandbox, code, signal);
      if (!sandbox.timedOut) this.lastFailure = failure.message;
      for (const resolve of sandbox.pending.values()) resolve(failure);
      sandbox.pending.clear();
      if (this.sandbox === sandbox) this.sandbox = undefined;
    });
    this.sandbox = sandbox;
    return sandbox;
  }

  // A killed process reports its exit later; no request may reach it in between.
  private retire(sandbox: RunningSandbox): void {
    sandbox.exited = true;
    if (this.sandbox === sandbox) this.sandbox = undefined;
    killSandbox(sandbox.child);
  }

  private crashReason(sandbox: RunningSandbox, code: number | null, signal: string | null): SandboxFailure {
    if (sandbox.protocolError) return { ok: false, kind: "crash", message: this.say.brokeChannel(sandbox.protocolError) };
    if (OUT_OF_MEMORY.test(sandbox.stderr)) return { ok: false, kind: "memory", message: this.outOfMemory() };
    if (code !== null) return { ok: false, kind: "crash", message: this.say.exitCode(code) };
    return { ok: false, kind: "crash", message: this.say.killedBy(signal) };
  }
}

import { writeFileSync } from "node:fs";
import path from "node:path";
import { findExerciseCell } from "../notebook/findExerciseCell.js";
import { cellSource, NotebookError, readNotebook } from "../notebook/readNotebook.js";
import { compileCell, exerciseCellLabel } from "../notebook/compileCell.js";
import { readFrames, writeFrame } from "../protocol/frames.js";
import type { SandboxReply, SandboxRequest } from "../protocol/messages.js";
import { spawnSandbox, type SpawnedSandbox } from "../sandbox/sandboxProcess.js";
import { type BridgeReply, type BridgeRequest, type BridgeSettings, exerciseKey, type Failure, type Success } from "./bridgeMessages.js";
import { findNotebookFile } from "./findNotebookFile.js";

/** After this many timeouts or crashes, an exercise's remaining calls fail at once. */
const MAX_STRIKES = 2;
const STDERR_TAIL = 8 * 1024;
// Loading @tsdl/lib (TensorFlow.js and friends) is trusted work that can take seconds on a busy machine.
const LIBRARY_TIMEOUT_MS = 120_000;
// Starting Node is trusted work too: on a loaded machine it must not eat the learner's time limit.
const SANDBOX_START_TIMEOUT_MS = 60_000;

interface ExerciseState {
  key: string;
  label: string;
  file?: string;
  usesLib: boolean;
  imports: string[];
  loadedIn?: number;
  strikes: number;
  broken?: Failure;
}

interface RunningSandbox extends SpawnedSandbox {
  generation: number;
  pending: Map<number, (reply: SandboxReply | Failure) => void>;
  stderr: string;
  protocolError?: string;
  timedOut: boolean;
  exited: boolean;
}

type SandboxPayload = SandboxRequest extends infer R ? (R extends { id: number } ? Omit<R, "id"> : never) : never;

const LIBRARY_PACKAGES = /^(@tsdl\/lib|@tensorflow\/)/;

/**
 * Owns one learner's sandbox process: compiles exercise cells, loads them into the sandbox,
 * forwards calls with a time limit, and restarts the sandbox after a crash or timeout.
 */
export class ExerciseHost {
  private readonly exercises = new Map<string, ExerciseState>();
  private sandbox: RunningSandbox | undefined;
  private generation = 0;
  private nextId = 1;
  private nextModule = 1;
  private lastFailure = "";

  constructor(
    private readonly settings: BridgeSettings,
    private readonly resolvePackage: (specifier: string) => string,
  ) {}

  async handle(request: BridgeRequest): Promise<BridgeReply> {
    switch (request.op) {
      case "load":
        return this.load(request.notebooksDir, request.notebook, request.exercise, request.timeoutMs);
      case "call":
        return this.run(request.key, { op: "call", target: request.target, thisRef: request.thisRef, args: request.args, construct: request.construct }, request.generation, request.timeoutMs);
      case "get":
        return this.run(request.key, { op: "get", thisRef: request.thisRef, name: request.name }, request.generation, request.timeoutMs);
    }
  }

  close(): void {
    this.sandbox?.child.kill("SIGKILL");
  }

  private async load(notebooksDir: string, notebook: string, exercise: string, timeoutMs: number): Promise<BridgeReply> {
    const key = exerciseKey(notebook, exercise);
    const state: ExerciseState = { key, label: `Exercise "${exercise}" (${notebook})`, usesLib: false, imports: [], strikes: 0 };
    this.exercises.set(key, state);
    try {
      const file = findNotebookFile(notebooksDir, notebook);
      const cell = findExerciseCell(readNotebook(file), exercise, notebook);
      const compiled = await compileCell(cellSource(cell), exerciseCellLabel(exercise, notebook), this.resolvePackage, this.settings.cacheDir);
      if (!compiled.ok) throw new NotebookError(compiled.message);
      state.imports = compiled.imports;
      state.usesLib = compiled.imports.some((specifier) => LIBRARY_PACKAGES.test(specifier));
      state.file = path.join(this.settings.tempDir, `exercise-${this.nextModule++}.mjs`);
      writeFileSync(state.file, compiled.code);
    } catch (error) {
      if (!(error instanceof NotebookError)) throw error;
      state.broken = { ok: false, kind: "load", message: error.message };
      return state.broken;
    }
    const loaded = await this.ensureLoaded(state, timeoutMs);
    if (!loaded.ok) return loaded;
    return { ...loaded, imports: state.imports };
  }

  private async ensureLoaded(state: ExerciseState, timeoutMs: number): Promise<Success | Failure> {
    if (state.broken) return state.broken;
    const started = await this.ensureStarted();
    if (!started.ok) return this.fail(state, started, "while starting its sandbox");
    if (state.usesLib) {
      const prepared = await this.send({ op: "prepare-lib" }, LIBRARY_TIMEOUT_MS);
      if (!prepared.ok) return this.fail(state, prepared, "while loading @tsdl/lib");
    }
    const reply = await this.send({ op: "load", exercise: state.key, file: state.file!, usesLib: state.usesLib }, timeoutMs);
    if (!reply.ok) {
      // Module evaluation is deterministic: failing once means failing every time.
      state.broken = this.describe(state, reply, "while loading");
      return state.broken;
    }
    state.loadedIn = this.generation;
    return { ok: true, value: reply.value, generation: this.generation };
  }

  private async run(key: string, payload: SandboxPayload, generation: number | undefined, timeoutMs: number): Promise<BridgeReply> {
    const state = this.exercises.get(key);
    if (!state) return { ok: false, kind: "load", message: `exercise ${key} was never loaded` };
    if (state.broken) return state.broken;
    // Handles belong to one sandbox process; once it is gone (or replaced) so are they.
    if (generation !== undefined && (generation !== this.generation || !this.sandbox)) {
      return { ok: false, kind: "lost", message: `${state.label}: this object was created before the exercise sandbox restarted (${this.lastFailure}), so it no longer exists` };
    }
    if (state.loadedIn !== this.generation || !this.sandbox) {
      const loaded = await this.ensureLoaded(state, timeoutMs);
      if (!loaded.ok) return loaded;
    }
    const reply = await this.send(payload, timeoutMs);
    if (reply.ok) return { ok: true, value: reply.value, thisFields: reply.thisFields, generation: this.generation };
    if ("kind" in reply) return this.fail(state, reply, "");
    return { ok: false, kind: "thrown", errorName: reply.error.name, message: reply.error.message };
  }

  private fail(state: ExerciseState, failure: Failure | SandboxReply, context: string): Failure {
    const described = this.describe(state, failure, context);
    if (described.kind === "timeout" || described.kind === "crash") {
      state.strikes += 1;
      if (state.strikes >= MAX_STRIKES) {
        state.broken = { ...described, message: `${described.message}; gave up on this exercise after ${MAX_STRIKES} timeouts or crashes` };
      }
    }
    return state.broken ?? described;
  }

  private describe(state: ExerciseState, failure: Failure | SandboxReply, context: string): Failure {
    const where = context ? ` ${context}` : "";
    if ("kind" in failure) return { ...failure, message: `${state.label}${where}: ${failure.message}` };
    if (failure.ok) throw new Error("describe() called with a successful reply");
    return { ok: false, kind: "load", message: `${state.label} threw${where}: ${failure.error.name}: ${failure.error.message}` };
  }

  private start(): RunningSandbox {
    this.generation += 1;
    const spawned = spawnSandbox(this.settings.tempDir, { memoryMb: this.settings.memoryMb });
    const sandbox: RunningSandbox = { ...spawned, generation: this.generation, pending: new Map(), stderr: "", timedOut: false, exited: false };
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
    spawned.child.on("exit", (code, signal) => {
      sandbox.exited = true;
      const failure: Failure = { ok: false, kind: "crash", message: this.crashReason(sandbox, code, signal) };
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
    sandbox.child.kill("SIGKILL");
  }

  private crashReason(sandbox: RunningSandbox, code: number | null, signal: string | null): string {
    if (sandbox.protocolError) return `the exercise code broke the grading channel: it ${sandbox.protocolError}`;
    if (/heap out of memory|Reached heap limit|Allocation failed/i.test(sandbox.stderr)) {
      return `ran out of memory (the limit is ${this.settings.memoryMb} MB)`;
    }
    if (code !== null) return `the process ended with exit code ${code} (exercise code must not call process.exit)`;
    return `the process was killed by ${signal}`;
  }

  /** Starts a sandbox if none is running and waits until it answers. */
  private async ensureStarted(): Promise<Success | Failure> {
    if (this.sandbox && !this.sandbox.exited) return { ok: true, value: null, generation: this.generation };
    const reply = await this.send({ op: "ping" }, SANDBOX_START_TIMEOUT_MS);
    if ("kind" in reply) return { ...reply, kind: "crash", message: `the sandbox process did not start: ${reply.message}` };
    return { ok: true, value: null, generation: this.generation };
  }

  private send(payload: SandboxPayload, timeoutMs: number): Promise<SandboxReply | Failure> {
    const sandbox = this.sandbox && !this.sandbox.exited ? this.sandbox : this.start();
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        sandbox.pending.delete(id);
        this.lastFailure = `a call did not finish within ${timeoutMs} ms`;
        sandbox.timedOut = true;
        this.retire(sandbox);
        resolve({ ok: false, kind: "timeout", message: `did not finish within ${timeoutMs} ms (an endless loop?)` });
      }, timeoutMs);
      sandbox.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      writeFrame(sandbox.channel, { ...payload, id });
    });
  }
}

import { writeFileSync } from "node:fs";
import path from "node:path";
import { CellCompiler } from "../notebook/cellCompiler.js";
import { NotebookError } from "../notebook/readNotebook.js";
import { findNotebookFile, readSubmissionFile } from "../notebook/submissionFiles.js";
import type { SandboxReply } from "../protocol/messages.js";
import { type SandboxFailure, type SandboxPayload, SandboxSupervisor } from "../sandbox/sandboxSupervisor.js";
import { SANDBOX_MESSAGES } from "../sandbox/sandboxMessages.js";
import { type BridgeReply, type BridgeRequest, type BridgeSettings, exerciseKey, type Failure, type Success } from "./bridgeMessages.js";

/** After this many timeouts or crashes, an exercise's remaining calls fail at once. */
const MAX_STRIKES = 2;
// Loading @tsdl/lib (TensorFlow.js and friends) is trusted work that can take seconds on a busy machine.
const LIBRARY_TIMEOUT_MS = 120_000;

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

const LIBRARY_PACKAGES = /^(@tsdl\/lib|@tensorflow\/)/;

/**
 * Serves one learner's exercises: reads and compiles their cells (in a compile worker with limits),
 * loads them into the learner's sandbox and forwards calls; the sandbox itself, its time limits and
 * restarts belong to the SandboxSupervisor.
 */
export class ExerciseHost {
  private readonly exercises = new Map<string, ExerciseState>();
  private readonly supervisor: SandboxSupervisor;
  private readonly compiler: CellCompiler;
  private nextModule = 1;

  constructor(private readonly settings: BridgeSettings) {
    this.supervisor = new SandboxSupervisor({ tempDir: settings.tempDir, memoryMb: settings.memoryMb, registryDir: settings.registryDir });
    this.compiler = new CellCompiler(settings.cacheDir);
  }

  async handle(request: BridgeRequest): Promise<BridgeReply> {
    this.supervisor.language = request.language;
    switch (request.op) {
      case "load":
        return this.load(request.notebooksDir, request.notebook, request.exercise, request.timeoutMs);
      case "call":
        return this.run(request.key, { op: "call", target: request.target, thisRef: request.thisRef, args: request.args, construct: request.construct }, request.generation, request.timeoutMs);
      case "get":
        return this.run(request.key, { op: "get", thisRef: request.thisRef, name: request.name }, request.generation, request.timeoutMs);
    }
  }

  private get say() {
    return SANDBOX_MESSAGES[this.supervisor.language];
  }

  close(): void {
    this.supervisor.close();
    this.compiler.close();
  }

  private async load(notebooksDir: string, notebook: string, exercise: string, timeoutMs: number): Promise<BridgeReply> {
    const key = exerciseKey(notebook, exercise);
    const state: ExerciseState = { key, label: this.say.exercise(exercise, notebook), usesLib: false, imports: [], strikes: 0 };
    this.exercises.set(key, state);
    try {
      const bytes = readSubmissionFile(notebooksDir, findNotebookFile(notebooksDir, notebook));
      const compiled = (await this.compiler.compile(bytes, notebook, [exercise]))[exercise]!;
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
    const started = await this.supervisor.ensureStarted();
    if (!started.ok) return this.fail(state, started, this.say.whileStarting);
    if (state.usesLib) {
      const prepared = await this.supervisor.send({ op: "prepare-lib" }, LIBRARY_TIMEOUT_MS);
      if (!prepared.ok) return this.fail(state, prepared, this.say.whileLoadingLib);
    }
    const reply = await this.supervisor.send({ op: "load", exercise: state.key, file: state.file!, usesLib: state.usesLib }, timeoutMs);
    if (!reply.ok) {
      // Module evaluation is deterministic: failing once means failing every time.
      state.broken = { ...this.describe(state, reply, this.say.whileLoading), kind: "load" };
      return state.broken;
    }
    state.loadedIn = this.supervisor.generation;
    return { ok: true, value: reply.value, generation: this.supervisor.generation };
  }

  private async run(key: string, payload: SandboxPayload, generation: number | undefined, timeoutMs: number): Promise<BridgeReply> {
    const state = this.exercises.get(key);
    if (!state) return { ok: false, kind: "load", message: this.say.neverLoaded(key) };
    if (state.broken) return state.broken;
    // Handles belong to one sandbox process; once it is gone (or replaced) so are they.
    if (generation !== undefined && (generation !== this.supervisor.generation || !this.supervisor.running)) {
      return { ok: false, kind: "lost", message: this.say.lostObject(state.label, this.supervisor.lastFailure) };
    }
    if (state.loadedIn !== this.supervisor.generation || !this.supervisor.running) {
      const loaded = await this.ensureLoaded(state, timeoutMs);
      if (!loaded.ok) return loaded;
    }
    const reply = await this.supervisor.send(payload, timeoutMs);
    if (reply.ok) return { ok: true, value: reply.value, thisFields: reply.thisFields, generation: this.supervisor.generation };
    if ("kind" in reply) return this.fail(state, reply, "");
    if (reply.unsendable) return { ok: false, kind: "value", message: this.say.failed(state.label, "", reply.error.message) };
    return { ok: false, kind: "thrown", errorName: reply.error.name, message: reply.error.message };
  }

  private fail(state: ExerciseState, failure: SandboxFailure | SandboxReply, context: string): Failure {
    const described = this.describe(state, failure, context);
    if (described.kind === "timeout" || described.kind === "crash" || described.kind === "memory") {
      state.strikes += 1;
      if (state.strikes >= MAX_STRIKES) {
        state.broken = { ...described, message: this.say.gaveUp(described.message, MAX_STRIKES) };
      }
    }
    return state.broken ?? described;
  }

  private describe(state: ExerciseState, failure: SandboxFailure | SandboxReply, context: string): Failure {
    if ("kind" in failure) return { ok: false, kind: failure.kind, message: this.say.failed(state.label, context, failure.message) };
    if (failure.ok) throw new Error("describe() called with a successful reply");
    return { ok: false, kind: "load", message: this.say.threw(state.label, context, `${failure.error.name}: ${failure.error.message}`) };
  }
}

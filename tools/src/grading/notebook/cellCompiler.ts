import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { gradingDist } from "../repoPaths.js";
import type { CompiledCell, CompileJob } from "./compileWorker.js";

export type { CompiledCell } from "./compileWorker.js";

export interface CompileLimits {
  /** Heap of the compile worker. */
  memoryMb: number;
  /** Deadline for compiling one notebook's exercises. */
  timeoutMs: number;
}

// Compiling a course notebook takes milliseconds; these only stop notebooks built to exhaust the compiler.
const DEFAULT_LIMITS: CompileLimits = { memoryMb: 256, timeoutMs: 60_000 };

function cacheKey(bytes: Uint8Array, notebook: string, exercise: string): string {
  return createHash("sha256").update(notebook).update("\u0000").update(exercise).update("\u0000").update(bytes).digest("hex");
}

/**
 * Compiles the exercise cells of a notebook in a worker thread with a heap limit and a deadline,
 * through an optional on-disk cache keyed by the notebook's bytes. The worker is kept warm between
 * notebooks (it loads the TypeScript compiler once) and replaced when it fails.
 */
export class CellCompiler {
  private worker: Worker | undefined;
  // One job at a time: the worker answers in order, and each job's deadline is its own.
  private queue: Promise<unknown> = Promise.resolve();
  // Results of jobs the worker did not finish (out of memory or time), as opposed to cells that did not compile.
  private readonly failedJobs = new WeakSet<object>();

  constructor(
    private readonly cacheDir?: string,
    private readonly limits: CompileLimits = DEFAULT_LIMITS,
  ) {}

  async compile(bytes: Uint8Array, notebook: string, exercises: string[]): Promise<Record<string, CompiledCell>> {
    const out: Record<string, CompiledCell> = {};
    const missing: string[] = [];
    for (const exercise of exercises) {
      const cached = this.cached(bytes, notebook, exercise);
      if (cached) out[exercise] = cached;
      else missing.push(exercise);
    }
    if (missing.length === 0) return out;
    let compiled = await this.enqueue({ bytes, notebook, exercises: missing });
    // One cell that exhausts the compiler must not cost the notebook's other exercises.
    if (missing.length > 1 && this.failedJobs.has(compiled)) {
      compiled = {};
      for (const exercise of missing) Object.assign(compiled, await this.enqueue({ bytes, notebook, exercises: [exercise] }));
    }
    for (const exercise of missing) {
      out[exercise] = compiled[exercise]!;
      this.store(bytes, notebook, exercise, compiled[exercise]!);
    }
    return out;
  }

  close(): void {
    void this.worker?.terminate();
    this.worker = undefined;
  }

  private cached(bytes: Uint8Array, notebook: string, exercise: string): CompiledCell | undefined {
    if (!this.cacheDir) return undefined;
    const file = path.join(this.cacheDir, `${cacheKey(bytes, notebook, exercise)}.json`);
    if (!existsSync(file)) return undefined;
    return JSON.parse(readFileSync(file, "utf8")) as CompiledCell;
  }

  private store(bytes: Uint8Array, notebook: string, exercise: string, compiled: CompiledCell): void {
    if (!this.cacheDir) return;
    mkdirSync(this.cacheDir, { recursive: true });
    const file = path.join(this.cacheDir, `${cacheKey(bytes, notebook, exercise)}.json`);
    const partial = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, JSON.stringify(compiled));
    renameSync(partial, file);
  }

  private enqueue(job: CompileJob): Promise<Record<string, CompiledCell>> {
    const result = this.queue.then(() => this.run(job));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private start(): Worker {
    const script = path.join(gradingDist, "notebook", "compileWorker.js");
    if (!existsSync(script)) throw new Error(`Grading needs the compiled tools (${script} is missing); run \`npm run build\` first`);
    const worker = new Worker(script, {
      resourceLimits: { maxOldGenerationSizeMb: this.limits.memoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private run(job: CompileJob): Promise<Record<string, CompiledCell>> {
    const worker = this.worker ?? this.start();
    return new Promise((resolve) => {
      const fail = (reason: string) => {
        cleanup();
        if (this.worker === worker) this.worker = undefined;
        void worker.terminate();
        const message = `${job.notebook} could not be compiled: ${reason}`;
        const failed: Record<string, CompiledCell> = Object.fromEntries(job.exercises.map((exercise) => [exercise, { ok: false, message }]));
        this.failedJobs.add(failed);
        resolve(failed);
      };
      const onMessage = (result: Record<string, CompiledCell>) => {
        cleanup();
        resolve(result);
      };
      const onError = (error: Error) =>
        fail((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `compiling it needed more than ${this.limits.memoryMb} MB (is an exercise cell huge?)`
          : `the compiler failed (${error.message.split("\n")[0]})`);
      const onExit = (code: number) => fail(`the compiler stopped (exit code ${code})`);
      const timer = setTimeout(() => fail(`compiling it took longer than ${this.limits.timeoutMs / 1000} s (is an exercise cell huge?)`), this.limits.timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
      };
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      // A copy, not a transfer: the caller keeps its bytes for the cache key.
      worker.postMessage(job);
    });
  }
}

import { installKernelSession, releaseHeldCells, toDisplayContent, type MimeBundle } from "@tsdl/display";
import type { CellPlugin } from "../cellPlugin/cellPlugin.js";
import { diagnosticsError, runtimeError, type CellError } from "./cellError.js";
import { CellHistory } from "./cellHistory.js";
import { CellQueue } from "./cellQueue.js";
import { CoursePackages, packageName } from "./coursePackages.js";
import type { Publish } from "./kernelServer.js";
import { createCellExecutor, diagnosticFormat, redirectCompilerPaths, requireFallbackForCells, sendTslabDisplaysTo, type Executor } from "./tslabAdapter.js";

export interface CellRunnerOptions {
  /** Show every stack frame of a runtime error (packages', Node's and the kernel's too). */
  allFrames?: boolean;
  /** Packages whose types every compile includes from the start (see `preloadTypes()`). */
  preloadTypes?: string[];
}

/** What JupyterLab puts in an execute_request's metadata. */
export interface ExecuteMetadata {
  cellId?: string;
  deletedCells?: string[];
}

export interface ExecuteRequest {
  code: string;
  silent?: boolean;
  store_history?: boolean;
  stop_on_error?: boolean;
}

export type ExecuteReply =
  | { status: "ok"; execution_count: number; payload: unknown[]; user_expressions: Record<string, unknown> }
  | ({ status: "error"; execution_count: number } & CellError)
  // ipykernel's aborted reply has no execution_count, so front ends show the cell as not run ("In [ ]").
  | { status: "aborted" };

interface Captured {
  hasValue: boolean;
  value: unknown;
  errors: unknown[][];
}

/**
 * Executes cells with tslab's executor and reports them the way ipykernel does: `execute_input`,
 * streams, displays, `execute_result` with a full MIME bundle, and `error` messages.
 */
export class CellRunner {
  readonly executor: Executor;
  readonly history = new CellHistory();
  private readonly packages: CoursePackages;
  private readonly queue = new CellQueue();
  private count = 0;
  private captured: Captured = { hasValue: false, value: undefined, errors: [] };
  private lastCompiled: string | undefined;
  private lastDeclarations: string | undefined;
  private declarationsOverride: string | undefined;
  private publish: Publish = () => undefined;
  private pending = new Set<Promise<unknown>>();
  private interrupts = 0;
  private readonly interruptListeners = new Set<() => void>();

  private readonly typePreload: string;

  /** `notebookDirectory`: where cells resolve imports and files (the kernel's working directory). */
  constructor(
    private readonly notebookDirectory: string,
    private readonly options: CellRunnerOptions = {},
    private readonly plugins: readonly CellPlugin[] = [],
  ) {
    // A notebook in any folder sees the course's packages, for its imports and its type checks.
    this.packages = new CoursePackages(notebookDirectory);
    redirectCompilerPaths(this.packages.compilerPath);
    // A side-effect import in the declarations keeps a package's types in every compile without
    // adding a name, so the cell that imports it only type-checks (parsing tfjs's types takes a second).
    this.typePreload = (options.preloadTypes ?? [])
      .filter((name) => this.packages.available(name))
      .map((name) => `import ${JSON.stringify(name)};\n`)
      .join("");
    // tslab's executor hands the last expression's value to `log` and every failure to `error`.
    this.executor = createCellExecutor(
      notebookDirectory,
      {
        log: (value: unknown) => {
          this.captured.hasValue = true;
          this.captured.value = value;
        },
        error: (...args: unknown[]) => {
          this.captured.errors.push(args);
        },
      },
      {
        // tslab keeps only successful cells' declarations, so after `const model = …; await
        // model.fit(…)` threw, the next cell could not even mention `model` although it exists
        // (ipykernel keeps such variables too): the failed cell's declarations stand in.
        declarations: (previous) => this.typePreload + (this.declarationsOverride ?? previous),
        compiled: (result) => {
          this.lastCompiled = result.output;
          this.lastDeclarations = result.declOutput;
        },
      },
    );
    requireFallbackForCells(this.packages.requireForCell);
    const runner = this;
    installKernelSession({
      get interrupts() {
        return runner.interrupts;
      },
      publishDisplay: (kind, content) => this.publish(kind, content),
      onInterrupt: (listener) => {
        this.interruptListeners.add(listener);
        return () => this.interruptListeners.delete(listener);
      },
      track: (work) => {
        const settled = work.then(
          () => undefined,
          () => undefined,
        );
        this.pending.add(settled);
        void settled.then(() => this.pending.delete(settled));
      },
    });
  }

  execute(request: ExecuteRequest, publish: Publish, metadata: ExecuteMetadata = {}): Promise<ExecuteReply> {
    return this.queue.add(
      () => this.run(request, publish, metadata),
      () => ({ status: "aborted" }),
    );
  }

  /** Reads the preloaded packages' types now (call when idle: it blocks for about a second). */
  preloadTypes(): void {
    if (this.typePreload !== "") this.executor.inspect("", 0);
  }

  interrupt(): void {
    this.interrupts += 1;
    // Before the executor lets the cell reply, so what they show (live progress) stays in that cell.
    for (const listener of [...this.interruptListeners]) listener();
    this.executor.interrupt();
  }

  private run(request: ExecuteRequest, publish: Publish, metadata: ExecuteMetadata): Promise<ExecuteReply> {
    const cell = { code: request.code, cellId: metadata.cellId, deletedCells: metadata.deletedCells ?? [] };
    for (const plugin of this.plugins) plugin.cellStarting?.(cell);
    const publishThroughPlugins: Publish = (msgType, content) => {
      for (const plugin of this.plugins) plugin.beforeOutput?.(msgType, content, publish);
      publish(msgType, content);
    };
    return this.runCell(request, publishThroughPlugins);
  }

  private async runCell(request: ExecuteRequest, publish: Publish): Promise<ExecuteReply> {
    const silent = request.silent === true;
    if (!silent && request.store_history !== false) this.count += 1;
    const count = this.count;
    this.publish = publish;
    if (!silent) publish("execute_input", { code: request.code, execution_count: count });
    if (!silent && request.store_history !== false) this.history.record(count, request.code);
    // Like ipykernel, output written after the cell finished still goes to the last cell.
    process.stdout.write = this.streamWriter("stdout", publish);
    process.stderr.write = this.streamWriter("stderr", publish);
    sendTslabDisplaysTo((data, update) => publish(update ? "update_display_data" : "display_data", data));

    await releaseHeldCells();
    this.captured = { hasValue: false, value: undefined, errors: [] };
    this.lastCompiled = undefined;
    this.lastDeclarations = undefined;
    let ok: boolean;
    try {
      ok = await this.executor.execute(request.code);
    } catch (error) {
      this.captured.errors.push([error]);
      ok = false;
    }
    const captured = this.captured;
    // A successful cell's declarations include the override, so the executor has caught up;
    // a cell that compiled and then threw leaves its declarations to the following cells.
    if (ok) this.declarationsOverride = undefined;
    else if (this.lastCompiled !== undefined && this.lastDeclarations !== undefined) this.declarationsOverride = this.lastDeclarations;
    await this.settleDisplays();

    if (!ok) {
      const error = this.cellError(captured, request.code);
      publish("error", { ...error });
      if (request.stop_on_error !== false) this.queue.abortWaiting();
      return { status: "error", execution_count: count, ...error };
    }
    for (const args of captured.errors) {
      // Diagnostics of an in-memory module (`//@module`) do not fail the cell.
      process.stderr.write(`${args.map(String).join(" ")}\n`);
    }
    if (captured.hasValue && !silent) {
      const data = await this.resultBundle(captured.value);
      publish("execute_result", { execution_count: count, data: data.data, metadata: data.metadata });
      if (request.store_history !== false) this.history.recordOutput(count, String(data.data["text/plain"] ?? ""));
    }
    return { status: "ok", execution_count: count, payload: [], user_expressions: {} };
  }


  private async resultBundle(value: unknown): Promise<{ data: MimeBundle; metadata: Record<string, unknown> }> {
    try {
      const content = await toDisplayContent(value);
      return { data: content.data, metadata: content.metadata ?? {} };
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return { data: { "text/plain": `[display failed: ${message}]` }, metadata: {} };
    }
  }

  private cellError(captured: Captured, source: string): CellError {
    const diagnostics = captured.errors.filter((args) => args[0] === diagnosticFormat);
    if (diagnostics.length > 0) return diagnosticsError(diagnostics, source, (message) => this.missingPackageHint(message));
    const thrown = captured.errors.at(-1)?.[0];
    return runtimeError(thrown, source, this.lastCompiled, { notebookDirectory: this.notebookDirectory, allFrames: this.options.allFrames ?? false });
  }

  /** For TypeScript's "Cannot find module 'x'" about a package: which one, and how to install it. */
  private missingPackageHint(message: string): string | undefined {
    const id = /^Cannot find module '([^']+)'/.exec(message)?.[1];
    const name = id === undefined ? undefined : packageName(id);
    if (name === undefined || this.packages.courseCopy(name) !== undefined) return undefined;
    return this.packages.missingMessage(name);
  }

  private async settleDisplays(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private streamWriter(name: "stdout" | "stderr", publish: Publish): typeof process.stdout.write {
    const decoder = new TextDecoder();
    return ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      publish("stream", { name, text: typeof chunk === "string" ? chunk : decoder.decode(chunk) });
      const callback = rest.find((r) => typeof r === "function") as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof process.stdout.write;
  }
}

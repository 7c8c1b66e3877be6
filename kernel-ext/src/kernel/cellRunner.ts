import { createRequire } from "node:module";
import { createConverter, type Converter } from "tslab/dist/converter.js";
import { createExecutor, type Executor } from "tslab/dist/executor.js";
import { installKernelSession, releaseHeldCells, toDisplayContent, type MimeBundle } from "@tsdl/display";
import type { CellPlugin, Publish } from "./cellPlugin.js";
import { diagnosticFormat, diagnosticsError, runtimeError, type CellError } from "./cellError.js";
import { CellQueue } from "./cellQueue.js";

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
  | { status: "aborted"; execution_count: number };

export type { Publish } from "./cellPlugin.js";

// tslab's own display API (`import * as tslab from "tslab"; tslab.display.html(…)`) sends through
// this mutable export of its jupyter module, which tslab sets per cell in the handler we replace.
const tslabJupyter = createRequire(import.meta.url)("tslab/dist/jupyter.js") as {
  lastWriteDisplayData: ((data: Record<string, unknown>, update: boolean) => void) | null;
};

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

  constructor(
    rootDir: string,
    private readonly plugins: readonly CellPlugin[] = [],
  ) {
    const node = this.recordingCompiles(createConverter({ isJS: false, isBrowser: false }));
    let browser: Converter | undefined;
    const converters = {
      node,
      get browser() {
        browser ??= createConverter({ isJS: false, isBrowser: true });
        return browser;
      },
      close: () => {
        node.close();
        browser?.close();
      },
    };
    // tslab's executor hands the last expression's value to `log` and every failure to `error`.
    this.executor = createExecutor(rootDir, converters, {
      log: (value: unknown) => {
        this.captured.hasValue = true;
        this.captured.value = value;
      },
      error: (...args: unknown[]) => {
        this.captured.errors.push(args);
      },
    });
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

  /**
   * Records each compile, and lets the declarations of a cell that failed at run time stand in
   * for the executor's own: tslab keeps only successful cells' declarations, so after
   * `const model = …; await model.fit(…)` threw, the next cell could not even mention `model`
   * although it exists (ipykernel keeps such variables too).
   */
  private recordingCompiles(converter: Converter): Converter {
    const convert = converter.convert.bind(converter);
    const inspect = converter.inspect.bind(converter);
    const complete = converter.complete.bind(converter);
    converter.convert = (prevDecl, src) => {
      const result = convert(this.declarationsOverride ?? prevDecl, src);
      this.lastCompiled = result.output;
      this.lastDeclarations = result.declOutput;
      return result;
    };
    converter.inspect = (prevDecl, src, position) => inspect(this.declarationsOverride ?? prevDecl, src, position);
    converter.complete = (prevDecl, src, position) => complete(this.declarationsOverride ?? prevDecl, src, position);
    return converter;
  }

  execute(request: ExecuteRequest, publish: Publish, metadata: ExecuteMetadata = {}): Promise<ExecuteReply> {
    return this.queue.add(
      () => this.run(request, publish, metadata),
      () => ({ status: "aborted", execution_count: this.count }),
    );
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
    // Like ipykernel, output written after the cell finished still goes to the last cell.
    process.stdout.write = this.streamWriter("stdout", publish);
    process.stderr.write = this.streamWriter("stderr", publish);
    tslabJupyter.lastWriteDisplayData = (data, update) => publish(update ? "update_display_data" : "display_data", data);

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
    if (diagnostics.length > 0) return diagnosticsError(diagnostics, source);
    const thrown = captured.errors.at(-1)?.[0];
    return runtimeError(thrown, source, this.lastCompiled);
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

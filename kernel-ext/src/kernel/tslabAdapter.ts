/**
 * Every use of tslab's private internals lives in this file: modules under `tslab/dist`, the
 * mutable `lastWriteDisplayData` export, the `__tslab__` global the executor runs cells with, the
 * way the executor calls its converter and reports diagnostics, and the `ts.sys` of tslab's
 * TypeScript. A tslab update that changes any of them fails tests/kernel-ext/tslabContract.test.ts.
 */
import { createRequire } from "node:module";
import { versions } from "tslab";
import { createConverter, isCompleteCode, type CompletionInfo, type ConvertResult, type Converter } from "tslab/dist/converter.js";
import { createExecutor, type Executor } from "tslab/dist/executor.js";

export { isCompleteCode, type CompletionInfo, type Executor };
export type QuickInfo = ReturnType<Converter["inspect"]>;
export type CompletionEntry = NonNullable<CompletionInfo["original"]>["entries"][number];

/** The versions tslab reports (public API). */
export const tslabVersions: { tslab: string; typescript: string; node: string } = versions;

const requireFromTslab = createRequire(createRequire(import.meta.url).resolve("tslab/dist/converter.js"));

/** How tslab's executor prints a TypeScript diagnostic: `console.error(format, file, line, column, message)`. */
export const diagnosticFormat = "%s%d:%d - %s";

/** True for the errors tslab throws when a cell is interrupted (vm's breakOnSigint, or its interrupt promise). */
export function isTslabInterrupt(error: Error): boolean {
  return /interrupted by `SIGINT`|Interrupted asynchronously/.test(error.message);
}

export interface CellConsole {
  /** The value of a cell's last expression. */
  log(value: unknown): void;
  /** A diagnostic (`diagnosticFormat`, file, line, column, message) or a thrown value. */
  error(...args: unknown[]): void;
}

export interface CompileHooks {
  /** The declarations to compile a cell against, given the executor's own (those of the cells before). */
  declarations(previous: string): string;
  /** Called with every compile of a cell. */
  compiled(result: ConvertResult): void;
}

/**
 * tslab's executor with its Node converter (created now) and browser converter (created on first
 * use). The executor compiles a cell with `converters.node.convert(previousDeclarations, source)`,
 * which is where `hooks` step in.
 */
export function createCellExecutor(rootDir: string, console: CellConsole, hooks: CompileHooks): Executor {
  const node = withHooks(createConverter({ isJS: false, isBrowser: false }), hooks);
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
  return createExecutor(rootDir, converters, console);
}

function withHooks(converter: Converter, hooks: CompileHooks): Converter {
  const convert = converter.convert.bind(converter);
  const inspect = converter.inspect.bind(converter);
  const complete = converter.complete.bind(converter);
  converter.convert = (previous, source) => {
    const result = convert(hooks.declarations(previous), source);
    hooks.compiled(result);
    return result;
  };
  converter.inspect = (previous, source, position) => inspect(hooks.declarations(previous), source, position);
  converter.complete = (previous, source, position) => complete(hooks.declarations(previous), source, position);
  return converter;
}

type DisplaySink = (data: Record<string, unknown>, update: boolean | undefined) => void;

// tslab's display API (`import * as tslab from "tslab"; tslab.display.html(…)`) sends through this
// mutable export, which tslab's own request handler sets per cell.
const tslabJupyter = requireFromTslab("./jupyter.js") as { lastWriteDisplayData: DisplaySink | null };

/** Where `tslab.display.*` calls in cells send their `display_data` from now on. */
export function sendTslabDisplaysTo(sink: DisplaySink): void {
  tslabJupyter.lastWriteDisplayData = sink;
}

type CellRequire = (id: string) => unknown;

/**
 * Wraps the `require` that compiled cells call (`__tslab__.require`, set by `createExecutor`):
 * when a bare module id is not found from the notebook's folder, `fallback(id, error)` answers.
 */
export function requireFallbackForCells(fallback: (id: string, notFound: Error) => unknown): void {
  const state = (globalThis as { __tslab__?: { require?: CellRequire } }).__tslab__;
  const original = state?.require;
  if (!state || typeof original !== "function") throw new Error("tslab no longer sets globalThis.__tslab__.require; update tslabAdapter.ts");
  state.require = new Proxy(original, {
    apply(target, thisArg, args: unknown[]) {
      try {
        return Reflect.apply(target, thisArg, args) as unknown;
      } catch (error) {
        const id = args[0];
        const missing = error as NodeJS.ErrnoException;
        if (args.length === 1 && typeof id === "string" && missing.code === "MODULE_NOT_FOUND" && missing.message.startsWith(`Cannot find module '${id}'`)) {
          return fallback(id, missing);
        }
        throw error;
      }
    },
  });
}

/** The file-system calls of tslab's TypeScript that its converters' compiler host goes through. */
export interface CompilerFileSystem {
  fileExists(path: string): boolean;
  directoryExists(path: string): boolean;
  readFile(path: string, encoding?: string): string | undefined;
  realpath?(path: string): string;
  getDirectories(path: string): string[];
}

const fileSystemCalls = ["fileExists", "directoryExists", "readFile", "realpath", "getDirectories"] as const;

/**
 * Routes the path arguments of tslab's TypeScript file-system calls through `redirect` (tslab's
 * converters wrap `ts.sys` and call it for every file the compiler reads, as tslab itself does to
 * find `tslab` from any folder). Call before the first converter is created.
 */
export function redirectCompilerPaths(redirect: (path: string) => string): void {
  const ts = requireFromTslab("@tslab/typescript-for-tslab") as { sys: CompilerFileSystem };
  for (const name of fileSystemCalls) {
    const call = ts.sys[name] as ((path: string, ...rest: unknown[]) => unknown) | undefined;
    if (typeof call !== "function") throw new Error(`tslab's TypeScript has no sys.${name}; update tslabAdapter.ts`);
    (ts.sys as unknown as Record<string, unknown>)[name] = (path: string, ...rest: unknown[]) => call.call(ts.sys, redirect(path), ...rest);
  }
}

import { createHash } from "node:crypto";
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import * as tf from "@tensorflow/tfjs";
import { BackendWasm, setThreadsCount } from "@tensorflow/tfjs-backend-wasm";

/**
 * tfjs-backend-wasm ships a threaded SIMD build (XNNPACK's thread pool on Emscripten pthreads) but
 * turns it off in Node. This loads that build under Node's worker_threads. Emscripten's Node glue
 * already backs pthreads with worker_threads; what tfjs's loader gives it instead (a Blob URL for
 * the worker script, the main script as a Blob) Node cannot start, so the glue is handed files.
 */

/** Overrides the number of wasm threads (default: the machine's, `os.availableParallelism()`). */
export const WASM_THREADS_ENV = "TSDL_WASM_THREADS";

const require = createRequire(import.meta.url);
const WASM_OUT = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "wasm-out");
const GLUE = join(WASM_OUT, "tfjs-backend-wasm-threaded-simd.js");
const BINARY = join(WASM_OUT, "tfjs-backend-wasm-threaded-simd.wasm");
/** Emscripten's pthread worker script, shipped as a JS string export. */
const WORKER_SOURCE = join(WASM_OUT, "tfjs-backend-wasm-threaded-simd.worker.js");
const INIT_TIMEOUT_MS = 30_000;

interface EmscriptenModule {
  PThread: { runningWorkers: { unref(): void }[] };
  wasmMemory: WebAssembly.Memory;
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  tfjs?: Record<string, (...args: number[]) => number>;
}

type ModuleFactory = (config: object) => Promise<EmscriptenModule>;

export interface ThreadChoice {
  threads: number;
  /** Why fewer threads than cores, when so. */
  why?: string;
}

/**
 * The wasm thread count: `TSDL_WASM_THREADS` if set; else one per core, unless the machine is
 * already busy (1-minute load average above cores − 1). XNNPACK's pool splits every matmul and
 * convolution across its threads and waits for all of them, so a pool thread that the OS does not
 * schedule stalls each op: on this course's shared 2-core machine at load 18, an LSTM step's 56
 * small matmuls took 1.5 s on two threads and 0.4 s on one.
 */
export function chooseWasmThreads(cores = availableParallelism(), load = loadavg()[0]): ThreadChoice {
  const raw = process.env[WASM_THREADS_ENV];
  if (raw !== undefined && raw !== "") {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(`${WASM_THREADS_ENV} must be a positive integer; got ${JSON.stringify(raw)}`);
    }
    return { threads: n };
  }
  if (cores > 1 && load > cores - 1) {
    return { threads: 1, why: `the machine is busy (load average ${load.toFixed(1)} on ${cores} cores); ${WASM_THREADS_ENV}=${cores} forces ${cores} threads` };
  }
  return { threads: cores };
}

// The worker script must be a file (worker_threads cannot start Blob URLs); it is written once per
// content, named by its hash, and renamed into place so concurrent processes never read half of it.
function workerScriptFile(): string {
  const contents = (require(WORKER_SOURCE) as { wasmWorkerContents: string }).wasmWorkerContents
    // tfjs escapes the same way before making its Blob: the string holds "\n" escapes as newlines.
    .replace(/\n/g, "\\n");
  const hash = createHash("sha256").update(contents).digest("hex").slice(0, 16);
  const file = join(tmpdir(), `tsdl-tfjs-wasm-pthread-${hash}.cjs`);
  if (!existsSync(file)) {
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, contents);
    renameSync(partial, file);
  }
  return file;
}

async function loadThreadedModule(threads: number): Promise<EmscriptenModule> {
  const factory = require(GLUE) as ModuleFactory;
  const workerFile = workerScriptFile();
  const module = await new Promise<EmscriptenModule>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the threaded wasm module did not start within ${INIT_TIMEOUT_MS / 1000} s`)), INIT_TIMEOUT_MS);
    factory({
      locateFile: (path: string) => (path.endsWith(".worker.js") ? workerFile : join(WASM_OUT, path)),
      mainScriptUrlOrBlob: GLUE,
      // tfjs caps the pool at half of Emscripten's logical core count (for hyper-threads); the count
      // handed over is twice the threads wanted so that exactly `threads` run.
      instantiateWasm: (
        info: { env: Record<string, unknown> },
        receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
      ) => {
        info.env.emscripten_num_logical_cores = () => 2 * threads;
        WebAssembly.instantiate(readFileSync(BINARY), info as WebAssembly.Imports).then(
          (result) => receive(result.instance, result.module),
          reject,
        );
        return {};
      },
      onAbort: (what: unknown) => reject(new Error(`the threaded wasm module aborted: ${String(what)}`)),
    }).then((m) => {
      clearTimeout(timer);
      resolve(m);
    }, reject);
  });
  module.tfjs = {
    init: module.cwrap("init", null, []),
    initWithThreadsCount: module.cwrap("init_with_threads_count", null, ["number"]),
    getThreadsCount: module.cwrap("get_threads_count", "number", []),
    registerTensor: module.cwrap("register_tensor", null, ["number", "number", "number"]),
    disposeData: module.cwrap("dispose_data", null, ["number"]),
    dispose: module.cwrap("dispose", null, []),
  };
  return module;
}

/**
 * tfjs keeps its XNNPACK thread pool in one C global that every kernel reads, and exports no way to
 * pick a pool per op; but only heavy ops gain from the pool, the rest wait for it to wake (CPU µs,
 * side by side on the shared 2-core machine: a [32,64] Relu 2–13 on one thread vs 556–646 on two,
 * a [32,64]×[64,256] product 78–158 vs 714–1,064; on a quiet machine an LSTM step's products
 * took ~0.5 ms each on two). So a second, one-thread pool is made with tfjs's own
 * `init_with_threads_count(1)` and the global points at it except around the heavy ops
 * (`onAllThreads`). The global's address is found by what that call changed, each candidate
 * confirmed through `get_threads_count`; without exactly one, every op keeps the shared pool.
 */
interface PoolSwitch {
  words: Uint32Array;
  index: number;
  shared: number;
  single: number;
}

let poolSwitch: PoolSwitch | undefined;

function findPoolGlobal(module: EmscriptenModule, threads: number): PoolSwitch | undefined {
  const tfjs = module.tfjs!;
  if (tfjs.getThreadsCount() !== threads) return undefined;
  const words = new Uint32Array(module.wasmMemory.buffer);
  const before = words.slice();
  tfjs.initWithThreadsCount(1);
  const found: PoolSwitch[] = [];
  for (let i = 0; i < before.length; i++) {
    if (words[i] === before[i]) continue;
    const single = words[i];
    words[i] = before[i];
    const isShared = tfjs.getThreadsCount() === threads;
    words[i] = single;
    if (isShared && tfjs.getThreadsCount() === 1) found.push({ words, index: i, shared: before[i], single });
  }
  if (found.length !== 1) {
    // Leave tfjs as it set itself up: the shared pool for every op.
    for (const f of found) f.words[f.index] = f.shared;
    return undefined;
  }
  return found[0];
}

/** Whether ops run on the calling thread outside `onAllThreads` (the threaded build, its pool global found). */
export function canRunOnOneThread(): boolean {
  return poolSwitch !== undefined;
}

/**
 * Runs `f` with XNNPACK's pool of every wasm thread, for ops heavy enough to share (large products,
 * convolutions); other ops run on the calling thread. Outside the threaded build it just runs `f`.
 */
export function onAllThreads<T>(f: () => T): T {
  const pool = poolSwitch;
  if (pool === undefined) return f();
  const previous = pool.words[pool.index];
  pool.words[pool.index] = pool.shared;
  try {
    return f();
  } finally {
    pool.words[pool.index] = previous;
  }
}

/**
 * Replaces the wasm backend's factory with one that starts the threaded build with `threads`
 * threads, falling back to tfjs's own single-threaded loader if it fails (the reason is passed
 * to `onFallback`). With one thread, tfjs's own loader is kept.
 */
export function useThreadedWasm(threads: number, onFallback: (why: string) => void): void {
  if (threads <= 1) return;
  const original = tf.findBackendFactory("wasm");
  if (original == null) throw new Error("the wasm backend is not registered; import @tensorflow/tfjs-backend-wasm first");
  tf.removeBackend("wasm");
  tf.registerBackend(
    "wasm",
    async () => {
      try {
        const module = await loadThreadedModule(threads);
        setThreadsCount(threads);
        const backend = new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]);
        poolSwitch = findPoolGlobal(module, threads);
        // The pool's threads live as long as the process and wait for work; Emscripten refs their
        // workers when it starts them, which would keep Node from ever exiting.
        for (const worker of module.PThread.runningWorkers) worker.unref();
        return backend;
      } catch (error) {
        onFallback((error as Error).message);
        setThreadsCount(1);
        return original();
      }
    },
    2,
  );
}

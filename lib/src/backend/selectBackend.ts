import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { chooseWasmThreads, useThreadedWasm } from "./wasmThreads.js";

/** `tensorflow` runs in Node only, `webgl` in a web page only (the live handouts choose it: browser/src/lib/selectBackend.ts). */
export type BackendName = "tensorflow" | "webgl" | "wasm" | "cpu";

export interface BackendAttempt {
  name: BackendName;
  ok: boolean;
  why: string;
}

export interface BackendInfo {
  /** The backend TensorFlow.js runs on. */
  name: BackendName;
  /** One sentence a learner can read: why this backend and not a faster one. */
  reason: string;
  /** Every backend considered, fastest first. */
  attempts: BackendAttempt[];
  /** Set when `TSDL_BACKEND` forced the choice. */
  forcedBy?: string;
  /**
   * How many threads run the kernels: wasm's XNNPACK pool (known once `backendReady()` resolves;
   * one per core unless the machine is busy, `TSDL_WASM_THREADS` overrides), 1 on cpu, the
   * machine's on tensorflow.
   */
  threads: number;
  /** Why wasm runs on fewer threads than asked, if it does. */
  threadsNote?: string;
}

/** The environment variable that forces a backend: `tensorflow`, `wasm` or `cpu`. */
export const BACKEND_ENV = "TSDL_BACKEND";

const ORDER: BackendName[] = ["tensorflow", "wasm", "cpu"];

interface Selection {
  info: BackendInfo;
  ready: Promise<BackendInfo>;
}

// Kept on globalThis so that several copies of lib (source and built) share one choice.
const STATE_KEY = Symbol.for("tsdl.backend.selection");
type GlobalWithSelection = typeof globalThis & { [STATE_KEY]?: Selection };

type WasmKernelInstaller = () => void;
const wasmInstallers: WasmKernelInstaller[] = [];

/** Registers kernels to install into the wasm backend when it is selected (before it is used). */
export function onWasmSelected(install: WasmKernelInstaller): void {
  wasmInstallers.push(install);
  if ((globalThis as GlobalWithSelection)[STATE_KEY]?.info.name === "wasm") install();
}

function parseForced(): BackendName | undefined {
  const raw = process.env[BACKEND_ENV];
  if (raw === undefined || raw === "") return undefined;
  const name = raw.trim().toLowerCase();
  if (!ORDER.includes(name as BackendName)) {
    throw new Error(
      `${BACKEND_ENV} must be one of ${ORDER.join(", ")}; got ${JSON.stringify(raw)}`,
    );
  }
  return name as BackendName;
}

function loadTensorflowNode(): string | undefined {
  try {
    createRequire(import.meta.url)("@tensorflow/tfjs-node");
    return undefined;
  } catch (error) {
    const code = (error as { code?: string }).code;
    return code === "MODULE_NOT_FOUND"
      ? "@tensorflow/tfjs-node is not installed (its install downloads libtensorflow, which needs internet access)"
      : `@tensorflow/tfjs-node is installed but failed to load: ${(error as Error).message.split("\n")[0]}`;
  }
}

// tfjs-backend-cpu prints an "install our node backend" banner on first use in Node; the
// doctor command explains the backend choice instead, so the banner is switched off.
function silenceCpuBanner(): void {
  const cpu = tf.findBackend("cpu") as { firstUse?: boolean } | null;
  if (cpu) cpu.firstUse = false;
}

function select(): Selection {
  silenceCpuBanner();
  const forced = parseForced();
  const attempts: BackendAttempt[] = [];
  const candidates = forced ? [forced] : ORDER;

  for (const name of candidates) {
    if (name === "tensorflow") {
      const failure = loadTensorflowNode();
      if (failure !== undefined || tf.findBackendFactory("tensorflow") == null) {
        attempts.push({ name, ok: false, why: failure ?? "tfjs-node loaded but registered no backend" });
        continue;
      }
      tf.setBackend("tensorflow");
      attempts.push({ name, ok: true, why: "native TensorFlow from @tensorflow/tfjs-node" });
      return settled(name, attempts, forced);
    }
    if (name === "wasm") {
      attempts.push({ name, ok: true, why: "WebAssembly (SIMD) from @tensorflow/tfjs-backend-wasm" });
      const info = describe(name, attempts, forced);
      const { threads: wanted, why: fewer } = chooseWasmThreads();
      if (fewer !== undefined) info.threadsNote = `one thread: ${fewer}`;
      useThreadedWasm(wanted, (why) => (info.threadsNote = `the threaded build failed (${why}); running on one thread`));
      const ready = tf.setBackend("wasm").then((ok) => {
        if (ok) {
          info.threads = getThreadsCount();
          if (info.threads < wanted && info.threadsNote === undefined) {
            info.threadsNote = `${wanted} threads asked, ${info.threads} started`;
          }
          for (const install of wasmInstallers) install();
          return info;
        }
        return fallBackToCpu(info, "the WebAssembly module failed to initialise");
      }, (error: Error) => fallBackToCpu(info, error.message));
      return { info, ready };
    }
    tf.setBackend("cpu");
    attempts.push({ name, ok: true, why: "pure JavaScript from @tensorflow/tfjs-backend-cpu" });
    return settled(name, attempts, forced);
  }
  throw new Error("unreachable: the cpu backend is always available");
}

function fallBackToCpu(info: BackendInfo, why: string): BackendInfo {
  tf.setBackend("cpu");
  info.attempts[info.attempts.length - 1] = { name: "wasm", ok: false, why };
  info.attempts.push({ name: "cpu", ok: true, why: "pure JavaScript from @tensorflow/tfjs-backend-cpu" });
  Object.assign(info, describe("cpu", info.attempts));
  if (info.forcedBy) info.reason = `${info.forcedBy} was requested but wasm failed (${why}); using cpu`;
  return info;
}

function settled(name: BackendName, attempts: BackendAttempt[], forced?: BackendName): Selection {
  const info = describe(name, attempts, forced);
  return { info, ready: Promise.resolve(info) };
}

function describe(name: BackendName, attempts: BackendAttempt[], forced?: BackendName): BackendInfo {
  const skipped = attempts.filter((a) => !a.ok).map((a) => `${a.name}: ${a.why}`);
  const reason = forced
    ? `${BACKEND_ENV}=${forced} forced the ${name} backend`
    : skipped.length === 0
      ? `${name} is the fastest backend available`
      : `${name} is the fastest backend that loaded (${skipped.join("; ")})`;
  const threads = name === "tensorflow" ? availableParallelism() : 1;
  return { name, reason, attempts, threads, ...(forced ? { forcedBy: `${BACKEND_ENV}=${forced}` } : {}) };
}

/**
 * Chooses the fastest backend that loads (tensorflow → wasm → cpu) once per process.
 * Later calls return the same choice without doing any work.
 */
export function selectBackend(): Selection {
  const store = globalThis as GlobalWithSelection;
  store[STATE_KEY] ??= select();
  return store[STATE_KEY];
}

/** Which backend is active and why. */
export function backendInfo(): BackendInfo {
  return selectBackend().info;
}

/** Resolves once the chosen backend can run ops (wasm compiles asynchronously, in about 20 ms). */
export function backendReady(): Promise<BackendInfo> {
  return selectBackend().ready;
}

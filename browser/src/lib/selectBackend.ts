// lib's backend choice in a web page (the runtime's bundle puts this file in place of
// lib/src/backend/selectBackend.ts): WebGL when the page's worker gets a WebGL context, else
// WebAssembly (SIMD, one thread: a page opened from file:// is not cross-origin isolated), else cpu.
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { setWasmPaths } from "@tensorflow/tfjs-backend-wasm";
import type { BackendAttempt, BackendInfo, BackendName } from "@tsdl/lib";

/** In a page the choice is forced with `process.env.TSDL_BACKEND`, which the runtime sets from the page's settings. */
export const BACKEND_ENV = "TSDL_BACKEND";

/** lib's backends that a page has (tensorflow is Node's). */
type PageBackend = Exclude<BackendName, "tensorflow">;

const ORDER: PageBackend[] = ["webgl", "wasm", "cpu"];
const WASM_FILES = ["tfjs-backend-wasm.wasm", "tfjs-backend-wasm-simd.wasm", "tfjs-backend-wasm-threaded-simd.wasm"] as const;
const WASM_URL_KEY = Symbol.for("tsdl.browser.wasmUrl");
const STATE_KEY = Symbol.for("tsdl.backend.selection");

interface Selection {
  info: BackendInfo;
  ready: Promise<BackendInfo>;
}
type Store = typeof globalThis & { [STATE_KEY]?: Selection; [WASM_URL_KEY]?: string };

const wasmInstallers: Array<() => void> = [];

export function onWasmSelected(install: () => void): void {
  wasmInstallers.push(install);
  if ((globalThis as Store)[STATE_KEY]?.info.name === "wasm") install();
}

function forcedChoice(): PageBackend | undefined {
  const raw = process.env[BACKEND_ENV];
  if (raw === undefined || raw === "") return undefined;
  const name = raw.trim().toLowerCase() as PageBackend;
  if (!ORDER.includes(name)) throw new Error(`${BACKEND_ENV} must be one of ${ORDER.join(", ")}; got ${JSON.stringify(raw)}`);
  return name;
}

function webglWhyNot(): string | undefined {
  if (typeof OffscreenCanvas === "undefined") return "this browser's workers have no OffscreenCanvas";
  const context = new OffscreenCanvas(1, 1).getContext("webgl2") ?? new OffscreenCanvas(1, 1).getContext("webgl");
  return context ? undefined : "the browser gave no WebGL context (no GPU, or WebGL is switched off)";
}

async function trySelect(name: PageBackend, attempts: BackendAttempt[]): Promise<boolean> {
  if (name === "webgl") {
    const why = webglWhyNot();
    if (why) {
      attempts.push({ name, ok: false, why });
      return false;
    }
  }
  if (name === "wasm") {
    const url = (globalThis as Store)[WASM_URL_KEY];
    if (!url) {
      attempts.push({ name, ok: false, why: "the page handed over no WebAssembly module" });
      return false;
    }
    tf.env().set("WASM_HAS_MULTITHREAD_SUPPORT", false);
    setWasmPaths(Object.fromEntries(WASM_FILES.map((file) => [file, url])) as Record<(typeof WASM_FILES)[number], string>);
  }
  try {
    if (await tf.setBackend(name)) {
      attempts.push({ name, ok: true, why: { webgl: "the GPU through WebGL", wasm: "WebAssembly (SIMD) on one thread", cpu: "pure JavaScript" }[name] });
      return true;
    }
    attempts.push({ name, ok: false, why: `${name} failed to initialise` });
  } catch (error) {
    attempts.push({ name, ok: false, why: (error as Error).message ?? String(error) });
  }
  return false;
}

function select(): Selection {
  const forced = forcedChoice();
  const attempts: BackendAttempt[] = [];
  const info: BackendInfo = { name: "cpu", reason: "", attempts, threads: 1, ...(forced ? { forcedBy: `${BACKEND_ENV}=${forced}` } : {}) };
  tf.setBackend("cpu");
  const ready = (async () => {
    for (const name of forced ? [forced, "cpu" as const] : ORDER) {
      if (await trySelect(name, attempts)) {
        info.name = name;
        break;
      }
    }
    const skipped = attempts.filter((a) => !a.ok).map((a) => `${a.name}: ${a.why}`);
    info.reason = forced
      ? `${BACKEND_ENV}=${forced} asked for ${forced}; running on ${info.name}`
      : skipped.length === 0
        ? `${info.name} is the fastest backend this browser offers`
        : `${info.name} is the fastest backend that loaded in this browser (${skipped.join("; ")})`;
    if (info.name === "wasm") for (const install of wasmInstallers) install();
    return info;
  })();
  return { info, ready };
}

export function selectBackend(): Selection {
  const store = globalThis as Store;
  store[STATE_KEY] ??= select();
  return store[STATE_KEY];
}

export function backendInfo(): BackendInfo {
  return selectBackend().info;
}

export function backendReady(): Promise<BackendInfo> {
  return selectBackend().ready;
}

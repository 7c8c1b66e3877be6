// The worker the live handouts run cells in: lib, tfjs, danfo and the kernel's renderers, bundled.
import "../shims/globals.js";
import * as display from "@tsdl/kernel-ext";
import { KernelInterruptError, installKernelSession, releaseHeldCells, setLanguage, toDisplayContent, type KernelSession, type MimeBundle } from "@tsdl/display";
import * as tf from "@tensorflow/tfjs";
import * as danfo from "danfojs-node";
import Papa from "papaparse";
import { gunzipSync } from "fflate";
import { format } from "util";
import { CellSyntaxError, compileCell } from "../compile/compileCell.js";
import * as fs from "../shims/virtualFiles.js";
import * as os from "../shims/os.js";
import * as url from "../shims/url.js";
// The bundle maps node:path to path-browserify.
import * as pathModule from "node:path";
import { libEntries } from "tsdl-live:lib-entries";
import { jupyterOnlyModule } from "../shims/jupyterOnly.js";
import type { DataFileTransfer, PageToWorker, WorkerToPage } from "./messages.js";
import { newCellScope, runCompiledCell, type ModuleResolver } from "./runCompiledCell.js";
import { runtimeWords, setRuntimeLanguage } from "./runtimeWords.js";

interface WorkerScope {
  postMessage(message: WorkerToPage): void;
  onmessage: ((event: MessageEvent<PageToWorker>) => void) | null;
}
const worker = globalThis as unknown as WorkerScope;
const post = (message: WorkerToPage) => worker.postMessage(message);

const DATA_DIR = "/tsdl/data";
function esModule(namespace: object): Record<string, unknown> {
  const exports = namespace as Record<string, unknown>;
  return { ...exports, default: exports.default ?? exports };
}

const modules: Record<string, Record<string, unknown>> = {
  "@tsdl/display": display,
  "@tsdl/kernel-ext": display,
  "@tensorflow/tfjs": tf,
  "danfojs-node": danfo,
  danfojs: danfo,
  papaparse: { ...Papa, default: Papa },
  "node:fs": esModule(fs),
  fs: esModule(fs),
  "node:os": esModule(os),
  "node:path": esModule(pathModule),
  path: esModule(pathModule),
  "node:url": esModule(url),
};
const resolveModule: ModuleResolver = async (name) => {
  const module = modules[name];
  if (module) return module;
  const libEntry = libEntries[name];
  if (libEntry) return (modules[name] = await libEntry());
  if (/^(node:|child_process$|worker_threads$|net$|http$)/.test(name)) return jupyterOnlyModule(name);
  throw new Error(runtimeWords().noModule(name, [...new Set([...Object.keys(modules), ...Object.keys(libEntries)])].filter((m) => !m.startsWith("node:")).join(", ")));
};

const scope = newCellScope();
let currentCell = -1;
let interrupts = 0;
const interruptListeners = new Set<() => void>();
let tracked: Promise<unknown>[] = [];

// A chart's HTML draws with plotly.js from a script, which HTML put into a page does not run: the page
// gets the figure itself and draws it with the handouts' plotly.js.
function withFigure(data: MimeBundle): MimeBundle {
  const figure = display.chartFigure(data);
  return figure ? { ...data, "application/vnd.plotly.v1+json": figure } : data;
}

const session: KernelSession = {
  publishDisplay(kind, content) {
    post({ type: "display", cell: currentCell, kind, displayId: content.transient.display_id, data: withFigure(content.data), metadata: content.metadata });
  },
  track(work) {
    tracked.push(work);
  },
  get interrupts() {
    return interrupts;
  },
  onInterrupt(listener) {
    interruptListeners.add(listener);
    return () => interruptListeners.delete(listener);
  },
};
installKernelSession(session);

function stream(name: "stdout" | "stderr") {
  return (...args: unknown[]) => post({ type: "stream", cell: currentCell, name, text: `${format(...args)}\n` });
}
console.log = console.info = console.debug = stream("stdout");
console.warn = console.error = stream("stderr");
process.stdout.write = (text: string) => (post({ type: "stream", cell: currentCell, name: "stdout", text: String(text) }), true);
process.stderr.write = (text: string) => (post({ type: "stream", cell: currentCell, name: "stderr", text: String(text) }), true);

async function checkedFile(file: DataFileTransfer): Promise<void> {
  const bytes = file.gzipped ? gunzipSync(file.bytes) : file.bytes;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  const actual = [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
  if (actual !== file.sha256) throw new Error(runtimeWords().damagedData(file.path, actual, file.sha256));
  fs.addVirtualFile(`${DATA_DIR}/${file.path}`, bytes);
}

async function start(message: Extract<PageToWorker, { type: "start" }>): Promise<void> {
  setRuntimeLanguage(message.language);
  // lib's and display's words too, even in a cell that imports plain @tsdl/lib on a Chinese page. The
  // runtime keeps its own copy: the process shim needs those words before display can load.
  setLanguage(message.language);
  Object.assign(process.env, message.env, { TSDL_DATA_DIR: DATA_DIR });
  (globalThis as Record<symbol, unknown>)[Symbol.for("tsdl.browser.wasmUrl")] = URL.createObjectURL(new Blob([message.wasm], { type: "application/wasm" }));
  await Promise.all(message.data.map(checkedFile));
  fs.mkdirSync("/tmp", { recursive: true });
  // lib chooses its backend when it loads, so it loads once the page's settings are in process.env.
  const lib = (await resolveModule("@tsdl/lib")) as typeof import("@tsdl/lib");
  const info = await lib.backendReady();
  post({ type: "ready", backend: info.name, reason: info.reason });
}

// Function-constructor code numbers its lines from the header `async function anonymous(…\n) {\n`, then
// the body's `with` line: cell line N is line N + 3.
const CELL_LINE_OFFSET = 3;

/** The error as the kernel shows it: the cell's own lines first, frames inside the runtime counted. */
const sourceName = (cell: number) => `tsdl-cell-${cell}`;

function errorOf(error: unknown, code: string, cell: number): { ename: string; evalue: string; traceback: string[] } {
  if (error instanceof CellSyntaxError) {
    const where = error.line === undefined ? "" : runtimeWords().syntaxAt(error.line, error.column ?? 0);
    return { ename: "SyntaxError", evalue: `${error.message}${where}`, traceback: [] };
  }
  if (!(error instanceof Error)) return { ename: "Error", evalue: String(error), traceback: [] };
  const cellLines = code.split("\n");
  const traceback: string[] = [];
  let hidden = 0;
  for (const frame of (error.stack ?? "").split("\n").slice(1)) {
    const at = /tsdl-cell-(\d+):(\d+):\d+\)?$/.exec(frame);
    const line = at ? Number(at[2]) - CELL_LINE_OFFSET : 0;
    if (at && Number(at[1]) === cell) traceback.push(runtimeWords().atCellLine(line, cellLines[line - 1]?.trim() ?? ""));
    else if (at) traceback.push(runtimeWords().atEarlierCell(line));
    else if (frame.trim().startsWith("at ")) hidden += 1;
  }
  if (hidden > 0) traceback.push(runtimeWords().hiddenFrames(hidden));
  return { ename: error.name, evalue: error.message, traceback };
}

let interruptCell: (() => void) | undefined;

async function run(cell: number, code: string): Promise<void> {
  const began = performance.now();
  currentCell = cell;
  tracked = [];
  let status: "ok" | "error" | "interrupted" = "ok";
  try {
    await releaseHeldCells();
    const stopped = new Promise<never>((_, reject) => {
      interruptCell = () => reject(new KernelInterruptError(runtimeWords().cellStopped));
    });
    const value = await Promise.race([runCompiledCell(compileCell(code), scope, resolveModule, sourceName(cell)), stopped]);
    if (value !== undefined) {
      const content = await toDisplayContent(value);
      post({ type: "result", cell, data: withFigure(content.data), metadata: content.metadata ?? {} });
    }
    await Promise.race([Promise.allSettled(tracked), stopped]);
  } catch (error) {
    status = error instanceof KernelInterruptError ? "interrupted" : "error";
    post({ type: "error", cell, ...errorOf(error, code, cell) });
  } finally {
    interruptCell = undefined;
  }
  post({ type: "done", cell, status, ms: Math.round(performance.now() - began) });
}

// Cells run one at a time, in the order the page sent them.
let queue: Promise<void> = Promise.resolve();
worker.onmessage = (event) => {
  const message = event.data;
  if (message.type === "interrupt") {
    interrupts += 1;
    for (const listener of interruptListeners) listener();
    interruptCell?.();
    return;
  }
  if (message.type === "start") {
    queue = queue.then(() => start(message)).catch((error: unknown) => post({ type: "fatal", message: (error as Error).message ?? String(error) }));
    return;
  }
  queue = queue.then(() => run(message.cell, message.code));
};

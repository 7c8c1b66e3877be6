import type { MimeBundle } from "@tsdl/display";
import type { RuntimeLanguage } from "./runtimeWords.js";

/** One data set handed to the worker: its path under the course's data folder, bytes (gzipped when `gzipped`) and the sha256 of the data set. */
export interface DataFileTransfer {
  path: string;
  bytes: Uint8Array;
  gzipped: boolean;
  sha256: string;
}

export type PageToWorker =
  | { type: "start"; wasm: Uint8Array; data: DataFileTransfer[]; env: Record<string, string>; language: RuntimeLanguage }
  | { type: "run"; cell: number; code: string }
  | { type: "interrupt" };

export type WorkerToPage =
  | { type: "ready"; backend: string; reason: string }
  | { type: "stream"; cell: number; name: "stdout" | "stderr"; text: string }
  | { type: "display"; cell: number; kind: "display_data" | "update_display_data"; displayId: string; data: MimeBundle; metadata: Record<string, unknown> }
  | { type: "result"; cell: number; data: MimeBundle; metadata: Record<string, unknown> }
  | { type: "error"; cell: number; ename: string; evalue: string; traceback: string[] }
  | { type: "done"; cell: number; status: "ok" | "error" | "interrupted"; ms: number }
  | { type: "fatal"; message: string };

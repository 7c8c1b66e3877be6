import type { CallTarget } from "../protocol/messages.js";

export type FailureKind = "load" | "timeout" | "crash" | "thrown" | "lost";

export interface Failure {
  ok: false;
  kind: FailureKind;
  message: string;
  /** For `thrown`: the learner's error class name. */
  errorName?: string;
}

export interface Success {
  ok: true;
  value: unknown;
  thisFields?: Record<string, unknown>;
  /** The sandbox generation the value's handles belong to. */
  generation: number;
}

export interface LoadSuccess extends Success {
  imports: string[];
}

/** Every request carries its own time limit for learner code. */
export type BridgeRequest =
  | { op: "load"; timeoutMs: number; notebooksDir: string; notebook: string; exercise: string }
  | { op: "call"; timeoutMs: number; key: string; target: CallTarget; thisRef?: number; generation?: number; args: unknown[]; construct: boolean }
  | { op: "get"; timeoutMs: number; key: string; thisRef: number; generation: number; name: string };

export type BridgeReply = LoadSuccess | Success | Failure;

export interface BridgeSettings {
  tempDir: string;
  memoryMb: number;
  /** Compiled exercise cells shared across a grading batch (see compileCell.ts). */
  cacheDir?: string;
}

export function exerciseKey(notebook: string, exercise: string): string {
  return `${notebook}#${exercise}`;
}

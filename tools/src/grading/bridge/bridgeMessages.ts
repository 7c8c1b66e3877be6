import type { CallTarget } from "../protocol/messages.js";
import type { FeedbackLanguage } from "../sandbox/sandboxMessages.js";

/**
 * `load`: the exercise never loaded; `export`: a test asked for a name it does not export;
 * `value`: a value it returned cannot cross to the judge (cyclic, too deep).
 */
export type FailureKind = "load" | "export" | "timeout" | "crash" | "memory" | "thrown" | "lost" | "value";

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

/** Every request carries its own time limit for learner code, and the language its failures are told in. */
export type BridgeRequest = (
  | { op: "load"; timeoutMs: number; notebooksDir: string; notebook: string; exercise: string }
  | { op: "call"; timeoutMs: number; key: string; target: CallTarget; thisRef?: number; generation?: number; args: unknown[]; construct: boolean }
  | { op: "get"; timeoutMs: number; key: string; thisRef: number; generation: number; name: string }
) & { language: FeedbackLanguage };

export type BridgeReply = LoadSuccess | Success | Failure;

export interface BridgeSettings {
  tempDir: string;
  memoryMb: number;
  /** Compiled exercise cells shared across a grading batch (see cellCompiler.ts). */
  cacheDir?: string;
  /** Where sandboxes are recorded for the grader's final sweep (see sandboxRegistry.ts). */
  registryDir?: string;
}

export function exerciseKey(notebook: string, exercise: string): string {
  return `${notebook}#${exercise}`;
}

import type { MimeBundle } from "./mimeBundle.js";

/** What the running kernel offers display code; absent when not running in the tsdl kernel. */
export interface KernelSession {
  publishDisplay(
    kind: "display_data" | "update_display_data",
    content: { data: MimeBundle; metadata: Record<string, unknown>; transient: { display_id: string } },
  ): void;
  /** The kernel waits for `work` before it replies to the cell, so late outputs stay in the cell. */
  track(work: Promise<unknown>): void;
  /** How many interrupts the kernel has received; work that outlives its cell checks it to stop. */
  readonly interrupts: number;
  /** Calls `listener` when the kernel is interrupted, before the interrupted cell replies; returns a function that unsubscribes. */
  onInterrupt?(listener: () => void): () => void;
}

/**
 * Thrown by long-running helpers (live training progress) when the kernel was interrupted while
 * they ran, so that work an interrupted cell left behind (a `fit` still training) stops too.
 */
export class KernelInterruptError extends Error {
  override name = "KeyboardInterrupt";
}

// On globalThis so that the kernel and every copy of this package loaded by notebook code meet.
const SESSION_KEY = Symbol.for("tsdl.kernel.session");
type GlobalWithSession = typeof globalThis & { [SESSION_KEY]?: KernelSession };

export function currentKernelSession(): KernelSession | undefined {
  return (globalThis as GlobalWithSession)[SESSION_KEY];
}

export function installKernelSession(session: KernelSession): void {
  (globalThis as GlobalWithSession)[SESSION_KEY] = session;
}

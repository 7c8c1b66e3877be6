import { currentKernelSession, KernelInterruptError } from "../protocol/kernelSession.js";

/**
 * Whether the kernel was interrupted since this watch started. Interrupting a cell only abandons the
 * awaited `fit` (tfjs trains on in the background), so its callbacks ask this and throw to stop it.
 */
export function watchInterrupts(): { interrupted(): boolean; error(what: string): KernelInterruptError } {
  const atStart = currentKernelSession()?.interrupts;
  return {
    interrupted: () => {
      const session = currentKernelSession();
      return session !== undefined && atStart !== undefined && session.interrupts !== atStart;
    },
    error: (what) => new KernelInterruptError(`${what} stopped: the cell was interrupted`),
  };
}

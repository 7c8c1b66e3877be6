import { displayWords } from "../words/displayWords.js";
import { currentKernelSession, KernelInterruptError } from "../protocol/kernelSession.js";

/**
 * Whether the kernel was interrupted since this watch started. Interrupting a cell only abandons the
 * awaited `fit` (tfjs trains on in the background), so its callbacks ask this and throw to stop it.
 * `onInterrupt` runs at the interrupt itself (when the kernel offers it), so what it shows lands in the
 * interrupted cell.
 */
export function watchInterrupts(onInterrupt?: () => void): { interrupted(): boolean; error(what: string): KernelInterruptError; stop(): void } {
  const session = currentKernelSession();
  const atStart = session?.interrupts;
  const stop = (onInterrupt && session?.onInterrupt?.(onInterrupt)) ?? (() => undefined);
  return {
    interrupted: () => {
      const now = currentKernelSession();
      return now !== undefined && atStart !== undefined && now.interrupts !== atStart;
    },
    error: (what) => new KernelInterruptError(displayWords().interruptedError(what)),
    stop,
  };
}

// Kept on globalThis so that every copy of this package in a process (source and built) shares it.
const HELD_KEY = Symbol.for("tsdl.kernel.heldCells");
type GlobalWithHeld = typeof globalThis & { [HELD_KEY]?: Set<Promise<unknown>> };

function held(): Set<Promise<unknown>> {
  const store = globalThis as GlobalWithHeld;
  store[HELD_KEY] ??= new Set();
  return store[HELD_KEY];
}

/**
 * Asks the kernel to wait for `promise` before it runs the next cell, so that a library can
 * finish asynchronous set-up (such as compiling WebAssembly) started by an import.
 */
export function holdNextCell(promise: Promise<unknown>): void {
  const pending = held();
  const settled = promise.then(
    () => undefined,
    () => undefined,
  );
  pending.add(settled);
  void settled.then(() => pending.delete(settled));
}

/** Resolves when every promise passed to `holdNextCell` has settled. */
export async function releaseHeldCells(): Promise<void> {
  const pending = held();
  while (pending.size > 0) await Promise.all([...pending]);
}

import { randomUUID } from "node:crypto";
import { currentKernelSession } from "./kernelSession.js";
import type { DisplayContent } from "./mimeBundle.js";
import { toDisplayContent } from "./toDisplayContent.js";

export interface DisplayOptions {
  /** The display id; a display shown again with the same id can be updated together. Default: a new UUID. */
  id?: string;
  /** Largest size of this display in bytes (default 1 MB). */
  budgetBytes?: number;
}

/** A shown display that can be replaced in place. */
export interface DisplayHandle {
  readonly id: string;
  /** Replaces the display's content with `value` (sends `update_display_data`). */
  update(value: unknown): Promise<void>;
  /** Resolves once the first content has been sent. */
  readonly shown: Promise<void>;
}

// Displays are rendered in call order, so an update never overtakes the display it replaces.
let queue: Promise<void> = Promise.resolve();
let queued = 0;

function send(id: string, kind: "display_data" | "update_display_data", content: DisplayContent): void {
  const session = currentKernelSession();
  if (session) {
    session.publishDisplay(kind, {
      data: content.data,
      metadata: content.metadata ?? {},
      transient: { display_id: id },
    });
    return;
  }
  // Outside a kernel: the readable text, one block per display or update.
  process.stdout.write(`${String(content.data["text/plain"] ?? "")}\n`);
}

function failure(error: unknown): DisplayContent {
  const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { data: { "text/plain": `[display failed: ${message}]` } };
}

function enqueue(id: string, kind: "display_data" | "update_display_data", value: unknown, budgetBytes?: number): Promise<void> {
  if (queued === 0) {
    try {
      const content = toDisplayContent(value, budgetBytes);
      if (!(content instanceof Promise)) {
        send(id, kind, content);
        return Promise.resolve();
      }
      return track(content.then((c) => send(id, kind, c), (e: unknown) => send(id, kind, failure(e))));
    } catch (error) {
      send(id, kind, failure(error));
      return Promise.resolve();
    }
  }
  return track(
    queue.then(async () => {
      try {
        send(id, kind, await toDisplayContent(value, budgetBytes));
      } catch (error) {
        send(id, kind, failure(error));
      }
    }),
  );
}

function track(work: Promise<void>): Promise<void> {
  queued += 1;
  const done = work.finally(() => {
    queued -= 1;
  });
  queue = done;
  currentKernelSession()?.track(done);
  return done;
}

/**
 * Shows `value` as rich output in the running kernel (or as text on stdout elsewhere) and returns
 * a handle whose `update(value)` replaces it in place.
 */
export function display(value: unknown, options: DisplayOptions = {}): DisplayHandle {
  if (options.id !== undefined && (typeof options.id !== "string" || options.id.length === 0)) {
    throw new TypeError(`display: options.id must be a non-empty string, got ${JSON.stringify(options.id)}`);
  }
  const id = options.id ?? randomUUID();
  const shown = enqueue(id, "display_data", value, options.budgetBytes);
  return {
    id,
    shown,
    update: (next: unknown) => enqueue(id, "update_display_data", next, options.budgetBytes),
  };
}

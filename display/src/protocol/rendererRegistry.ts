import type { DisplayContent } from "./mimeBundle.js";

/** Turns values of one kind (recognised by duck typing) into a MIME bundle. */
export interface Renderer {
  /** A short name, used to replace an earlier registration of the same renderer. */
  name: string;
  test(value: unknown): boolean;
  render(value: unknown): DisplayContent | Promise<DisplayContent>;
}

// On globalThis so that every copy of this package in a process (source and built) shares one list.
const RENDERERS_KEY = Symbol.for("tsdl.kernel.renderers");
type GlobalWithRenderers = typeof globalThis & { [RENDERERS_KEY]?: Renderer[] };

function renderers(): Renderer[] {
  const store = globalThis as GlobalWithRenderers;
  store[RENDERERS_KEY] ??= [];
  return store[RENDERERS_KEY];
}

/**
 * Registers `renderer` ahead of the ones already registered, so a more specific renderer added
 * later wins. Registering a name again replaces the earlier renderer of that name.
 */
export function registerRenderer(renderer: Renderer): void {
  const list = renderers();
  const existing = list.findIndex((r) => r.name === renderer.name);
  if (existing >= 0) list.splice(existing, 1);
  list.unshift(renderer);
}

export function findRenderer(value: unknown): Renderer | undefined {
  return renderers().find((renderer) => {
    try {
      return renderer.test(value);
    } catch {
      return false;
    }
  });
}

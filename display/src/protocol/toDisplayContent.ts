import { findRenderer } from "./rendererRegistry.js";
import { enforceBudget, jupyterDisplaySymbol, plainText, type DisplayContent, type MimeBundle } from "./mimeBundle.js";

function isBundle(value: unknown): value is MimeBundle {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fromOwnMethod(value: unknown, bundle: unknown): DisplayContent {
  if (!isBundle(bundle)) {
    throw new TypeError(
      `[Symbol.for("Jupyter.display")]() must return a MIME bundle object, got ${plainText(bundle)}`,
    );
  }
  return { data: { "text/plain": plainText(value), ...bundle } };
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * The MIME bundle shown for `value`: its own `[Symbol.for("Jupyter.display")]()` result, else the
 * first registered renderer that accepts it, else `util.inspect` text; always within the budget.
 * Synchronous when the renderer is, so displays from synchronous code go out immediately.
 */
export function toDisplayContent(value: unknown, budgetBytes?: number): DisplayContent | Promise<DisplayContent> {
  const method =
    typeof value === "object" && value !== null
      ? (value as { [jupyterDisplaySymbol]?: unknown })[jupyterDisplaySymbol]
      : undefined;
  let content: DisplayContent | Promise<DisplayContent>;
  if (typeof method === "function") {
    const bundle: unknown = method.call(value);
    content = isPromise(bundle) ? bundle.then((b) => fromOwnMethod(value, b)) : fromOwnMethod(value, bundle);
  } else {
    const renderer = findRenderer(value);
    content = renderer ? renderer.render(value) : { data: { "text/plain": plainText(value) } };
  }
  return isPromise(content) ? content.then((c) => enforceBudget(c, budgetBytes)) : enforceBudget(content, budgetBytes);
}

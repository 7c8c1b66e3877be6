import { inspect } from "node:util";

/** A Jupyter MIME bundle: MIME type → content (strings; binary types such as image/png base64-encoded). */
export type MimeBundle = Record<string, unknown>;

/** What a renderer or a `Jupyter.display` method produces. */
export interface DisplayContent {
  data: MimeBundle;
  metadata?: Record<string, unknown>;
}

/** The key of the method an object implements to display itself (the convention Deno's kernel uses). */
export const jupyterDisplaySymbol = Symbol.for("Jupyter.display");

/** Default limit of one display's size; big things are summarised well below it. */
export const defaultDisplayBudgetBytes = 1_000_000;

export function plainText(value: unknown): string {
  if (typeof value === "string") return inspect(value, { maxStringLength: 20_000 });
  return inspect(value, {
    depth: 4,
    maxArrayLength: 100,
    maxStringLength: 20_000,
    breakLength: 100,
    colors: false,
  });
}

export function bundleBytes(data: MimeBundle): number {
  let total = 0;
  for (const value of Object.values(data)) {
    total += Buffer.byteLength(typeof value === "string" ? value : JSON.stringify(value) ?? "");
  }
  return total;
}

/**
 * Keeps a display within `budgetBytes`: drops the largest rich representations first and says so
 * in `text/plain`, which is itself cut to fit.
 */
export function enforceBudget(content: DisplayContent, budgetBytes = defaultDisplayBudgetBytes): DisplayContent {
  const data: MimeBundle = { ...content.data };
  const allowed = budgetBytes;
  const dropped: string[] = [];
  const rich = () =>
    Object.keys(data)
      .filter((type) => type !== "text/plain")
      .sort((a, b) => bundleBytes({ [b]: data[b] }) - bundleBytes({ [a]: data[a] }));
  while (bundleBytes(data) > allowed && rich().length > 0) {
    const largest = rich()[0]!;
    dropped.push(`${largest} (${Math.round(bundleBytes({ [largest]: data[largest] }) / 1000)} kB)`);
    delete data[largest];
  }
  let text = typeof data["text/plain"] === "string" ? (data["text/plain"] as string) : "";
  if (dropped.length > 0) {
    text += `\n[display budget of ${Math.round(budgetBytes / 1000)} kB exceeded: left out ${dropped.join(", ")}]`;
  }
  if (Buffer.byteLength(text) > budgetBytes) {
    text = `${Buffer.from(text).subarray(0, budgetBytes - 200).toString()}\n… [text cut to the ${Math.round(budgetBytes / 1000)} kB display budget]`;
  }
  data["text/plain"] = text;
  return { data, metadata: content.metadata ?? {} };
}

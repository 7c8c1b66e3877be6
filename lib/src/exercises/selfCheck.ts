import { libWords } from "../words/libWords.js";
import { inspect } from "node:util";

/**
 * Thrown by the assertion helpers; its message says what was expected and what came back.
 */
export class CheckFailure extends Error {
  override name = "CheckFailure";
}

export interface CheckResult {
  exercise: string;
  passed: string[];
  failed: { name: string; reason: string }[];
}

const DISPLAY = Symbol.for("Jupyter.display");

function show(value: unknown): string {
  return inspect(value, { depth: 3, maxArrayLength: 12, breakLength: Infinity });
}

function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

/**
 * Deep equality for plain data (numbers, strings, arrays, objects).
 *
 * Taught in notebooks/00-setup.ipynb; also used in 01-concepts, 02-algorithms, 03-preprocessing, 04-training, 05-evaluation, 06-language, 07-vision, 08-large-models, 09-faq.
 */
export function expectEqual(actual: unknown, expected: unknown, what = "result"): void {
  if (!Object.is(actual, expected) && JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new CheckFailure(`${what}: expected ${show(expected)}, got ${show(actual)}`);
  }
}

/**
 * Element-wise closeness for numbers or (nested) arrays of numbers: |a − e| ≤ tolerance.
 *
 * Taught in notebooks/01-concepts.ipynb; also used in 02-algorithms, 03-preprocessing, 05-evaluation, 06-language, 08-large-models, 09-faq.
 */
export function expectClose(actual: unknown, expected: unknown, tolerance = 1e-6, what = "result"): void {
  const flat = (v: unknown): number[] =>
    Array.isArray(v) || ArrayBuffer.isView(v) ? Array.from(v as ArrayLike<unknown>).flatMap(flat) : [v as number];
  const a = flat(actual);
  const e = flat(expected);
  if (a.length !== e.length) {
    throw new CheckFailure(`${what}: expected ${e.length} numbers, got ${a.length} (${show(actual)})`);
  }
  const worst = a.reduce((w, x, i) => {
    const gap = typeof x === "number" ? Math.abs(x - e[i]!) : Number.POSITIVE_INFINITY;
    return Number.isNaN(gap) || gap > w.gap ? { i, gap: Number.isNaN(gap) ? Infinity : gap } : w;
  }, { i: -1, gap: 0 });
  if (worst.gap > tolerance) {
    throw new CheckFailure(
      `${what}: expected ${show(expected)}, got ${show(actual)} (entry ${worst.i} off by ${worst.gap.toPrecision(3)}, tolerance ${tolerance})`,
    );
  }
}

/**
 * Expects `run` to throw; `message` (if given) must appear in the error.
 *
 * Taught in notebooks/00-setup.ipynb; also used in 01-concepts, 02-algorithms, 03-preprocessing, 04-training, 08-large-models, 09-faq.
 */
export function expectThrows(run: () => unknown, message?: string, what = "call"): void {
  try {
    run();
  } catch (error) {
    const text = (error as Error).message ?? String(error);
    if (message !== undefined && !text.includes(message)) {
      throw new CheckFailure(`${what}: expected an error mentioning ${show(message)}, got ${show(text)}`);
    }
    return;
  }
  throw new CheckFailure(`${what}: expected an error, but it returned normally`);
}

function render(result: CheckResult): Record<string, string> {
  const total = result.passed.length + result.failed.length;
  const ok = result.failed.length === 0;
  const headline = `${ok ? "✔" : "✘"} ${libWords().checksPassed(result.exercise, result.passed.length, total)}`;
  const lines = [
    headline,
    ...result.passed.map((name) => `  ✔ ${name}`),
    ...result.failed.map((f) => `  ✘ ${f.name}: ${f.reason}`),
  ];
  // The colour marks only the border: coloured text would fall below 3:1 contrast in dark themes.
  const colour = ok ? "#1a7f37" : "#cf222e";
  const items = [
    ...result.passed.map((name) => `<li>✔ ${escapeHtml(name)}</li>`),
    ...result.failed.map((f) => `<li>✘ <b>${escapeHtml(f.name)}</b>: <code>${escapeHtml(f.reason)}</code></li>`),
  ].join("");
  return {
    "text/plain": lines.join("\n"),
    "text/html": `<div style="border-left:4px solid ${colour};padding:2px 10px"><b>${escapeHtml(headline)}</b><ul style="margin:4px 0;list-style:none;padding-left:8px">${items}</ul></div>`,
  };
}

/**
 * Runs an exercise's public checks and returns a result the kernel shows as a pass/fail list.
 * Each check is a named function that throws (for example with `expectClose`) when it fails.
 *
 * Taught in notebooks/00-setup.ipynb; also used in 01-concepts, 02-algorithms, 03-preprocessing, 04-training, 05-evaluation, 06-language, 07-vision, 08-large-models, 09-faq.
 */
export async function selfCheck(
  exercise: string,
  checks: Record<string, () => void | Promise<void>>,
): Promise<CheckResult & { [DISPLAY]: () => Record<string, string> }> {
  const result: CheckResult = { exercise, passed: [], failed: [] };
  for (const [name, run] of Object.entries(checks)) {
    try {
      await run();
      result.passed.push(name);
    } catch (error) {
      result.failed.push({ name, reason: (error as Error).message ?? String(error) });
    }
  }
  return Object.assign(result, { [DISPLAY]: () => render(result) });
}

import type { CompletionEntry, CompletionInfo } from "./tslabAdapter.js";

/**
 * True for a name listed after `object.` that no learner calls: `_`-prefixed internals (unless the
 * learner typed `_`), and capitalised string constants of a module such as tfjs's kernel names
 * (`Abs` beside the op `abs`, `_FusedMatMul`), which TypeScript lists as `const`.
 */
function hidden(entry: CompletionEntry | undefined, name: string, typed: string): boolean {
  if (name.startsWith("_") && !typed.startsWith("_")) return true;
  return entry?.kind === "const" && /^[A-Z]/.test(name) && (entry.kindModifiers ?? "").includes("declare");
}

/** The completions to offer for `code` (tslab's candidates, best first), without internals after a `.`. */
export function learnerCompletions(code: string, info: CompletionInfo, cursor: number): string[] {
  const member = /\??\.\s*$/.test(code.slice(0, info.start));
  if (!member) return info.candidates;
  const typed = code.slice(info.start, cursor);
  const entries = new Map((info.original?.entries ?? []).map((e) => [e.name, e]));
  return info.candidates.filter((name) => !hidden(entries.get(name), name, typed));
}

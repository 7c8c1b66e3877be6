import { plainText } from "@tsdl/display";

/** The content of a Jupyter `error` message (and of an error `execute_reply`). */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

/** How tslab's executor prints a TypeScript diagnostic: `console.error(format, file, line, column, message)`. */
export const diagnosticFormat = "%s%d:%d - %s";

function sourceLine(source: string, line: number): string {
  return source.split("\n")[line - 1] ?? "";
}

/** Turns the diagnostics tslab printed for a cell into one `error` naming each cell line. */
export function diagnosticsError(printed: unknown[][], source: string): CellError {
  const traceback: string[] = [];
  const messages: string[] = [];
  for (const [, file, line, column, message] of printed) {
    const at = `${String(file || "cell ")}line ${String(line)}:${String(column)}`;
    messages.push(`${String(message)} (${at.trim()})`);
    traceback.push(`${at} - ${String(message)}`);
    if (!file) {
      const text = sourceLine(source, Number(line));
      traceback.push(`    ${text}`, `    ${" ".repeat(Math.max(0, Number(column) - 1))}^`);
    }
  }
  return {
    ename: "TSError",
    evalue: messages.length === 1 ? messages[0]! : `${messages.length} TypeScript errors: ${messages.join("; ")}`,
    traceback: [`TSError: ${messages.length} TypeScript error${messages.length === 1 ? "" : "s"} in this cell`, ...traceback],
  };
}

const tokenPattern = /[A-Za-z_$][\w$]*|\d+(?:\.\d+)?|"[^"]*"|'[^']*'|`[^`]*`/g;
const ignoredTokens = new Set(["exports", "default", "void", "require"]);

function tokens(line: string): string[] {
  return (line.match(tokenPattern) ?? []).filter((t) => !ignoredTokens.has(t));
}

/**
 * The cell line a stack position in the compiled JavaScript came from. tslab compiles without a
 * source map, so the compiled line is matched to the source line sharing most of its tokens;
 * undefined when no line matches well.
 */
export function cellLineOf(stack: string, compiled: string, source: string): number | undefined {
  const position = /evalmachine\.<anonymous>:(\d+):\d+/.exec(stack);
  if (!position) return undefined;
  const compiledTokens = tokens(compiled.split("\n")[Number(position[1]) - 1] ?? "");
  if (compiledTokens.length === 0) return undefined;
  let best: { line: number; score: number } | undefined;
  source.split("\n").forEach((text, index) => {
    const own = new Set(tokens(text));
    const shared = compiledTokens.filter((t) => own.has(t)).length;
    const score = shared / Math.max(compiledTokens.length, own.size);
    if (!best || score > best.score) best = { line: index + 1, score };
  });
  return best && best.score >= 0.5 ? best.line : undefined;
}

const hiddenFrame = /\(node:|node:internal|evalmachine\.<anonymous>|[/\\]tslab[/\\]dist[/\\]|[/\\]kernel-ext[/\\](dist|src)[/\\]kernel[/\\]/;

/** Turns a value thrown by a cell into an `error` whose traceback points at the cell line. */
export function runtimeError(thrown: unknown, source: string, compiled: string | undefined): CellError {
  if (!(thrown instanceof Error)) {
    const evalue = plainText(thrown);
    return { ename: "Uncaught", evalue, traceback: [`Uncaught ${evalue}`] };
  }
  // vm's breakOnSigint and tslab's interrupt both throw a plain Error; name it like ipykernel's.
  const interrupted = /interrupted by `SIGINT`|Interrupted asynchronously/.test(thrown.message);
  const ename = interrupted ? "KeyboardInterrupt" : thrown.name || thrown.constructor?.name || "Error";
  const evalue = thrown.message;
  const stack = thrown.stack ?? "";
  const traceback = [`${ename}: ${evalue}`];
  // Innermost first, as in the stack: cell frames as cell lines, and only the first few library
  // frames (tfjs stacks are deep), so the learner's own line is never cut off.
  let libraryFrames = 0;
  for (const frame of stack.split("\n").filter((l) => /^\s+at /.test(l))) {
    if (frame.includes("evalmachine.<anonymous>")) {
      const line = compiled === undefined ? undefined : cellLineOf(frame, compiled, source);
      const text = line === undefined ? undefined : `    at cell line ${line}: ${sourceLine(source, line).trim()}`;
      if (text !== undefined && traceback.at(-1) !== text) traceback.push(text);
    } else if (!hiddenFrame.test(frame)) {
      libraryFrames += 1;
      if (libraryFrames <= 3) traceback.push(frame);
      else if (traceback.at(-1) !== "    …") traceback.push("    …");
    }
  }
  return { ename, evalue, traceback };
}

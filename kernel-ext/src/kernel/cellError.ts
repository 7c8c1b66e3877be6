import path from "node:path";
import { plainText } from "@tsdl/display";
import { isTslabInterrupt } from "./tslabAdapter.js";

/** The content of a Jupyter `error` message (and of an error `execute_reply`). */
export interface CellError {
  ename: string;
  evalue: string;
  traceback: string[];
}

// The ANSI colours IPython's tracebacks use, which every Jupyter front end renders.
const red = (text: string) => `\x1b[0;31m${text}\x1b[0m`;
const green = (text: string) => `\x1b[0;32m${text}\x1b[0m`;
const grey = (text: string) => `\x1b[0;90m${text}\x1b[0m`;

function sourceLine(source: string, line: number): string {
  return source.split("\n")[line - 1] ?? "";
}

/**
 * Turns the diagnostics tslab printed for a cell (`[format, file, line, column, message]`) into one
 * `error` naming each cell line; `hint(message)` may add a line below a message (e.g. how to install
 * a missing package).
 */
export function diagnosticsError(printed: unknown[][], source: string, hint: (message: string) => string | undefined = () => undefined): CellError {
  const traceback: string[] = [];
  const messages: string[] = [];
  for (const [, file, line, column, message] of printed) {
    const at = `${String(file || "cell ")}line ${String(line)}:${String(column)}`;
    messages.push(`${String(message)} (${at.trim()})`);
    traceback.push(`${green(at)} - ${String(message)}`);
    if (!file) {
      traceback.push(`    ${sourceLine(source, Number(line))}`, `    ${" ".repeat(Math.max(0, Number(column) - 1))}${red("^")}`);
    }
    const extra = hint(String(message));
    if (extra !== undefined) traceback.push(extra);
  }
  return {
    ename: "TSError",
    evalue: messages.length === 1 ? messages[0]! : `${messages.length} TypeScript errors: ${messages.join("; ")}`,
    traceback: [`${red("TSError")}: ${messages.length} TypeScript error${messages.length === 1 ? "" : "s"} in this cell`, ...traceback],
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

export interface TracebackOptions {
  /** The notebook's folder: frames from files below it (outside node_modules) are the learner's own code. */
  notebookDirectory: string;
  /** Show every frame, including those inside packages and Node (IPython's `%xmode Verbose`). */
  allFrames?: boolean;
}

/** The file a stack frame line points into, or undefined (`at new Promise (<anonymous>)`). */
function frameFile(frame: string): string | undefined {
  const location = /\(([^()]+?):\d+:\d+\)$|at (?:async )?([^()\s]+?):\d+:\d+$/.exec(frame.trim());
  const file = location?.[1] ?? location?.[2];
  return file?.startsWith("file://") ? new URL(file).pathname : file;
}

// Frames of the machinery that runs a cell (Node, vm, tslab, this kernel): shown only with `allFrames`, never counted.
const machinery = /^node:|[/\\]tslab[/\\]dist[/\\]|[/\\]kernel-ext[/\\](dist|src)[/\\]kernel[/\\]/;

function isLearnersFile(file: string | undefined, notebookDirectory: string): boolean {
  if (file === undefined || !path.isAbsolute(file)) return false;
  const relative = path.relative(notebookDirectory, file);
  return !relative.startsWith("..") && !relative.split(path.sep).includes("node_modules");
}

/**
 * Turns a value thrown by a cell into an `error` whose traceback shows the cell lines first, as
 * IPython's short tracebacks do: frames inside packages are counted, not shown, and those of the
 * machinery running the cell are left out, unless `allFrames` (when no cell line is known, the first
 * three package frames are shown so something points somewhere).
 */
export function runtimeError(thrown: unknown, source: string, compiled: string | undefined, options: TracebackOptions): CellError {
  if (!(thrown instanceof Error)) {
    const evalue = plainText(thrown);
    return { ename: "Uncaught", evalue, traceback: [`${red("Uncaught")} ${evalue}`] };
  }
  // vm's breakOnSigint and tslab's interrupt both throw a plain Error; name it like ipykernel's.
  const ename = isTslabInterrupt(thrown) ? "KeyboardInterrupt" : thrown.name || thrown.constructor?.name || "Error";
  const evalue = thrown.message;
  const shown: string[] = [];
  const packageFrames: string[] = [];
  const machineryFrames: string[] = [];
  for (const frame of (thrown.stack ?? "").split("\n").filter((l) => /^\s+at /.test(l))) {
    if (frame.includes("evalmachine.<anonymous>")) {
      const line = compiled === undefined ? undefined : cellLineOf(frame, compiled, source);
      const text = line === undefined ? undefined : `${green(`    at cell line ${line}`)}: ${sourceLine(source, line).trim()}`;
      if (text !== undefined && shown.at(-1) !== text) shown.push(text);
      continue;
    }
    const file = frameFile(frame);
    if (isLearnersFile(file, options.notebookDirectory)) shown.push(frame);
    else if (file === undefined || machinery.test(file)) machineryFrames.push(frame);
    else packageFrames.push(frame);
  }
  const traceback = [`${red(ename)}: ${evalue}`, ...shown];
  if (options.allFrames) traceback.push(...packageFrames.map(grey), ...machineryFrames.map(grey));
  else {
    const sample = shown.length === 0 ? packageFrames.slice(0, 3) : [];
    traceback.push(...sample.map(grey));
    const hidden = packageFrames.length - sample.length;
    if (hidden > 0) traceback.push(grey(`    … ${hidden} frame${hidden === 1 ? "" : "s"} inside packages hidden (TSDL_TRACEBACK=full shows them)`));
  }
  return { ename, evalue, traceback };
}

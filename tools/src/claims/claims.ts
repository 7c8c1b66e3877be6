import { type CodeCell, joinSource, type Notebook, type NotebookCell as Cell } from "@tsdl/kernel-ext/notebook";

/**
 * A sentence of a markdown cell that depends on a run, tied to the code cell whose output proves it.
 * Declared in the markdown cell's metadata as `"claims": [{ says, cell, output, holds }]`:
 * - `says`: text that must appear in that markdown cell (the claim in the prose);
 * - `cell`: id of the code cell whose text output shows the numbers;
 * - `output`: a regular expression over that output whose named groups capture the numbers;
 * - `holds`: comparisons over the group names, e.g. `"mse < crossEntropy"` or `"last - first >= 0.1"`;
 *   empty when the output matching the pattern is itself the claim.
 */
export interface Claim {
  says: string;
  cell: string;
  output: string;
  holds: string[];
}

export interface ClaimProblem {
  /** The markdown cell that makes the claim. */
  markdownCell: string;
  says: string;
  problem: string;
}

/** The longest pattern a claim may have: patterns come from notebook metadata, treated as hostile. */
export const MAX_CLAIM_PATTERN_LENGTH = 500;

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The claims declared in one markdown cell, validated; throws naming the cell and the bad field. */
export function claimsOf(cell: Cell, label: string): Claim[] {
  const declared = cell.metadata?.claims;
  if (declared === undefined) return [];
  const where = `${label}, cell ${cell.id ?? "(no id)"}`;
  if (cell.cell_type !== "markdown") throw new Error(`${where}: claims belong in markdown cells, found in a ${cell.cell_type} cell`);
  if (!Array.isArray(declared)) throw new Error(`${where}: expected metadata.claims to be an array, got ${describe(declared)}`);
  return declared.map((raw: unknown, index) => {
    const claim = raw as Partial<Claim> | null;
    const field = (name: string) => `${where}: claim ${index} expected "${name}"`;
    if (typeof claim !== "object" || claim === null) throw new Error(`${where}: claim ${index} expected an object, got ${describe(raw)}`);
    if (typeof claim.says !== "string" || claim.says.trim() === "") throw new Error(`${field("says")} to be non-empty text, got ${describe(claim.says)}`);
    if (typeof claim.cell !== "string" || claim.cell === "") throw new Error(`${field("cell")} to be a cell id, got ${describe(claim.cell)}`);
    if (typeof claim.output !== "string" || claim.output === "" || claim.output.length > MAX_CLAIM_PATTERN_LENGTH) {
      throw new Error(`${field("output")} to be a regular expression of 1–${MAX_CLAIM_PATTERN_LENGTH} characters, got ${describe(claim.output)}`);
    }
    if (!Array.isArray(claim.holds) || claim.holds.some((h) => typeof h !== "string")) {
      throw new Error(`${field("holds")} to be a list of comparisons (empty when matching the output is the check), got ${describe(claim.holds)}`);
    }
    return { says: claim.says, cell: claim.cell, output: claim.output, holds: claim.holds };
  });
}

/** Every claim of a notebook with the markdown cell that makes it. */
export function notebookClaims(notebook: Notebook, label: string): { markdownCell: string; claim: Claim }[] {
  return notebook.cells.flatMap((cell) => claimsOf(cell, label).map((claim) => ({ markdownCell: cell.id ?? "(no id)", claim })));
}

/** The text a code cell showed: its streams and the text/plain of its results and displays. */
export function outputText(cell: CodeCell): string {
  return cell.outputs
    .map((output) => {
      if (output.output_type === "stream") return joinSource(output.text);
      if (output.output_type === "execute_result" || output.output_type === "display_data") {
        const plain = output.data["text/plain"];
        return typeof plain === "string" || Array.isArray(plain) ? joinSource(plain as string | string[]) : "";
      }
      return "";
    })
    .join("\n");
}

type Token = { kind: "number"; value: number } | { kind: "name"; value: string } | { kind: "symbol"; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s*(?:(\d+(?:\.\d+)?(?:e[+-]?\d+)?)|([A-Za-z_]\w*)|(<=|>=|==|[<>+\-*/()]))/gy;
  let match: RegExpExecArray | null;
  while (pattern.lastIndex < text.length && (match = pattern.exec(text)) !== null) {
    if (match[1] !== undefined) tokens.push({ kind: "number", value: Number(match[1]) });
    else if (match[2] !== undefined) tokens.push({ kind: "name", value: match[2] });
    else tokens.push({ kind: "symbol", value: match[3]! });
  }
  if (text.slice(pattern.lastIndex).trim() !== "") throw new Error(`cannot read "${text.slice(pattern.lastIndex).trim()}" in "${text}"`);
  return tokens;
}

// A four-operator comparison grammar, written by hand: an expression library would bring eval-like
// power to text read from notebook metadata, which is treated as hostile.
/** Evaluates `expression op expression` (op: <, <=, >, >=, ==) over named values. */
export function evaluateComparison(text: string, values: Record<string, number>): boolean {
  const tokens = tokenize(text);
  let position = 0;
  const peek = () => tokens[position];
  const take = (symbol: string) => {
    const token = peek();
    if (token?.kind === "symbol" && token.value === symbol) {
      position++;
      return true;
    }
    return false;
  };
  const primary = (): number => {
    const token = tokens[position++];
    if (token === undefined) throw new Error(`"${text}" ends too early`);
    if (token.kind === "number") return token.value;
    if (token.kind === "name") {
      if (!(token.value in values)) throw new Error(`"${text}" uses ${token.value}, which the output did not capture (captured: ${Object.keys(values).join(", ") || "nothing"})`);
      return values[token.value]!;
    }
    if (token.value === "-") return -primary();
    if (token.value === "(") {
      const inner = sum();
      if (!take(")")) throw new Error(`"${text}" misses a closing parenthesis`);
      return inner;
    }
    throw new Error(`"${text}" has an unexpected ${token.value}`);
  };
  const product = (): number => {
    let value = primary();
    for (;;) {
      if (take("*")) value *= primary();
      else if (take("/")) value /= primary();
      else return value;
    }
  };
  const sum = (): number => {
    let value = product();
    for (;;) {
      if (take("+")) value += product();
      else if (take("-")) value -= product();
      else return value;
    }
  };
  const left = sum();
  const operator = tokens[position++];
  if (operator?.kind !== "symbol" || !["<", "<=", ">", ">=", "=="].includes(operator.value)) {
    throw new Error(`"${text}" needs a comparison (<, <=, >, >=, ==) after its first expression`);
  }
  const right = sum();
  if (position !== tokens.length) throw new Error(`"${text}" has extra text after the comparison`);
  switch (operator.value) {
    case "<": return left < right;
    case "<=": return left <= right;
    case ">": return left > right;
    case ">=": return left >= right;
    default: return left === right;
  }
}

/** The named numbers a claim's pattern captures from an output text; throws when it does not match. */
export function capturedValues(claim: Claim, text: string): Record<string, number> {
  const match = new RegExp(claim.output, "u").exec(text);
  if (!match) throw new Error(`output does not match /${claim.output}/; it reads: ${text.slice(0, 400)}`);
  const values: Record<string, number> = {};
  for (const [name, captured] of Object.entries(match.groups ?? {})) {
    const value = Number(captured?.replaceAll(",", ""));
    if (captured === undefined || !Number.isFinite(value)) throw new Error(`group ${name} captured ${describe(captured)}, not a number`);
    values[name] = value;
  }
  return values;
}

/**
 * Checks the claims of a notebook. With `executed` false only the structure is checked (every
 * claim's text is in its cell, its code cell exists, its pattern and comparisons parse); with
 * `executed` true every claim must also hold on the outputs.
 */
export function checkClaims(notebook: Notebook, label: string, { executed }: { executed: boolean }): ClaimProblem[] {
  const problems: ClaimProblem[] = [];
  const cells = new Map(notebook.cells.map((cell) => [cell.id, cell]));
  for (const { markdownCell, claim } of notebookClaims(notebook, label)) {
    const report = (problem: string) => problems.push({ markdownCell, says: claim.says, problem });
    // The Chinese edition states the claim in Chinese; its numbers are held equal to the English cell's by the i18n drift checks.
    if (notebook.metadata.language !== "zh" && !joinSource(cells.get(markdownCell)!.source).includes(claim.says)) {
      report(`the markdown no longer says "${claim.says}"`);
      continue;
    }
    const code = cells.get(claim.cell);
    if (code?.cell_type !== "code") {
      report(`no code cell ${claim.cell}`);
      continue;
    }
    try {
      new RegExp(claim.output, "u");
      const names = [...claim.output.matchAll(/\(\?<(\w+)>/g)].map((m) => m[1]!);
      const probe = Object.fromEntries(names.map((name) => [name, 1]));
      claim.holds.forEach((comparison) => evaluateComparison(comparison, probe));
      if (!executed) continue;
      const values = capturedValues(claim, outputText(code));
      for (const comparison of claim.holds) {
        if (!evaluateComparison(comparison, values)) report(`${comparison} fails with ${describe(values)}`);
      }
    } catch (error) {
      report((error as Error).message);
    }
  }
  return problems;
}

/**
 * Checks the claims of a source notebook against an executed copy of it: every code cell must have
 * run with the source's current code (else the outputs prove nothing about it), and every claim
 * must hold on those outputs. Prose and claims can change without a new run; code cannot.
 */
export function checkClaimsAgainstRun(source: Notebook, executed: Notebook, label: string): ClaimProblem[] {
  const ran = new Map(executed.cells.map((cell) => [cell.id, cell]));
  const changed = source.cells.filter((cell) => {
    const run = ran.get(cell.id);
    return cell.cell_type === "code" && (run?.cell_type !== "code" || joinSource(run.source) !== joinSource(cell.source));
  });
  if (changed.length > 0) {
    const ids = changed.map((cell) => cell.id ?? "(no id)").join(", ");
    return notebookClaims(source, label).map(({ markdownCell, claim }) => ({ markdownCell, says: claim.says, problem: `code cells changed since the run (${ids}); execute the notebook again` }));
  }
  const cells = source.cells.map((cell): Cell => {
    const run = ran.get(cell.id);
    return cell.cell_type === "code" && run?.cell_type === "code" ? { ...cell, outputs: run.outputs } : cell;
  });
  return checkClaims({ ...source, cells }, label, { executed: true });
}

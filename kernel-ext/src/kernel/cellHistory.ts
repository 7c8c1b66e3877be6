/** What a `history_request` asks for (the messaging spec's fields; absent ones take IPython's defaults). */
export interface HistoryRequest {
  output?: boolean;
  hist_access_type?: "range" | "tail" | "search";
  session?: number;
  start?: number;
  stop?: number | null;
  n?: number | null;
  pattern?: string;
  unique?: boolean;
}

/** `[session, line, input]`, or `[session, line, [input, output]]` when output was asked for. */
export type HistoryEntry = [number, number, string | [string, string | null]];

interface Cell {
  line: number;
  input: string;
  output: string | null;
}

/** This kernel's session number; IPython numbers sessions from 1 and also reads 0 as "the current one". */
export const currentSession = 1;

/**
 * SQLite's GLOB, which IPython's history search uses: `*`, `?`, `[...]` and `[^...]`, case-sensitive,
 * over the whole input (a path glob library would stop `*` at `/`).
 */
function globPattern(glob: string): RegExp {
  let source = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    const close = c === "[" ? glob.indexOf("]", i + 2) : -1;
    if (c === "*") source += "[\\s\\S]*";
    else if (c === "?") source += "[\\s\\S]";
    else if (close > 0) {
      const set = glob.slice(i + 1, close);
      source += `[${set.startsWith("^") ? `^${set.slice(1).replace(/[\\\]]/g, "\\$&")}` : set.replace(/[\\\]^]/g, "\\$&")}]`;
      i = close;
    } else source += c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

/** The inputs (and text outputs) of the cells this kernel ran with `store_history`, for `history_request`. */
export class CellHistory {
  private readonly cells: Cell[] = [];

  record(line: number, input: string): void {
    this.cells.push({ line, input, output: null });
  }

  recordOutput(line: number, text: string): void {
    const cell = [...this.cells].reverse().find((c) => c.line === line);
    if (cell) cell.output = text;
  }

  reply(request: HistoryRequest): HistoryEntry[] {
    return this.select(request).map((c): HistoryEntry => [currentSession, c.line, request.output ? [c.input, c.output] : c.input]);
  }

  private select(request: HistoryRequest): Cell[] {
    const n = request.n ?? 10;
    const last = (cells: Cell[]) => (n > 0 ? cells.slice(-n) : cells);
    switch (request.hist_access_type ?? "tail") {
      case "tail":
        return last(this.cells);
      case "range": {
        const session = request.session ?? 0;
        if (session !== 0 && session !== currentSession) return [];
        const start = request.start ?? 0;
        const stop = request.stop ?? Infinity;
        return this.cells.filter((c) => c.line >= start && c.line < stop);
      }
      case "search": {
        const pattern = globPattern(request.pattern ?? "*");
        let found = this.cells.filter((c) => pattern.test(c.input));
        if (request.unique) found = found.filter((c, i) => !found.slice(i + 1).some((later) => later.input === c.input));
        return request.n == null ? found : last(found);
      }
      default:
        return [];
    }
  }
}

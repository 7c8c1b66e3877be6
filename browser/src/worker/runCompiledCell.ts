import type { CompiledCell } from "../compile/compileCell.js";

/** Where a cell's imports come from: a module namespace for each name the runtime provides. */
export type ModuleResolver = (specifier: string) => Promise<Record<string, unknown>>;

/** The names every cell shares: each top-level declaration of a cell is kept here for the next ones. */
export type CellScope = Record<string, unknown>;

export function newCellScope(): CellScope {
  // No prototype: a cell's `constructor` or `toString` must not resolve to Object.prototype's.
  return Object.create(null) as CellScope;
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...parameters: string[]
) => (...args: unknown[]) => Promise<unknown>;

// A name the module lacks may be a type (TypeScript lets a plain import name one): undefined, as compiled TypeScript gives.
function pick(module: Record<string, unknown>, name: string): unknown {
  return module[name];
}

/**
 * Runs a compiled cell in `scope`; resolves to the value of its last expression (undefined if none).
 * `sourceName` names the cell's code in stack traces (`at … (sourceName:line:column)`).
 */
export function runCompiledCell(cell: CompiledCell, scope: CellScope, resolve: ModuleResolver, sourceName = "cell"): Promise<unknown> {
  for (const name of cell.declared) if (!(name in scope)) scope[name] = undefined;
  const run = new AsyncFunction("__scope", "__import", "__pick", `${cell.body}\n//# sourceURL=${sourceName}`);
  return run(scope, resolve, pick);
}

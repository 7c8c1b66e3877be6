import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

// As in d2l's library, every value @tsdl/lib exports says in its doc comment which notebook teaches it
// ("Taught in notebooks/04-training.ipynb; also used in 05-evaluation."), or that none does yet. What lib's
// folders share only among themselves is not exported by the package and needs no such line.
// backend/, plots/ and training/ are not checked yet.
const folders = ["models", "datasets", "preprocessing", "metrics", "text", "scratch", "random", "io", "explain", "compression", "exercises"];

/** Names each notebook's code imports from @tsdl/lib, plus `scratch.x` for the scratch namespace. */
function notebookUses(): Map<string, Set<string>> {
  const uses = new Map<string, Set<string>>();
  for (const file of readdirSync(path.join(repoRoot, "notebooks")).filter((name) => name.endsWith(".ipynb"))) {
    const notebook = JSON.parse(readFileSync(path.join(repoRoot, "notebooks", file), "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
    const code = notebook.cells.filter((cell) => cell.cell_type === "code").map((cell) => [cell.source].flat().join("")).join("\n");
    const names = new Set<string>();
    for (const [, list] of code.matchAll(/import\s*\{([^}]*)\}\s*from\s*"@tsdl\/lib"/g)) {
      for (const name of list!.split(",")) names.add(name.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0]!);
    }
    for (const [, name] of code.matchAll(/\bscratch\.(\w+)/g)) names.add(`scratch.${name}`);
    uses.set(file.replace(/\.ipynb$/, ""), names);
  }
  return uses;
}

/** Every value the package exports from the checked folders, with the text of its doc comment. */
function exportedValues(): { name: string; doc: string }[] {
  const program = ts.createProgram([path.join(repoRoot, "lib/src/index.ts")], {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
  });
  const checker = program.getTypeChecker();
  const resolved = (exported: ts.Symbol) => (exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported);
  const folderOf = (symbol: ts.Symbol) =>
    path.relative(path.join(repoRoot, "lib/src"), symbol.declarations![0]!.getSourceFile().fileName).split(path.sep)[0]!;
  const values = (exports: ts.Symbol[], prefix: string) =>
    exports.flatMap((exported) => {
      const symbol = resolved(exported);
      if (!(symbol.flags & ts.SymbolFlags.Value) || !folders.includes(folderOf(symbol))) return [];
      return [{ name: `${prefix}${exported.name}`, doc: ts.displayPartsToString(symbol.getDocumentationComment(checker)) }];
    });
  const packageExports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(path.join(repoRoot, "lib/src/index.ts"))!)!);
  const scratch = packageExports.find((exported) => exported.name === "scratch")!;
  return [
    ...values(packageExports.filter((exported) => exported !== scratch), ""),
    ...values(checker.getExportsOfModule(resolved(scratch)), "scratch."),
  ];
}

describe("lib's doc comments", () => {
  const uses = notebookUses();
  const values = exportedValues();

  it("cover the values the package exports from lib's folders", () => {
    expect(values.length).toBeGreaterThan(100);
  });

  it.each(values.map((value) => [value.name, value.doc] as const))("%s names the notebooks that use it", (name, doc) => {
    const users = [...uses].filter(([, names]) => names.has(name)).map(([notebook]) => notebook).sort();
    const expected =
      users.length === 0
        ? "Taught in no notebook yet."
        : `Taught in notebooks/${users[0]}.ipynb${users.length > 1 ? `; also used in ${users.slice(1).join(", ")}` : ""}.`;
    expect(doc.split("\n").at(-1)).toBe(expected);
  });
});

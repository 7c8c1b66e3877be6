import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

// The workspaces' own package names, resolved to their sources so imports across packages are edges too.
const packageEntries: Record<string, string> = {
  "@tsdl/lib": "lib/src/index.ts",
  "@tsdl/kernel-ext": "kernel-ext/src/index.ts",
  "@tsdl/kernel-ext/notebook": "kernel-ext/src/client/notebook.ts",
  "@tsdl/kernel-ext/client": "kernel-ext/src/client/index.ts",
  "@tsdl/kernel-ext/renderers": "kernel-ext/src/renderers/index.ts",
  "@tsdl/kernel-ext/static-chart": "kernel-ext/src/staticChart/index.ts",
  "@tsdl/display": "display/src/index.ts",
};

type Graph = Map<string, Set<string>>;

function sourceFiles(root: string): string[] {
  return readdirSync(path.join(repoRoot, root), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .map((file) => path.posix.join(root, file.split(path.sep).join("/")));
}

/** The repo-relative source file an import specifier names, or undefined for an outside package. */
function resolveImport(from: string, specifier: string): string | undefined {
  if (specifier in packageEntries) return packageEntries[specifier];
  if (!specifier.startsWith(".")) return undefined;
  const target = path.posix.normalize(path.posix.join(path.posix.dirname(from), specifier));
  for (const candidate of [target.replace(/\.js$/, ".ts"), `${target}.ts`, `${target}/index.ts`]) {
    if (existsSync(path.join(repoRoot, candidate))) return candidate;
  }
  throw new Error(`${from} imports ${specifier}, which is no source file`);
}

function importGraph(roots: string[]): Graph {
  const graph: Graph = new Map();
  for (const file of roots.flatMap(sourceFiles)) {
    // Type-only imports count: they fix the direction of a dependency as much as value imports do.
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(repoRoot, file), "utf8"), true, true);
    const targets = importedFiles.map(({ fileName }) => resolveImport(file, fileName)).filter((target): target is string => target !== undefined);
    graph.set(file, new Set(targets));
  }
  return graph;
}

/** Strongly connected components with more than one member (Tarjan), each sorted: the cycles. */
function cycles(graph: Graph): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, counter);
    low.set(node, counter++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node)!, index.get(next)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found.sort();
}

function folderGraph(files: Graph): Graph {
  const folders: Graph = new Map();
  for (const [file, targets] of files) {
    const from = path.posix.dirname(file);
    const edges = folders.get(from) ?? new Set<string>();
    for (const target of targets) {
      const to = path.posix.dirname(target);
      // A folder's index.ts re-exporting its own subfolders is the folder's door, not a use of them.
      const door = path.posix.basename(file) === "index.ts" && to.startsWith(`${from}/`);
      if (to !== from && !door) edges.add(to);
    }
    folders.set(from, edges);
  }
  return folders;
}

describe("imports in display, lib, kernel-ext and tools", () => {
  const graph = importGraph(["display/src", "lib/src", "kernel-ext/src", "tools/src"]);

  it("are walked over every source file", () => {
    expect(graph.size).toBeGreaterThan(200);
    expect(graph.get("lib/src/training/train.ts")).toContain("lib/src/random/index.ts");
    expect(graph.get("tools/src/grading/notebook/readNotebook.ts")).toContain("kernel-ext/src/client/notebook.ts");
  });

  it("form no cycle between files", () => {
    expect(cycles(graph)).toEqual([]);
  });

  it("form no cycle between folders", () => {
    expect(cycles(folderGraph(graph))).toEqual([]);
  });

  it("are found when they run in a circle", () => {
    const circle: Graph = new Map([
      ["a/x.ts", new Set(["b/y.ts"])],
      ["b/y.ts", new Set(["b/z.ts"])],
      ["b/z.ts", new Set(["a/w.ts"])],
      ["a/w.ts", new Set<string>()],
    ]);
    expect(cycles(circle)).toEqual([]);
    expect(cycles(folderGraph(circle))).toEqual([["a", "b"]]);
    const door: Graph = new Map([
      ["a/index.ts", new Set(["a/b/y.ts"])],
      ["a/b/y.ts", new Set(["a/paths.ts"])],
      ["a/paths.ts", new Set<string>()],
    ]);
    expect(cycles(folderGraph(door))).toEqual([]);
    circle.get("a/w.ts")!.add("a/x.ts");
    expect(cycles(circle)).toEqual([["a/w.ts", "a/x.ts", "b/y.ts", "b/z.ts"]]);
  });
});

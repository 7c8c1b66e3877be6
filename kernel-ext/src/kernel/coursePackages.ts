import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const kernelDirectory = path.dirname(fileURLToPath(import.meta.url));

/** The node_modules folders Node searches from `directory`, nearest first. */
function nodeModulesFolders(directory: string): string[] {
  const folders: string[] = [];
  for (let at = path.resolve(directory); ; at = path.dirname(at)) {
    if (path.basename(at) !== "node_modules") folders.push(path.join(at, "node_modules"));
    if (path.dirname(at) === at) return folders;
  }
}

/** `@scope/name` or `name` from a module id or a path below node_modules; undefined for relative ids. */
export function packageName(id: string): string | undefined {
  if (id.startsWith(".") || path.isAbsolute(id)) return undefined;
  const [first, second] = id.split("/");
  if (!first) return undefined;
  return first.startsWith("@") ? (second ? `${first}/${second}` : undefined) : first;
}

/**
 * The packages installed with the course (beside the kernel: the course's node_modules, where
 * `@tsdl/lib`, `@tsdl/display`, `@tensorflow/tfjs`, `danfojs-node` and `@tsdl/kernel-ext` are) made visible to a
 * notebook in any folder, for its runtime imports and for the type checker. A package that Node
 * finds from the notebook's folder (next to it or in a parent folder) wins.
 */
export class CoursePackages {
  private readonly notebookModules: string;
  private readonly ancestorModules: string[];
  private readonly courseModules = nodeModulesFolders(kernelDirectory);
  private readonly courseRequire = createRequire(path.join(kernelDirectory, "course.js"));
  private readonly found = new Map<string, string | undefined>();

  constructor(readonly notebookDirectory: string) {
    [this.notebookModules, ...this.ancestorModules] = nodeModulesFolders(notebookDirectory) as [string, ...string[]];
  }

  /** The course's copy of package `name` (a folder), or undefined. */
  courseCopy(name: string): string | undefined {
    if (!this.found.has(name)) {
      this.found.set(name, this.courseModules.map((folder) => path.join(folder, name)).find((folder) => existsSync(folder)));
    }
    return this.found.get(name);
  }

  /** True when the notebook sees package `name` (installed for it or with the course). */
  available(name: string): boolean {
    return this.foundFromNotebook(name) || this.courseCopy(name) !== undefined;
  }

  private foundFromNotebook(name: string): boolean {
    return [this.notebookModules, ...this.ancestorModules].some((folder) => existsSync(path.join(folder, name)));
  }

  /**
   * A path the type checker asks about: one below `<notebook folder>/node_modules/<package>` where
   * Node would not find that package from the notebook's folder goes to the course's copy.
   */
  compilerPath = (requested: string): string => {
    const relative = path.relative(this.notebookModules, requested);
    if (relative.startsWith("..") || path.isAbsolute(relative) || relative === "") return requested;
    const [first] = relative.split(path.sep);
    const name = packageName(relative.split(path.sep).join("/")) ?? first!;
    if (this.foundFromNotebook(name)) return requested;
    const copy = this.courseCopy(name);
    return copy === undefined ? requested : path.join(copy, path.relative(name, relative));
  };

  /** Loads bare module `id` for a cell that Node did not find from the notebook's folder. */
  requireForCell = (id: string, notFound: Error): unknown => {
    const name = packageName(id);
    if (name === undefined || this.courseCopy(name) === undefined) throw new Error(this.missingMessage(name ?? id), { cause: notFound });
    return this.courseRequire(id);
  };

  /** What to tell a learner whose notebook imports package `name` that is installed nowhere. */
  missingMessage(name: string): string {
    return (
      `Cannot find package '${name}': it is not installed next to this notebook (${this.notebookDirectory}) ` +
      `nor with the course. Install it in the notebook's folder with: npm install ${name}`
    );
  }
}

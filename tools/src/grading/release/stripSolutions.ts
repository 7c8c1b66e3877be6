import ts from "typescript";
import { exerciseIdOf } from "../notebook/findExerciseCell.js";
import { type NotebookCell, NotebookError } from "../notebook/readNotebook.js";

const BEGIN = /^([ \t]*)\/\/[ \t]*BEGIN SOLUTION\b.*$/;
const END = /^[ \t]*\/\/[ \t]*END SOLUTION\b.*$/;

function nameOf(node: ts.Node): string | undefined {
  const className = (member: ts.Node) => {
    const parent = member.parent;
    return parent && (ts.isClassDeclaration(parent) || ts.isClassExpression(parent)) && parent.name ? `${parent.name.text}.` : "";
  };
  if (ts.isFunctionDeclaration(node) && node.name) return node.name.text;
  if (ts.isConstructorDeclaration(node)) return `${className(node)}constructor`;
  if ((ts.isMethodDeclaration(node) || ts.isGetAccessor(node) || ts.isSetAccessor(node)) && ts.isIdentifier(node.name)) {
    return `${className(node)}${node.name.text}`;
  }
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
    return node.parent.name.text;
  }
  return undefined;
}

/** The innermost named function around `offset`, for a stub message a learner recognises. */
function enclosingFunction(source: ts.SourceFile, offset: number): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node) => {
    if (offset < node.getStart(source) || offset >= node.getEnd()) return;
    found = nameOf(node) ?? found;
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(source, visit);
  return found;
}

/** The line a solution block becomes; `fn` is the enclosing function's name, if any. */
export type StubLine = (exercise: string, fn: string | undefined) => string;

/** The stub's message in each edition's language (the notebook metadata's `language`). */
const NOT_IMPLEMENTED = {
  en: (exercise: string, fn: string | undefined) => `Exercise ${exercise}${fn ? ` (${fn})` : ""}: not implemented yet`,
  zh: (exercise: string, fn: string | undefined) => `练习 ${exercise}${fn ? `（${fn}）` : ""}：尚未实现`,
};

export function notImplementedStub(language: "en" | "zh" = "en"): StubLine {
  return (exercise, fn) => `throw new Error(${JSON.stringify(NOT_IMPLEMENTED[language](exercise, fn))});`;
}

const notImplemented = notImplementedStub();

/**
 * Replaces each `// BEGIN SOLUTION` … `// END SOLUTION` block (markers included) by one line,
 * indented like the BEGIN marker: by default a throw naming the exercise.
 */
export function stripSolutions(code: string, exercise: string, where: string, stub: StubLine = notImplemented): string {
  const source = ts.createSourceFile("cell.ts", code, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const lines = code.split("\n");
  const out: string[] = [];
  let offset = 0;
  let open: { line: number; indent: string; offset: number } | undefined;
  lines.forEach((line, index) => {
    const begin = BEGIN.exec(line);
    if (begin) {
      if (open) throw new NotebookError(`${where}: BEGIN SOLUTION on line ${index + 1} is inside the block opened on line ${open.line + 1}`);
      open = { line: index, indent: begin[1], offset };
    } else if (END.test(line)) {
      if (!open) throw new NotebookError(`${where}: END SOLUTION on line ${index + 1} has no BEGIN SOLUTION before it`);
      out.push(`${open.indent}${stub(exercise, enclosingFunction(source, open.offset))}`);
      open = undefined;
    } else if (!open) {
      out.push(line);
    }
    offset += line.length + 1;
  });
  if (open) throw new NotebookError(`${where}: BEGIN SOLUTION on line ${open.line + 1} has no END SOLUTION`);
  return out.join("\n");
}

/** A code cell's source as learners get it: each solution block replaced by a stub naming the exercise. */
export function learnerCellSource(source: string, cell: Pick<NotebookCell, "id" | "metadata">, index: number, notebookName: string, stub: StubLine = notImplemented): string {
  const exercise = exerciseIdOf(cell) ?? cell.id ?? `cell ${index + 1}`;
  return stripSolutions(source, exercise, `${notebookName}, cell ${JSON.stringify(cell.id ?? index + 1)}`, stub);
}

export function hasSolutionMarker(code: string): boolean {
  return /BEGIN SOLUTION|END SOLUTION/.test(code);
}

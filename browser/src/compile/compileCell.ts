import { parse, type Node, type Pattern, type Program } from "acorn";
import { transform } from "sucrase";

/** A cell ready to run: `body` is the source of an async function of (`__scope`, `__import`). */
export interface CompiledCell {
  /** Line N of the cell is line N + 1 of `body`: every edit keeps the cell's line breaks. */
  body: string;
  /** The names the cell declares at top level; they live on in the scope for later cells. */
  declared: string[];
}

/** Thrown for a cell that does not parse; `line`/`column` are the cell's own (1-based). */
export class CellSyntaxError extends Error {
  override name = "SyntaxError";
  constructor(message: string, readonly line?: number, readonly column?: number) {
    super(message);
  }
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

type Ranged = Node & { start: number; end: number };

function patternNames(pattern: Pattern | null, into: string[]): void {
  if (!pattern) return;
  switch (pattern.type) {
    case "Identifier":
      into.push(pattern.name);
      return;
    case "ObjectPattern":
      for (const property of pattern.properties) {
        patternNames(property.type === "RestElement" ? property.argument : property.value, into);
      }
      return;
    case "ArrayPattern":
      for (const element of pattern.elements) patternNames(element, into);
      return;
    case "RestElement":
      patternNames(pattern.argument, into);
      return;
    case "AssignmentPattern":
      patternNames(pattern.left, into);
      return;
    default:
      return;
  }
}

function stripTypes(source: string): string {
  try {
    return transform(source, { transforms: ["typescript"], disableESTransforms: true, keepUnusedImports: true }).code;
  } catch (error) {
    const { message, loc } = error as Error & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(message, loc?.line, loc === undefined ? undefined : loc.column + 1);
  }
}

function parseModule(js: string): Program {
  try {
    return parse(js, { ecmaVersion: "latest", sourceType: "module", allowAwaitOutsideFunction: true, locations: true });
  } catch (error) {
    const { message, loc } = error as Error & { loc?: { line: number; column: number } };
    throw new CellSyntaxError(message, loc?.line, loc === undefined ? undefined : loc.column + 1);
  }
}

/**
 * Compiles one TypeScript cell as the kernel runs it: types stripped (sucrase), top-level
 * declarations turned into assignments to names of a scope shared by every cell (read through
 * `with`, so a later cell sees them and may declare them again), imports resolved by `__import`,
 * top-level `await` allowed, and the value of a last expression statement returned.
 */
export function compileCell(source: string): CompiledCell {
  if (typeof source !== "string") {
    throw new TypeError(`compileCell: source must be a string, got ${typeof source}`);
  }
  const js = stripTypes(source);
  const program = parseModule(js);
  const edits: Edit[] = [];
  const functions: string[] = [];
  const declared: string[] = [];
  const slice = (node: Node) => js.slice((node as Ranged).start, (node as Ranged).end);

  const statements = program.body;
  statements.forEach((statement, index) => {
    const node = statement.type === "ExportNamedDeclaration" && statement.declaration ? statement.declaration : statement;
    const whole = { start: statement.start, end: statement.end };
    switch (node.type) {
      case "ImportDeclaration": {
        const from = JSON.stringify(node.source.value);
        const parts: string[] = [];
        for (const specifier of node.specifiers) {
          declared.push(specifier.local.name);
          if (specifier.type === "ImportNamespaceSpecifier") parts.push(`${specifier.local.name} = __m;`);
          else if (specifier.type === "ImportDefaultSpecifier") parts.push(`${specifier.local.name} = __m.default ?? __m;`);
          else {
            const imported = specifier.imported.type === "Identifier" ? specifier.imported.name : String(specifier.imported.value);
            parts.push(`${specifier.local.name} = __pick(__m, ${JSON.stringify(imported)}, ${from});`);
          }
        }
        edits.push({ ...whole, text: `{ const __m = await __import(${from}); ${parts.join(" ")} }` });
        return;
      }
      case "VariableDeclaration": {
        const assignments = node.declarations.map((declarator) => {
          patternNames(declarator.id, declared);
          const target = slice(declarator.id);
          if (declarator.init) return `(${target} = ${slice(declarator.init)});`;
          return node.kind === "var" ? "" : `(${target} = undefined);`;
        });
        edits.push({ ...whole, text: assignments.join(" ") });
        return;
      }
      case "FunctionDeclaration": {
        // Stays in place (hoisted within the block, so callable above its declaration) and is copied
        // into the scope when the block starts.
        declared.push(node.id.name);
        functions.push(node.id.name);
        if (statement !== node) edits.push({ start: statement.start, end: node.start, text: "" });
        return;
      }
      case "ClassDeclaration": {
        declared.push(node.id.name);
        edits.push({ ...whole, text: `${node.id.name} = ${slice(node)};` });
        return;
      }
      case "ExportNamedDeclaration":
      case "ExportDefaultDeclaration":
      case "ExportAllDeclaration":
        edits.push({ ...whole, text: "" });
        return;
      case "ExpressionStatement":
        if (index === statements.length - 1 && !("directive" in node && node.directive)) {
          edits.push({ ...whole, text: `return (${slice(node.expression)});` });
        }
        return;
      default:
        return;
    }
  });

  const lineBreaks = (text: string) => text.split("\n").length - 1;
  let body = js;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    const padding = "\n".repeat(Math.max(0, lineBreaks(body.slice(edit.start, edit.end)) - lineBreaks(edit.text)));
    body = body.slice(0, edit.start) + edit.text + padding + body.slice(edit.end);
  }
  const copyFunctions = functions.map((name) => `__scope.${name} = ${name};`).join(" ");
  return { body: `with (__scope) { ${copyFunctions}\n${body}\n}`, declared: [...new Set(declared)] };
}

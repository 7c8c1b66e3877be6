import ts from "typescript";
import { NotebookError } from "./readNotebook.js";

export interface TranspiledExercise {
  /** An ES module whose imports are already resolved to absolute URLs. */
  code: string;
  /** The package specifiers the cell imports, as written. */
  imports: string[];
}

function isBare(specifier: string): boolean {
  return !/^(\.{1,2}\/|\/|[a-z][a-z0-9+.-]*:)/i.test(specifier);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === kind);
}

// A tslab cell may declare its function without `export`; grading needs it exported either way.
function unexportedTopLevelNames(file: ts.SourceFile): string[] {
  const exported = new Set<string>();
  const declared: string[] = [];
  for (const statement of file.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) exported.add((element.propertyName ?? element.name).text);
      continue;
    }
    if (hasModifier(statement, ts.SyntaxKind.DeclareKeyword)) continue;
    const isExported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const names: string[] = [];
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name) {
      names.push(statement.name.text);
    } else if (ts.isEnumDeclaration(statement) && !hasModifier(statement, ts.SyntaxKind.ConstKeyword)) {
      names.push(statement.name.text);
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) names.push(declaration.name.text);
      }
    }
    for (const name of names) (isExported ? exported.add(name) : declared.push(name));
  }
  return [...new Set(declared)].filter((name) => !exported.has(name));
}

/**
 * Compiles an exercise cell to a standalone ES module. Exercise cells must be self-contained:
 * they may import packages (resolved by `resolvePackage`) but not other cells or files.
 */
export function transpileExercise(
  source: string,
  where: string,
  resolvePackage: (specifier: string) => string,
): TranspiledExercise {
  const imports: string[] = [];
  const problems: string[] = [];
  const rewrite = (literal: ts.StringLiteral, factory: ts.NodeFactory): ts.StringLiteral => {
    const specifier = literal.text;
    if (specifier.startsWith("node:")) return literal;
    if (!isBare(specifier)) {
      problems.push(`imports "${specifier}", but exercise cells may only import packages (such as "@tsdl/lib")`);
      return literal;
    }
    imports.push(specifier);
    try {
      return factory.createStringLiteral(resolvePackage(specifier));
    } catch {
      problems.push(`imports "${specifier}", which is not an installed package`);
      return literal;
    }
  };
  const resolveImports: ts.TransformerFactory<ts.SourceFile> = (context) => (file) => {
    const { factory } = context;
    const visit = (node: ts.Node): ts.Node => {
      if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateImportDeclaration(node, node.modifiers, node.importClause, rewrite(node.moduleSpecifier, factory), node.attributes);
      }
      if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
        return factory.updateExportDeclaration(node, node.modifiers, node.isTypeOnly, node.exportClause, rewrite(node.moduleSpecifier, factory), node.attributes);
      }
      if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
        const [first, ...rest] = node.arguments;
        if (first && ts.isStringLiteral(first)) {
          return factory.updateCallExpression(node, node.expression, node.typeArguments, [rewrite(first, factory), ...rest]);
        }
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(file, visit) as ts.SourceFile;
  };

  const output = ts.transpileModule(source, {
    fileName: "exercise.ts",
    reportDiagnostics: true,
    compilerOptions: {
      module: ts.ModuleKind.ESNext,
      target: ts.ScriptTarget.ES2022,
      verbatimModuleSyntax: false,
      sourceMap: false,
    },
    transformers: { before: [resolveImports] },
  });
  const syntaxError = (output.diagnostics ?? []).find((d) => d.category === ts.DiagnosticCategory.Error);
  if (syntaxError) {
    const message = ts.flattenDiagnosticMessageText(syntaxError.messageText, "\n");
    const line = syntaxError.file && syntaxError.start !== undefined
      ? syntaxError.file.getLineAndCharacterOfPosition(syntaxError.start).line + 1
      : undefined;
    throw new NotebookError(`${where}: syntax error${line ? ` on line ${line}` : ""}: ${message}`);
  }
  if (problems.length > 0) throw new NotebookError(`${where} ${problems.join("; ")}`);

  const file = ts.createSourceFile("exercise.ts", source, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const extra = unexportedTopLevelNames(file);
  const code = extra.length > 0 ? `${output.outputText}\nexport { ${extra.join(", ")} };\n` : output.outputText;
  return { code, imports: [...new Set(imports)] };
}

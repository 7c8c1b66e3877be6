import ts from "typescript";

const TEXT_TOKENS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
]);

interface CodeToken {
  kind: ts.SyntaxKind;
  /** The token's text, or "" for string and template text, which a variant may change. */
  text: string;
  /** The token's text as written, strings and template text included. */
  written: string;
  line: number;
}

/** The code's tokens without comments and whitespace; template literals are followed through their `${…}` parts. */
function codeTokens(source: string): CodeToken[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, source);
  const tokens: CodeToken[] = [];
  // One entry per open `{`: true when it is a template's `${`, whose `}` resumes the template text.
  const braces: boolean[] = [];
  let line = 1;
  let counted = 0;
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.CloseBraceToken && braces.pop() === true) kind = scanner.reScanTemplateToken(false);
    if (kind === ts.SyntaxKind.OpenBraceToken) braces.push(false);
    if (kind === ts.SyntaxKind.TemplateHead || kind === ts.SyntaxKind.TemplateMiddle) braces.push(true);
    for (const start = scanner.getTokenStart(); counted < start; counted++) if (source.charCodeAt(counted) === 10) line++;
    const written = scanner.getTokenText();
    tokens.push({ kind, text: TEXT_TOKENS.has(kind) ? "" : written, written, line });
  }
  return tokens;
}

/**
 * Why a code variant is not the English cell with only its strings, template text and comments
 * changed, or undefined when it is. Names the first differing line of the variant.
 */
export function codeVariantDifference(english: string, variant: string): string | undefined {
  const a = codeTokens(english);
  const b = codeTokens(variant);
  const count = Math.min(a.length, b.length);
  for (let i = 0; i < count; i++) {
    const [x, y] = [a[i]!, b[i]!];
    if (x.kind !== y.kind || x.text !== y.text) {
      const show = (token: CodeToken) => (token.text === "" ? ts.SyntaxKind[token.kind] : JSON.stringify(token.text));
      return `line ${y.line} of the variant: expected ${show(x)} (English line ${x.line}), got ${show(y)}; only strings, template text and comments may differ`;
    }
  }
  if (a.length !== b.length) {
    return a.length > b.length
      ? `the variant ends early: expected ${a.length} code tokens as in the English cell, got ${b.length}`
      : `line ${b[count]!.line} of the variant: expected the end of the cell as in English, got more code`;
  }
  return undefined;
}

/** The string literals and template text of a cell as written (quotes and backticks included), in order. */
export function textTokens(source: string): string[] {
  return codeTokens(source)
    .filter((token) => TEXT_TOKENS.has(token.kind))
    .map((token) => token.written);
}

import { type AST, RegExpParser, visitRegExpAST } from "@eslint-community/regexpp";
import { MAX_CLAIM_PATTERN_LENGTH } from "../claims/claims.js";

export interface ClaimPatternShape {
  /** The names of the pattern's named groups, sorted (the numbers a claim's comparisons use). */
  groups: string[];
  /** The words the pattern matches literally (`tensors`, `tidy` in `tensors left behind; with tf\.tidy`), sorted, each once. */
  words: string[];
}

const WORD = /[\p{L}\p{N}_]+/gu;

/** The words of a text that contain a letter (numbers alone say nothing about the language). */
export function wordsOf(text: string): string[] {
  return (text.match(WORD) ?? []).filter((word) => /\p{L}/u.test(word));
}

/**
 * Parses a claim's pattern as `RegExp(pattern, "u")` does (claims.ts runs it so), with a parser rather
 * than `new RegExp`, to read its named groups and literal words exactly; throws a reason when it is
 * too long or does not compile.
 */
export function claimPatternShape(pattern: string): ClaimPatternShape {
  if (pattern.length === 0 || pattern.length > MAX_CLAIM_PATTERN_LENGTH) {
    throw new Error(`expected a regular expression of 1–${MAX_CLAIM_PATTERN_LENGTH} characters, got ${pattern.length}`);
  }
  let ast: AST.Pattern;
  try {
    ast = new RegExpParser({ ecmaVersion: 2025 }).parsePattern(pattern, 0, pattern.length, { unicode: true });
  } catch (error) {
    throw new Error(`expected a regular expression that compiles with the u flag, got: ${(error as Error).message}`);
  }
  const groups = new Set<string>();
  const words = new Set<string>();
  visitRegExpAST(ast, {
    onCapturingGroupEnter: (group) => {
      if (group.name !== null) groups.add(group.name);
    },
    // Only characters that stand in a sequence match text literally: a class or a quantifier does not spell a word.
    onAlternativeEnter: (alternative) => {
      const literal = alternative.elements.map((element) => (element.type === "Character" ? String.fromCodePoint(element.value) : " ")).join("");
      for (const word of wordsOf(literal)) words.add(word);
    },
  });
  return { groups: [...groups].sort(), words: [...words].sort() };
}

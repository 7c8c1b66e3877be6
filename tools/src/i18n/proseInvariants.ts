/**
 * What a translation of a Markdown cell must keep from the English text: the math, the code, the
 * numbers and the link targets, each as a multiset (order may change with the sentence).
 */
export interface ProseInvariants {
  math: string[];
  code: string[];
  numbers: string[];
  links: string[];
}

// Fenced blocks first, then display math before inline math, then inline code spans.
const FENCE = /^(`{3,}|~{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm;
const DISPLAY_MATH = /\$\$[\s\S]+?\$\$/g;
const INLINE_MATH = /(?<![\\$])\$(?!\s)[^$\n]+?(?<![\s\\])\$(?!\d)/g;
const INLINE_CODE = /(`+)([\s\S]+?)\1/g;
const LINK_TARGET = /\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_TAG = /<\/?[A-Za-z][^>]*>/g;
const NUMBER = /\d+(?:[.,]\d+)*/g;

function take(text: string, pattern: RegExp, into: string[], group = 0): string {
  return text.replace(pattern, (...match: string[]) => {
    into.push(match[group]!.trim());
    return " ";
  });
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}

/** Splits Markdown into its invariants and the remaining prose (what a reader reads as words). */
export function proseInvariants(markdown: string): ProseInvariants & { prose: string } {
  const code: string[] = [];
  const math: string[] = [];
  const links: string[] = [];
  let rest = take(markdown, FENCE, code);
  rest = take(rest, DISPLAY_MATH, math);
  rest = take(rest, INLINE_CODE, code, 2);
  rest = take(rest, INLINE_MATH, math);
  rest = take(rest, LINK_TARGET, links, 1);
  rest = rest.replace(HTML_TAG, " ");
  const numbers = rest.match(NUMBER) ?? [];
  return { math: sorted(math), code: sorted(code), numbers: sorted(numbers), links: sorted(links), prose: rest };
}

/** The letters of the prose (code, math, links and tags excluded) and how many of them are Han characters. */
export function letterCounts(markdown: string): { letters: number; han: number } {
  const { prose } = proseInvariants(markdown);
  return { letters: (prose.match(/\p{L}/gu) ?? []).length, han: (prose.match(/\p{Script=Han}/gu) ?? []).length };
}

/** Words as a reader counts them: each Han character one word, each run of other letters or digits one word. */
export function wordCount(markdown: string): number {
  const { prose } = proseInvariants(markdown);
  const han = (prose.match(/\p{Script=Han}/gu) ?? []).length;
  const other = (prose.replace(/\p{Script=Han}/gu, " ").match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu) ?? []).length;
  return han + other;
}

import { cellSource, type Notebook, type NotebookCell } from "@tsdl/kernel-ext/notebook";
import { type Claim, claimsOf } from "../claims/claims.js";
import { claimPatternShape, wordsOf } from "./claimPattern.js";
import { codeVariantDifference, textTokens } from "./codeVariant.js";
import { letterCounts, type ProseInvariants, proseInvariants } from "./proseInvariants.js";
import { sourceHash, type TranslationBlock } from "./translationFile.js";

export type EditionLanguage = "en" | "zh";

/** The edition a notebook belongs to: its metadata `language`, English when absent. */
export function notebookLanguage(notebook: Pick<Notebook, "metadata">): EditionLanguage {
  return notebook.metadata.language === "zh" ? "zh" : "en";
}

export interface TranslationSource {
  /** The English notebook, e.g. `notebooks/05-evaluation.ipynb` (names it in problems). */
  notebookFile: string;
  notebook: Notebook;
  /** The translation file, e.g. `i18n/zh/05-evaluation.md`. */
  translationFile: string;
  blocks: TranslationBlock[];
}

const INVARIANT_NAMES: Record<keyof ProseInvariants, string> = {
  math: "math",
  code: "inline code",
  numbers: "numbers",
  links: "link targets",
};

function multisetDifference(expected: string[], actual: string[]): { missing: string[]; extra: string[] } {
  const left = [...actual];
  const missing: string[] = [];
  for (const value of expected) {
    const at = left.indexOf(value);
    if (at === -1) missing.push(value);
    else left.splice(at, 1);
  }
  return { missing, extra: left };
}

function list(values: string[]): string {
  const shown = values.slice(0, 5).map((value) => JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value));
  return `${shown.join(", ")}${values.length > 5 ? ` and ${values.length - 5} more` : ""}`;
}

/** How a translated Markdown block departs from its English cell's math, code, numbers and links, and whether it is mostly Chinese. */
export function proseProblems(english: string, chinese: string): string[] {
  const problems: string[] = [];
  const en = proseInvariants(english);
  const zh = proseInvariants(chinese);
  for (const key of Object.keys(INVARIANT_NAMES) as (keyof ProseInvariants)[]) {
    const { missing, extra } = multisetDifference(en[key], zh[key]);
    if (missing.length > 0 || extra.length > 0) {
      const parts = [missing.length ? `missing ${list(missing)}` : "", extra.length ? `extra ${list(extra)}` : ""].filter(Boolean);
      problems.push(`expected the same ${INVARIANT_NAMES[key]} as the English cell, got ${parts.join("; ")}`);
    }
  }
  if (english.trim() !== "" && chinese.trim() === "") problems.push("expected a translation, got an empty block");
  const { letters, han } = letterCounts(chinese);
  if (letters > 0 && han * 2 <= letters) {
    problems.push(`expected mostly Chinese text (Han characters over half of the letters, code and math excluded), got ${han} of ${letters}`);
  }
  return problems;
}

// The release strips solutions between these comments (grading/release/stripSolutions.ts), so a variant keeps them as they are.
const SOLUTION_MARKER = /^[ \t]*\/\/[ \t]*(?:BEGIN|END) SOLUTION\b.*$/gm;

/** How a code variant departs from its English cell: code other than strings and comments, or changed solution markers. */
export function codeVariantProblems(english: string, variant: string): string[] {
  const problems = [codeVariantDifference(english, variant)].filter((problem): problem is string => problem !== undefined);
  const markers = (source: string) => (source.match(SOLUTION_MARKER) ?? []).map((line) => line.trim());
  if (markers(english).join("\n") !== markers(variant).join("\n")) {
    problems.push(`expected the solution markers of the English cell (${markers(english).length} lines: ${list(markers(english))}), got ${list(markers(variant))}`);
  }
  return problems;
}

/** Why a claim block's Chinese pattern cannot stand for its English claim: another pattern shape or groups. */
export function claimPatternProblems(english: string, chinese: string): string[] {
  let zh;
  try {
    zh = claimPatternShape(chinese);
  } catch (error) {
    return [(error as Error).message];
  }
  const en = claimPatternShape(english);
  if (en.groups.join(",") !== zh.groups.join(",")) {
    return [`expected the named groups of the English pattern (${en.groups.join(", ") || "none"}), got (${zh.groups.join(", ") || "none"})`];
  }
  return [];
}

/** The claims of a Markdown cell, or a problem naming the cell when its metadata is malformed. */
function cellClaims(cell: NotebookCell, notebookFile: string, problems: string[]): Claim[] {
  if (cell.cell_type !== "markdown") return [];
  try {
    return claimsOf(cell, notebookFile);
  } catch (error) {
    problems.push((error as Error).message);
    return [];
  }
}

/**
 * The static guard for a claim left with its English pattern while the cell it reads has a code variant:
 * a string of the cell that holds a word the pattern matches literally (within a longer word too) must
 * stay as it is, else the Chinese output would no longer spell what the pattern reads. It catches a
 * translated label, not text the output takes from elsewhere (a library, another cell): the run of the
 * Chinese edition (tests/handouts/course.test.ts) is what proves a claim.
 */
function variantBreaksClaim(english: string, variant: string, claim: Claim): { from: string; to: string; word: string } | undefined {
  let words: string[];
  try {
    words = claimPatternShape(claim.output).words;
  } catch {
    return undefined; // claims.ts reports a pattern that does not compile.
  }
  const before = textTokens(english);
  const after = textTokens(variant);
  for (const [index, from] of before.entries()) {
    const to = after[index];
    // A word of the pattern may be the end of a longer one in the string (`[Lt]raining`); one letter must stand alone.
    const word = words.find((candidate) => (candidate.length > 1 ? from.includes(candidate) : wordsOf(from).includes(candidate)));
    if (word !== undefined && to !== from) return { from, to: to ?? "", word };
  }
  return undefined;
}

/**
 * Every way a translation file is out of step with its English notebook, one line each naming the
 * files, the line and the cell: missing or extra blocks, blocks out of order, stale hashes, changed
 * math, code, numbers or links, text left in English, code variants that change code, Chinese claim
 * patterns that do not compile or capture other numbers, claims a code variant breaks.
 */
export function translationProblems({ notebookFile, notebook, translationFile, blocks }: TranslationSource): string[] {
  const problems: string[] = [];
  const cells = new Map<string, { cell: NotebookCell; index: number }>();
  notebook.cells.forEach((cell, index) => {
    if (typeof cell.id !== "string") problems.push(`${notebookFile}: cell ${index} has no id; the translation is keyed by cell id`);
    else cells.set(cell.id, { cell, index });
  });
  let previous = -1;
  let previousBlock: TranslationBlock | undefined;
  const translated = new Set<string>();
  const variants = new Map<string, TranslationBlock>();
  const chineseClaims = new Set<string>();
  for (const block of blocks) {
    const at = `${translationFile}:${block.line}`;
    const found = cells.get(block.cellId);
    const follows = previousBlock;
    previousBlock = block;
    if (block.kind === "claim") {
      const name = `\`claim ${block.cellId} ${block.claim}\``;
      const claims = found ? cellClaims(found.cell, notebookFile, problems) : [];
      const claim = claims[block.claim ?? -1];
      if (!found || !claim) {
        problems.push(`${at}: block ${name} names no claim of ${notebookFile} (Markdown cell ${block.cellId} has ${claims.length} claims)`);
        continue;
      }
      if (follows?.cellId !== block.cellId || (follows.kind === "claim" ? follows.claim! >= block.claim! : follows.kind !== "cell")) {
        problems.push(`${at}: expected block ${name} right after \`cell ${block.cellId}\` and its lower-numbered claim blocks, got it after ${follows ? `\`${follows.kind} ${follows.cellId}${follows.kind === "claim" ? ` ${follows.claim}` : ""}\`` : "nothing"}`);
      }
      const hash = sourceHash(claim.output);
      if (block.enHash !== hash) {
        problems.push(`${at}: claim ${block.claim} of ${notebookFile} Markdown cell ${block.cellId} changed its English pattern since it was translated (the block says en:${block.enHash}, the English pattern is now en:${hash}); update the Chinese pattern, then its hash`);
        continue;
      }
      chineseClaims.add(`${block.cellId} ${block.claim}`);
      for (const detail of claimPatternProblems(claim.output, block.text)) problems.push(`${at}: claim ${block.claim} of Markdown cell ${block.cellId}: ${detail}`);
      continue;
    }
    if (!found) {
      problems.push(`${at}: block \`${block.kind} ${block.cellId}\` names no cell of ${notebookFile}`);
      continue;
    }
    const { cell, index } = found;
    const expectedKind = cell.cell_type === "markdown" ? "cell" : cell.cell_type === "code" ? "code" : undefined;
    if (block.kind !== expectedKind) {
      problems.push(`${at}: expected ${expectedKind ? `a \`${expectedKind}\` block` : "no block"} for ${cell.cell_type} cell ${block.cellId} of ${notebookFile}, got a \`${block.kind}\` block`);
      continue;
    }
    if (index < previous) problems.push(`${at}: expected blocks in the notebook's cell order, got cell ${block.cellId} after a later cell`);
    previous = Math.max(previous, index);
    translated.add(block.cellId);
    const english = cellSource(cell);
    const hash = sourceHash(english);
    if (block.enHash !== hash) {
      problems.push(`${at}: ${notebookFile} cell ${block.cellId} changed since it was translated (the block says en:${block.enHash}, the English cell is now en:${hash}); update the translation, then its hash`);
      continue;
    }
    const details = block.kind === "cell" ? proseProblems(english, block.text) : codeVariantProblems(english, block.text);
    for (const detail of details) problems.push(`${at}: ${block.kind === "cell" ? "cell" : "code variant"} ${block.cellId}: ${detail}`);
    if (block.kind === "code" && details.length === 0) variants.set(block.cellId, block);
  }
  for (const [id, { cell }] of cells) {
    if (cell.cell_type === "markdown" && !translated.has(id)) problems.push(`${notebookFile}: Markdown cell ${id} has no \`cell ${id}\` block in ${translationFile}`);
    cellClaims(cell, notebookFile, []).forEach((claim, number) => {
      const variant = variants.get(claim.cell);
      const read = cells.get(claim.cell)?.cell;
      if (!variant || !read || chineseClaims.has(`${id} ${number}`)) return;
      const broken = variantBreaksClaim(cellSource(read), variant.text, claim);
      if (broken) {
        problems.push(
          `${translationFile}:${variant.line}: code variant ${claim.cell}: expected the string ${broken.from} as in English, since claim ${number} of Markdown cell ${id} reads its word "${broken.word}" with an English pattern; got ${broken.to}. Keep the string or give the claim a Chinese pattern: \`<!-- claim ${id} ${number} en:${sourceHash(claim.output)} -->\``,
        );
      }
    });
  }
  return problems;
}

const RELATIVE_TARGET = /(\]\(\s*<?)(?![a-z][a-z0-9+.-]*:|#|\/)([^)\s>]+)/gi;

/** The Chinese notebooks sit one folder down: relative links move up one level, except to sibling notebooks (their Chinese editions). */
export function relinkForSubfolder(markdown: string): string {
  return markdown.replace(RELATIVE_TARGET, (whole, open: string, target: string) =>
    /^[^/]+\.ipynb(?:#|$)/.test(target) ? whole : `${open}../${target}`,
  );
}

/** nbformat's line list: every line keeps its newline except the last. */
function sourceLines(text: string): string[] {
  return text.split(/(?<=\n)/).filter((line) => line !== "");
}

/**
 * Builds the Chinese notebook: the English one with each Markdown cell's text, each code variant and
 * each claim's Chinese pattern (its `output`) swapped in; ids, other metadata and tags kept.
 */
export function buildChineseNotebook(source: TranslationSource): Notebook {
  const problems = translationProblems(source);
  if (problems.length > 0) throw new Error(`cannot build the Chinese edition of ${source.notebookFile}:\n${problems.join("\n")}`);
  const byId = new Map(source.blocks.filter((block) => block.kind !== "claim").map((block) => [block.cellId, block]));
  const claimBlocks = source.blocks.filter((block) => block.kind === "claim");
  const cells = source.notebook.cells.map((cell): NotebookCell => {
    const block = typeof cell.id === "string" ? byId.get(cell.id) : undefined;
    if (!block) return structuredClone(cell);
    const text = cell.cell_type === "markdown" ? relinkForSubfolder(block.text) : block.text;
    const built = { ...structuredClone(cell), source: sourceLines(text) } as NotebookCell;
    const claims = built.metadata.claims as Claim[] | undefined;
    for (const claim of claimBlocks.filter((candidate) => candidate.cellId === cell.id)) claims![claim.claim!]!.output = claim.text;
    return built;
  });
  return { ...source.notebook, metadata: { ...structuredClone(source.notebook.metadata), language: "zh" }, cells };
}

/** A notebook as the course commits it (Jupyter's layout: one-space indent, final newline). */
export function notebookText(notebook: Notebook): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

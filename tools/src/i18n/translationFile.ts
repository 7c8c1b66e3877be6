import { createHash } from "node:crypto";

/** A translation file bigger than this is not a course translation (the longest notebook's text is ~60 KB). */
export const MAX_TRANSLATION_BYTES = 2 * 1024 * 1024;

export type BlockKind = "cell" | "code" | "claim";

export interface TranslationBlock {
  kind: BlockKind;
  /** The cell the block translates; for a `claim` block, the Markdown cell that makes the claim. */
  cellId: string;
  /** Of a `claim` block: the claim's index in that cell's `metadata.claims`. */
  claim?: number;
  /**
   * The first 12 hex digits of the SHA-256 of the English cell's source (of the English claim's
   * `output` pattern for a `claim` block), as the translator saw it.
   */
  enHash: string;
  text: string;
  /** 1-based line of the block's header in the file. */
  line: number;
}

/** A translation file that cannot be used: names the file, the line, what was expected and what was found. */
export class TranslationError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    message: string,
  ) {
    super(`${file}:${line}: ${message}`);
    this.name = "TranslationError";
  }
}

const HEADER = /^<!-- (cell|code|claim) ([A-Za-z0-9_-]{1,64})(?: (0|[1-9]\d{0,2}))? en:([0-9a-f]{12}) -->$/;
// A line meant as a header but malformed must fail rather than become text of the block above.
const NEAR_HEADER = /^\s*<!--\s*(cell|code|claim)\b/i;
const HEADER_FORMAT = "`<!-- cell <id> en:<12 hex digits> -->`, `<!-- code <id> en:<12 hex digits> -->` or `<!-- claim <id> <index> en:<12 hex digits> -->`";

/** The hash a translation block records: the first 12 hex digits of the SHA-256 of the source, UTF-8. */
export function sourceHash(source: string): string {
  return createHash("sha256").update(source, "utf8").digest("hex").slice(0, 12);
}

function quoted(line: string): string {
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === "") start++;
  while (end > start && lines[end - 1]!.trim() === "") end--;
  return lines.slice(start, end).join("\n");
}

/**
 * Parses a translation file (its format: tools/src/i18n/README.md). Hostile input fails here with the
 * file and line: too big, text before the first header, a malformed or duplicated header, a claim
 * pattern that is not one line.
 */
export function parseTranslationFile(text: string, file: string): TranslationBlock[] {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_TRANSLATION_BYTES) {
    throw new TranslationError(file, 1, `expected at most ${MAX_TRANSLATION_BYTES} bytes, got ${bytes}`);
  }
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  const blocks: TranslationBlock[] = [];
  const seen = new Map<string, number>();
  let body: string[] = [];
  const close = () => {
    const block = blocks.at(-1);
    if (block) block.text = trimBlankLines(body);
    body = [];
    if (block?.kind === "claim" && (block.text === "" || block.text.includes("\n"))) {
      const lines = block.text === "" ? 0 : block.text.split("\n").length;
      throw new TranslationError(file, block.line, `expected the claim's Chinese pattern on one line after \`claim ${block.cellId} ${block.claim}\`, got ${lines} lines`);
    }
  };
  lines.forEach((line, index) => {
    const number = index + 1;
    const header = HEADER.exec(line);
    if (!header) {
      if (NEAR_HEADER.test(line)) throw new TranslationError(file, number, `expected a block header ${HEADER_FORMAT}, got ${quoted(line)}`);
      if (blocks.length === 0 && line.trim() !== "") {
        throw new TranslationError(file, number, `expected a block header ${HEADER_FORMAT} before any text, got ${quoted(line)}`);
      }
      body.push(line);
      return;
    }
    const [, kind, cellId, claimIndex, enHash] = header as unknown as [string, BlockKind, string, string | undefined, string];
    if ((kind === "claim") !== (claimIndex !== undefined)) throw new TranslationError(file, number, `expected a block header ${HEADER_FORMAT}, got ${quoted(line)}`);
    const key = claimIndex === undefined ? `${kind} ${cellId}` : `${kind} ${cellId} ${claimIndex}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new TranslationError(file, number, `expected one block per ${kind === "claim" ? "claim" : "cell"}, got a second \`${key}\` block (the first is on line ${earlier})`);
    }
    seen.set(key, number);
    close();
    blocks.push(claimIndex === undefined ? { kind, cellId, enHash, text: "", line: number } : { kind, cellId, claim: Number(claimIndex), enHash, text: "", line: number });
  });
  close();
  return blocks;
}

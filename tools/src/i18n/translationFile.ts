import { createHash } from "node:crypto";

/** A translation file bigger than this is not a course translation (the longest notebook's text is ~60 KB). */
export const MAX_TRANSLATION_BYTES = 2 * 1024 * 1024;

export type BlockKind = "cell" | "code";

export interface TranslationBlock {
  kind: BlockKind;
  cellId: string;
  /** The first 12 hex digits of the SHA-256 of the English cell's source, as the translator saw it. */
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

const HEADER = /^<!-- (cell|code) ([A-Za-z0-9_-]{1,64}) en:([0-9a-f]{12}) -->$/;
// A line meant as a header but malformed must fail rather than become text of the block above.
const NEAR_HEADER = /^\s*<!--\s*(cell|code)\b/i;
const HEADER_FORMAT = "`<!-- cell <id> en:<12 hex digits> -->` or `<!-- code <id> en:<12 hex digits> -->`";

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
 * file and line: too big, text before the first header, a malformed or duplicated header.
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
    const [, kind, cellId, enHash] = header as unknown as [string, BlockKind, string, string];
    const key = `${kind} ${cellId}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw new TranslationError(file, number, `expected one block per cell, got a second \`${key}\` block (the first is on line ${earlier})`);
    }
    seen.set(key, number);
    close();
    blocks.push({ kind, cellId, enHash, text: "", line: number });
  });
  close();
  return blocks;
}

import { describe, inputError } from "../preprocessing/validate.js";

/**
 * Keras' default `filters`: ASCII punctuation, tab and newline.
 */
const KERAS_FILTERS = '!"#$%&()*+,-./:;<=>?@[\\]^_`{|}~\t\n';

/**
 * Punctuation of Chinese text, filtered (in `cjk` modes) only from texts that contain Han characters.
 */
const CJK_FILTERS = "，。！？、；：“”‘’（）《》〈〉【】「」『』…—～·";

/**
 * How runs of Chinese characters (Unicode script Han) are split into tokens:
 * - `"char"` (default): every Han character is a token. Chinese has no spaces, so Keras'
 *   whitespace split would make a whole sentence one token; single characters are the usual
 *   baseline for Chinese text classification with little data, and the result is the same on
 *   every machine.
 * - `"word"`: words from `Intl.Segmenter("zh")`. Better tokens, but the boundaries come from the
 *   ICU data built into Node, so vocabularies can differ between Node builds.
 * - `"none"`: exactly Keras (Han text is split only on `split`).
 * In `"char"` and `"word"` modes a text containing Han characters also has `cjkFilters` removed.
 * Text without Han characters is tokenised exactly as Keras does in every mode.
 */
export type CjkMode = "char" | "word" | "none";

export interface TokenizerOptions {
  /** Keep only the `numWords - 1` most frequent words in sequences (indices < numWords). */
  numWords?: number | null;
  /** Characters removed (replaced by `split`); default Keras' `KERAS_FILTERS`. */
  filters?: string;
  /** Extra characters removed from texts that contain Han characters; default `CJK_FILTERS`. */
  cjkFilters?: string;
  lower?: boolean;
  split?: string;
  /** Every character is a token (Keras: no filtering in this mode). */
  charLevel?: boolean;
  /** Stands for out-of-vocabulary words in sequences; it gets index 1. */
  oovToken?: string | null;
  cjk?: CjkMode;
}

const HAN = /\p{Script=Han}/u;
const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * `tf.keras.preprocessing.text.Tokenizer`: word counts, a frequency-ordered word index
 * (ties keep first appearance; index 0 is reserved for padding) and text ↔ sequence conversion.
 *
 * Taught in notebooks/01-concepts.ipynb; also used in 06-language.
 */
export class Tokenizer {
  readonly numWords: number | null;
  readonly filters: string;
  readonly cjkFilters: string;
  readonly lower: boolean;
  readonly split: string;
  readonly charLevel: boolean;
  readonly oovToken: string | null;
  readonly cjk: CjkMode;
  /** Occurrences of each token in the fitted texts, in first-seen order. */
  readonly wordCounts = new Map<string, number>();
  /** Number of fitted texts containing each token. */
  readonly wordDocs = new Map<string, number>();
  /** Token → index (1 = most frequent, or the OOV token when set). Holds every token, whatever `numWords`. */
  readonly wordIndex = new Map<string, number>();
  /** Index → token. */
  readonly indexWord = new Map<number, string>();
  documentCount = 0;

  constructor(options: TokenizerOptions = {}) {
    const fn = "Tokenizer";
    const { numWords = null, lower = true, split = " ", charLevel = false, oovToken = null, cjk = "char" } = options;
    if (numWords !== null && (!Number.isInteger(numWords) || numWords < 1)) {
      throw inputError(fn, "options.numWords", "a positive integer or null", describe(numWords));
    }
    if (typeof split !== "string" || split.length === 0) throw inputError(fn, "options.split", "a non-empty string", describe(split));
    if (!["char", "word", "none"].includes(cjk)) throw inputError(fn, "options.cjk", `"char", "word" or "none"`, describe(cjk));
    if (cjk === "word" && typeof Intl.Segmenter !== "function") {
      throw inputError(fn, "options.cjk", `"char" or "none" (this Node has no Intl.Segmenter)`, `"word"`);
    }
    this.numWords = numWords;
    this.filters = options.filters ?? KERAS_FILTERS;
    this.cjkFilters = options.cjkFilters ?? CJK_FILTERS;
    this.lower = lower;
    this.split = split;
    this.charLevel = charLevel;
    this.oovToken = oovToken;
    this.cjk = cjk;
  }

  /** Splits one text into tokens (Keras `text_to_word_sequence`, or characters when `charLevel`). */
  tokenize(text: string): string[] {
    if (this.charLevel) return [...(this.lower ? text.toLowerCase() : text)];
    let t = this.lower ? text.toLowerCase() : text;
    const han = this.cjk !== "none" && HAN.test(t);
    // Every filter character is replaced in one pass, as Python's str.translate does in Keras: replacing one
    // filter at a time would filter the characters of a `split` that an earlier replacement inserted.
    const filters = new Set(han ? this.filters + this.cjkFilters : this.filters);
    t = Array.from(t, (c) => (filters.has(c) ? this.split : c)).join("");
    if (han) t = t.replace(HAN_RUN, (run) => this.splitHan(run));
    return t.split(this.split).filter((w) => w.length > 0);
  }

  private splitHan(run: string): string {
    const pieces = this.cjk === "word" ? [...new Intl.Segmenter("zh", { granularity: "word" }).segment(run)].map((s) => s.segment) : [...run];
    return this.split + pieces.join(this.split) + this.split;
  }

  private checkTexts(fn: string, texts: unknown): string[] {
    if (!Array.isArray(texts)) throw inputError(`Tokenizer.${fn}`, "texts", "an array of strings", describe(texts));
    texts.forEach((t, i) => {
      if (typeof t !== "string") throw inputError(`Tokenizer.${fn}`, `texts[${i}]`, "a string", describe(t));
    });
    return texts;
  }

  /** Counts tokens and (re)builds `wordIndex`; may be called again to add texts, as in Keras. */
  fitOnTexts(texts: readonly string[]): this {
    for (const text of this.checkTexts("fitOnTexts", texts)) {
      this.documentCount++;
      const tokens = this.tokenize(text);
      for (const w of tokens) this.wordCounts.set(w, (this.wordCounts.get(w) ?? 0) + 1);
      for (const w of new Set(tokens)) this.wordDocs.set(w, (this.wordDocs.get(w) ?? 0) + 1);
    }
    // Array.prototype.sort is stable, so equal counts keep first-appearance order as in Keras.
    const sorted = [...this.wordCounts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
    const vocabulary = this.oovToken === null ? sorted : [this.oovToken, ...sorted];
    this.wordIndex.clear();
    vocabulary.forEach((w, i) => this.wordIndex.set(w, i + 1));
    this.indexWord.clear();
    for (const [w, i] of this.wordIndex) this.indexWord.set(i, w);
    return this;
  }

  private checkFitted(fn: string): void {
    if (this.documentCount === 0) throw new Error(`Tokenizer.${fn}: the tokenizer has no vocabulary; call fitOnTexts() first`);
  }

  /** Each text as a list of word indices; unknown or cut-off words become the OOV index or are dropped. */
  textsToSequences(texts: readonly string[]): number[][] {
    this.checkFitted("textsToSequences");
    const oov = this.oovToken === null ? undefined : this.wordIndex.get(this.oovToken);
    return this.checkTexts("textsToSequences", texts).map((text) => {
      const seq: number[] = [];
      for (const w of this.tokenize(text)) {
        const i = this.wordIndex.get(w);
        if (i !== undefined && (this.numWords === null || i < this.numWords)) seq.push(i);
        else if (oov !== undefined) seq.push(oov);
      }
      return seq;
    });
  }

  /** Index sequences back to space-joined text (Keras `sequences_to_texts`). */
  sequencesToTexts(sequences: readonly (readonly number[])[]): string[] {
    this.checkFitted("sequencesToTexts");
    const fn = "Tokenizer.sequencesToTexts";
    if (!Array.isArray(sequences)) throw inputError(fn, "sequences", "an array of index arrays", describe(sequences));
    const oov = this.oovToken === null ? undefined : this.wordIndex.get(this.oovToken);
    return sequences.map((seq, s) => {
      if (!Array.isArray(seq)) throw inputError(fn, `sequences[${s}]`, "an array of integer indices", describe(seq));
      const words: string[] = [];
      seq.forEach((n, k) => {
        if (!Number.isInteger(n)) throw inputError(fn, `sequences[${s}][${k}]`, "an integer index", describe(n));
        const w = this.indexWord.get(n);
        if (w !== undefined && (this.numWords === null || n < this.numWords)) words.push(w);
        else if (oov !== undefined) words.push(this.indexWord.get(oov)!);
      });
      return words.join(" ");
    });
  }

  /**
   * Keras' `tokenizer.to_json()` format, so `tokenizer_from_json` in Python reads it too; the
   * Chinese-splitting settings go in a top-level `tsdl` key, which Keras ignores.
   */
  toJSON(): string {
    // Written by hand: a JS object would move integer-like tokens ("10") to the front.
    const dict = (m: Map<string | number, unknown>) =>
      `{${[...m].map(([k, v]) => `${JSON.stringify(String(k))}: ${JSON.stringify(v)}`).join(", ")}}`;
    const indexDocs = new Map([...this.wordDocs].map(([w, c]) => [this.wordIndex.get(w)!, c] as const));
    return JSON.stringify({
      class_name: "Tokenizer",
      config: {
        num_words: this.numWords,
        filters: this.filters,
        lower: this.lower,
        split: this.split,
        char_level: this.charLevel,
        oov_token: this.oovToken,
        document_count: this.documentCount,
        word_counts: dict(this.wordCounts),
        word_docs: dict(this.wordDocs),
        index_docs: dict(indexDocs),
        index_word: dict(this.indexWord),
        word_index: dict(this.wordIndex),
      },
      tsdl: { cjk: this.cjk, cjkFilters: this.cjkFilters },
    });
  }

  /** Reads `toJSON()` output or a JSON string from Keras' `tokenizer.to_json()`. */
  static fromJSON(json: string): Tokenizer {
    const fn = "Tokenizer.fromJSON";
    let parsed: { class_name?: unknown; config?: Record<string, unknown>; tsdl?: { cjk?: CjkMode; cjkFilters?: string } };
    try {
      parsed = JSON.parse(json);
    } catch (error) {
      throw inputError(fn, "json", "a JSON string from toJSON() or Keras' to_json()", `invalid JSON (${(error as Error).message})`);
    }
    const config = parsed?.config;
    if (parsed?.class_name !== "Tokenizer" || typeof config !== "object" || config === null) {
      throw inputError(fn, "json", `an object with class_name "Tokenizer" and a config`, describe(parsed?.class_name));
    }
    // Without a tsdl key the JSON came from Keras, which never splits Chinese characters.
    const tsdl = parsed.tsdl ?? { cjk: "none" as const };
    const tok = new Tokenizer({
      numWords: (config.num_words as number | null) ?? null,
      filters: config.filters as string,
      lower: config.lower as boolean,
      split: config.split as string,
      charLevel: config.char_level as boolean,
      oovToken: (config.oov_token as string | null) ?? null,
      ...tsdl,
    });
    tok.documentCount = Number(config.document_count ?? 0);
    for (const [w, c] of orderedCounts(config.word_counts)) tok.wordCounts.set(w, c);
    for (const [w, c] of orderedCounts(config.word_docs)) tok.wordDocs.set(w, c);
    const entries = (key: string) => Object.entries(JSON.parse(String(config[key] ?? "{}")) as Record<string, unknown>);
    for (const [w, i] of entries("word_index")) tok.wordIndex.set(w, Number(i));
    for (const [i, w] of entries("index_word")) tok.indexWord.set(Number(i), String(w));
    return tok;
  }
}

/**
 * The entries of a JSON `{"token": count}` object in file order; `JSON.parse` would move
 * integer-like tokens first, and word-count order decides ties in the index.
 */
function orderedCounts(json: unknown): [string, number][] {
  const pairs = String(json ?? "{}").matchAll(/("(?:[^"\\]|\\.)*")\s*:\s*(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)/g);
  return [...pairs].map((m) => [JSON.parse(m[1]!) as string, Number(m[2])]);
}

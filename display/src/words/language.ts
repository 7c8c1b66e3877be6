/** The languages tsdl's helpers speak: the course's two editions. */
export type Language = "en" | "zh";

export const LANGUAGES: readonly Language[] = ["en", "zh"];

// On globalThis, not in a module variable: a kernel or a test may load display twice (its dist and its
// source), and both copies must speak the language the notebook chose.
const LANGUAGE_KEY = Symbol.for("tsdl.language");
type LanguageHolder = { [LANGUAGE_KEY]?: Language };

/**
 * Sets the language of every word the helpers choose (progress lines, chart titles, summaries) for the
 * rest of this process. The Chinese notebooks set it by importing `@tsdl/lib/zh`.
 */
export function setLanguage(language: Language): void {
  if (!LANGUAGES.includes(language)) {
    throw new Error(`setLanguage: language must be one of ${LANGUAGES.map((l) => `"${l}"`).join(", ")}, got ${JSON.stringify(language)}`);
  }
  (globalThis as LanguageHolder)[LANGUAGE_KEY] = language;
}

/** The language set by `setLanguage`; English until a notebook chooses another. */
export function currentLanguage(): Language {
  return (globalThis as LanguageHolder)[LANGUAGE_KEY] ?? "en";
}

/** The entry of a per-language words table for the current language. */
export function wordsFor<Words>(table: Record<Language, Words>): Words {
  return table[currentLanguage()];
}

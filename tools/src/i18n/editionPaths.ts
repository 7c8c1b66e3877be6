/** Where the Chinese edition's translation files live, relative to the repository root. */
export const TRANSLATIONS_DIR = "i18n/zh";

/** The Chinese edition's folder inside a notebooks folder (the course's, the release's, the executed copies'). */
export const CHINESE_EDITION_DIR = "zh";

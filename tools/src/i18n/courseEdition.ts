import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { cellSource, type Notebook, parseNotebook, readNotebookFile } from "@tsdl/kernel-ext/notebook";
import { buildChineseNotebook, notebookText, translationProblems } from "./chineseEdition.js";
import { CHINESE_EDITION_DIR, TRANSLATIONS_DIR } from "./editionPaths.js";
import { wordCount } from "./proseInvariants.js";
import { parseTranslationFile, TranslationError } from "./translationFile.js";

export interface CoursePaths {
  /** English notebooks, e.g. `notebooks/`. */
  notebooksDir: string;
  /** Translation files, e.g. `i18n/zh/`. */
  translationsDir: string;
  /** Generated Chinese notebooks, e.g. `notebooks/zh/`. */
  outDir: string;
}

export function coursePaths(root: string): CoursePaths {
  return {
    notebooksDir: path.join(root, "notebooks"),
    translationsDir: path.join(root, TRANSLATIONS_DIR),
    outDir: path.join(root, "notebooks", CHINESE_EDITION_DIR),
  };
}

export async function englishNotebookNames(notebooksDir: string): Promise<string[]> {
  return (await readdir(notebooksDir)).filter((name) => name.endsWith(".ipynb")).sort();
}

/** The notebooks with a translation file, by notebook file name. */
export async function translatedNotebookNames(paths: CoursePaths): Promise<string[]> {
  if (!existsSync(paths.translationsDir)) return [];
  const english = new Set(await englishNotebookNames(paths.notebooksDir));
  return (await readdir(paths.translationsDir))
    .filter((name) => name.endsWith(".md") && name !== "README.md")
    .map((name) => `${name.slice(0, -3)}.ipynb`)
    .filter((name) => english.has(name))
    .sort();
}

export interface EditionResult {
  /** Notebook file name → the Chinese notebook's text, for notebooks whose translation is in step. */
  built: Map<string, string>;
  /** Every problem found, each naming its file, line and cell. */
  problems: string[];
}

/** Checks every translation file against its English notebook and builds the Chinese notebooks of those in step. */
export async function buildEdition(paths: CoursePaths): Promise<EditionResult> {
  const built = new Map<string, string>();
  const problems: string[] = [];
  if (existsSync(paths.translationsDir)) {
    const english = new Set(await englishNotebookNames(paths.notebooksDir));
    for (const name of (await readdir(paths.translationsDir)).filter((file) => file.endsWith(".md") && file !== "README.md")) {
      if (!english.has(`${name.slice(0, -3)}.ipynb`)) problems.push(`${path.join(paths.translationsDir, name)}: expected a translation of a notebook in ${paths.notebooksDir}, got no ${name.slice(0, -3)}.ipynb there`);
    }
  }
  for (const name of await translatedNotebookNames(paths)) {
    const notebookFile = path.join(paths.notebooksDir, name);
    const translationFile = path.join(paths.translationsDir, `${name.slice(0, -".ipynb".length)}.md`);
    let blocks;
    try {
      blocks = parseTranslationFile(await readFile(translationFile, "utf8"), translationFile);
    } catch (error) {
      if (!(error instanceof TranslationError)) throw error;
      problems.push(error.message);
      continue;
    }
    const source = { notebookFile, notebook: await readNotebookFile(notebookFile), translationFile, blocks };
    const found = translationProblems(source);
    problems.push(...found);
    if (found.length === 0) built.set(name, notebookText(buildChineseNotebook(source)));
  }
  return { built, problems };
}

/** What differs between the committed Chinese notebooks and the build's output (stale, missing or orphaned files). */
export async function editionDrift(paths: CoursePaths, built: Map<string, string>): Promise<string[]> {
  const drift: string[] = [];
  const committed = existsSync(paths.outDir) ? (await readdir(paths.outDir)).filter((name) => name.endsWith(".ipynb")) : [];
  for (const [name, text] of built) {
    const file = path.join(paths.outDir, name);
    const current = existsSync(file) ? await readFile(file, "utf8") : undefined;
    if (current === undefined) drift.push(`${file} is missing; run \`npm run zh\``);
    else if (current !== text) drift.push(`${file} differs from what its translation builds; run \`npm run zh\``);
  }
  for (const name of committed) {
    if (!built.has(name)) drift.push(`${path.join(paths.outDir, name)} has no translation in step to build it from; fix the translation or remove the file`);
  }
  return drift;
}

/** Writes the Chinese notebooks that build and removes those without a translation file (one with problems stays as it was). */
export async function writeEdition(paths: CoursePaths, built: Map<string, string>): Promise<void> {
  await mkdir(paths.outDir, { recursive: true });
  const translated = new Set(await translatedNotebookNames(paths));
  for (const name of (await readdir(paths.outDir)).filter((file) => file.endsWith(".ipynb"))) {
    if (!translated.has(name)) await rm(path.join(paths.outDir, name));
  }
  for (const [name, text] of built) await writeFile(path.join(paths.outDir, name), text);
}

/** Words of prose per notebook in both editions (Markdown cells; a Han character counts as a word). */
export async function editionWordCounts(paths: CoursePaths, built: Map<string, string>): Promise<{ notebook: string; en: number; zh: number }[]> {
  const counts = [];
  for (const name of await englishNotebookNames(paths.notebooksDir)) {
    const words = (notebook: Notebook) => notebook.cells.filter((cell) => cell.cell_type === "markdown").reduce((sum, cell) => sum + wordCount(cellSource(cell)), 0);
    const zh = built.get(name);
    counts.push({ notebook: name, en: words(await readNotebookFile(path.join(paths.notebooksDir, name))), zh: zh === undefined ? 0 : words(parseNotebook(zh, name)) });
  }
  return counts;
}

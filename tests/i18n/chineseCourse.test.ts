import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { buildEdition, coursePaths, editionDrift, englishNotebookNames, translatedNotebookNames } from "../../tools/src/i18n/courseEdition.js";
import { readGlossary } from "../../tools/src/i18n/glossary.js";

// The drift checks on the real course: a change to an English cell without its translation fails here.
const root = fileURLToPath(new URL("../../", import.meta.url));
const paths = coursePaths(root);

describe("the Chinese edition of the course", () => {
  it("has every translation file in step with its English notebook", async () => {
    const { problems } = await buildEdition(paths);
    expect(problems).toEqual([]);
  });

  it("commits notebooks/zh/ exactly as `npm run zh` writes it", async () => {
    const { built } = await buildEdition(paths);
    expect(await editionDrift(paths, built)).toEqual([]);
  });

  it("translates every notebook", async () => {
    const translated = new Set(await translatedNotebookNames(paths));
    const missing = (await englishNotebookNames(paths.notebooksDir)).filter((name) => !translated.has(name));
    expect(missing.map((name) => `i18n/zh/${name.replace(/\.ipynb$/, ".md")}`)).toEqual([]);
  });

  it("has a glossary of terms, each first taught in a course notebook", async () => {
    const file = path.join(paths.translationsDir, "glossary.json");
    expect(existsSync(file), `${file} is missing`).toBe(true);
    const notebooks = (await englishNotebookNames(paths.notebooksDir)).map((name) => name.replace(/\.ipynb$/, ""));
    const glossary = await readGlossary(file, notebooks);
    expect(glossary.map((term) => term.en)).toContain("overfitting");
  });
});

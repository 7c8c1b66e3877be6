#!/usr/bin/env node
/** `npm run zh [-- --check]`: builds notebooks/zh/ from notebooks/ and i18n/zh/, or checks that it is up to date. */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { buildEdition, coursePaths, editionDrift, editionWordCounts, writeEdition } from "./courseEdition.js";
import { readGlossary } from "./glossary.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

const program = new Command("zh")
  .description("Build the Chinese notebooks (notebooks/zh/) from the English notebooks and the translation files in i18n/zh/")
  .option("--root <dir>", "the repository (notebooks/, i18n/zh/)", root)
  .option("--words", "print the words of prose per notebook in both editions and the glossary's size")
  .option("--check", "write nothing; fail if a translation is out of step or notebooks/zh/ is not what the build writes")
  .parse();
const options = program.opts<{ check?: boolean; words?: boolean; root: string }>();

const paths = coursePaths(options.root);
const { built, problems } = await buildEdition(paths);
for (const problem of problems) console.error(problem);
if (options.words) {
  const counts = await editionWordCounts(paths, built);
  for (const { notebook, en, zh } of counts) console.log(`${notebook}\ten ${en}\tzh ${zh}`);
  const sum = (key: "en" | "zh") => counts.reduce((total, count) => total + count[key], 0);
  console.log(`total\ten ${sum("en")}\tzh ${sum("zh")}`);
  const glossary = path.join(paths.translationsDir, "glossary.json");
  if (existsSync(glossary)) console.log(`glossary\t${(await readGlossary(glossary, counts.map(({ notebook }) => notebook.replace(/\.ipynb$/, "")))).length} terms`);
} else if (options.check) {
  const drift = await editionDrift(paths, built);
  for (const line of drift) console.error(line);
  console.error(problems.length + drift.length === 0 ? `notebooks/zh/ is up to date (${built.size} notebooks)` : `${problems.length + drift.length} problems`);
  process.exitCode = problems.length + drift.length === 0 ? 0 : 1;
} else {
  await writeEdition(paths, built);
  console.error(`wrote ${built.size} Chinese notebooks to notebooks/zh/${problems.length ? `; ${problems.length} problems (see above)` : ""}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

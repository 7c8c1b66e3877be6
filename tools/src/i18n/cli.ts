#!/usr/bin/env node
/** `npm run zh [-- --check]`: builds notebooks/zh/ from notebooks/ and i18n/zh/, or checks that it is up to date. */
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { buildEdition, coursePaths, editionDrift, writeEdition } from "./courseEdition.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

const program = new Command("zh")
  .description("Build the Chinese notebooks (notebooks/zh/) from the English notebooks and the translation files in i18n/zh/")
  .option("--root <dir>", "the repository (notebooks/, i18n/zh/)", root)
  .option("--check", "write nothing; fail if a translation is out of step or notebooks/zh/ is not what the build writes")
  .parse();
const options = program.opts<{ check?: boolean; root: string }>();

const paths = coursePaths(options.root);
const { built, problems } = await buildEdition(paths);
for (const problem of problems) console.error(problem);
if (options.check) {
  const drift = await editionDrift(paths, built);
  for (const line of drift) console.error(line);
  console.error(problems.length + drift.length === 0 ? `notebooks/zh/ is up to date (${built.size} notebooks)` : `${problems.length + drift.length} problems`);
  process.exitCode = problems.length + drift.length === 0 ? 0 : 1;
} else {
  await writeEdition(paths, built);
  console.error(`wrote ${built.size} Chinese notebooks to notebooks/zh/${problems.length ? `; ${problems.length} problems (see above)` : ""}`);
  process.exitCode = problems.length === 0 ? 0 : 1;
}

import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { findTestFiles } from "../grade/gradeSubmissions.js";
import { readNotebook } from "../notebook/readNotebook.js";
import { visibilityOf } from "../judge/judgeResult.js";
import { repoRoot } from "../repoPaths.js";
import { releaseNotebook } from "./releaseStages.js";
import { CHINESE_EDITION_DIR } from "../../i18n/editionPaths.js";

export { releaseNotebook } from "./releaseStages.js";

export interface ReleaseOptions {
  notebooksDir: string;
  testsDir: string;
  outDir: string;
}

export interface ReleaseSummary {
  notebooks: string[];
  publicChecks: string[];
}

/**
 * Writes the learners' release: every notebook of both editions with its solutions stubbed out and the public
 * checks; hidden tests are never copied. The same inputs always give byte-identical files.
 */
export function releaseCourse(options: ReleaseOptions): ReleaseSummary {
  const outDir = path.resolve(options.outDir);
  const notebooksDir = path.resolve(options.notebooksDir);
  if (outDir === path.resolve(repoRoot) || outDir === notebooksDir || outDir === path.join(notebooksDir, CHINESE_EDITION_DIR) || notebooksDir.startsWith(`${outDir}${path.sep}`)) {
    throw new Error(`outDir must be a separate folder; ${outDir} would overwrite the instructor notebooks`);
  }
  const summary: ReleaseSummary = { notebooks: [], publicChecks: [] };
  // Both editions: the Chinese notebooks sit in notebooks/zh/ in the course and in the release alike.
  for (const edition of [".", CHINESE_EDITION_DIR]) {
    const from = path.join(notebooksDir, edition);
    if (edition !== "." && !existsSync(from)) continue;
    mkdirSync(path.join(outDir, "notebooks", edition), { recursive: true });
    for (const name of readdirSync(from).filter((file) => file.endsWith(".ipynb")).sort()) {
      const released = releaseNotebook(readNotebook(path.join(from, name)), path.join(edition, name));
      const text = `${JSON.stringify(released, null, 1)}\n`;
      writeFileSync(path.join(outDir, "notebooks", edition, name), text);
      summary.notebooks.push(path.join("notebooks", edition, name));
    }
  }
  const testsDir = path.resolve(options.testsDir);
  const insideRepo = !path.relative(repoRoot, testsDir).startsWith("..");
  for (const file of findTestFiles(testsDir).filter((test) => visibilityOf(test) === "public")) {
    const relative = insideRepo ? path.relative(repoRoot, file) : path.join("tests", "exercises", path.relative(testsDir, file));
    mkdirSync(path.dirname(path.join(outDir, relative)), { recursive: true });
    copyFileSync(file, path.join(outDir, relative));
    summary.publicChecks.push(relative);
  }
  return summary;
}

import { existsSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { LivePages } from "./live/livePages.js";
import { CHINESE_EDITION_DIR } from "../i18n/editionPaths.js";
import type { GlossaryEntry } from "../i18n/glossary.js";
import { copyAssets } from "./copyAssets.js";
import { GLOSSARY_PAGE, renderHandouts, type HandoutsSite } from "./renderHandouts.js";

export interface BilingualHandoutsOptions {
  /** Executed English notebooks; the Chinese ones are in its `zh/` folder. */
  executedDir: string;
  /** The site: English pages at its root, Chinese pages in `zh/`, one `assets/` for both. */
  outDir: string;
  /** The course notebooks (`notebooks/`, with `zh/`), for the figures they link to. */
  sourceDir: string;
  withSolutions?: boolean;
  glossary?: GlossaryEntry[];
  /** Make every code cell runnable in the page (one runtime in `outDir/live/` for both editions). Default: true. */
  live?: boolean;
}

async function pageFiles(executedDir: string): Promise<string[]> {
  if (!existsSync(executedDir)) return [];
  const notebooks = (await readdir(executedDir)).filter((name) => name.endsWith(".ipynb"));
  return notebooks.length === 0 ? [] : ["index.html", GLOSSARY_PAGE, ...notebooks.map((name) => `${path.basename(name, ".ipynb")}.html`)];
}

/**
 * Renders both editions: every page links to the same page in the other edition (when that edition
 * has it), each edition has its own index, search index and glossary page in its own language.
 */
export async function renderBilingualHandouts(options: BilingualHandoutsOptions): Promise<{ en?: HandoutsSite; zh?: HandoutsSite }> {
  const zhExecuted = path.join(options.executedDir, CHINESE_EDITION_DIR);
  const zhOut = path.join(options.outDir, CHINESE_EDITION_DIR);
  const [enFiles, zhFiles] = await Promise.all([pageFiles(options.executedDir), pageFiles(zhExecuted)]);
  const live = options.live ?? true;
  const livePages = live && (enFiles.length > 0 || zhFiles.length > 0) ? await LivePages.build(options.outDir) : undefined;
  const common = { withSolutions: options.withSolutions ?? false, glossary: options.glossary, live, livePages };
  // The English edition renders unless only the Chinese one was executed (`npm run handouts -- --edition zh`).
  const en = enFiles.length > 0 || zhFiles.length === 0
    ? await renderHandouts({
        ...common,
        executedDir: options.executedDir,
        outDir: options.outDir,
        sourceDir: options.sourceDir,
        language: "en",
        otherEdition: zhFiles.length ? { prefix: `${CHINESE_EDITION_DIR}/`, files: zhFiles } : undefined,
      })
    : undefined;
  if (zhFiles.length === 0) {
    // A Chinese edition from an earlier run must not outlive its notebooks.
    await rm(zhOut, { recursive: true, force: true });
    return { en };
  }
  if (!en) await copyAssets(path.join(options.outDir, "assets"));
  const zh = await renderHandouts({
    ...common,
    executedDir: zhExecuted,
    outDir: zhOut,
    sourceDir: path.join(options.sourceDir, CHINESE_EDITION_DIR),
    language: "zh",
    site: { outRoot: options.outDir, sourceRoot: options.sourceDir },
    otherEdition: enFiles.length ? { prefix: "../", files: enFiles } : undefined,
  });
  return { en, zh };
}

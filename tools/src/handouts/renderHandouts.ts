import { cp, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { copyAssets } from "./copyAssets.js";
import { escapeHtml } from "./escapeHtml.js";
import { readNotebookFile, type Notebook } from "@tsdl/kernel-ext/notebook";
import { LivePages } from "./live/livePages.js";
import type { EditionLanguage } from "../i18n/chineseEdition.js";
import type { GlossaryEntry } from "../i18n/glossary.js";
import { pageLayout, type PageLink } from "./pageLayout.js";
import { renderNotebookBody, type RenderedNotebook } from "./renderNotebookBody.js";
import { searchDocs, writeSearchIndex } from "./searchIndex.js";
import { SITE_TEXT, type SiteText } from "./siteText.js";

export const GLOSSARY_PAGE = "glossary.html";

export interface RenderHandoutsOptions {
  /** Folder of executed `.ipynb` files; pages follow their file-name order. */
  executedDir: string;
  /** Where the site goes, e.g. `dist/handouts`. */
  outDir: string;
  /** The folder the notebooks' relative links (figures) resolve against, e.g. `notebooks/`. Default: `executedDir`. */
  sourceDir?: string;
  /** Put each exercise's reference solution, collapsed, under the learner's version. Default: false. */
  withSolutions?: boolean;
  /** Make every code cell runnable in the page (the runtime goes into `outDir/live/`). Default: true. */
  live?: boolean;
  /** The site's live runtime, when another edition's render already built it. */
  livePages?: LivePages;
  /** The edition's language, for the site's own words. Default: "en". */
  language?: EditionLanguage;
  /**
   * Where this edition sits in a two-edition site (see bilingualHandouts.ts): the site's root (shared
   * assets and figures) and the notebooks folder that relative links resolve from there. Default: this
   * edition is the whole site.
   */
  site?: { outRoot: string; sourceRoot: string };
  /** The other edition's folder, relative to this one ("zh/" or "../"), and its page files: each page links to its counterpart. */
  otherEdition?: { prefix: string; files: string[] };
  /** Terms for a glossary page (glossary.html) linked from every page. */
  glossary?: GlossaryEntry[];
}

export interface HandoutPage {
  notebook: string;
  /** Page file name inside `outDir`. */
  file: string;
  title: string;
  chartCount: number;
  headingCount: number;
}

export interface HandoutsSite {
  outDir: string;
  index: string;
  pages: HandoutPage[];
}

/** A title for notebooks without a level-1 heading: "03-preprocessing.ipynb" → "03 preprocessing". */
function titleFromFileName(fileName: string): string {
  return path.basename(fileName, ".ipynb").replace(/[-_]+/g, " ");
}

/** Renders every executed notebook in `executedDir` to one HTML page each plus `index.html`, with bundled assets. */
export async function renderHandouts(options: RenderHandoutsOptions): Promise<HandoutsSite> {
  const { executedDir, outDir, sourceDir = executedDir, withSolutions = false, live = true, language = "en", otherEdition, glossary } = options;
  const site = options.site ?? { outRoot: outDir, sourceRoot: sourceDir };
  const rootPrefix = path.relative(outDir, site.outRoot).split(path.sep).filter(Boolean).map((part) => `${part}/`).join("");
  const text = SITE_TEXT[language];
  const counterpart = (file: string) => (otherEdition?.files.includes(file) ? `${otherEdition.prefix}${file}` : undefined);
  const glossaryFile = glossary ? GLOSSARY_PAGE : undefined;
  const entries = await readdir(executedDir).catch((error: NodeJS.ErrnoException) => {
    throw new Error(`renderHandouts: executedDir must be a readable folder, got ${executedDir} (${error.code})`);
  });
  const notebookFiles = entries.filter((name) => name.endsWith(".ipynb")).sort();
  if (notebookFiles.length === 0) {
    throw new Error(`renderHandouts: executedDir must contain .ipynb files, got none in ${executedDir}`);
  }

  const rendered: { file: string; notebook: string; body: RenderedNotebook; title: string; source: Notebook }[] = [];
  for (const notebook of notebookFiles) {
    const source = await readNotebookFile(path.join(executedDir, notebook));
    const body = renderNotebookBody(source, { name: notebook, withSolutions });
    rendered.push({ notebook, file: `${path.basename(notebook, ".ipynb")}.html`, body, title: body.title ?? titleFromFileName(notebook), source });
  }

  await mkdir(outDir, { recursive: true });
  // Pages of notebooks that were renamed or removed must not linger in the site.
  const stale = (await readdir(outDir)).filter((name) => name.endsWith(".html"));
  await Promise.all(stale.map((name) => rm(path.join(outDir, name))));
  if (site.outRoot === outDir) await copyAssets(path.join(outDir, "assets"));
  await copyLocalFiles(rendered, sourceDir, site);
  const course: PageLink[] = rendered.map((page) => ({ href: page.file, title: page.title }));
  const livePages = live ? (options.livePages ?? (await LivePages.build(site.outRoot))) : undefined;
  await Promise.all(
    rendered.map(async (page, index) =>
      writeFile(
        path.join(outDir, page.file),
        pageLayout({
          title: page.title,
          body: page.body.html,
          course,
          current: page.file,
          previous: course[index - 1],
          next: course[index + 1],
          headings: page.body.headings,
          withCharts: page.body.chartCount > 0,
          live: await livePages?.pageTags(page.file, page.source, page.body.sections, rootPrefix, language === "en" ? "" : `${language}-`),
          text,
          rootPrefix,
          otherEdition: counterpart(page.file),
          glossary: glossaryFile,
        }),
      ),
    ),
  );
  const shared = { text, rootPrefix, glossary: glossaryFile };
  await writeFile(path.join(outDir, "index.html"), indexPage(rendered, course, { ...shared, otherEdition: counterpart("index.html") }));
  if (glossary) {
    await writeFile(path.join(outDir, GLOSSARY_PAGE), glossaryPage(glossary, rendered, course, { ...shared, otherEdition: counterpart(GLOSSARY_PAGE) }));
  }
  await writeSearchIndex(
    path.join(outDir, "search-index.js"),
    searchDocs(rendered.map((page) => ({ file: page.file, title: page.title, sections: page.body.sections }))),
  );

  return {
    outDir,
    index: path.join(outDir, "index.html"),
    pages: rendered.map((page) => ({
      notebook: page.notebook,
      file: page.file,
      title: page.title,
      chartCount: page.body.chartCount,
      headingCount: page.body.headings.length,
    })),
  };
}

/** Copies the figures pages link to, keeping their relative paths so the links work unchanged. */
async function copyLocalFiles(rendered: { notebook: string; body: RenderedNotebook }[], sourceDir: string, site: { outRoot: string; sourceRoot: string }): Promise<void> {
  const outDir = site.outRoot;
  for (const { notebook, body } of rendered) {
    for (const file of body.localFiles) {
      const source = path.resolve(sourceDir, file);
      const relative = path.relative(path.resolve(site.sourceRoot), source);
      if (relative.startsWith("..") || path.isAbsolute(relative)) {
        throw new Error(`renderHandouts: ${notebook} links to ${file}, expected a path inside sourceDir ${site.sourceRoot}`);
      }
      if (!(await stat(source).catch(() => undefined))?.isFile()) {
        throw new Error(`renderHandouts: ${notebook} links to ${file}, which is not a file in sourceDir ${sourceDir}`);
      }
      await mkdir(path.dirname(path.join(outDir, relative)), { recursive: true });
      await cp(source, path.join(outDir, relative));
    }
  }
}

interface EditionChrome {
  text: SiteText;
  rootPrefix: string;
  glossary: string | undefined;
  otherEdition: string | undefined;
}

function indexPage(rendered: { file: string; title: string; body: RenderedNotebook }[], course: PageLink[], chrome: EditionChrome): string {
  const sections = rendered
    .map((page) => {
      const sections = page.body.headings
        .filter((heading) => heading.level === 2)
        .map((heading) => `<li><a href="${escapeHtml(page.file)}#${escapeHtml(heading.id)}">${heading.html}</a></li>`)
        .join("");
      return `<li><a class="index-notebook" href="${escapeHtml(page.file)}">${escapeHtml(page.title)}</a>${sections ? `<ul>${sections}</ul>` : ""}</li>`;
    })
    .join("\n");
  const body = `<h1>${escapeHtml(chrome.text.courseTitle)}</h1>
<p class="lead">${escapeHtml(chrome.text.lead)}</p>
<ol class="index-list">
${sections}
</ol>`;
  return pageLayout({ title: chrome.text.contents, body, course, headings: [], withCharts: false, ...chrome });
}

/** The glossary (术语表): English and Chinese side by side, each term linked to the page that first teaches it. */
function glossaryPage(glossary: GlossaryEntry[], rendered: { notebook: string; file: string; title: string }[], course: PageLink[], chrome: EditionChrome): string {
  const [en, zh, where] = chrome.text.glossaryColumns;
  const rows = glossary
    .map((term) => {
      const page = rendered.find((candidate) => candidate.notebook === `${term.notebook}.ipynb`);
      const taught = page ? `<a href="${escapeHtml(page.file)}">${escapeHtml(page.title)}</a>` : escapeHtml(term.notebook);
      return `<tr><td lang="en">${escapeHtml(term.en)}</td><td lang="zh-Hans">${escapeHtml(term.zh)}</td><td>${taught}</td></tr>`;
    })
    .join("\n");
  const body = `<h1>${escapeHtml(chrome.text.glossary)}</h1>
<p class="lead">${escapeHtml(chrome.text.glossaryLead)}</p>
<table class="glossary">
<thead><tr><th>${escapeHtml(en!)}</th><th>${escapeHtml(zh!)}</th><th>${escapeHtml(where!)}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>`;
  return pageLayout({ title: chrome.text.glossary, body, course, current: GLOSSARY_PAGE, headings: [], withCharts: false, ...chrome });
}

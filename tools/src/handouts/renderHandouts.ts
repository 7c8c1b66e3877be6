import { cp, mkdir, readdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { copyAssets } from "./copyAssets.js";
import { escapeHtml } from "./escapeHtml.js";
import { readNotebookFile, type Notebook } from "@tsdl/kernel-ext/notebook";
import { COURSE_TITLE, pageLayout, type PageLink } from "./pageLayout.js";
import { renderNotebookBody, type RenderedNotebook } from "./renderNotebookBody.js";
import { searchDocs, writeSearchIndex } from "./searchIndex.js";
import { LivePages } from "./live/livePages.js";

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
export async function renderHandouts({ executedDir, outDir, sourceDir = executedDir, withSolutions = false, live = true }: RenderHandoutsOptions): Promise<HandoutsSite> {
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
  await copyAssets(path.join(outDir, "assets"));
  await copyLocalFiles(rendered, sourceDir, outDir);
  const course: PageLink[] = rendered.map((page) => ({ href: page.file, title: page.title }));
  const livePages = live ? await LivePages.build(outDir) : undefined;
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
          live: await livePages?.pageTags(page.file, page.source, page.body.sections),
        }),
      ),
    ),
  );
  await writeFile(path.join(outDir, "index.html"), indexPage(rendered, course));
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
async function copyLocalFiles(rendered: { notebook: string; body: RenderedNotebook }[], sourceDir: string, outDir: string): Promise<void> {
  for (const { notebook, body } of rendered) {
    for (const file of body.localFiles) {
      const source = path.resolve(sourceDir, file);
      const relative = path.relative(path.resolve(sourceDir), source);
      if (relative.startsWith("..") || path.isAbsolute(relative)) {
        throw new Error(`renderHandouts: ${notebook} links to ${file}, expected a path inside sourceDir ${sourceDir}`);
      }
      if (!(await stat(source).catch(() => undefined))?.isFile()) {
        throw new Error(`renderHandouts: ${notebook} links to ${file}, which is not a file in sourceDir ${sourceDir}`);
      }
      await mkdir(path.dirname(path.join(outDir, relative)), { recursive: true });
      await cp(source, path.join(outDir, relative));
    }
  }
}

function indexPage(rendered: { file: string; title: string; body: RenderedNotebook }[], course: PageLink[]): string {
  const sections = rendered
    .map((page) => {
      const sections = page.body.headings
        .filter((heading) => heading.level === 2)
        .map((heading) => `<li><a href="${escapeHtml(page.file)}#${escapeHtml(heading.id)}">${heading.html}</a></li>`)
        .join("");
      return `<li><a class="index-notebook" href="${escapeHtml(page.file)}">${escapeHtml(page.title)}</a>${sections ? `<ul>${sections}</ul>` : ""}</li>`;
    })
    .join("\n");
  const body = `<h1>${escapeHtml(COURSE_TITLE)}</h1>
<p class="lead">The course notebooks, executed, with every output. Read them here, search them, or print them; open the notebooks in Jupyter to run and change the code.</p>
<ol class="index-list">
${sections}
</ol>`;
  return pageLayout({ title: "Contents", body, course, headings: [], withCharts: false });
}

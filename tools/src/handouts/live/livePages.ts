import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { cellTags, type Notebook } from "@tsdl/kernel-ext/notebook";
import { buildLiveRuntime, LIVE_GLOBAL, type LiveRuntimeFiles } from "./buildLiveRuntime.js";

/** What a page knows of each cell it shows: its element id and the source as the page shows it. */
export interface ShownCell {
  anchor: string;
  source: string;
}

/** The page's notebook for "Download notebook": the learner's sources as the page shows them (no solutions, no outputs). */
function pageNotebook(file: string, notebook: Notebook, sections: ShownCell[]) {
  const sources = new Map(sections.map((section) => [section.anchor, section.source]));
  const cells = notebook.cells.flatMap((cell, index) => {
    if (cell.cell_type === "raw") return [];
    const id = cell.id ?? String(index);
    const tags = cellTags(cell);
    return [{ id, cell_type: cell.cell_type, source: sources.get(`cell-${id}`) ?? "", metadata: tags.length > 0 ? { tags } : {} }];
  });
  const { kernelspec, language_info } = notebook.metadata ?? {};
  return { file, cells, metadata: { ...(kernelspec ? { kernelspec } : {}), ...(language_info ? { language_info } : {}) } };
}

/** Builds the runtime into `outDir/live/` once per site and hands each page the tags that make it live. */
export class LivePages {
  private constructor(private readonly outDir: string, readonly runtime: LiveRuntimeFiles) {}

  static async build(outDir: string): Promise<LivePages> {
    const runtime = await buildLiveRuntime(outDir);
    await mkdir(path.join(outDir, "live", "notebooks"), { recursive: true });
    return new LivePages(outDir, runtime);
  }

  /**
   * Writes the page's notebook script and returns the tags the page ends with. A page of another
   * edition sits `rootPrefix` below the site's root and names its script with `scriptPrefix`.
   */
  async pageTags(pageFile: string, notebook: Notebook, sections: ShownCell[], rootPrefix = "", scriptPrefix = ""): Promise<string> {
    const script = `live/notebooks/${scriptPrefix}${path.basename(pageFile, ".html")}.js`;
    const notebookFile = `${path.basename(pageFile, ".html")}.ipynb`;
    const state = { notebook: pageNotebook(notebookFile, notebook, sections), dataFiles: this.runtime.dataScripts.map((file) => file.replace(/^live\//, "")) };
    // "<" escaped so that no source text can close a script element.
    const json = JSON.stringify(state).replace(/</g, "\\u003c");
    await writeFile(path.join(this.outDir, script), `Object.assign(globalThis.${LIVE_GLOBAL} ??= {}, ${json});\n`);
    return `<link rel="stylesheet" href="${rootPrefix}live/live.css">\n<script src="${rootPrefix}${script}"></script>\n<script src="${rootPrefix}live/page.js"></script>`;
  }
}

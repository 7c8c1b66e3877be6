import { writeFile } from "node:fs/promises";
import { jsonForScriptTag } from "./escapeHtml.js";
import type { CellSection } from "./renderNotebookBody.js";

export interface SearchDoc {
  id: number;
  href: string;
  page: string;
  heading: string;
  text: string;
}

/** Markdown as the words a reader sees: no markup, link targets, HTML tags or math delimiters. */
export function markdownToPlainText(markdown: string): string {
  return markdown
    .replace(/<[^>]+>/g, " ")
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/-{3,}|[#*_`>|$\\]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

export function searchDocs(pages: { file: string; title: string; sections: CellSection[] }[]): SearchDoc[] {
  let id = 0;
  return pages.flatMap((page) =>
    page.sections
      .map((section) => ({
        id: id++,
        href: `${page.file}#${section.anchor}`,
        page: page.title,
        heading: section.heading,
        text: section.kind === "markdown" ? markdownToPlainText(section.source) : section.source.replace(/\s+/g, " ").trim(),
      }))
      .filter((doc) => doc.text !== ""),
  );
}

/**
 * Writes the course search index as a script (pages opened from file:// may not fetch JSON);
 * the search box loads it on first use.
 */
export async function writeSearchIndex(path: string, docs: SearchDoc[]): Promise<void> {
  await writeFile(path, `window.tsdlSearchDocs = ${jsonForScriptTag(docs)};\n`);
}

import { escapeHtml } from "./escapeHtml.js";
import { highlightCode } from "./highlightCode.js";
import { newPageMarkdownEnv, renderMarkdown, type Heading } from "./markdown.js";
import { joinSource, type Cell, type Notebook } from "./notebookFormat.js";
import { renderOutputs, type OutputContext } from "./renderOutput.js";

export interface RenderedNotebook {
  /** The first level-1 heading, or undefined when the notebook has none. */
  title: string | undefined;
  headings: Heading[];
  html: string;
  chartCount: number;
  /** Relative paths of local files (figures) the markdown links to. */
  localFiles: string[];
}

export function renderNotebookBody(notebook: Notebook): RenderedNotebook {
  const context: OutputContext = { markdownEnv: newPageMarkdownEnv(), chartCount: 0 };
  const html = notebook.cells.map((cell, index) => renderCell(cell, index, context)).join("\n");
  const headings = context.markdownEnv.headings;
  return {
    title: headings.find((heading) => heading.level === 1)?.text,
    headings,
    html,
    chartCount: context.chartCount,
    localFiles: [...context.markdownEnv.localFiles],
  };
}

function renderCell(cell: Cell, index: number, context: OutputContext): string {
  const anchor = `cell-${escapeHtml(cell.id ?? String(index))}`;
  const source = joinSource(cell.source);
  switch (cell.cell_type) {
    case "markdown":
      context.markdownEnv.attachments = cell.attachments;
      return `<section class="cell markdown-cell" id="${anchor}">${renderMarkdown(source, context.markdownEnv)}</section>`;
    case "code": {
      const tags = Array.isArray(cell.metadata.tags) ? (cell.metadata.tags as unknown[]) : [];
      const badge = tags.includes("exercise") ? `<span class="cell-badge">Exercise</span>` : "";
      const prompt = `<span class="prompt" aria-label="execution count">[${cell.execution_count ?? " "}]</span>`;
      const outputs = renderOutputs(cell.outputs, context);
      return [
        `<section class="cell code-cell" id="${anchor}">`,
        `<div class="cell-input">${prompt}${badge}<pre class="hljs"><code class="language-typescript">${highlightCode(source)}</code></pre></div>`,
        outputs.trim() ? `<div class="cell-outputs">${outputs}</div>` : "",
        `</section>`,
      ].join("");
    }
    case "raw":
      return "";
  }
}

import { learnerCellSource, notImplementedStub } from "../grading/release/stripSolutions.js";
import { escapeHtml } from "./escapeHtml.js";
import { highlightCode } from "./highlightCode.js";
import { newPageMarkdownEnv, renderMarkdown, type Heading } from "./markdown.js";
import { cellTags, joinSource, type NotebookCell, type Notebook } from "@tsdl/kernel-ext/notebook";
import { renderOutputs, type OutputContext } from "./renderOutput.js";

export interface RenderedNotebook {
  /** The first level-1 heading, or undefined when the notebook has none. */
  title: string | undefined;
  headings: Heading[];
  html: string;
  chartCount: number;
  /** Relative paths of local files (figures) the markdown links to. */
  localFiles: string[];
  /** One entry per markdown or code cell, for the course search. */
  sections: CellSection[];
}

export interface CellSection {
  /** The cell's element id on the page. */
  anchor: string;
  /** The nearest heading at or above the cell. */
  heading: string;
  kind: "markdown" | "code";
  source: string;
}

export interface RenderBodyOptions {
  /** The notebook's file name, for error messages. */
  name: string;
  /**
   * Whether pages carry the reference solutions (collapsed under the learner's version of the
   * exercise). Off, a page shows exactly what the release hands learners.
   */
  withSolutions: boolean;
}

export function renderNotebookBody(notebook: Notebook, options: RenderBodyOptions): RenderedNotebook {
  const context: OutputContext = { markdownEnv: newPageMarkdownEnv(), chartCount: 0 };
  const headings = context.markdownEnv.headings;
  const sections: CellSection[] = [];
  const stub = notImplementedStub(notebook.metadata.language === "zh" ? "zh" : "en");
  const html = notebook.cells
    .map((cell, index) => {
      const headingsBefore = headings.length;
      const source = cell.cell_type === "code" ? learnerCellSource(joinSource(cell.source), cell, index, options.name, stub) : joinSource(cell.source);
      const rendered = renderCell(cell, index, source, context, options);
      if (cell.cell_type !== "raw") {
        const heading = headings[headingsBefore] ?? headings.at(-1);
        sections.push({ anchor: cellAnchor(cell, index), heading: heading?.text ?? "", kind: cell.cell_type, source });
      }
      return rendered;
    })
    .join("\n");
  return {
    title: headings.find((heading) => heading.level === 1)?.text,
    headings,
    html,
    chartCount: context.chartCount,
    localFiles: [...context.markdownEnv.localFiles],
    sections,
  };
}

function cellAnchor(cell: NotebookCell, index: number): string {
  return `cell-${cell.id ?? String(index)}`;
}

function solutionDetails(cell: NotebookCell, shown: string): string {
  const solution = joinSource(cell.source);
  if (solution === shown) return "";
  return `<details class="solution"><summary>Reference solution</summary><pre class="hljs"><code class="language-typescript">${highlightCode(solution)}</code></pre></details>`;
}

function renderCell(cell: NotebookCell, index: number, source: string, context: OutputContext, options: RenderBodyOptions): string {
  const anchor = escapeHtml(cellAnchor(cell, index));
  switch (cell.cell_type) {
    case "markdown":
      context.markdownEnv.attachments = cell.attachments;
      return `<section class="cell markdown-cell" id="${anchor}">${renderMarkdown(source, context.markdownEnv)}</section>`;
    case "code": {
      const badge = cellTags(cell).includes("exercise") ? `<span class="cell-badge">Exercise</span>` : "";
      const prompt = `<span class="prompt" aria-label="execution count">[${cell.execution_count ?? " "}]</span>`;
      const outputs = renderOutputs(cell.outputs, context);
      return [
        `<section class="cell code-cell" id="${anchor}">`,
        `<div class="cell-input">${prompt}${badge}<pre class="hljs"><code class="language-typescript">${highlightCode(source)}</code></pre></div>`,
        options.withSolutions ? solutionDetails(cell, source) : "",
        outputs.trim() ? `<div class="cell-outputs">${outputs}</div>` : "",
        `</section>`,
      ].join("");
    }
    case "raw":
      return "";
  }
}

import { chartFigure } from "@tsdl/kernel-ext/renderers";
import { cellSource, type MimeBundle, type Notebook } from "@tsdl/kernel-ext/notebook";

const PLOTLY_MIME = "application/vnd.plotly.v1+json";

export interface UntranslatedTitle {
  cellId: string | undefined;
  where: string;
  text: string;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/** A Plotly title is a string or `{ text }`. */
function titleText(title: unknown): string | undefined {
  if (typeof title === "string") return title;
  return isRecord(title) && typeof title.text === "string" ? title.text : undefined;
}

/**
 * English words a Chinese reader would have to translate, in a text with no Han character: a word of
 * three or more letters, lower case or capitalised. Acronyms and units (MSE, AUC, KiB), math and
 * function names (`softmax(z / T)`) stay as they are.
 */
export function looksUntranslated(text: string): boolean {
  if (/\p{Script=Han}/u.test(text)) return false;
  const prose = text.replace(/\$[^$]*\$|<[^>]*>|[\p{L}\p{N}_.]+\(/gu, " ");
  return /(?<![\p{L}\p{N}_])\p{Lu}?\p{Ll}{2,}(?![\p{L}\p{N}_])/u.test(prose);
}

/** A figure in an output: Plotly's own MIME type, or the kernel's chart HTML, which carries the figure. */
function outputFigure(data: MimeBundle): Record<string, unknown> | undefined {
  const figure = data[PLOTLY_MIME] ?? chartFigure(data);
  return isRecord(figure) ? figure : undefined;
}

/** Whether `source` has `text` as a whole string literal ("…", '…' or `…`), as a title the cell sets. */
function writesLiteral(source: string, text: string): boolean {
  return ['"', "'", "`"].some((quote) => source.includes(`${quote}${text}${quote}`));
}

/**
 * The chart titles and axis titles in a Chinese notebook's outputs that are still in English although
 * the notebook sets them: the English cell of the same id has the title in its source. Titles a
 * library function chooses (an axis it labels by default) are not the notebook's to translate.
 */
export function untranslatedTitles(chinese: Notebook, english: Notebook): UntranslatedTitle[] {
  const englishSource = new Map(english.cells.map((cell) => [cell.id, cellSource(cell)]));
  const found: UntranslatedTitle[] = [];
  for (const cell of chinese.cells) {
    if (cell.cell_type !== "code") continue;
    for (const output of cell.outputs) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
      const layout = outputFigure(output.data)?.layout;
      if (!isRecord(layout)) continue;
      const titles: [string, unknown][] = [["title", layout.title]];
      for (const [key, axis] of Object.entries(layout)) {
        if (/^[xy]axis\d*$/.test(key) && isRecord(axis)) titles.push([`${key}.title`, axis.title]);
      }
      for (const [where, title] of titles) {
        const text = titleText(title);
        if (text !== undefined && looksUntranslated(text) && writesLiteral(englishSource.get(cell.id) ?? "", text)) found.push({ cellId: cell.id, where, text });
      }
    }
  }
  return found;
}

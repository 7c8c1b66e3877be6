import type { Notebook } from "@tsdl/kernel-ext/notebook";

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
 * English words a Chinese reader would have to translate: words of three or more letters, not all
 * capitals (MSE, ROC, AUC stay as they are), with no Han character anywhere in the text.
 */
export function looksUntranslated(text: string): boolean {
  if (/\p{Script=Han}/u.test(text)) return false;
  const words = text.replace(/\$[^$]*\$|<[^>]*>/g, " ").match(/\p{L}{3,}/gu) ?? [];
  return words.some((word) => word !== word.toUpperCase());
}

/** The chart titles and axis titles in a notebook's Plotly outputs that are still in English. */
export function untranslatedTitles(notebook: Notebook): UntranslatedTitle[] {
  const found: UntranslatedTitle[] = [];
  for (const cell of notebook.cells) {
    if (cell.cell_type !== "code") continue;
    for (const output of cell.outputs) {
      if (output.output_type !== "display_data" && output.output_type !== "execute_result") continue;
      const figure = output.data[PLOTLY_MIME];
      if (!isRecord(figure) || !isRecord(figure.layout)) continue;
      const layout = figure.layout;
      const titles: [string, unknown][] = [["title", layout.title]];
      for (const [key, axis] of Object.entries(layout)) {
        if (/^[xy]axis\d*$/.test(key) && isRecord(axis)) titles.push([`${key}.title`, axis.title]);
      }
      for (const [where, title] of titles) {
        const text = titleText(title);
        if (text !== undefined && looksUntranslated(text)) found.push({ cellId: cell.id, where, text });
      }
    }
  }
  return found;
}

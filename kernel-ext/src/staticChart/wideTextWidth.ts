import * as vega from "vega";
import { eastAsianWidth } from "get-east-asian-width";

// Vega draws in Node without a canvas, so it estimates a text's width as 0.8 em per UTF-16 unit. A Han
// character is a full em wide: the shortfall lets a y-axis title overlap Chinese tick labels and legend
// entries run into each other.

const narrowEm = 0.8;

/** A text's width in pixels at a font size: 1 em per wide (East Asian) character, Vega's 0.8 em per other UTF-16 unit. */
export function estimatedTextWidth(text: string, fontSize: number): number {
  let narrowUnits = 0;
  let wide = 0;
  for (const character of text) {
    if (eastAsianWidth(character.codePointAt(0)!) === 2) wide += 1;
    else narrowUnits += character.length;
  }
  // Written as Vega writes it, so a text without wide characters gets Vega's own number.
  return ~~((narrowEm * narrowUnits + wide) * fontSize);
}

export function hasWideText(text: string): boolean {
  for (const character of text) if (eastAsianWidth(character.codePointAt(0)!) === 2) return true;
  return false;
}

interface TextItem {
  fontSize?: number | string | null;
}
type WidthFunction = (item: TextItem, text: unknown) => number;
const textMetrics = (vega as unknown as { textMetrics: { width: WidthFunction } }).textMetrics;

// The whole text's width: Vega shortens a text over its `limit` by calling this on ever shorter prefixes.
const wideAwareWidth: WidthFunction = (item, text) =>
  estimatedTextWidth(text == null ? "" : String(text).trim(), item.fontSize != null ? +item.fontSize || 0 : 11);

/**
 * Runs `render` with Vega measuring wide characters as 1 em. Only charts with wide text get it: Vega
 * treats any width function but its own as a custom one, and English charts keep their bytes.
 * Callers render one chart at a time (renderVegaLiteSvg's queue), so the swap is not seen by another chart.
 */
export async function withWideTextWidths<T>(wide: boolean, render: () => Promise<T>): Promise<T> {
  if (!wide) return render();
  const vegaWidth = textMetrics.width;
  textMetrics.width = wideAwareWidth;
  try {
    return await render();
  } finally {
    textMetrics.width = vegaWidth;
  }
}

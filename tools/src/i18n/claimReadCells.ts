import type { Notebook } from "@tsdl/kernel-ext/notebook";

/**
 * The code cells whose output a claim reads (`metadata.claims[].cell`, see handouts/claims.ts), each
 * with the Markdown cell that claims it. A claim's pattern matches English output, so these cells
 * print the same text in both editions: they get no Chinese code variant.
 */
export function claimReadCells(notebook: Pick<Notebook, "cells">): Map<string, string> {
  const readers = new Map<string, string>();
  for (const cell of notebook.cells) {
    const claims = cell.metadata?.claims;
    if (!Array.isArray(claims)) continue;
    for (const claim of claims) {
      const read = (claim as { cell?: unknown } | null)?.cell;
      if (typeof read === "string") readers.set(read, String(cell.id));
    }
  }
  return readers;
}

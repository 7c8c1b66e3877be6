import { describe, expect, it } from "vitest";
import type { Notebook } from "@tsdl/kernel-ext/notebook";
import { looksUntranslated, untranslatedTitles } from "../../tools/src/i18n/untranslatedTitles.js";

describe("untranslatedTitles", () => {
  it("tells English titles from Chinese ones, acronyms and math", () => {
    expect(["Training loss", "loss per epoch", "Accuracy (%)"].map(looksUntranslated)).toEqual([true, true, true]);
    expect(["训练损失", "每轮的 loss", "ROC", "MSE", "x", "$R^2$", "t-SNE 投影", "KiB", "softmax(z / T)"].map(looksUntranslated)).toEqual(
      [false, false, false, false, false, false, false, false, false],
    );
  });

  it("names the cell and the place of each English chart and axis title the notebook sets", () => {
    const figure = (layout: Record<string, unknown>) => ({ output_type: "display_data" as const, metadata: {}, data: { "application/vnd.plotly.v1+json": { data: [], layout } } });
    const notebook = {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: { language: "zh" },
      cells: [
        { cell_type: "code", id: "a", metadata: {}, source: "", execution_count: 1, outputs: [figure({ title: { text: "训练损失" }, xaxis: { title: { text: "epoch" } }, yaxis: { title: "损失" } })] },
        { cell_type: "code", id: "b", metadata: {}, source: "", execution_count: 2, outputs: [figure({ title: "Confusion matrix", yaxis2: { title: { text: "AUC" } } })] },
      ],
    } as unknown as Notebook;
    // "class" is a title the library chose (the English cell does not write it), and "epoch" occurs in the
    // English cell b only inside an identifier: neither is the notebook's to translate.
    const english = {
      ...notebook,
      cells: [
        { cell_type: "code", id: "a", metadata: {}, source: 'plot(losses, { title: "Training loss", xTitle: "epoch" })', execution_count: null, outputs: [] },
        { cell_type: "code", id: "b", metadata: {}, source: 'confusion(m, { title: "Confusion matrix", epochs: 3 })', execution_count: null, outputs: [] },
      ],
    } as unknown as Notebook;
    (notebook.cells[1] as { outputs: unknown[] }).outputs.push(figure({ xaxis: { title: { text: "class" } }, yaxis: { title: "epoch" } }));
    expect(untranslatedTitles(notebook, english)).toEqual([
      { cellId: "a", where: "xaxis.title", text: "epoch" },
      { cellId: "b", where: "title", text: "Confusion matrix" },
    ]);
    // A cell a claim reads is translated too: the claim gets a Chinese pattern (i18n/zh `claim` blocks).
    const claimed = { ...english, cells: [{ cell_type: "markdown", id: "m", metadata: { claims: [{ says: "x", cell: "b", output: "x", holds: [] }] }, source: "x" }, ...english.cells] } as unknown as Notebook;
    expect(untranslatedTitles(notebook, claimed).map((title) => title.cellId)).toEqual(["a", "b"]);
  });
});

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Figure, toDisplayContent } from "@tsdl/kernel-ext";
import { tf } from "@tsdl/lib";
import * as dfd from "danfojs-node";
import { repoRoot } from "../helpers/runNode.js";
import { expectReadableInJupyterLab } from "./expectReadableInJupyterLab.js";
import { jlrenderAvailable } from "./jupyterLabRendering.js";

// Every kind of rich output the kernel emits, stored as a notebook would store it.
async function notebookOfRichOutputs(): Promise<unknown> {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [4], units: 3 }), tf.layers.dense({ units: 1 })] });
  const values = [
    tf.tensor2d([[1, 2.5], [3, -4]]),
    tf.linspace(0, 1, 64).reshape([8, 8, 1]),
    new dfd.DataFrame({ species: ["Adelie", "Gentoo"], mass: [3700, 5000] }),
    model,
    { epoch: [0, 1, 2], history: { loss: [0.9, 0.5, 0.3], acc: [0.5, 0.7, 0.9] }, params: {} },
    new Figure([{ type: "scatter", mode: "lines", x: [1, 2, 3], y: [1, 4, 9] }], { title: "Squares" }),
    { data: [{ type: "heatmap", z: [[1, 2], [3, 4]] }], layout: { title: { text: "Heat" } } },
  ];
  // In the kernel plotly.js comes once per session as its own output; here it is put in as plainly.
  const plotlyJs = readFileSync(createRequire(import.meta.url).resolve("plotly.js-cartesian-dist-min"), "utf8");
  const outputs: unknown[] = [{ output_type: "display_data", data: { "text/html": `<script>${plotlyJs.replace(/<\/script/gi, "<\\/script")}</script>`, "text/plain": "" }, metadata: {} }];
  for (const value of values) {
    const { data, metadata } = await toDisplayContent(value);
    outputs.push({ output_type: "display_data", data, metadata: metadata ?? {} });
  }
  tf.dispose(values.filter((v): v is tf.Tensor => v instanceof tf.Tensor));
  model.dispose();
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: [{ cell_type: "code", id: "rich", source: "", metadata: {}, execution_count: 1, outputs }],
  };
}

describe.skipIf(!jlrenderAvailable())("rich outputs in JupyterLab 4 (rendermime + output area, headless Chromium)", () => {
  it("show tables, images and chart pictures untrusted, and read in light and dark themes", async () => {
    const [summary] = await expectReadableInJupyterLab([
      { name: "rich outputs", notebook: await notebookOfRichOutputs(), screenshotDir: path.join(repoRoot, "dist/jupyterlab/rich-outputs") },
    ]);
    // tensor table, DataFrame table, model summary table; the [8,8,1] tensor as an image
    expect(summary).toMatchObject({ tablesTrusted: 3, tablesUntrusted: 3, imagesTrusted: 1, imagesUntrusted: 1 });
    // history, Figure and heatmap: drawn by plotly.js when trusted, static pictures when not
    expect(summary).toMatchObject({ plotly: 3, chartsTrusted: 3, picturesUntrusted: 3 });
  }, 240_000);
});

import { describe, expect, it } from "vitest";
import {
  activationPlot,
  barChart,
  confusionMatrixPlot,
  heatmap,
  histogram,
  linePlot,
  logLogPlot,
  rocCurvePlot,
  scatterPlot,
  trainingCurves,
} from "@tsdl/lib";
import { trainingCurveFigure, type PlotlyFigure as PlotlyFigureInput } from "@tsdl/display";
import { historyCurves } from "../../../kernel-ext/src/renderers/historyRenderer.js";
import { figureToVegaLite } from "../../../kernel-ext/src/staticChart/figureToVegaLite.js";
import { plotlyToStaticChart } from "../../../kernel-ext/src/staticChart/index.js";
import { renderVegaLiteSvg } from "../../../kernel-ext/src/staticChart/renderVegaLiteSvg.js";
import { svgOf } from "./sceneMarks.js";

const aimBytes = 30_000;
const n = 200;
const xs = Array.from({ length: n }, (_, i) => Math.cos(i * 1.3) + (i % 2));
const ys = Array.from({ length: n }, (_, i) => Math.sin(i * 2.1) + (i % 2));

// Every figure builder the course's notebooks call (imageGrid shows PNGs, not a chart), with inputs of the size the notebooks use.
const courseFigures: Record<string, PlotlyFigureInput> = {
  activationPlot: activationPlot("relu", (z) => z.map((v) => Math.max(0, v)), (z) => z.map((v) => (v > 0 ? 1 : 0))),
  barChart: barChart(["a", "b", "c"], [{ name: "train", values: [0.9, 0.8, 0.7] }, { name: "test", values: [0.85, 0.7, 0.72] }]),
  confusionMatrixPlot: confusionMatrixPlot([[50, 2, 0], [3, 45, 1], [0, 0, 9]], ["a", "b", "c"], { normalize: true }),
  heatmap: heatmap([[1, 2, 3], [4, 5, 6]], { valueFormat: ".1f", xLabels: ["x", "y", "z"], yLabels: ["p", "q"] }),
  featureMap: heatmap(Array.from({ length: 26 }, (_, r) => Array.from({ length: 26 }, (_, c) => Math.sin((r * c) / 40)))),
  histogram: histogram([{ name: "a", values: xs }, { name: "b", values: ys }]),
  linePlot: linePlot([{ y: [1, 0.5, 0.3, 0.2], name: "loss" }, { y: [1.1, 0.7, 0.5, 0.5], name: "val", dash: "dash" }]),
  logLogPlot: logLogPlot({ x: [1, 10, 100, 1000], y: [1, 0.3, 0.1, 0.03], name: "error" }),
  rocCurvePlot: rocCurvePlot({ fpr: [0, 0.1, 0.3, 1], tpr: [0, 0.6, 0.9, 1] }),
  scatterPlot: scatterPlot({ x: xs, y: ys, labels: xs.map((_, i) => i % 2) }),
  trainingCurves: trainingCurves({ loss: [1, 0.6, 0.4, 0.3], val_loss: [1.1, 0.7, 0.55, 0.5], acc: [0.5, 0.7, 0.8, 0.85], val_acc: [0.5, 0.65, 0.75, 0.8] }, { metrics: ["loss", "acc"] }),
  kernelHistory: trainingCurveFigure(historyCurves({ epoch: [0, 1, 2], history: { loss: [0.9, 0.5, 0.4], val_loss: [1, 0.6, 0.55], acc: [0.6, 0.8, 0.85], val_acc: [0.55, 0.75, 0.8] } })),
};

describe("static pictures of the course's figures", () => {
  for (const [name, figure] of Object.entries(courseFigures)) {
    it(`${name}: a picture with its title, within ${aimBytes / 1000} KB, with no Vega-Lite warnings`, async () => {
      const result = await plotlyToStaticChart(figure);
      if (!("image" in result)) throw new Error(`${name}: no picture: ${result.reason}`);
      expect(result.image.bytes).toBeLessThan(aimBytes);
      const title = (figure.layout?.title as { text?: string } | undefined)?.text;
      expect(title).toBeTruthy();
      expect(svgOf(result.image.dataUrl)).toContain(`>${title!.replace(/&/g, "&amp;").replace(/</g, "&lt;")}<`);
      const translation = figureToVegaLite(figure, { width: 640, height: 320, theme: "neutral" });
      if ("reason" in translation) throw new Error(translation.reason);
      expect((await renderVegaLiteSvg(translation.spec)).warnings).toEqual([]);
    });
  }
});

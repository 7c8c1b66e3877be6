import { describe, expect, it } from "vitest";
import { FIGURE_HEIGHT, barChart, heatmap, histogram, linePlot, scatterPlot, tf, type CourseFigure } from "@tsdl/lib";

/** Builds a figure from a tensor, then frees the tensor (tf.tidy only returns tensors). */
function usingTensor<T extends tf.Tensor, R>(tensor: T, build: (t: T) => R): R {
  try {
    return build(tensor);
  } finally {
    tensor.dispose();
  }
}

/** Every figure: a title, both axis titles, the compact height, and plain JSON (no typed arrays, no NaN). */
function expectCompactJson(figure: CourseFigure, title: string, xTitle: string, yTitle: string): void {
  expect(figure.layout.title.text).toBe(title);
  expect(figure.layout.xaxis.title?.text).toBe(xTitle);
  expect(figure.layout.yaxis.title?.text).toBe(yTitle);
  expect(figure.layout.height).toBe(FIGURE_HEIGHT);
  expect(figure.layout.margin).toEqual({ l: 56, r: 16, t: 40, b: 44 });
  expect(JSON.parse(JSON.stringify(figure))).toEqual(figure);
}

describe("linePlot", () => {
  it("draws one series with x = 1…n by default (counted like epochs, whole ticks), from an array or a tensor", () => {
    const fig = linePlot([1, 4, 9], { title: "Squares", xTitle: "n", yTitle: "n²" });
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]).toMatchObject({ type: "scatter", mode: "lines", x: [1, 2, 3], y: [1, 4, 9] });
    expect([fig.layout.xaxis.tick0, fig.layout.xaxis.dtick]).toEqual([1, 1]);
    expectCompactJson(fig, "Squares", "n", "n²");
    const fromTensor = usingTensor(tf.tensor1d([1, 4, 9]), linePlot);
    expect(fromTensor.data[0].y).toEqual([1, 4, 9]);
    expect(fromTensor.layout.title.text).toBe("Line plot");
  });

  it("draws several named series with distinct colours, gaps for NaN and a log axis on request", () => {
    const fig = linePlot(
      [
        { x: [1, 2, 3], y: new Float64Array([0.5, Number.NaN, 0.1]), name: "lr 1.0" },
        { x: [1, 2, 3], y: [0.6, 0.4, 0.3], name: "lr 0.1", dash: "dash" },
      ],
      { logY: true, markers: true },
    );
    expect(fig.data.map((t) => t.name)).toEqual(["lr 1.0", "lr 0.1"]);
    expect(fig.data[0].y).toEqual([0.5, null, 0.1]);
    expect(fig.data[0].line?.color).not.toBe(fig.data[1].line?.color);
    expect(fig.data[1].line?.dash).toBe("dash");
    expect(fig.data[0].mode).toBe("lines+markers");
    expect(fig.layout.yaxis.type).toBe("log");
    expect(fig.layout.showlegend).toBe(true);
  });

  it("rejects empty and mismatched series", () => {
    expect(() => linePlot([])).toThrow("linePlot: y of \"series 0\" must be non-empty, got 0 values");
    expect(() => linePlot({ x: [1, 2], y: [1, 2, 3], name: "a" })).toThrow('linePlot: y of "a" must have 2 values like x of "a", got 3');
  });
});

describe("scatterPlot", () => {
  it("splits points into one trace per class label, in sorted order", () => {
    const fig = scatterPlot({ x: [1, 2, 3, 4], y: [10, 20, 30, 40], labels: ["b", "a", "b", "a"] }, { xTitle: "bill", yTitle: "flipper" });
    expect(fig.data.map((t) => [t.name, t.x, t.y])).toEqual([
      ["a", [2, 4], [20, 40]],
      ["b", [1, 3], [10, 30]],
    ]);
    expect(fig.data.every((t) => t.type === "scatter" && t.mode === "markers")).toBe(true);
    expectCompactJson(fig, "Scatter plot", "bill", "flipper");
  });

  it("rejects labels of the wrong length and non-finite coordinates", () => {
    expect(() => scatterPlot({ x: [1, 2], y: [1, 2], labels: [0] })).toThrow('scatterPlot: labels of "series 0" must have 2 values like x of "series 0", got 1');
    expect(() => scatterPlot({ x: [1, Infinity], y: [1, 2] })).toThrow('scatterPlot: x of "series 0" must be finite numbers, got Infinity at index 1');
  });
});

describe("barChart", () => {
  it("one series as vertical bars on a category axis", () => {
    const fig = barChart(["cat", "dog"], [3, 5]);
    expect(fig.data).toEqual([
      { type: "bar", name: "value", orientation: "v", x: ["cat", "dog"], y: [3, 5], marker: { color: "#1f77b4" } },
    ]);
    expect(fig.layout.xaxis.type).toBe("category");
    expectCompactJson(fig, "Bar chart", "category", "value");
  });

  it("grouped series, and horizontal bars listed top-down", () => {
    const grouped = barChart([1, 2], [{ name: "train", values: [0.9, 0.8] }, { name: "test", values: [0.85, 0.7] }]);
    expect(grouped.layout.barmode).toBe("group");
    expect(grouped.data.map((t) => t.name)).toEqual(["train", "test"]);
    expect(grouped.data[0].x).toEqual(["1", "2"]);
    const horizontal = barChart(["radius", "texture"], [0.3, 0.1], { orientation: "h" });
    expect(horizontal.data[0]).toMatchObject({ orientation: "h", x: [0.3, 0.1], y: ["radius", "texture"] });
    expect(horizontal.layout.yaxis).toMatchObject({ type: "category", autorange: "reversed" });
  });

  it("rejects a length mismatch", () => {
    expect(() => barChart(["a", "b", "c"], [1, 2])).toThrow('barChart: values of "value" must have 3 values like categories, got 2');
  });
});

describe("histogram", () => {
  it("uses explicit equal-width bins over the data's range", () => {
    const fig = histogram([0, 1, 2, 3, 4, 10], { bins: 5 });
    expect(fig.data[0]).toMatchObject({ type: "histogram", x: [0, 1, 2, 3, 4, 10], xbins: { start: 0, end: 10, size: 2 }, autobinx: false });
    expectCompactJson(fig, "Histogram", "value", "count");
  });

  it("overlays several series on shared bins, as densities on request", () => {
    const fig = histogram([{ name: "benign", values: [1, 2] }, { name: "malignant", values: [3, 5] }], { bins: 4, density: true });
    expect(fig.data[0].xbins).toEqual({ start: 1, end: 5, size: 1 });
    expect(fig.data[1].xbins).toEqual(fig.data[0].xbins);
    expect(fig.data[0].histnorm).toBe("probability density");
    expect(fig.layout.barmode).toBe("overlay");
    expect(fig.layout.yaxis.title?.text).toBe("density");
  });

  it("rejects bad bins", () => {
    expect(() => histogram([1, 2], { bins: 0 })).toThrow("histogram: options.bins must be a positive integer, got 0");
  });
});

describe("heatmap", () => {
  it("draws a matrix with row 0 on top, from nested arrays or a rank-2 tensor", () => {
    const fig = heatmap([[1, 2, 3], [4, 5, 6]], { xLabels: ["a", "b", "c"], valueFormat: ".1f" });
    expect(fig.data[0]).toMatchObject({ type: "heatmap", z: [[1, 2, 3], [4, 5, 6]], x: ["a", "b", "c"], texttemplate: "%{z:.1f}" });
    expect(fig.layout.yaxis.autorange).toBe("reversed");
    expectCompactJson(fig, "Heatmap", "column", "row");
    const fromTensor = usingTensor(tf.tensor2d([[1, 2], [3, 4]]), heatmap);
    expect(fromTensor.data[0].z).toEqual([[1, 2], [3, 4]]);
  });

  it("rejects ragged rows and wrong label counts", () => {
    expect(() => heatmap([[1, 2], [3]])).toThrow("heatmap: every row of z must have 2 values like row 0, row 1 has 1");
    expect(() => heatmap([[1, 2]], { yLabels: ["a", "b"] })).toThrow("heatmap: options.yLabels must have 1 labels, got 2");
    expect(() => usingTensor(tf.tensor1d([1, 2]), heatmap)).toThrow("heatmap: z must be a rank-2 tensor, got shape [2]");
  });
});

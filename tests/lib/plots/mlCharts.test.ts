import pngjs from "pngjs";
import { describe, expect, it } from "vitest";
import { chartFigure, renderHistory } from "@tsdl/kernel-ext";
import { activationPlot, confusionMatrixPlot, fitPowerLaw, imageGrid, logLogPlot, rocCurvePlot, scratch, tf, trainingCurves } from "@tsdl/lib";

/** Builds a figure from a tensor, then frees the tensor (tf.tidy only returns tensors). */
function usingTensor<T extends tf.Tensor, R>(tensor: T, build: (t: T) => R): R {
  try {
    return build(tensor);
  } finally {
    tensor.dispose();
  }
}

describe("confusionMatrixPlot", () => {
  const counts = [[50, 2, 0], [3, 40, 7], [0, 5, 45]];
  const classes = ["setosa", "versicolor", "virginica"];

  it("is a heatmap of counts with class names, the count written in each cell, true class top-down", () => {
    const fig = confusionMatrixPlot(counts, classes);
    expect(fig.data).toHaveLength(1);
    expect(fig.data[0]).toMatchObject({ type: "heatmap", z: counts, x: classes, y: classes, texttemplate: "%{text}", zmin: 0 });
    expect(fig.data[0].text).toEqual([["50", "2", "0"], ["3", "40", "7"], ["0", "5", "45"]]);
    expect(fig.layout.xaxis).toMatchObject({ type: "category", title: { text: "predicted class" } });
    expect(fig.layout.yaxis).toMatchObject({ type: "category", autorange: "reversed", title: { text: "true class" } });
    expect(fig.layout.title.text).toBe("Confusion matrix");
  });

  it("normalises by row on request, keeping the counts in the text", () => {
    const fig = confusionMatrixPlot([[3, 1], [0, 4]], ["no", "yes"], { normalize: true });
    expect(fig.data[0].z).toEqual([[0.75, 0.25], [0, 1]]);
    expect(fig.data[0].text).toEqual([["0.75<br>(3)", "0.25<br>(1)"], ["0.00<br>(0)", "1.00<br>(4)"]]);
    // every class labelled on both axes
    expect([fig.layout.xaxis.dtick, fig.layout.yaxis.dtick]).toEqual([1, 1]);
    expect(fig.data[0].zmax).toBe(1);
  });

  it("rejects non-square matrices, wrong class counts and non-counts", () => {
    expect(() => confusionMatrixPlot([[1, 2]], ["a"])).toThrow("confusionMatrixPlot: matrix must be square, got 1 × 2");
    expect(() => confusionMatrixPlot(counts, ["a", "b"])).toThrow("confusionMatrixPlot: classNames must have 3 names (one per row of matrix), got 2");
    expect(() => confusionMatrixPlot([[1.5]], ["a"])).toThrow("confusionMatrixPlot: matrix must hold non-negative integer counts, got 1.5 at [0, 0]");
  });
});

describe("rocCurvePlot", () => {
  it("shows the AUC in the legend (trapezoidal when not given) and the chance diagonal", () => {
    // Area of the staircase 0→(0, 0.5)→(0.5, 0.5)→(0.5, 1)→(1, 1) = 0.5·0.5 + 0.5·1 = 0.75.
    const fig = rocCurvePlot({ fpr: [0, 0, 0.5, 0.5, 1], tpr: [0, 0.5, 0.5, 1, 1], name: "logistic" });
    expect(fig.data.map((t) => t.name)).toEqual(["logistic (AUC = 0.750)", "chance (AUC = 0.500)"]);
    expect(fig.data[0]).toMatchObject({ type: "scatter", mode: "lines", x: [0, 0, 0.5, 0.5, 1], y: [0, 0.5, 0.5, 1, 1] });
    expect(fig.data[1]).toMatchObject({ x: [0, 1], y: [0, 1], line: { dash: "dash" } });
    expect(fig.layout.xaxis.range).toEqual([0, 1]);
    expect(fig.layout.xaxis.title?.text).toBe("false positive rate");
    expect(fig.layout.yaxis.title?.text).toBe("true positive rate");
  });

  it("uses a given AUC and draws several curves", () => {
    const fig = rocCurvePlot([
      { fpr: [0, 1], tpr: [0, 1], auc: 0.5123, name: "a" },
      { fpr: [0, 0, 1], tpr: [0, 1, 1], name: "b" },
    ]);
    expect(fig.data.map((t) => t.name)).toEqual(["a (AUC = 0.512)", "b (AUC = 1.000)", "chance (AUC = 0.500)"]);
  });

  it("rejects rates outside [0, 1] and mismatched lengths", () => {
    expect(() => rocCurvePlot({ fpr: [0, 1.2], tpr: [0, 1] })).toThrow('rocCurvePlot: fpr of "model" must be rates in [0, 1], got 1.2 at index 1');
    expect(() => rocCurvePlot({ fpr: [0, 1], tpr: [0] })).toThrow('rocCurvePlot: tpr of "model" must have 2 values like fpr of "model", got 1');
  });
});

const { PNG } = pngjs;

describe("imageGrid", () => {
  const pixels = (png: string) => {
    const image = PNG.sync.read(Buffer.from(png, "base64"));
    return { width: image.width, height: image.height, rgb: Array.from({ length: image.width * image.height }, (_, p) => [...image.data.subarray(p * 4, p * 4 + 3)]) };
  };

  it("shows [N, H, W, 1] images as one grey PNG each, scaled to 0–255, with a caption beneath each", () => {
    // Two 2×2 grey images with values 0…7: 0 → black, 7 → white.
    const grid = usingTensor(tf.tensor4d([0, 1, 2, 3, 4, 5, 6, 7], [2, 2, 2, 1]), (t) => imageGrid(t, { labels: ["first", "second <b>"], gap: 1 }));
    expect(grid.tiles.map((t) => t.caption)).toEqual(["first", "second <b>"]);
    expect(pixels(grid.tiles[0]!.png)).toEqual({ width: 2, height: 2, rgb: [[0, 0, 0], [36, 36, 36], [73, 73, 73], [109, 109, 109]] });
    expect(pixels(grid.tiles[1]!.png).rgb.at(-1)).toEqual([255, 255, 255]);
    expect(grid.title).toBe("2 of 2 images");
    const html = (grid as unknown as Record<symbol, () => Record<string, string>>)[Symbol.for("Jupyter.display")]!()["text/html"]!;
    // pictures, not numbers: two data-URL PNGs, each followed by its (escaped) caption in its own box
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(2);
    expect(html).toMatch(/<img [^>]*alt="first"[^>]*><div [^>]*>first<\/div><\/div><div [^>]*><img [^>]*><div [^>]*>second &#60;b&#62;<\/div>/);
    // a 2-pixel image is shown 28 times larger (at least 56 px), each caption column at least 64 px
    expect(html).toContain('width="56" height="56"');
    expect(html).toContain("width:64px");
  });

  it("keeps RGB channels, honours valueRange, columns and maxImages", () => {
    const data = [1, 0, 0, 0, 1, 0, 0, 0, 1];
    const grid = imageGrid({ data, shape: [3, 1, 1, 3] }, { valueRange: [0, 1], columns: 2, maxImages: 3, gap: 0 });
    expect(grid.tiles.map((t) => pixels(t.png).rgb)).toEqual([[[255, 0, 0]], [[0, 255, 0]], [[0, 0, 255]]]);
    expect(grid.columns).toBe(2);
    expect(imageGrid({ data, shape: [3, 1, 1, 3] }, { maxImages: 2 }).title).toBe("2 of 3 images");
  });

  it("stores far fewer bytes than the pixel values it shows", () => {
    const images = { data: Array.from({ length: 24 * 28 * 28 }, (_, i) => ((i * 7919) % 256) / 255), shape: [24, 28, 28] };
    const html = imageGrid(images, { labels: Array.from({ length: 24 }, (_, i) => `class ${i}`) }).toHtml();
    expect(html.length).toBeLessThan(24 * 28 * 28 * 1.6);
  });

  it("rejects wrong shapes and data lengths", () => {
    expect(() => imageGrid({ data: [1, 2], shape: [2] })).toThrow("imageGrid: images must have shape [N, H, W, C] or [N, H, W], got [2]");
    expect(() => imageGrid({ data: [1, 2, 3], shape: [1, 2, 2] })).toThrow("imageGrid: images.data must have 4 values for shape [1, 2, 2, 1], got 3");
    expect(() => imageGrid({ data: [1, 2], shape: [1, 1, 1, 2] })).toThrow("imageGrid: images must have 1, 3 or 4 channels, got 2 in shape [1, 1, 1, 2]");
  });
});

describe("trainingCurves", () => {
  it("draws every metric per epoch from a record: a colour per metric, validation dashed, metrics on a right axis", () => {
    const fig = trainingCurves({ loss: [0.9, 0.5, 0.3], val_loss: [1.0, 0.7, 0.6], acc: [0.5, 0.7, 0.9] });
    expect(fig.data.map((t) => [t.name, t.x, t.y, t.line?.dash, t.yaxis])).toEqual([
      ["training loss", [1, 2, 3], [0.9, 0.5, 0.3], "solid", undefined],
      ["validation loss", [1, 2, 3], [1.0, 0.7, 0.6], "dash", undefined],
      ["training acc", [1, 2, 3], [0.5, 0.7, 0.9], "solid", "y2"],
    ]);
    expect(fig.data[0].line?.color).toBe(fig.data[1].line?.color);
    expect(fig.data[2].line?.color).not.toBe(fig.data[0].line?.color);
    expect(fig.layout.xaxis.title?.text).toBe("epoch");
    // whole epochs only: ticks 1, 2, 3
    expect([fig.layout.xaxis.tick0, fig.layout.xaxis.dtick]).toEqual([1, 1]);
    expect(fig.layout.yaxis.title?.text).toBe("loss");
    expect((fig.layout.yaxis2 as { title: { text: string } }).title.text).toBe("acc");
  });

  it("keeps a metric's colour when only some metrics are drawn", () => {
    const history = { loss: [0.9, 0.5], acc: [0.5, 0.7] };
    const all = trainingCurves(history);
    const accOnly = trainingCurves(history, { metrics: ["acc"] });
    expect(accOnly.data.map((t) => [t.name, t.line?.color])).toEqual([["training acc", all.data[1].line?.color]]);
    expect(accOnly.layout.yaxis.title?.text).toBe("acc");
  });

  it("ticks long runs in whole steps of 1, 2, 5, 10 …", () => {
    const ticks = (n: number) => trainingCurves({ loss: Array.from({ length: n }, (_, i) => 1 / (i + 1)) }).layout.xaxis.dtick;
    expect([ticks(3), ticks(10), ticks(11), ticks(40), ticks(200)]).toEqual([1, 1, 2, 5, 20]);
  });

  it("reads a real tf.History from model.fit and can draw chosen metrics", async () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], activation: "sigmoid" })] });
    model.compile({ optimizer: "sgd", loss: "binaryCrossentropy", metrics: ["acc"] });
    const xs = tf.tensor2d([[0, 0], [1, 1], [0, 1], [1, 0]]);
    const ys = tf.tensor2d([[0], [1], [0], [1]]);
    const history = await model.fit(xs, ys, { epochs: 3, validationSplit: 0.5, verbose: 0 });
    const fig = trainingCurves(history, { metrics: ["loss", "acc"] });
    expect(fig.data.map((t) => t.name)).toEqual(["training loss", "validation loss", "training acc", "validation acc"]);
    expect(fig.data[0].y).toEqual(history.history.loss);
    expect(fig.layout.yaxis.title?.text).toBe("loss");
    expect(fig.data.map((t) => t.yaxis ?? "y")).toEqual(["y", "y", "y2", "y2"]);
    tf.dispose([xs, ys]);
    model.dispose();
  });

  it("gives the same picture as the kernel's History display: same series, colours, dashes and axes", async () => {
    const history = { epoch: [0, 1, 2], history: { loss: [0.9, 0.5, 0.3], val_loss: [1, 0.7, 0.6], acc: [0.5, 0.7, 0.9], val_acc: [0.4, 0.6, 0.8] } };
    const series = (fig: { data: Array<{ name?: string; line?: { color?: string; dash?: string }; yaxis?: unknown; x?: unknown }> }) =>
      fig.data.map((t) => [t.name, t.line?.color, t.line?.dash, t.yaxis ?? "y", t.x]);
    const shown = chartFigure((await renderHistory(history)).data)!;
    const drawn = trainingCurves(history);
    expect(series(shown)).toEqual(series(drawn));
    // loss blue and acc orange, as everywhere: the palette's first two colours
    expect(series(drawn).map((s) => s[1])).toEqual(["#1f77b4", "#1f77b4", "#ff7f0e", "#ff7f0e"]);
  });

  it("names the missing metric and mismatched epochs", () => {
    expect(() => trainingCurves({ loss: [1] }, { metrics: ["acc"] })).toThrow('trainingCurves: history has no "acc" or "val_acc"; available: [loss]');
    expect(() => trainingCurves({ loss: [1, 2], val_loss: [1] })).toThrow("trainingCurves: history.val_loss must have 2 epochs like the other curves, got 1");
  });
});

describe("activationPlot", () => {
  it("samples value and derivative on a grid that includes 0", () => {
    const fig = activationPlot("ReLU", scratch.relu, scratch.reluDerivative, { range: [-2, 2], points: 5 });
    expect(fig.data.map((t) => [t.name, t.x, t.y])).toEqual([
      ["ReLU(z)", [-2, -1, 0, 1, 2], [0, 0, 0, 1, 2]],
      ["ReLU′(z)", [-2, -1, 0, 1, 2], [0, 0, 0, 1, 1]],
    ]);
    expect(fig.data[1].line?.dash).toBe("dash");
    expect(fig.layout.title.text).toBe("ReLU and its derivative");
    expect(fig.layout.xaxis.title?.text).toBe("z");
    expect(activationPlot("sigmoid", scratch.sigmoid, scratch.sigmoidDerivative).data[0].x).toHaveLength(201);
  });

  it("rejects a function returning the wrong number of values", () => {
    expect(() => activationPlot("bad", () => [1], scratch.relu)).toThrow("activationPlot: bad(z) must return 201 values (one per z), got 1");
  });
});

describe("logLogPlot", () => {
  it("uses log axes on both sides and fits the power law y = 3·x^−0.5", () => {
    const x = [1e3, 1e4, 1e5, 1e6];
    const y = x.map((v) => 3 * v ** -0.5);
    const fit = fitPowerLaw(x, y);
    expect(fit.exponent).toBeCloseTo(-0.5, 12);
    expect(fit.coefficient).toBeCloseTo(3, 10);
    const fig = logLogPlot({ x, y, name: "loss" }, { fitPowerLaw: true, xTitle: "parameters", yTitle: "validation loss" });
    expect(fig.layout.xaxis.type).toBe("log");
    expect(fig.layout.yaxis.type).toBe("log");
    expect(fig.data[0]).toMatchObject({ type: "scatter", mode: "lines+markers", x, y });
    expect(fig.data[1].name).toBe("loss fit: y ∝ x^-0.500");
    expect(fig.data[1].x).toEqual([1e3, 1e6]);
    expect((fig.data[1].y as number[])[1]).toBeCloseTo(3e-3, 12);
  });

  it("rejects non-positive values on a log axis", () => {
    expect(() => logLogPlot({ x: [1, 0], y: [1, 2] })).toThrow('logLogPlot: x of "data" must be positive on a log axis, got 0 at index 1');
  });
});

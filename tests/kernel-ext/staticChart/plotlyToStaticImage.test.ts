import { PNG, type PNGWithMetadata } from "pngjs";
import { describe, expect, it } from "vitest";
import { confusionMatrixPlot, linePlot, trainingCurves } from "@tsdl/lib";
import { plotlyToStaticChart, plotlyToStaticImage, staticImageBudgetBytes } from "../../../kernel-ext/src/staticChart/index.js";
import { figureToVegaLite } from "../../../kernel-ext/src/staticChart/figureToVegaLite.js";
import { renderVegaLiteSvg } from "../../../kernel-ext/src/staticChart/renderVegaLiteSvg.js";
import type { PlotlyFigure as PlotlyFigureInput } from "@tsdl/display";
import { compiledScales, sceneMarks, svgOf, type SceneMarkItem } from "./sceneMarks.js";

const aimBytes = 30_000;

async function picture(figure: PlotlyFigureInput, options?: Parameters<typeof plotlyToStaticImage>[1]) {
  const result = await plotlyToStaticChart(figure, options);
  if (!("image" in result)) throw new Error(`expected a picture, got: ${result.reason}`);
  return { ...result.image, svg: svgOf(result.image.dataUrl) };
}

function ofType(items: SceneMarkItem[], marktype: string): SceneMarkItem[] {
  return items.filter((i) => i.marktype === marktype);
}

function decodePng(dataUrl: string): PNGWithMetadata {
  return PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
}

function pixel(png: PNG, x: number, y: number): number[] {
  const at = (y * png.width + x) * 4;
  return [...png.data.subarray(at, at + 4)];
}

const lossFigure: PlotlyFigureInput = {
  data: [
    { type: "scatter", mode: "lines", name: "train loss", x: [1, 2, 3, 4, 5], y: [0.9, 0.5, 0.3, 0.2, 0.15] },
    { type: "scatter", mode: "lines+markers", name: "val loss", x: [1, 2, 3, 4, 5], y: [1.0, 0.6, 0.45, 0.4, 0.42] },
  ],
  layout: { title: { text: "Loss per epoch" }, xaxis: { title: { text: "epoch" } }, yaxis: { title: "loss" } },
};

describe("plotlyToStaticImage: scatter", () => {
  it("draws each trace as a line, markers where asked, with the title, axis titles and legend names", async () => {
    const image = await picture(lossFigure);
    expect(image.mime).toBe("image/svg+xml");
    expect(image.bytes).toBe(image.dataUrl.length);
    expect(image.bytes).toBeLessThan(aimBytes);
    for (const text of ["Loss per epoch", "epoch", "loss", "train loss", "val loss"]) expect(image.svg).toContain(`>${text}<`);
    const marks = await sceneMarks(lossFigure);
    expect(ofType(marks, "line")).toHaveLength(10); // one item per point, two traces of five
    expect(ofType(marks, "symbol")).toHaveLength(5); // markers only on the lines+markers trace
  });

  it("keeps Plotly's point order and maps y linearly (equal steps in y give equal steps on screen)", async () => {
    const figure = { data: [{ type: "scatter", mode: "markers", x: [3, 1, 2], y: [10, 30, 20] }] };
    const points = ofType(await sceneMarks(figure), "symbol").sort((a, b) => a.x - b.x);
    expect(points.map((p) => p.datum.y)).toEqual([30, 20, 10]);
    expect(points[1]!.y - points[0]!.y).toBeCloseTo(points[2]!.y - points[1]!.y, 6);
  });

  it("uses a log scale for layout.xaxis.type 'log': powers of ten are evenly spaced", async () => {
    const figure = { data: [{ type: "scatter", mode: "markers", x: [1, 10, 100, 1000], y: [1, 2, 3, 4] }], layout: { xaxis: { type: "log" } } };
    const xScale = compiledScales(figure).find((s) => s.name === "x");
    expect(xScale?.type).toBe("log");
    const xs = ofType(await sceneMarks(figure), "symbol").map((p) => p.x).sort((a, b) => a - b);
    expect(xs[1]! - xs[0]!).toBeCloseTo(xs[2]! - xs[1]!, 6);
    expect(xs[3]! - xs[2]!).toBeCloseTo(xs[2]! - xs[1]!, 6);
    const image = await picture(figure);
    for (const decade of ["1", "10", "100", "1k"]) expect(image.svg).toContain(`>${decade}</text>`);
  });

  it("colours points from a numeric marker.color array with the colorscale's end colours", async () => {
    const figure = { data: [{ type: "scatter", mode: "markers", x: [0, 1], y: [0, 1], marker: { color: [0, 1], colorscale: "Viridis" } }] };
    const fills = ofType(await sceneMarks(figure), "symbol").map((p) => p.fill);
    // viridis runs from #440154 to #fde725
    expect(fills).toEqual(["rgb(68, 1, 84)", "rgb(253, 231, 37)"]);
  });
});

describe("plotlyToStaticImage: bar", () => {
  const figure: PlotlyFigureInput = {
    data: [
      { type: "bar", name: "2024", x: ["a", "b", "c"], y: [1, 3, 2] },
      { type: "bar", name: "2025", x: ["a", "b", "c"], y: [2, 1, 4] },
    ],
    layout: { title: "Sales" },
  };

  it("groups bars side by side with heights proportional to the values", async () => {
    const bars = ofType(await sceneMarks(figure), "rect");
    expect(bars).toHaveLength(6);
    const unit = bars.find((b) => b.datum.series === "2024" && b.datum.x === "a")!.height;
    for (const bar of bars) expect(bar.height / unit).toBeCloseTo(bar.datum.y as number, 6);
    const a2024 = bars.find((b) => b.datum.series === "2024" && b.datum.x === "a")!;
    const a2025 = bars.find((b) => b.datum.series === "2025" && b.datum.x === "a")!;
    expect(a2025.x).toBeCloseTo(a2024.x + a2024.width, 6); // adjacent, not stacked
    expect(a2025.y + a2025.height).toBeCloseTo(a2024.y + a2024.height, 6); // same baseline
    const image = await picture(figure);
    expect(image.svg).toContain(">Sales<");
    expect(image.bytes).toBeLessThan(aimBytes);
  });

  it("on a log axis shows even the shortest bar, labels decades as 1k…100G and tilts crowded category labels", async () => {
    const models = { data: [{ type: "bar", x: ["MLP (this course)", "LeNet-5", "ResNet-50", "BERT-base", "GPT-2", "GPT-3"], y: [8577, 6e4, 2.6e7, 1.1e8, 1.5e9, 1.75e11] }], layout: { yaxis: { type: "log" } } };
    const bars = ofType(await sceneMarks(models), "rect");
    expect(bars).toHaveLength(6);
    expect(Math.min(...bars.map((b) => b.height))).toBeGreaterThan(5);
    // equal ratios, equal steps: 6e4 → 2.6e7 → … are not, but each bar's top is linear in log10(value)
    const tops = bars.map((b) => [Math.log10(b.datum.y as number), b.y] as const);
    const slope = (tops[5]![1] - tops[0]![1]) / (tops[5]![0] - tops[0]![0]);
    for (const [logValue, top] of tops) expect(top).toBeCloseTo(tops[0]![1] + slope * (logValue - tops[0]![0]), 6);
    const svg = (await picture(models)).svg;
    for (const label of ["1k", "10k", "1M", "100G", "MLP (this course)", "LeNet-5", "BERT-base", "GPT-3"]) expect(svg).toContain(`>${label}<`);
    expect(svg).toMatch(/rotate\(-30/);
  });

  it("stacks for barmode 'stack' and lays bars sideways for orientation 'h'", async () => {
    const stacked = ofType(await sceneMarks({ ...figure, layout: { barmode: "stack" } }), "rect");
    const a = stacked.filter((b) => b.datum.x === "a").sort((p, q) => p.y - q.y);
    expect(a[0]!.y + a[0]!.height).toBeCloseTo(a[1]!.y, 6);
    const horizontal = ofType(await sceneMarks({ data: [{ type: "bar", orientation: "h", y: ["p", "q"], x: [2, 4] }] }), "rect");
    const [p, q] = [horizontal.find((b) => b.datum.y === "p")!, horizontal.find((b) => b.datum.y === "q")!];
    expect(q.width / p.width).toBeCloseTo(2, 6);
  });
});

describe("plotlyToStaticImage: histogram", () => {
  const samples = [0.5, 1.5, 1.5, 2.5, 2.5, 2.5, 3.5];

  it("bins with xbins and counts per bin", async () => {
    const figure = { data: [{ type: "histogram", x: samples, xbins: { start: 0, end: 4, size: 1 } }], layout: { title: "Counts" } };
    const bars = ofType(await sceneMarks(figure), "rect").sort((a, b) => a.x - b.x);
    expect(bars.map((b) => b.datum.n)).toEqual([1, 2, 3, 1]);
    expect(bars[2]!.height / bars[0]!.height).toBeCloseTo(3, 6);
    const image = await picture(figure);
    expect(image.svg).toContain(">Counts<");
    expect(image.bytes).toBeLessThan(aimBytes);
  });

  it("keeps Plotly's explicit bin edges even when they are not round numbers", async () => {
    const values = Array.from({ length: 20 }, (_, i) => -1 + 0.15 * i + 0.07);
    const bars = ofType(await sceneMarks({ data: [{ type: "histogram", x: values, xbins: { start: -1, end: 2, size: 0.15 } }] }), "rect");
    expect(bars).toHaveLength(20);
    const edges = bars.map((b) => b.datum.b0 as number).sort((a, b) => a - b);
    expect(edges[0]).toBeCloseTo(-1, 9);
    expect(edges[19]).toBeCloseTo(1.85, 9);
  });

  it("normalises with histnorm 'probability' and counts categories for string samples", async () => {
    const probability = ofType(await sceneMarks({ data: [{ type: "histogram", x: samples, histnorm: "probability", xbins: { start: 0, end: 4, size: 1 } }] }), "rect");
    expect(probability.map((b) => b.datum.h).sort()).toEqual([1 / 7, 1 / 7, 2 / 7, 3 / 7]);
    const categories = ofType(await sceneMarks({ data: [{ type: "histogram", x: ["cat", "dog", "cat"] }] }), "rect");
    expect(Object.fromEntries(categories.map((b) => [b.datum.s, b.datum.n]))).toEqual({ cat: 2, dog: 1 });
  });
});

describe("plotlyToStaticImage: whole-number axes", () => {
  it("labels epochs 1, 2, 3, not 1.0, 2.0, 3.0", async () => {
    const image = await picture(trainingCurves({ loss: [0.9, 0.5, 0.3] }));
    for (const tick of ["1", "2", "3"]) expect(image.svg).toContain(`>${tick}<`);
    expect(image.svg).not.toContain(">2.0<");
  });
});

describe("plotlyToStaticImage: legends", () => {
  it("writes long series names whole, as 04's curves name them", async () => {
    const names = ["binaryCrossentropy: validation accuracy", "meanSquaredError: validation accuracy"];
    const image = await picture(linePlot(names.map((name, i) => ({ name, y: [0.5 + i / 10, 0.7, 0.8] })), { title: "Same model, two losses" }));
    for (const name of names) expect(image.svg).toContain(`>${name}<`);
    expect(image.svg).not.toContain("…");
  });
});

describe("plotlyToStaticImage: heatmap", () => {
  const confusion: PlotlyFigureInput = {
    data: [{ type: "heatmap", z: [[50, 2, 1], [3, 45, 5], [0, 4, 48]], x: ["cat", "dog", "bird"], y: ["cat", "dog", "bird"], texttemplate: "%{z}", colorscale: "Blues" }],
    layout: { title: "Confusion matrix", xaxis: { title: "predicted" }, yaxis: { title: "actual", autorange: "reversed" } },
  };

  it("draws a labelled confusion matrix: one cell and one count per entry, first row on top when reversed", async () => {
    const marks = await sceneMarks(confusion);
    const cells = ofType(marks, "rect");
    expect(cells).toHaveLength(9);
    const labels = ofType(marks, "text");
    expect(labels.map((t) => t.text).sort()).toEqual(["0", "1", "2", "3", "4", "45", "48", "5", "50"]);
    const rowTop = (label: string) => cells.find((c) => c.datum.y === label && c.datum.x === "cat")!.y;
    expect(rowTop("cat")).toBeLessThan(rowTop("dog"));
    expect(rowTop("dog")).toBeLessThan(rowTop("bird"));
    const image = await picture(confusion);
    for (const text of ["Confusion matrix", "predicted", "actual", "50"]) expect(image.svg).toContain(`>${text}<`);
    expect(image.bytes).toBeLessThan(aimBytes);
  });

  it("labels every one of ten long class names and writes each normalised cell whole, share above count", async () => {
    const names = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
    const counts = names.map((_, r) => names.map((_, c) => (r === c ? 154 + r : (r * 7 + c * 3) % 11)));
    const figure = confusionMatrixPlot(counts, names, { normalize: true });
    const marks = ofType(await sceneMarks(figure, { width: 640, height: figure.layout.height }), "text");
    const texts = marks.map((t) => t.text);
    expect(texts).toHaveLength(100);
    // each cell's two lines stay inside the cell: no two cells' texts overlap
    const overlapping = marks.filter((a, i) => marks.some((b, j) => j !== i && a.bounds && b.bounds && Math.min(a.bounds.x2, b.bounds.x2) - Math.max(a.bounds.x1, b.bounds.x1) > 0 && Math.min(a.bounds.y2, b.bounds.y2) - Math.max(a.bounds.y1, b.bounds.y1) > 0));
    expect(overlapping.map((t) => t.text)).toEqual([]);
    expect(texts).toContain(`${(154 / counts[0]!.reduce((a, b) => a + b, 0)).toFixed(2)}\n(154)`);
    expect(texts.every((t) => /^\d\.\d\d\n\(\d+\)$/.test(t ?? ""))).toBe(true);
    const image = await picture(figure);
    for (const name of names) expect(image.svg.split(`>${name.replace("/", "/")}<`).length - 1, name).toBe(2);
  });

  it("puts row 0 at the bottom by default, as Plotly does, and formats %{z:.1%}", async () => {
    const marks = await sceneMarks({ data: [{ type: "heatmap", z: [[0.25, 0.5], [0.75, 1]], texttemplate: "%{z:.1%}" }] });
    const cells = ofType(marks, "rect");
    expect(cells.find((c) => c.datum.z === 0.25)!.y).toBeGreaterThan(cells.find((c) => c.datum.z === 0.75)!.y);
    expect(ofType(marks, "text").map((t) => t.text).sort()).toEqual(["100.0%", "25.0%", "50.0%", "75.0%"]);
  });

  it("draws layout.annotations placed on cells", async () => {
    const figure = {
      data: [{ type: "heatmap", z: [[1, 2], [3, 4]], x: ["a", "b"], y: ["p", "q"] }],
      layout: { annotations: [{ x: "b", y: "q", text: "<b>four</b>", showarrow: false }] },
    };
    const texts = ofType(await sceneMarks(figure), "text");
    expect(texts.map((t) => t.text)).toEqual(["four"]);
  });

  it("rasterises a large grid into one embedded PNG with one pixel per cell", async () => {
    const rows = 28;
    const z = Array.from({ length: rows }, (_, r) => Array.from({ length: rows }, () => (r === rows - 1 ? 1 : 0)));
    const figure = { data: [{ type: "heatmap", z }], layout: { title: "Feature map" } };
    const images = ofType(await sceneMarks(figure), "image");
    expect(images).toHaveLength(1);
    const png = decodePng(images[0]!.url!);
    expect([png.width, png.height]).toEqual([28, 28]);
    // row 27 (the maximum) is Plotly's top row: viridis's last colour, the rest its first
    expect(pixel(png, 0, 0)).toEqual([253, 231, 37, 255]);
    expect(pixel(png, 5, 27)).toEqual([68, 1, 84, 255]);
    const image = await picture(figure);
    expect(image.svg).toContain(">Feature map<");
    expect(image.svg).toContain("data:image/png;base64,");
    expect(image.bytes).toBeLessThan(aimBytes);
  });
});

describe("plotlyToStaticImage: large labelled heatmap", () => {
  it("rasterises a 30×30 attention map and labels every other token on both axes", async () => {
    const tokens = Array.from({ length: 30 }, (_, i) => `t${i}`);
    const z = tokens.map((_, r) => tokens.map((_, c) => (r === c ? 1 : 0)));
    const figure = { data: [{ type: "heatmap", z, x: tokens, y: tokens }], layout: { yaxis: { autorange: "reversed" } } };
    const [image] = ofType(await sceneMarks(figure), "image");
    const png = decodePng(image!.url!);
    // the diagonal runs from the top-left: row 0 is on top when the y axis is reversed
    expect(pixel(png, 0, 0)).toEqual([253, 231, 37, 255]);
    expect(pixel(png, 29, 29)).toEqual([253, 231, 37, 255]);
    expect(pixel(png, 29, 0)).toEqual([68, 1, 84, 255]);
    const labels = [...(await picture(figure)).svg.matchAll(/>(t\d+)<\/text>/g)].map((m) => m[1]);
    const evenTokens = tokens.filter((_, i) => i % 2 === 0);
    expect(labels).toEqual([...evenTokens, ...evenTokens]);
  });
});

describe("plotlyToStaticImage: image", () => {
  it("embeds the pixels unchanged, row 0 on top", async () => {
    const figure = { data: [{ type: "image", z: [[[255, 0, 0], [0, 255, 0]], [[0, 0, 255], [10, 20, 30]]] }], layout: { title: "Tile" } };
    const [image] = ofType(await sceneMarks(figure), "image");
    const png = decodePng(image!.url!);
    expect([pixel(png, 0, 0), pixel(png, 1, 0), pixel(png, 0, 1), pixel(png, 1, 1)]).toEqual([
      [255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255], [10, 20, 30, 255],
    ]);
    expect(png.colorType).toBe(2); // opaque colour: RGB without alpha
    const grey = decodePng(ofType(await sceneMarks({ data: [{ type: "image", z: [[[9, 9, 9], [200, 200, 200]]] }] }), "image")[0]!.url!);
    expect(grey.colorType).toBe(0); // grey pixels: one byte each
    expect([pixel(grey, 0, 0), pixel(grey, 1, 0)]).toEqual([[9, 9, 9, 255], [200, 200, 200, 255]]);
    const square = ofType(await sceneMarks(figure), "image")[0]!;
    expect(square.width).toBeCloseTo(square.height, 6); // Plotly keeps pixels square
    expect((await picture(figure)).svg).toContain(">Tile<");
  });
});

describe("plotlyToStaticImage: layout details", () => {
  it("puts ticks at tick0 + k·dtick (whole epochs) and hides what the layout hides", async () => {
    const figure = {
      data: [{ type: "scatter", x: [1, 2, 3, 4], y: [0.9, 0.5, 0.3, 0.2] }],
      layout: { title: { text: "Loss" }, xaxis: { dtick: 1 }, yaxis: { showticklabels: false, showgrid: false } },
    };
    const svg = (await picture(figure)).svg;
    const labels = [...svg.matchAll(/>([^<>]+)<\/text>/g)].map((m) => m[1]);
    expect(labels).toEqual(["1", "2", "3", "4", "Loss"]);
  });

  it("gives traces on an overlaying yaxis2 their own scale, drawn on the right", async () => {
    const figure = {
      data: [
        { type: "scatter", mode: "markers", name: "loss", x: [1, 2], y: [0, 10] },
        { type: "scatter", mode: "markers", name: "accuracy", x: [1, 2], y: [0, 1], yaxis: "y2" },
      ],
      layout: { yaxis2: { overlaying: "y", side: "right", title: { text: "metric" } } },
    };
    const points = ofType(await sceneMarks(figure), "symbol");
    const at = (series: string, x: number) => points.find((p) => p.datum.series === series && p.datum.x === x)!;
    expect(at("accuracy", 1).y).toBeCloseTo(at("loss", 1).y, 6);
    expect(at("accuracy", 2).y).toBeCloseTo(at("loss", 2).y, 6);
    expect(at("loss", 2).y).toBeLessThan(at("loss", 1).y - 100);
    expect((await picture(figure)).svg).toContain(">metric<");
    expect(await plotlyToStaticImage({ data: [{ x: [1], y: [1], yaxis: "y2" }], layout: { yaxis2: { anchor: "x" } } })).toBeUndefined();
  });

  it("writes image captions from layout.annotations", async () => {
    const figure = {
      data: [{ type: "image", z: [[[0, 0, 0], [255, 255, 255]]] }],
      layout: { annotations: [{ x: 0, y: -0.5, text: "cat", showarrow: false, yanchor: "bottom" }, { x: 1, y: -0.5, text: "dog", showarrow: false, yanchor: "bottom" }] },
    };
    const marks = await sceneMarks(figure);
    const captions = ofType(marks, "text");
    expect(captions.map((c) => c.text)).toEqual(["cat", "dog"]);
    // one pixel apart: half the picture's width
    expect(captions[1]!.x - captions[0]!.x).toBeCloseTo(ofType(marks, "image")[0]!.width / 2, 6);
  });
});

describe("plotlyToStaticImage: what it cannot draw", () => {
  it("returns undefined for trace types and layouts it does not translate, with a reason", async () => {
    expect(await plotlyToStaticImage({ data: [{ type: "pie", values: [1, 2] }] })).toBeUndefined();
    expect(await plotlyToStaticImage({ data: [{ type: "scatter3d", x: [1], y: [1], z: [1] }] })).toBeUndefined();
    const subplots = await plotlyToStaticChart({ data: [{ x: [1], y: [1] }, { x: [1], y: [2], xaxis: "x2", yaxis: "y2" }] });
    expect(subplots).toEqual({ reason: expect.stringContaining("subplots") });
    expect(await plotlyToStaticChart({ data: [{ type: "pie" }] })).toEqual({ reason: 'trace type "pie" is not drawn statically' });
    expect(await plotlyToStaticChart({ data: [] })).toEqual({ reason: "the figure has no visible traces" });
  });

  it("returns undefined rather than exceed the size budget", async () => {
    const n = 200;
    const label = "a long point label ".repeat(30);
    const figure = { data: [{ type: "scatter", mode: "text", x: Array.from({ length: n }, (_, i) => i), y: Array.from({ length: n }, (_, i) => i), text: Array.from({ length: n }, () => label) }] };
    expect(await plotlyToStaticChart(figure)).toEqual({ reason: expect.stringMatching(/would take \d+ KB, over the 100 KB budget/) });
    const crowd = { data: [{ type: "scatter", mode: "markers", x: Array.from({ length: 3000 }, (_, i) => i), y: Array.from({ length: 3000 }, (_, i) => i) }] };
    expect(await plotlyToStaticChart(crowd)).toEqual({ reason: "3000 markers are too many for a static picture (at most 2000)" });
  });

  it("names the argument, the expectation and the value for bad input", async () => {
    await expect(plotlyToStaticImage({ data: "x" } as never)).rejects.toThrow(/figure must be \{ data: \[\.\.\.\], layout\? \}/);
    await expect(plotlyToStaticImage(lossFigure, { width: -5 })).rejects.toThrow("options.width must be a number of pixels from 100 to 4000, got -5");
    await expect(plotlyToStaticImage(lossFigure, { theme: "blue" as never })).rejects.toThrow('options.theme must be "light" or "dark", got "blue"');
  });
});

describe("plotlyToStaticImage: output", () => {
  it("is deterministic: the same figure gives the same bytes, also after other charts", async () => {
    const first = await plotlyToStaticImage(lossFigure);
    await plotlyToStaticImage({ data: [{ type: "heatmap", z: [[1, 2], [3, 4]] }] });
    const [second, third] = await Promise.all([plotlyToStaticImage(lossFigure), plotlyToStaticImage(lossFigure)]);
    expect(second!.dataUrl).toBe(first!.dataUrl);
    expect(third!.dataUrl).toBe(first!.dataUrl);
  });

  it("has a transparent background, the requested size, and theme inks", async () => {
    const neutral = await picture(lossFigure, { width: 500, height: 300 });
    expect([neutral.width, neutral.height]).toEqual([500, 300]);
    expect(neutral.svg).toMatch(/^<svg[^>]* width="500" height="300"/);
    expect(neutral.svg).not.toMatch(/<rect[^>]*fill="(white|#fff|#ffffff)"/i);
    expect(neutral.svg).toContain('fill="#888"');
    expect((await picture(lossFigure, { theme: "dark" })).svg).toContain('fill="#ccc"');
    expect((await picture(lossFigure, { theme: "light" })).svg).toContain('fill="#444"');
  });

  it("translates every course trace type without Vega-Lite warnings, each within the budget", async () => {
    const figures: PlotlyFigureInput[] = [
      lossFigure,
      { data: [{ type: "bar", x: ["a", "b"], y: [1, 2] }, { type: "bar", x: ["a", "b"], y: [2, 1] }] },
      { data: [{ type: "histogram", x: [1, 2, 2, 3] }, { type: "histogram", x: [2, 3, 3, 4] }], layout: { barmode: "overlay" } },
      { data: [{ type: "heatmap", z: [[1, 2], [3, 4]], texttemplate: "%{z:.2f}" }] },
      { data: [{ type: "heatmap", z: Array.from({ length: 30 }, (_, r) => Array.from({ length: 30 }, (_, c) => r * c)) }] },
      { data: [{ type: "image", z: [[[0, 0, 0], [255, 255, 255]]] }] },
    ];
    for (const figure of figures) {
      const translation = figureToVegaLite(figure, { width: 640, height: 400, theme: "neutral" });
      if ("reason" in translation) throw new Error(translation.reason);
      expect((await renderVegaLiteSvg(translation.spec)).warnings).toEqual([]);
      expect((await picture(figure)).bytes).toBeLessThan(staticImageBudgetBytes);
    }
  });
});

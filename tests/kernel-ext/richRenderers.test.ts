import { describe, expect, it, vi } from "vitest";
import { tf } from "@tsdl/lib";
import dfd from "danfojs-node";
import {
  display,
  Figure,
  liveProgress,
  registerRenderer,
  renderFrame,
  renderHistory,
  renderLayersModel,
  toDisplayContent,
  chartFigure,
} from "@tsdl/kernel-ext";

describe("DataFrame renderer", () => {
  it("truncates like pandas: over 60 rows the first and last 5, over 20 columns the edges", () => {
    const columns = Array.from({ length: 25 }, (_, c) => `c${c}`);
    const rows = Array.from({ length: 100 }, (_, r) => columns.map((_, c) => r * 100 + c));
    const frame = new dfd.DataFrame(rows, { columns });
    const content = renderFrame(frame as never);
    const html = String(content.data["text/html"]);
    // header + dtype row + 5 + ellipsis + 5
    expect(html.match(/<tr>/g)).toHaveLength(13);
    expect(html).toContain(">c9</th>");
    expect(html).toContain(">c15</th>");
    expect(html).not.toContain(">c10</th>");
    expect(html).toContain(">9924</td>");
    expect(html).not.toContain(">5000</td>");
    const text = String(content.data["text/plain"]);
    expect(text.split("\n")[0]).toBe("DataFrame · 100 rows × 25 columns");
    expect(text.split("\n")).toHaveLength(13);
  });

  it("shows a small frame whole with its dtypes, and a Series", () => {
    const frame = new dfd.DataFrame({ name: ["a", "b"], size: [1.5, 2] });
    const html = String(renderFrame(frame as never).data["text/html"]);
    expect(html).toContain("<i>string</i>");
    expect(html).toContain("<i>float32</i>");
    const series = new dfd.Series([3, 4, 5]);
    expect(String(renderFrame(series as never).data["text/plain"]).split("\n")[0]).toBe("Series · 3 rows · dtype int32");
  });
});

describe("LayersModel renderer", () => {
  it("gives Keras' summary of the MNIST MLP: 100,480 + 1,290 = 101,770 parameters", () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 128, inputShape: [784], activation: "relu" }), tf.layers.dense({ units: 10 })],
    });
    const text = String(renderLayersModel(model as never).data["text/plain"]);
    // Keras's names (dense, dense_1), not tfjs's process-wide dense_Dense12
    expect(text).toMatch(/\ndense \(Dense\)\s+\(None, 128\)\s+100,480/);
    expect(text).toMatch(/\ndense_1 \(Dense\)\s+\(None, 10\)\s+1,290/);
    expect(text).toContain("Total params: 101,770");
    expect(text).toContain("Non-trainable params: 0");
    model.dispose();
  });

  it("keeps the names a user gave", () => {
    const model = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [3], name: "hidden" }), tf.layers.dense({ units: 1 })] });
    const text = String(renderLayersModel(model as never).data["text/plain"]);
    expect(text).toMatch(/\nhidden \(Dense\)/);
    expect(text).toMatch(/\ndense \(Dense\)/);
    model.dispose();
  });
});

describe("training history renderer", () => {
  it("plots loss and metrics per epoch and states the final values", async () => {
    const history = { epoch: [0, 1, 2], history: { loss: [0.9, 0.5, 0.25], acc: [0.5, 0.75, 0.875] }, params: {} };
    const content = await renderHistory(history);
    expect(content.data["text/plain"]).toBe("Training history: 3 epochs; final loss 0.2500, acc 0.8750");
    expect(String(content.data["text/html"])).toContain(">Training history: 3 epochs; final loss 0.2500, acc 0.8750</div>");
    const figure = chartFigure(content.data)!;
    expect(figure.data.map((t) => [t.name, t.yaxis ?? "y"])).toEqual([["training loss", "y"], ["training acc", "y2"]]);
    expect(figure.data[0]!.x).toEqual([1, 2, 3]);
  });
});

describe("Plotly figures", () => {
  it("turns typed arrays into JSON arrays and string titles into plotly.js 3 titles", async () => {
    const content = await toDisplayContent({ data: [{ type: "scatter", y: new Float32Array([1, 2]) }], layout: { title: "t" } });
    expect(chartFigure(content.data)).toEqual({ data: [{ type: "scatter", y: [1, 2] }], layout: { title: { text: "t" } } });
    expect(content.data["text/plain"]).toBe("Plotly figure: 1 trace (scatter) · t");
    expect(String(content.data["text/html"])).toContain("Plotly.newPlot");
    const axes = await toDisplayContent({ data: [], layout: { xaxis: { title: "epoch" }, yaxis2: { title: { text: "acc" } } } });
    expect(chartFigure(axes.data)!.layout).toEqual({
      xaxis: { title: { text: "epoch" } },
      yaxis2: { title: { text: "acc" } },
    });
  });

  it("builds figures with the Figure helper", async () => {
    const figure = new Figure().addTrace({ type: "bar", x: ["a"], y: [1] }).updateLayout({ height: 300 });
    const content = await toDisplayContent(figure);
    expect(chartFigure(content.data)).toEqual({ data: [{ type: "bar", x: ["a"], y: [1] }], layout: { height: 300 }, config: {} });
  });
});

describe("display protocol", () => {
  it("uses an object's own Jupyter.display method, sync or async", async () => {
    const sync = { [Symbol.for("Jupyter.display")]: () => ({ "text/html": "<b>x</b>" }) };
    const async = { [Symbol.for("Jupyter.display")]: async () => ({ "text/markdown": "**y**" }) };
    expect((await toDisplayContent(sync)).data["text/html"]).toBe("<b>x</b>");
    expect((await toDisplayContent(async)).data["text/markdown"]).toBe("**y**");
    expect((await toDisplayContent(async)).data["text/plain"]).toBeTypeOf("string");
  });

  it("lets a later registration take precedence, and says what a bad display method returned", async () => {
    registerRenderer({ name: "test-point", test: (v) => (v as { kind?: string })?.kind === "point", render: () => ({ data: { "text/plain": "a point" } }) });
    expect((await toDisplayContent({ kind: "point" })).data["text/plain"]).toBe("a point");
    const bad = { [Symbol.for("Jupyter.display")]: () => 42 };
    expect(() => toDisplayContent(bad)).toThrow(/must return a MIME bundle object, got 42/);
  });

  it("keeps every display within the 1 MB budget", async () => {
    const huge = { [Symbol.for("Jupyter.display")]: () => ({ "text/html": "x".repeat(3_000_000), "text/plain": "short" }) };
    const content = await toDisplayContent(huge);
    expect(content.data["text/html"]).toBeUndefined();
    expect(content.data["text/plain"]).toContain("display budget of 1000 kB exceeded: left out text/html (3000 kB)");
    const longText = await toDisplayContent("y".repeat(2_000_000));
    expect(Buffer.byteLength(String(longText.data["text/plain"]))).toBeLessThan(1_000_000);
  });

  it("falls back to console text outside a kernel, one block per display or update", async () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const handle = display("first");
      await handle.shown;
      await handle.update("second");
      expect(write.mock.calls.map((c) => c[0])).toEqual(["'first'\n", "'second'\n"]);
    } finally {
      write.mockRestore();
    }
  });

  it("rejects an empty display id", () => {
    expect(() => display(1, { id: "" })).toThrow(/options.id must be a non-empty string, got ""/);
  });
});

describe("liveProgress outside a kernel", () => {
  it("prints single-line updates, throttled, with the final metrics", async () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    try {
      const progress = liveProgress({ title: "fit", epochs: 2, stepsPerEpoch: 100, minIntervalMs: 60_000 });
      await progress.onTrainBegin();
      for (const epoch of [0, 1]) {
        await progress.onEpochBegin(epoch);
        for (let batch = 0; batch < 100; batch++) await progress.onBatchEnd(batch, { batch, size: 32, loss: 1 / (batch + 1) });
        await progress.onEpochEnd(epoch, { loss: 0.5 / (epoch + 1) });
      }
      await progress.onTrainEnd();
      const lines = write.mock.calls.map((c) => String(c[0]));
      // begin, two epoch ends, end: the 200 batch updates fall inside the throttle interval.
      expect(lines).toHaveLength(4);
      expect(lines.every((l) => l.split("\n").length === 2)).toBe(true);
      expect(lines[1]).toMatch(/^fit: █{12}░{12} epoch 2\/2 .* loss 0\.5000\n$/);
      expect(lines[3]).toMatch(/^fit: █{24} done: 2 epochs · \d+:\d\d · loss 0\.2500\n$/);
    } finally {
      write.mockRestore();
    }
  });
});

// Issue 16: in the Chinese edition (a notebook that imports `@tsdl/lib/zh`) the words the kernel's own
// renderers print are Chinese. The expected strings are written by hand from the course's Chinese terms
// (i18n/zh/glossary.json); the English strings stay as the English tests (richRenderers) pin them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tf } from "@tsdl/lib";
import dfd from "danfojs-node";
import { setLanguage } from "@tsdl/display";
import { renderFrame, renderHistory, renderLayersModel, renderTensor, toDisplayContent } from "@tsdl/kernel-ext";

beforeEach(() => setLanguage("zh"));
afterEach(() => setLanguage("en"));

describe("the kernel's renderers in the Chinese edition", () => {
  it("summarises a model in Chinese, its columns lined up for a Han character's two columns", () => {
    const model = tf.sequential({
      name: "mlp",
      layers: [tf.layers.dense({ units: 2, inputShape: [3], name: "hidden" }), tf.layers.dense({ units: 1 })],
    });
    // hidden: 3·2 + 2 = 8 parameters; dense: 2·1 + 1 = 3; widths 14 + 9 + 6 columns, 3 + 3 between.
    expect(renderLayersModel(model as never).data["text/plain"]).toBe(
      [
        '模型 "mlp"',
        "_".repeat(35),
        "层（类型）       输出形状    参数量",
        "=".repeat(35),
        "hidden (Dense)   (None, 2)        8",
        "dense (Dense)    (None, 1)        3",
        "=".repeat(35),
        "参数总数：11",
        "可训练参数：11",
        "不可训练参数：0",
      ].join("\n"),
    );
    const html = String(renderLayersModel(model as never).data["text/html"]);
    expect(html).toContain(">层（类型）</th>");
    expect(html).toContain("参数总数：11<br>可训练参数：11<br>不可训练参数：0");
    model.dispose();
  });

  it("states a training history's final values in Chinese", async () => {
    const history = { epoch: [0, 1, 2], history: { val_loss: [0.9, 0.6, 0.4], val_acc: [0.5, 0.7, 0.8], loss: [0.9, 0.5, 0.25] }, params: {} };
    const content = await renderHistory(history);
    expect(content.data["text/plain"]).toBe("训练历史：3 个轮次；最终 val_loss 0.4000，val_acc 0.8000，loss 0.2500");
    expect(String(content.data["text/html"])).toContain(">训练历史：3 个轮次；最终 val_loss 0.4000，val_acc 0.8000，loss 0.2500</div>");
  });

  it("titles tables, tensors and figures in Chinese and aligns Chinese cells", async () => {
    const frame = new dfd.DataFrame({ 城市: ["北京", "上海"], n: [1, 22] });
    expect(renderFrame(frame as never).data["text/plain"]).toBe(["DataFrame · 2 行 × 2 列", "   城市   n", "0  北京   1", "1  上海  22"].join("\n"));
    expect(String(renderFrame(new dfd.Series([3, 4, 5]) as never).data["text/plain"]).split("\n")[0]).toBe("Series · 3 行 · dtype int32");

    // 10 · 2000 float32 values: 80,000 bytes, 78.1 KB.
    const big = tf.zeros([10, 2000]);
    expect(String(renderTensor(big as never).data["text/plain"]).split("\n")[0]).toMatch(/^张量 float32 \[10, 2000\] · \w+ · 78\.1 KB（每个轴只显示前 3 个和后 3 个）$/);
    big.dispose();
    const gone = tf.scalar(1);
    gone.dispose();
    expect(renderTensor(gone as never).data["text/plain"]).toMatch(/^张量 float32 \[\] · \w+ · 4 B（已释放）$/);

    const figure = await toDisplayContent({ data: [{ type: "scatter", y: [1, 2] }, { type: "bar", y: [1] }], layout: { title: "损失" } });
    expect(figure.data["text/plain"]).toBe("Plotly 图表：2 条数据序列（scatter, bar） · 损失");
  });
});

// Issue 16: in the Chinese edition the words lib and display choose themselves (progress lines, chart
// titles and axes, self-check summaries, report headers, class names) are Chinese. The expected strings
// are written by hand from the course's Chinese terms (i18n/zh/glossary.json, notebooks/zh).
import { afterEach, describe, expect, it } from "vitest";
import * as english from "@tsdl/lib";
import * as chinese from "@tsdl/lib/zh";
import { currentLanguage, type PlotlyAxis, setLanguage, trainingCurveFigure } from "@tsdl/display";
import { statusLine } from "../../../display/src/progress/statusLine.js";
import { TrainingRun } from "../../../display/src/progress/trainingRun.js";

const display = Symbol.for("Jupyter.display");
const plainText = (value: unknown) => (value as Record<symbol, () => Record<string, string>>)[display]!()["text/plain"];

/** A 2-epoch run that took 32 s and ended by itself. */
function finishedRun(): TrainingRun {
  const run = new TrainingRun(0, 2, undefined);
  run.epochEnded(0, { loss: 0.6229, acc: 0.6355 });
  run.epochEnded(1, { loss: 0.3475, acc: 0.8605 });
  run.finished(undefined);
  return run;
}

/** Early stopping ended a planned 100-epoch run at epoch 7, restoring epoch 2. */
function stoppedRun(): TrainingRun {
  const run = new TrainingRun(0, 100, undefined);
  for (let epoch = 0; epoch < 7; epoch++) run.epochEnded(epoch, { loss: 0.5 });
  run.finished({ stoppedEpoch: 7, restoredEpoch: 2 });
  return run;
}

describe("the words lib and display choose, per edition", () => {
  afterEach(() => setLanguage("en"));

  it("@tsdl/lib/zh is lib's public API, with Chinese class names, and sets the language to Chinese", () => {
    expect(Object.keys(chinese).sort()).toEqual(Object.keys(english).sort());
    expect(chinese.tf).toBe(english.tf);
    expect(chinese.FASHION_MNIST_CLASSES).toEqual(["T恤/上衣", "裤子", "套头衫", "连衣裙", "外套", "凉鞋", "衬衫", "运动鞋", "包", "短靴"]);
    expect(chinese.CIFAR10_CLASSES).toEqual(["飞机", "汽车", "鸟", "猫", "鹿", "狗", "青蛙", "马", "船", "卡车"]);
    expect(english.FASHION_MNIST_CLASSES[9]).toBe("Ankle boot");
    setLanguage("zh");
    expect(currentLanguage()).toBe("zh");
    expect(() => setLanguage("fr" as "en")).toThrow('setLanguage: language must be one of "en", "zh", got "fr"');
  });

  it("writes the progress line in the notebook's language", () => {
    expect(statusLine("LSTM", finishedRun(), 32_000)).toBe("LSTM: ████████████████████████ done: 2 epochs · 0:32 · loss 0.3475 acc 0.8605");
    expect(statusLine("early stopping", stoppedRun(), 1_000)).toBe("early stopping: stopped early at epoch 7 of 100, restored epoch 2 · 0:01 · loss 0.5000");
    setLanguage("zh");
    expect(statusLine("英文 LSTM 分类器", finishedRun(), 32_000)).toBe("英文 LSTM 分类器：████████████████████████ 完成：2 个轮次 · 0:32 · loss 0.3475 acc 0.8605");
    expect(statusLine("提前停止", stoppedRun(), 1_000)).toBe("提前停止：在第 7 个轮次提前停止（计划 100 个），恢复第 2 个轮次的权重 · 0:01 · loss 0.5000");
    // 2 of 10 epochs and 12 of 50 batches: 22.4% done after 4 s, so 5 of 24 blocks and 13.9 s to go.
    const running = new TrainingRun(0, 10, 50);
    running.epochBegan(2);
    running.batchEnded(11, { loss: 0.4123 });
    expect(statusLine("训练", running, 4_000)).toBe("训练：█████░░░░░░░░░░░░░░░░░░░ 轮次 3/10 批次 12/50 · 0:04 · 预计剩余 0:14 · loss 0.4123");
  });

  it("titles training curves, their legend and their axes in the notebook's language", () => {
    const curves = { loss: [0.5, 0.3], val_loss: [0.6, 0.4], acc: [0.7, 0.8], auc: [0.75, 0.85] };
    setLanguage("zh");
    const figure = trainingCurveFigure(curves);
    expect(figure.layout!.title).toMatchObject({ text: "训练曲线：loss, acc, auc" });
    expect(figure.data.map((trace) => trace.name)).toEqual(["训练 loss", "验证 loss", "训练 acc", "训练 auc"]);
    expect(figure.layout!.xaxis!.title).toEqual({ text: "轮次" });
    expect((figure.layout!.yaxis2 as PlotlyAxis).title).toEqual({ text: "数值" });
    expect(chinese.trainingCurves({ loss: [0.5, 0.3] }).layout.title.text).toBe("训练曲线");
    setLanguage("en");
    expect((trainingCurveFigure(curves).layout!.yaxis2 as PlotlyAxis).title).toEqual({ text: "value" });
  });

  it("summarises a self-check in the notebook's language", async () => {
    setLanguage("zh");
    const result = await chinese.selfCheck("broadcastShape", {
      "一列与一行": () => chinese.expectEqual([3, 4], [3, 4]),
      "不兼容时报错": () => chinese.expectEqual(1, 2),
    });
    expect(plainText(result).split("\n")[0]).toBe("✘ broadcastShape：通过 1/2 项检查");
  });

  it("titles lib's charts and reports in the notebook's language", () => {
    setLanguage("zh");
    const matrix = chinese.confusionMatrixPlot([[5, 1], [2, 7]], ["良性", "恶性"]);
    expect([matrix.layout.title.text, matrix.layout.xaxis.title.text, matrix.layout.yaxis.title.text]).toEqual(["混淆矩阵", "预测类别", "真实类别"]);
    expect(chinese.activationPlot("ReLU", (z) => z.map((v) => Math.max(0, v)), (z) => z.map((v) => (v > 0 ? 1 : 0))).layout.title.text).toBe("ReLU 及其导数");
    const roc = chinese.rocCurvePlot({ name: "MLP", fpr: [0, 0.5, 1], tpr: [0, 1, 1] });
    expect([roc.layout.title.text, roc.layout.xaxis.title.text, roc.layout.yaxis.title.text]).toEqual(["ROC 曲线", "假正例率", "真正例率"]);
    expect(String(chinese.imageGrid({ data: new Float32Array(8), shape: [2, 2, 2] }))).toBe("图像网格：2 张图像中的 2 张（2 张 2×2 像素的图像，每行 2 张）");
    const report = chinese.classificationReport([0, 1, 1, 0], [0, 1, 0, 0], { targetNames: ["负面", "正面"] });
    expect(report.text).toBe(
      [
        "             精确率    召回率   F1 分数    样本数",
        "",
        "    负面       0.67      1.00      0.80         2",
        "    正面       1.00      0.50      0.67         2",
        "",
        "  准确率                           0.75         4",
        "  宏平均       0.83      0.75      0.73         4",
        "加权平均       0.83      0.75      0.73         4",
        "",
      ].join("\n"),
    );
    expect(report.frame.columns).toEqual(["精确率", "召回率", "F1 分数", "样本数"]);
    expect(report.rows.map((row) => row.label)).toEqual(["负面", "正面", "accuracy", "macro avg", "weighted avg"]);
  });
});

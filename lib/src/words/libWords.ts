import { wordsFor, type Language } from "@tsdl/display";

/** Every word lib chooses itself for what a learner reads: self-check summaries, reports, chart defaults. */
export interface LibWords {
  checksPassed: (exercise: string, passed: number, total: number) => string;
  report: {
    columns: readonly [precision: string, recall: string, f1Score: string, support: string];
    accuracy: string;
    average: Record<"micro" | "macro" | "weighted", string>;
  };
  imageGrid: {
    defaultTitle: (shown: number, total: number) => string;
    summary: (title: string, images: number, width: number, height: number, perRow: number) => string;
    altText: string;
  };
  plot: {
    value: string;
    category: string;
    count: string;
    density: string;
    column: string;
    row: string;
    values: string;
    data: string;
    series: (index: number) => string;
    barChart: string;
    histogram: string;
    linePlot: string;
    scatterPlot: string;
    logLogPlot: string;
    heatmap: string;
    powerLawFit: (name: string, exponent: string) => string;
    activation: (name: string) => string;
    confusionMatrix: string;
    predictedClass: string;
    trueClass: string;
    /** Plotly hover template of a confusion-matrix cell. */
    confusionHover: string;
    rocCurve: string;
    falsePositiveRate: string;
    truePositiveRate: string;
    chance: string;
  };
}

export const LIB_WORDS: Record<Language, LibWords> = {
  en: {
    checksPassed: (exercise, passed, total) => `${exercise}: ${passed}/${total} checks passed`,
    report: {
      columns: ["precision", "recall", "f1-score", "support"],
      accuracy: "accuracy",
      average: { micro: "micro avg", macro: "macro avg", weighted: "weighted avg" },
    },
    imageGrid: {
      defaultTitle: (shown, total) => `${shown} of ${total} images`,
      summary: (title, images, width, height, perRow) => `Image grid: ${title} (${images} images of ${width}×${height} px, ${perRow} per row)`,
      altText: "image",
    },
    plot: {
      value: "value",
      category: "category",
      count: "count",
      density: "density",
      column: "column",
      row: "row",
      values: "values",
      data: "data",
      series: (index) => `series ${index}`,
      barChart: "Bar chart",
      histogram: "Histogram",
      linePlot: "Line plot",
      scatterPlot: "Scatter plot",
      logLogPlot: "Log–log plot",
      heatmap: "Heatmap",
      powerLawFit: (name, exponent) => `${name} fit: y ∝ x^${exponent}`,
      activation: (name) => `${name} and its derivative`,
      confusionMatrix: "Confusion matrix",
      predictedClass: "predicted class",
      trueClass: "true class",
      confusionHover: "true %{y}, predicted %{x}: %{text}<extra></extra>",
      rocCurve: "ROC curve",
      falsePositiveRate: "false positive rate",
      truePositiveRate: "true positive rate",
      chance: "chance",
    },
  },
  zh: {
    checksPassed: (exercise, passed, total) => `${exercise}：通过 ${passed}/${total} 项检查`,
    report: {
      columns: ["精确率", "召回率", "F1 分数", "样本数"],
      accuracy: "准确率",
      average: { micro: "微平均", macro: "宏平均", weighted: "加权平均" },
    },
    imageGrid: {
      defaultTitle: (shown, total) => `${total} 张图像中的 ${shown} 张`,
      summary: (title, images, width, height, perRow) => `图像网格：${title}（${images} 张 ${width}×${height} 像素的图像，每行 ${perRow} 张）`,
      altText: "图像",
    },
    plot: {
      value: "数值",
      category: "类别",
      count: "计数",
      density: "密度",
      column: "列",
      row: "行",
      values: "数值",
      data: "数据",
      series: (index) => `序列 ${index}`,
      barChart: "条形图",
      histogram: "直方图",
      linePlot: "折线图",
      scatterPlot: "散点图",
      logLogPlot: "双对数图",
      heatmap: "热力图",
      powerLawFit: (name, exponent) => `${name} 的拟合：y ∝ x^${exponent}`,
      activation: (name) => `${name} 及其导数`,
      confusionMatrix: "混淆矩阵",
      predictedClass: "预测类别",
      trueClass: "真实类别",
      confusionHover: "真实 %{y}，预测 %{x}：%{text}<extra></extra>",
      rocCurve: "ROC 曲线",
      falsePositiveRate: "假正例率",
      truePositiveRate: "真正例率",
      chance: "随机猜测",
    },
  },
};

/** Lib's words in the language the notebook chose (`@tsdl/lib/zh` chooses Chinese). */
export const libWords = (): LibWords => wordsFor(LIB_WORDS);

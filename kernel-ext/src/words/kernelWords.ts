import { wordsFor, type Language } from "@tsdl/display";

/** Every word the kernel's renderers choose: model summaries, training histories, tables, tensors, charts. */
export interface KernelWords {
  /** `Model "sequential_1"`, the title of a model summary. */
  model: (name: string) => string;
  /** The summary's column headers: layer and type, output shape, parameter count. */
  summaryHeader: readonly [string, string, string];
  /** The output shape of a layer that has not been built yet. */
  notBuilt: string;
  totalParams: (count: string) => string;
  trainableParams: (count: string) => string;
  nonTrainableParams: (count: string) => string;
  /** Title of a training history's chart. */
  trainingHistory: string;
  /** `Training history: 3 epochs; final loss 0.1, acc 0.9`, given `name value` pairs. */
  historySummary: (epochs: number, finals: readonly string[]) => string;
  dataFrame: (rows: number, columns: number) => string;
  series: (rows: number, dtype: string) => string;
  /** `Tensor float32 [2, 3]`, the start of a tensor's header. */
  tensor: (dtype: string, shape: readonly number[]) => string;
  disposed: string;
  /** Said after the header when the text shows only each axis's edges. */
  edgesPerAxis: (edgeItems: number) => string;
  /** Said after an image batch's header: how many of its images the picture shows. */
  imagesShown: (shown: number, of: number) => string;
  plotlyFigure: (traces: number, types: readonly string[], title: string | undefined) => string;
  noStaticPicture: (text: string, reason: string) => string;
  /** Why a live chart has no static picture yet. */
  trainingNotFinished: string;
}

export const KERNEL_WORDS: Record<Language, KernelWords> = {
  en: {
    model: (name) => `Model "${name}"`,
    summaryHeader: ["Layer (type)", "Output shape", "Param #"],
    notBuilt: "(not built)",
    totalParams: (count) => `Total params: ${count}`,
    trainableParams: (count) => `Trainable params: ${count}`,
    nonTrainableParams: (count) => `Non-trainable params: ${count}`,
    trainingHistory: "Training history",
    historySummary: (epochs, finals) => `Training history: ${epochs} epoch${epochs === 1 ? "" : "s"}; final ${finals.join(", ")}`,
    dataFrame: (rows, columns) => `DataFrame · ${rows} rows × ${columns} columns`,
    series: (rows, dtype) => `Series · ${rows} rows · dtype ${dtype}`,
    tensor: (dtype, shape) => `Tensor ${dtype} [${shape.join(", ")}]`,
    disposed: " (disposed)",
    edgesPerAxis: (edgeItems) => ` (first and last ${edgeItems} per axis)`,
    imagesShown: (shown, of) => ` (first ${shown} of ${of})`,
    plotlyFigure: (traces, types, title) =>
      `Plotly figure: ${traces} trace${traces === 1 ? "" : "s"} (${types.join(", ")})${title ? ` · ${title}` : ""}`,
    noStaticPicture: (text, reason) => `${text}\nNo static picture: ${reason}. Run the cell to draw the chart.`,
    trainingNotFinished: "training had not finished",
  },
  zh: {
    model: (name) => `模型 "${name}"`,
    summaryHeader: ["层（类型）", "输出形状", "参数量"],
    notBuilt: "（未构建）",
    totalParams: (count) => `参数总数：${count}`,
    trainableParams: (count) => `可训练参数：${count}`,
    nonTrainableParams: (count) => `不可训练参数：${count}`,
    trainingHistory: "训练历史",
    historySummary: (epochs, finals) => `训练历史：${epochs} 个轮次；最终 ${finals.join("，")}`,
    dataFrame: (rows, columns) => `DataFrame · ${rows} 行 × ${columns} 列`,
    series: (rows, dtype) => `Series · ${rows} 行 · dtype ${dtype}`,
    tensor: (dtype, shape) => `张量 ${dtype} [${shape.join(", ")}]`,
    disposed: "（已释放）",
    edgesPerAxis: (edgeItems) => `（每个轴只显示前 ${edgeItems} 个和后 ${edgeItems} 个）`,
    imagesShown: (shown, of) => `（共 ${of} 张，显示前 ${shown} 张）`,
    plotlyFigure: (traces, types, title) => `Plotly 图表：${traces} 条数据序列（${types.join(", ")}）${title ? ` · ${title}` : ""}`,
    noStaticPicture: (text, reason) => `${text}\n没有静态图片：${reason}。运行该单元格即可绘制图表。`,
    trainingNotFinished: "训练尚未结束",
  },
};

/** The kernel's words in the language the notebook chose (`@tsdl/lib/zh` sets it). */
export const kernelWords = (): KernelWords => wordsFor(KERNEL_WORDS);

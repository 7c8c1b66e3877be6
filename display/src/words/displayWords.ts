import { wordsFor, type Language } from "./language.js";

/** Every word display chooses itself: live progress lines and training-curve charts. */
export interface DisplayWords {
  /** Default title of a training run's progress line. */
  training: string;
  /** `Training: …`, the title before the status. */
  titled: (title: string) => string;
  /** `3 epochs`. */
  epochCount: (epochs: number) => string;
  /** `epoch 3/10` while running. */
  epochOf: (epoch: number, planned: number | undefined) => string;
  batchOf: (batch: number, steps: number) => string;
  eta: (remaining: string) => string;
  done: (epochs: string) => string;
  stoppedEarly: (epoch: number, planned: number | undefined, restoredEpoch: number | undefined) => string;
  interrupted: (epoch: number, planned: number | undefined, epochsDone: string) => string;
  /** The error that stops training when the cell is interrupted. */
  interruptedError: (what: string) => string;
  /** Title of a training run's live chart. */
  curvesOf: (title: string) => string;
  /** Default title of a training-curve chart, given the metrics it draws. */
  trainingCurves: (metrics: readonly string[]) => string;
  /** Legend entry of one curve. */
  curve: (metric: string, validation: boolean) => string;
  epochAxis: string;
  lossAxis: string;
  valueAxis: string;
}

export const DISPLAY_WORDS: Record<Language, DisplayWords> = {
  en: {
    training: "Training",
    titled: (title) => `${title}: `,
    epochCount: (epochs) => `${epochs} epoch${epochs === 1 ? "" : "s"}`,
    epochOf: (epoch, planned) => `epoch ${epoch}${planned ? `/${planned}` : ""}`,
    batchOf: (batch, steps) => `batch ${batch}/${steps}`,
    eta: (remaining) => `ETA ${remaining}`,
    done: (epochs) => `done: ${epochs}`,
    stoppedEarly: (epoch, planned, restored) =>
      `stopped early at epoch ${epoch}${planned ? ` of ${planned}` : ""}${restored === undefined ? "" : `, restored epoch ${restored}`}`,
    interrupted: (epoch, planned, epochsDone) => `interrupted in epoch ${epoch}${planned ? ` of ${planned}` : ""} (${epochsDone} done)`,
    interruptedError: (what) => `${what} stopped: the cell was interrupted`,
    curvesOf: (title) => `${title}: training curves`,
    trainingCurves: (metrics) => (metrics.length === 1 && metrics[0] === "loss" ? "Training curves" : `Training curves: ${metrics.join(", ")}`),
    curve: (metric, validation) => `${validation ? "validation" : "training"} ${metric}`,
    epochAxis: "epoch",
    lossAxis: "loss",
    valueAxis: "value",
  },
  zh: {
    training: "训练",
    titled: (title) => `${title}：`,
    epochCount: (epochs) => `${epochs} 个轮次`,
    epochOf: (epoch, planned) => `轮次 ${epoch}${planned ? `/${planned}` : ""}`,
    batchOf: (batch, steps) => `批次 ${batch}/${steps}`,
    eta: (remaining) => `预计剩余 ${remaining}`,
    done: (epochs) => `完成：${epochs}`,
    stoppedEarly: (epoch, planned, restored) =>
      `在第 ${epoch} 个轮次提前停止${planned ? `（计划 ${planned} 个）` : ""}${restored === undefined ? "" : `，恢复第 ${restored} 个轮次的权重`}`,
    interrupted: (epoch, planned, epochsDone) => `在第 ${epoch} 个轮次中断${planned ? `（计划 ${planned} 个）` : ""}（已完成 ${epochsDone}）`,
    interruptedError: (what) => `${what}已停止：单元格被中断`,
    curvesOf: (title) => `${title}：训练曲线`,
    trainingCurves: (metrics) => (metrics.length === 1 && metrics[0] === "loss" ? "训练曲线" : `训练曲线：${metrics.join(", ")}`),
    curve: (metric, validation) => `${validation ? "验证" : "训练"} ${metric}`,
    epochAxis: "轮次",
    lossAxis: "损失",
    valueAxis: "数值",
  },
};

/** Display's words in the language the notebook chose. */
export const displayWords = (): DisplayWords => wordsFor(DISPLAY_WORDS);

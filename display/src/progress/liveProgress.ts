import { displayWords } from "../words/displayWords.js";
import { draftFigure } from "../figure/plotlyFigure.js";
import { trainingCurveFigure } from "../figure/trainingCurveFigure.js";
import { display, type DisplayHandle } from "../protocol/display.js";
import { escapeHtml } from "../protocol/escapeHtml.js";
import { currentKernelSession } from "../protocol/kernelSession.js";
import { jupyterDisplaySymbol } from "../protocol/mimeBundle.js";
import { watchInterrupts } from "./interruptWatch.js";
import { statusLine } from "./statusLine.js";
import { throttle } from "./throttle.js";
import { TrainingRun, type EarlyStop } from "./trainingRun.js";

export interface LiveProgressOptions {
  title?: string;
  /** Total epochs (tfjs passes `params.epochs` too; this wins when given). */
  epochs?: number;
  /** Batches per epoch, for the bar within an epoch. */
  stepsPerEpoch?: number;
  /** Shortest time between two status updates in ms (default 200, i.e. at most 5 per second). */
  minIntervalMs?: number;
  /** Asked when training ends: how early stopping ended it, if it did (a callback that runs before this one). */
  earlyStop?: () => EarlyStop | undefined;
}

type Logs = Record<string, unknown> | undefined;

/** tfjs-callback-shaped hooks; `@tsdl/lib` wraps them in `tf.CustomCallback`. */
export interface LiveProgressCallbacks {
  onTrainBegin(logs?: Logs): Promise<void> | void;
  onEpochBegin(epoch: number, logs?: Logs): Promise<void> | void;
  onBatchEnd(batch: number, logs?: Logs): Promise<void> | void;
  onEpochEnd(epoch: number, logs?: Logs): Promise<void> | void;
  onTrainEnd(logs?: Logs): Promise<void> | void;
}

const statusStyle = "color: inherit; font-family: var(--jp-code-font-family, monospace); font-size: 12px; white-space: pre;";

function statusDisplay(line: string) {
  return {
    [jupyterDisplaySymbol]: () => ({ "text/plain": line, "text/html": `<div style="${statusStyle}">${escapeHtml(line)}</div>` }),
  };
}

/** Shows a value in one output and replaces it in place afterwards. */
function inPlace(): (value: unknown) => Promise<void> {
  let handle: DisplayHandle | undefined;
  return (value) => {
    if (handle) return handle.update(value);
    handle = display(value);
    return handle.shown;
  };
}

/**
 * Live progress of one `fit`, updated in place: a status line (progress bar, ETA, current metrics, and at
 * the end how training ended) and, in the kernel, the training curves of the epochs run so far. Outside a
 * kernel it prints one plain line per update.
 */
export function liveProgress(options: LiveProgressOptions = {}): LiveProgressCallbacks {
  const title = options.title ?? displayWords().training;
  const due = throttle(options.minIntervalMs ?? 200);
  const showStatusValue = inPlace();
  const showChartValue = inPlace();
  let run = new TrainingRun(Date.now(), options.epochs, options.stepsPerEpoch);
  let interrupts: ReturnType<typeof watchInterrupts> | undefined;
  let chartFinal = false;

  const showStatus = (force: boolean) => (due(force) ? showStatusValue(statusDisplay(statusLine(title, run, Date.now()))) : undefined);

  // The status changes many times a second and the chart once per epoch, so they are two outputs:
  // redrawing the chart with every status update would make it flicker. A static picture costs
  // 0.3–1.5 s, so only the final chart gets one; drafts carry a note instead.
  const showChart = (final: boolean) => {
    if (!currentKernelSession() || Object.keys(run.curves).length === 0 || chartFinal) return undefined;
    chartFinal = final;
    const figure = trainingCurveFigure(run.curves, { title: displayWords().curvesOf(title), height: 300 });
    return showChartValue(final ? figure : draftFigure(figure));
  };

  const both = (final: boolean) => Promise.all([showStatus(true), showChart(final)]).then(() => undefined);

  const markInterrupted = () => {
    if (run.end !== undefined) return Promise.resolve();
    run.interrupted();
    interrupts?.stop();
    return both(true);
  };

  const stopIfInterrupted = async () => {
    if (interrupts === undefined || !interrupts.interrupted()) return;
    await markInterrupted();
    throw interrupts.error(title);
  };

  return {
    onTrainBegin(logs) {
      const params = (logs as { params?: { epochs?: number } } | undefined)?.params;
      run = new TrainingRun(Date.now(), options.epochs ?? params?.epochs, options.stepsPerEpoch);
      interrupts?.stop();
      interrupts = watchInterrupts(() => void markInterrupted());
      chartFinal = false;
      return showStatus(true);
    },
    async onEpochBegin(epoch) {
      await stopIfInterrupted();
      run.epochBegan(epoch);
      return showStatus(false);
    },
    async onBatchEnd(batch, logs) {
      await stopIfInterrupted();
      run.batchEnded(batch, logs);
      return showStatus(false);
    },
    async onEpochEnd(epoch, logs) {
      run.epochEnded(epoch, logs);
      await stopIfInterrupted();
      const last = run.plannedEpochs !== undefined && run.epochsDone >= run.plannedEpochs;
      if (last) run.finished(undefined);
      return both(last);
    },
    onTrainEnd() {
      interrupts?.stop();
      if (run.end === undefined || run.end.kind === "done") run.finished(options.earlyStop?.());
      return both(true);
    },
  };
}

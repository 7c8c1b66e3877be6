import { display, type DisplayHandle } from "../display/display.js";
import { currentKernelSession, KernelInterruptError } from "../display/kernelSession.js";
import type { DisplayContent } from "../display/mimeBundle.js";
import { escapeHtml } from "../renderers/html.js";
import { formatMetric } from "../renderers/historyRenderer.js";
import type { PlotlyFigure } from "../renderers/plotlyFigure.js";
import { plotlyContent, renderPlotly } from "../renderers/plotlyRenderer.js";

export interface LiveProgressOptions {
  title?: string;
  /** Total epochs (tfjs passes `params.epochs` too; this wins when given). */
  epochs?: number;
  /** Batches per epoch, for the bar within an epoch. */
  stepsPerEpoch?: number;
  /** Shortest time between two updates in ms (default 200, i.e. at most 5 per second). */
  minIntervalMs?: number;
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

// tfjs puts the batch index and size into batch logs next to the metrics.
const notMetrics = new Set(["batch", "size"]);

function numericLogs(logs: Logs): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    if (typeof value === "number" && Number.isFinite(value) && !notMetrics.has(key)) out[key] = value;
  }
  return out;
}

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function progressBar(fraction: number, width = 24): string {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
}

/**
 * Live progress of one `fit`, updated in place: a status line (epoch/batch progress bar, ETA,
 * current metrics) and, in the kernel, a loss curve that grows per epoch. Outside a kernel it
 * prints one plain line per update.
 */
export function liveProgress(options: LiveProgressOptions = {}): LiveProgressCallbacks {
  const title = options.title ?? "Training";
  const minInterval = options.minIntervalMs ?? 200;
  let status: DisplayHandle | undefined;
  let chart: DisplayHandle | undefined;
  let started = 0;
  let lastUpdate = 0;
  let epochs = options.epochs;
  let epoch = 0;
  let batch = 0;
  let current: Record<string, number> = {};
  const curves: Record<string, number[]> = {};
  let finished = false;
  let interruptsAtStart: number | undefined;

  // Interrupting the cell only abandons the awaited fit; failing its next callback stops it.
  const stopIfInterrupted = () => {
    const session = currentKernelSession();
    if (session && interruptsAtStart !== undefined && session.interrupts !== interruptsAtStart) {
      throw new KernelInterruptError(`${title} stopped: the cell was interrupted`);
    }
  };

  const fraction = () => {
    if (!epochs) return 0;
    const within = options.stepsPerEpoch ? Math.min(1, batch / options.stepsPerEpoch) : 0;
    return Math.min(1, (epoch + within) / epochs);
  };

  const statusLine = () => {
    const elapsed = Date.now() - started;
    const done = fraction();
    const eta = finished ? "done" : done > 0 ? `ETA ${formatDuration((elapsed / done) * (1 - done))}` : "ETA …";
    const epochText = `epoch ${Math.min(epoch + (finished ? 0 : 1), epochs ?? Infinity)}${epochs ? `/${epochs}` : ""}`;
    const batchText = options.stepsPerEpoch && !finished ? ` batch ${batch}/${options.stepsPerEpoch}` : "";
    const metrics = Object.entries(current)
      .map(([k, v]) => `${k} ${formatMetric(v)}`)
      .join(" ");
    return `${title}: ${progressBar(finished ? 1 : done)} ${epochText}${batchText} · ${formatDuration(elapsed)} · ${eta}${metrics ? ` · ${metrics}` : ""}`;
  };

  const statusContent = (): DisplayContent => {
    const line = statusLine();
    return {
      data: {
        "text/plain": line,
        "text/html": `<div style="color: inherit; font-family: var(--jp-code-font-family, monospace); font-size: 12px; white-space: pre;">${escapeHtml(line)}</div>`,
      },
    };
  };

  const lossFigure = (): PlotlyFigure => {
    const names = Object.keys(curves);
    const seen = Math.max(0, ...names.map((n) => curves[n]!.length));
    return {
      data: names.map((name) => ({
        type: "scatter",
        mode: "lines+markers",
        name,
        x: curves[name]!.map((_, i) => i + 1),
        y: curves[name],
        line: name.startsWith("val_") ? { dash: "dash" } : {},
      })),
      layout: {
        title: { text: `${title}: loss per epoch` },
        height: 280,
        margin: { t: 40, r: 16, b: 40, l: 56 },
        xaxis: { title: { text: "epoch" }, range: [0.5, Math.max(epochs ?? 1, seen) + 0.5] },
        yaxis: { title: { text: "loss" } },
        legend: { orientation: "h", y: -0.3 },
      },
    };
  };

  const asDisplayable = (content: () => DisplayContent) => ({ [Symbol.for("Jupyter.display")]: () => content().data });

  // The status line changes many times a second and the chart once per epoch, so they are two
  // outputs updated in place: redrawing the chart with every status update would make it flicker.
  const showStatus = (force: boolean) => {
    const now = Date.now();
    if (!force && now - lastUpdate < minInterval) return;
    lastUpdate = now;
    if (status) return status.update(asDisplayable(statusContent));
    status = display(asDisplayable(statusContent));
    return status.shown;
  };

  // A static picture costs 0.3–1.5 s, so the chart gets one only with the last epoch (or at train end
  // after early stopping); until then a note stands in for it (seen only in a notebook saved mid-training).
  let pictured = false;
  const showChart = (final: boolean) => {
    if (!currentKernelSession() || Object.keys(curves).length === 0 || pictured) return;
    pictured = final;
    const figure = lossFigure();
    const bundle = final
      ? { [Symbol.for("Jupyter.display")]: async () => (await renderPlotly(figure)).data }
      : asDisplayable(() => plotlyContent(figure, { reason: "training had not finished" }));
    if (chart) return chart.update(bundle);
    chart = display(bundle);
    return chart.shown;
  };

  return {
    onTrainBegin(logs) {
      started = Date.now();
      interruptsAtStart = currentKernelSession()?.interrupts;
      const params = (logs as { params?: { epochs?: number } } | undefined)?.params;
      epochs ??= params?.epochs;
      return showStatus(true);
    },
    onEpochBegin(e) {
      stopIfInterrupted();
      epoch = e;
      batch = 0;
      return showStatus(false);
    },
    onBatchEnd(b, logs) {
      stopIfInterrupted();
      batch = b + 1;
      current = numericLogs(logs);
      return showStatus(false);
    },
    onEpochEnd(e, logs) {
      epoch = e + 1;
      batch = 0;
      current = numericLogs(logs);
      for (const [name, value] of Object.entries(current)) {
        if (!name.includes("loss")) continue;
        (curves[name] ??= []).push(value);
      }
      return Promise.all([showStatus(true), showChart(epochs !== undefined && epoch >= epochs)]).then(() => undefined);
    },
    onTrainEnd() {
      finished = true;
      return Promise.all([showStatus(true), showChart(true)]).then(() => undefined);
    },
  };
}

import { formatDuration, formatMetric, progressBar } from "./format.js";
import type { TrainingRun } from "./trainingRun.js";

function ofPlanned(run: TrainingRun): string {
  return run.plannedEpochs ? ` of ${run.plannedEpochs}` : "";
}

function progressText(run: TrainingRun, elapsedMs: number): string {
  const end = run.end;
  if (end === undefined) {
    const done = run.fraction();
    const eta = done > 0 ? `ETA ${formatDuration((elapsedMs / done) * (1 - done))}` : "ETA …";
    const epoch = Math.min(run.epochsDone + 1, run.plannedEpochs ?? Infinity);
    const batch = run.stepsPerEpoch ? ` batch ${run.batch}/${run.stepsPerEpoch}` : "";
    return `${progressBar(done)} epoch ${epoch}${run.plannedEpochs ? `/${run.plannedEpochs}` : ""}${batch} · ${formatDuration(elapsedMs)} · ${eta}`;
  }
  const epochs = `${run.epochsDone} epoch${run.epochsDone === 1 ? "" : "s"}`;
  switch (end.kind) {
    case "done":
      return `${progressBar(1)} done: ${epochs} · ${formatDuration(elapsedMs)}`;
    case "stopped": {
      const restored = end.restoredEpoch === undefined ? "" : `, restored epoch ${end.restoredEpoch}`;
      return `stopped early at epoch ${end.stoppedEpoch ?? run.epochsDone}${ofPlanned(run)}${restored} · ${formatDuration(elapsedMs)}`;
    }
    case "interrupted":
      return `interrupted in epoch ${run.epochsDone + 1}${ofPlanned(run)} (${epochs} done) · ${formatDuration(elapsedMs)}`;
  }
}

/** `Training: ████░░ epoch 3/10 batch 12/50 · 0:04 · ETA 0:09 · loss 0.4123`, or how training ended. */
export function statusLine(title: string, run: TrainingRun, now: number): string {
  const metrics = Object.entries(run.metrics)
    .map(([k, v]) => `${k} ${formatMetric(v)}`)
    .join(" ");
  return `${title}: ${progressText(run, now - run.startedAt)}${metrics ? ` · ${metrics}` : ""}`;
}

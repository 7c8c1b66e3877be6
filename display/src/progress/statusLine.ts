import { formatDuration, formatMetric, progressBar } from "./format.js";
import type { TrainingRun } from "./trainingRun.js";
import { displayWords } from "../words/displayWords.js";

function progressText(run: TrainingRun, elapsedMs: number): string {
  const words = displayWords();
  const end = run.end;
  if (end === undefined) {
    const done = run.fraction();
    const eta = words.eta(done > 0 ? formatDuration((elapsedMs / done) * (1 - done)) : "…");
    const epoch = Math.min(run.epochsDone + 1, run.plannedEpochs ?? Infinity);
    const batch = run.stepsPerEpoch ? ` ${words.batchOf(run.batch, run.stepsPerEpoch)}` : "";
    return `${progressBar(done)} ${words.epochOf(epoch, run.plannedEpochs)}${batch} · ${formatDuration(elapsedMs)} · ${eta}`;
  }
  const epochs = words.epochCount(run.epochsDone);
  switch (end.kind) {
    case "done":
      return `${progressBar(1)} ${words.done(epochs)} · ${formatDuration(elapsedMs)}`;
    case "stopped":
      return `${words.stoppedEarly(end.stoppedEpoch ?? run.epochsDone, run.plannedEpochs, end.restoredEpoch)} · ${formatDuration(elapsedMs)}`;
    case "interrupted":
      return `${words.interrupted(run.epochsDone + 1, run.plannedEpochs, epochs)} · ${formatDuration(elapsedMs)}`;
  }
}

/** `Training: ████░░ epoch 3/10 batch 12/50 · 0:04 · ETA 0:09 · loss 0.4123`, or how training ended. */
export function statusLine(title: string, run: TrainingRun, now: number): string {
  const metrics = Object.entries(run.metrics)
    .map(([k, v]) => `${k} ${formatMetric(v)}`)
    .join(" ");
  return `${displayWords().titled(title)}${progressText(run, now - run.startedAt)}${metrics ? ` · ${metrics}` : ""}`;
}

type Logs = Record<string, unknown> | undefined;

/** How early stopping ended a run, epochs numbered from 1. */
export interface EarlyStop {
  stoppedEpoch: number;
  /** The epoch whose weights were put back, if any. */
  restoredEpoch?: number;
}

export type TrainingEnd = { kind: "done" } | ({ kind: "stopped" } & Partial<EarlyStop>) | { kind: "interrupted" };

// tfjs puts the batch index and size into batch logs next to the metrics.
const notMetrics = new Set(["batch", "size"]);

function numericLogs(logs: Logs): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(logs ?? {})) {
    if (typeof value === "number" && Number.isFinite(value) && !notMetrics.has(key)) out[key] = value;
  }
  return out;
}

/** What one `fit` has done so far: epochs and batches run, the latest metrics, every epoch's logs, and how it ended. */
export class TrainingRun {
  readonly startedAt: number;
  /** Completed epochs. */
  epochsDone = 0;
  /** Batches done in the running epoch. */
  batch = 0;
  metrics: Record<string, number> = {};
  /** Each logged metric per completed epoch (only epochs that ran, so charts span just those). */
  readonly curves: Record<string, (number | null)[]> = {};
  end: TrainingEnd | undefined;

  constructor(
    now: number,
    public plannedEpochs: number | undefined,
    readonly stepsPerEpoch: number | undefined,
  ) {
    this.startedAt = now;
  }

  epochBegan(epoch: number): void {
    this.epochsDone = epoch;
    this.batch = 0;
  }

  batchEnded(batch: number, logs: Logs): void {
    this.batch = batch + 1;
    this.metrics = numericLogs(logs);
  }

  epochEnded(epoch: number, logs: Logs): void {
    this.epochsDone = epoch + 1;
    this.batch = 0;
    this.metrics = numericLogs(logs);
    for (const [name, value] of Object.entries(this.metrics)) {
      const curve = (this.curves[name] ??= []);
      // A metric missing in some epochs (validation every few epochs) keeps its points at their epochs.
      while (curve.length < epoch) curve.push(null);
      curve.push(value);
    }
  }

  /** Training ended by itself: done, or stopped before the planned epochs (by early stopping when `early` is known). */
  finished(early: EarlyStop | undefined): void {
    const short = this.plannedEpochs !== undefined && this.epochsDone < this.plannedEpochs;
    this.end = early !== undefined || short ? { kind: "stopped", ...early } : { kind: "done" };
  }

  interrupted(): void {
    this.end = { kind: "interrupted" };
  }

  /** Share of the planned work done, counting the batches of the running epoch. */
  fraction(): number {
    if (this.end?.kind === "done") return 1;
    if (!this.plannedEpochs) return 0;
    const within = this.stepsPerEpoch ? Math.min(1, this.batch / this.stepsPerEpoch) : 0;
    return Math.min(1, (this.epochsDone + within) / this.plannedEpochs);
  }
}

import { tf } from "../backend/index.js";

export interface EarlyStoppingOptions {
  /** The logged quantity to watch (default `val_loss` when there is validation data, else `loss`). */
  monitor?: string;
  /** Epochs without improvement before training stops (default 5). */
  patience?: number;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
  /** `min` for losses, `max` for accuracies; `auto` picks `max` when the name contains "acc". */
  mode?: "min" | "max" | "auto";
  /** Put back the weights of the best epoch when training ends (default true). */
  restoreBestWeights?: boolean;
}

export interface EarlyStoppingState {
  monitor: string;
  bestEpoch: number | null;
  bestValue: number | null;
  /** The epoch after which training was stopped, or null when it ran to the end. */
  stoppedEpoch: number | null;
  restored: boolean;
}

/**
 * Early stopping that can restore the best weights, which `tf.callbacks.earlyStopping` cannot:
 * it keeps a copy of the weights whenever the monitored value improves.
 */
export class EarlyStoppingWithRestore extends tf.Callback {
  readonly state: EarlyStoppingState;
  private readonly patience: number;
  private readonly minDelta: number;
  private readonly sign: 1 | -1;
  private readonly restoreBestWeights: boolean;
  private bestWeights: tf.Tensor[] | null = null;
  private wait = 0;
  private lastEpoch = -1;

  constructor(monitor: string, { patience = 5, minDelta = 0, mode = "auto", restoreBestWeights = true }: EarlyStoppingOptions) {
    super();
    if (!Number.isInteger(patience) || patience < 0) throw new Error(`earlyStopping.patience must be an integer ≥ 0; got ${patience}`);
    if (!(minDelta >= 0)) throw new Error(`earlyStopping.minDelta must be ≥ 0; got ${minDelta}`);
    this.patience = patience;
    this.minDelta = minDelta;
    this.sign = (mode === "auto" ? (monitor.includes("acc") ? "max" : "min") : mode) === "min" ? 1 : -1;
    this.restoreBestWeights = restoreBestWeights;
    this.state = { monitor, bestEpoch: null, bestValue: null, stoppedEpoch: null, restored: false };
  }

  override async onEpochEnd(epoch: number, logs?: tf.Logs): Promise<void> {
    this.lastEpoch = epoch;
    // Subclassed callbacks may receive scalars that tfjs has not yet read back.
    const raw: unknown = logs?.[this.state.monitor];
    const value = raw instanceof tf.Tensor ? (await raw.data())[0] : raw;
    if (typeof value !== "number") {
      throw new Error(`earlyStopping.monitor "${this.state.monitor}" is not logged; logged: ${Object.keys(logs ?? {}).join(", ")}`);
    }
    const best = this.state.bestValue;
    if (best === null || this.sign * (best - value) > this.minDelta) {
      this.state.bestValue = value;
      this.state.bestEpoch = epoch;
      this.wait = 0;
      if (this.restoreBestWeights) {
        tf.dispose(this.bestWeights ?? []);
        this.bestWeights = this.model.getWeights().map((w) => tf.keep(w.clone()));
      }
      return;
    }
    this.wait += 1;
    if (this.wait >= this.patience) {
      this.state.stoppedEpoch = epoch;
      this.model.stopTraining = true;
    }
  }

  override async onTrainEnd(): Promise<void> {
    if (this.bestWeights && this.state.bestEpoch !== this.lastEpoch) {
      this.model.setWeights(this.bestWeights);
      this.state.restored = true;
    }
    tf.dispose(this.bestWeights ?? []);
    this.bestWeights = null;
  }
}

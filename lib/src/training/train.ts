import { liveProgress, type EarlyStop } from "@tsdl/display";
import { tf } from "../backend/index.js";
import { DEFAULT_SEED, withSeededMathRandom } from "../random/index.js";
import { EarlyStoppingWithRestore, type EarlyStoppingOptions, type EarlyStoppingState } from "./earlyStopping.js";

/** Anything shaped like tfjs callbacks, e.g. what `liveProgress` from `@tsdl/display` returns. */
export type ProgressCallbacks = Pick<tf.CustomCallbackArgs, "onTrainBegin" | "onEpochBegin" | "onBatchEnd" | "onEpochEnd" | "onTrainEnd">;

export type TrainInputs = tf.Tensor | tf.Tensor[];

export interface TrainOptions {
  epochs?: number;
  batchSize?: number;
  /** Fraction of the samples, taken from the end as in Keras, held out for validation. */
  validationSplit?: number;
  validationData?: [TrainInputs, TrainInputs];
  /** `true` for the defaults (monitor val_loss or loss, patience 5, restore best weights). */
  earlyStopping?: boolean | EarlyStoppingOptions;
  /** Called before every epoch with the epoch index and the current rate; returns the new rate. */
  learningRateSchedule?: (epoch: number, learningRate: number) => number;
  /** Seeds shuffling and dropout for this run (builders take their own seed for initial weights). */
  seed?: number;
  shuffle?: boolean;
  /** The kernel's live progress display (default on); a string sets its title; or your own callbacks. */
  progress?: boolean | string | ProgressCallbacks;
  callbacks?: ProgressCallbacks[];
}

export interface TrainResult {
  history: tf.History;
  /** Epoch (numbered from 1, as charts and the progress line show it) with the best monitored value; with early stopping off, the lowest val_loss (or loss). */
  bestEpoch: number;
  bestValue: number;
  monitor: string;
  /** Epoch (from 1) after which early stopping ended training, or null. */
  stoppedEpoch: number | null;
  /** Whether the best epoch's weights were put back at the end. */
  restoredBestWeights: boolean;
  epochsRun: number;
  /** The learning rate used in each epoch. */
  learningRates: number[];
}

type WithLearningRate = { learningRate: number };

function readLearningRate(model: tf.LayersModel): number {
  const lr = (model.optimizer as unknown as Partial<WithLearningRate> | undefined)?.learningRate;
  if (typeof lr !== "number") throw new Error("learningRateSchedule needs a compiled model whose optimizer has a learningRate");
  return lr;
}

function sampleCount(x: TrainInputs): number {
  return (Array.isArray(x) ? x[0] : x).shape[0];
}

/**
 * Trains a compiled layers model with `model.fit`, adding what tfjs lacks: early stopping that
 * restores the best weights, a per-epoch learning-rate schedule, seeded shuffling and dropout, and
 * the kernel's live progress display. Returns the History and which epoch was best.
 */
export async function train(model: tf.LayersModel, x: TrainInputs, y: TrainInputs, options: TrainOptions = {}): Promise<TrainResult> {
  const {
    epochs = 10, batchSize = 32, validationSplit, validationData, earlyStopping, learningRateSchedule,
    seed = DEFAULT_SEED, shuffle = true, progress = true, callbacks = [],
  } = options;
  if (!Number.isInteger(epochs) || epochs <= 0) throw new Error(`epochs must be a positive integer; got ${epochs}`);
  if (!Number.isInteger(batchSize) || batchSize <= 0) throw new Error(`batchSize must be a positive integer; got ${batchSize}`);
  if (validationSplit !== undefined && !(validationSplit > 0 && validationSplit < 1)) {
    throw new Error(`validationSplit must be in (0, 1); got ${validationSplit}`);
  }
  if (validationSplit !== undefined && validationData !== undefined) {
    throw new Error("give validationSplit or validationData, not both");
  }
  const n = sampleCount(x);
  if (sampleCount(y) !== n) throw new Error(`y must have as many samples as x (${n}); got ${sampleCount(y)}`);
  const validated = validationSplit !== undefined || validationData !== undefined;
  const trainCount = validationSplit === undefined ? n : Math.floor(n * (1 - validationSplit));

  const all: (tf.Callback | tf.CustomCallback)[] = [];
  const learningRates: number[] = [];
  if (learningRateSchedule) {
    readLearningRate(model);
    all.push(new tf.CustomCallback({
      onEpochBegin: async (epoch) => {
        const optimizer = model.optimizer as unknown as WithLearningRate;
        const next = learningRateSchedule(epoch, optimizer.learningRate);
        if (!(next > 0) || !Number.isFinite(next)) throw new Error(`learningRateSchedule must return a positive rate; got ${next} at epoch ${epoch}`);
        optimizer.learningRate = next;
      },
    }));
  }
  all.push(new tf.CustomCallback({ onEpochBegin: async () => { learningRates.push(readLearningRateOrNaN(model)); } }));

  const defaultMonitor = validated ? "val_loss" : "loss";
  let stopper: EarlyStoppingWithRestore | undefined;
  if (earlyStopping) {
    const settings = earlyStopping === true ? {} : earlyStopping;
    stopper = new EarlyStoppingWithRestore(settings.monitor ?? defaultMonitor, settings);
    all.push(stopper);
  }
  if (progress) {
    // The stopper runs first, so by the progress line's onTrainEnd it has stopped and restored.
    const earlyStop = (): EarlyStop | undefined => {
      const state = stopper?.state;
      if (state?.stoppedEpoch === null || state === undefined) return undefined;
      return { stoppedEpoch: state.stoppedEpoch + 1, ...(state.restored && state.bestEpoch !== null ? { restoredEpoch: state.bestEpoch + 1 } : {}) };
    };
    const hooks = typeof progress === "object"
      ? progress
      : liveProgress({ title: typeof progress === "string" ? progress : "Training", epochs, stepsPerEpoch: Math.ceil(trainCount / batchSize), earlyStop });
    all.push(new tf.CustomCallback(hooks));
  }
  all.push(...callbacks.map((c) => new tf.CustomCallback(c)));

  const history = await withSeededMathRandom(seed, () => model.fit(x, y, {
    epochs, batchSize, shuffle, verbose: 0, callbacks: all,
    ...(validationSplit !== undefined ? { validationSplit } : {}),
    ...(validationData !== undefined ? { validationData: validationData as [tf.Tensor, tf.Tensor] } : {}),
  }));

  const state: EarlyStoppingState = stopper?.state ?? bestOf(history, defaultMonitor);
  return {
    history,
    bestEpoch: (state.bestEpoch ?? 0) + 1,
    bestValue: state.bestValue ?? Number.NaN,
    monitor: state.monitor,
    stoppedEpoch: state.stoppedEpoch === null ? null : state.stoppedEpoch + 1,
    restoredBestWeights: state.restored,
    epochsRun: history.epoch.length,
    learningRates,
  };
}

function readLearningRateOrNaN(model: tf.LayersModel): number {
  const lr = (model.optimizer as unknown as Partial<WithLearningRate> | undefined)?.learningRate;
  return typeof lr === "number" ? lr : Number.NaN;
}

function bestOf(history: tf.History, monitor: string): EarlyStoppingState {
  const values = (history.history[monitor] ?? []) as number[];
  let bestEpoch: number | null = null;
  values.forEach((v, i) => {
    if (bestEpoch === null || v < values[bestEpoch]) bestEpoch = i;
  });
  return { monitor, bestEpoch, bestValue: bestEpoch === null ? null : values[bestEpoch], stoppedEpoch: null, restored: false };
}

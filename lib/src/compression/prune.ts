import { tf } from "../backend/index.js";
import { train, type TrainOptions } from "../training/train.js";
import {
  classificationAccuracy, cloneModel, float32WeightBytes, report, type CompressionReport, type EvaluationData,
} from "./modelStats.js";

/**
 * A 0/1 mask zeroing the `round(sparsity · n)` smallest-magnitude entries of a tensor.
 */
export function magnitudeMask(weights: tf.Tensor, sparsity: number): tf.Tensor {
  if (!(sparsity >= 0 && sparsity < 1)) throw new Error(`sparsity must be in [0, 1); got ${sparsity}`);
  const values = weights.dataSync();
  const order = Array.from(values.keys()).sort((a, b) => Math.abs(values[a]) - Math.abs(values[b]));
  const mask = new Float32Array(values.length).fill(1);
  const cut = Math.round(sparsity * values.length);
  for (let i = 0; i < cut; i++) mask[order[i]] = 0;
  return tf.tensor(mask, weights.shape);
}

/**
 * Storage of a pruned tensor: float32 non-zeros plus a 1-bit-per-entry occupancy bitmap.
 */
function sparseBytes(size: number, nonZeros: number): number {
  return 4 * nonZeros + Math.ceil(size / 8);
}

export interface PruneOptions {
  /** Fraction of each kernel's weights set to zero (biases are kept). */
  sparsity: number;
  /** Data for fine-tuning with the mask held fixed; without it the model is only pruned. */
  fineTune?: { x: tf.Tensor | tf.Tensor[]; y: tf.Tensor | tf.Tensor[] } & Omit<TrainOptions, "callbacks">;
  /** Optimizer for fine-tuning (default Adam at 1e-3). */
  learningRate?: number;
  evaluate?: EvaluationData;
}

export interface PrunedModel {
  model: tf.LayersModel;
  /** Share of kernel weights that are exactly zero at the end. */
  sparsity: number;
  /** Accuracy right after pruning, before fine-tuning. */
  accuracyPruned?: number;
  report: CompressionReport;
}

/**
 * Magnitude pruning: in a copy of the model, each kernel (rank ≥ 2 weight) loses its smallest
 * weights to the target sparsity; then optional fine-tuning re-applies the masks after every
 * batch, so pruned weights stay zero while the rest recover the accuracy.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export async function pruneModel(model: tf.LayersModel, { sparsity, fineTune, learningRate = 1e-3, evaluate }: PruneOptions): Promise<PrunedModel> {
  const pruned = await cloneModel(model);
  const variables = pruned.weights;
  const masks = variables.map((v) => (v.shape.length >= 2 ? magnitudeMask(v.read(), sparsity) : null));
  const applyMasks = () => tf.tidy(() => {
    variables.forEach((v, i) => {
      const mask = masks[i];
      if (mask) v.write(tf.mul(v.read(), mask));
    });
  });
  applyMasks();
  const accuracyPruned = evaluate ? classificationAccuracy(pruned, evaluate) : undefined;

  if (fineTune) {
    const { x, y, ...trainOptions } = fineTune;
    if (model.loss === undefined) throw new Error("pruneModel fine-tuning needs a compiled model (its loss is reused); got an uncompiled one");
    pruned.compile({ optimizer: tf.train.adam(learningRate), loss: model.loss, metrics: ["accuracy"] });
    await train(pruned, x, y, { progress: "Fine-tuning the pruned model", ...trainOptions, callbacks: [{ onBatchEnd: async () => applyMasks() }] });
  }

  let [zeros, kernelSize, bytesAfter] = [0, 0, 0];
  variables.forEach((v, i) => {
    const size = v.read().size;
    if (!masks[i]) {
      bytesAfter += 4 * size;
      return;
    }
    const nonZeros = tf.tidy(() => tf.sum(tf.notEqual(v.read(), 0).toInt()).dataSync()[0]);
    zeros += size - nonZeros;
    kernelSize += size;
    bytesAfter += sparseBytes(size, nonZeros);
  });
  tf.dispose(masks.filter((m): m is tf.Tensor => m !== null));
  const accuracy = evaluate ? { before: classificationAccuracy(model, evaluate), after: classificationAccuracy(pruned, evaluate) } : undefined;
  return {
    model: pruned,
    sparsity: zeros / kernelSize,
    ...(accuracyPruned !== undefined ? { accuracyPruned } : {}),
    report: report(`magnitude pruning to ${sparsity} sparsity (non-zeros as float32 + 1-bit mask)`, float32WeightBytes(model), bytesAfter, accuracy),
  };
}

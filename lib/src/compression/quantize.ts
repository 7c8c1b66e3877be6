import { tf } from "../backend/index.js";
import {
  classificationAccuracy, cloneModel, float32WeightBytes, report, type CompressionReport, type EvaluationData,
} from "./modelStats.js";

export type QuantizationScheme = "symmetric" | "affine";

export interface QuantizeOptions {
  /** One scale per output channel (the last axis) instead of one per tensor; rank-1 tensors stay per-tensor. */
  perChannel?: boolean;
  /** symmetric: q = round(w / s) in [−127, 127]; affine: q = round(w / s) + z in [−128, 127]. */
  scheme?: QuantizationScheme;
}

/** An int8 tensor with its scales (and zero points for affine): w ≈ (q − zeroPoint) · scale. */
export interface QuantizedTensor {
  values: Int8Array;
  scales: Float32Array;
  /** All zero for the symmetric scheme. */
  zeroPoints: Int8Array;
  shape: number[];
  /** The channel axis scales run along, or null for one scale. */
  axis: number | null;
  scheme: QuantizationScheme;
}

/**
 * Storage of a quantised tensor: 1 byte per value, 4 per scale, 1 per zero point (affine only).
 */
function quantizedBytes(q: QuantizedTensor): number {
  return q.values.length + 4 * q.scales.length + (q.scheme === "affine" ? q.zeroPoints.length : 0);
}

function channelRange(data: Float32Array, channels: number, c: number): [number, number] {
  // The range always includes 0 so that zero (padding, pruned weights) is exact.
  let [lo, hi] = [0, 0];
  for (let i = c; i < data.length; i += channels) {
    lo = Math.min(lo, data[i]);
    hi = Math.max(hi, data[i]);
  }
  return [lo, hi];
}

/**
 * Quantises a float tensor to int8, per tensor or per output channel.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function quantizeTensor(tensor: tf.Tensor, { perChannel = false, scheme = "symmetric" }: QuantizeOptions = {}): QuantizedTensor {
  if (scheme !== "symmetric" && scheme !== "affine") throw new Error(`scheme must be "symmetric" or "affine"; got ${JSON.stringify(scheme)}`);
  const data = tensor.dataSync() as Float32Array;
  const axis = perChannel && tensor.rank >= 2 ? tensor.rank - 1 : null;
  const channels = axis === null ? 1 : tensor.shape[axis];
  const scales = new Float32Array(channels);
  const zeroPoints = new Int8Array(channels);
  for (let c = 0; c < channels; c++) {
    const [lo, hi] = channelRange(data, channels, c);
    if (scheme === "symmetric") {
      scales[c] = Math.max(-lo, hi) / 127 || 1;
    } else {
      scales[c] = (hi - lo) / 255 || 1;
      zeroPoints[c] = Math.max(-128, Math.min(127, Math.round(-128 - lo / scales[c])));
    }
  }
  const [qMin, qMax] = scheme === "symmetric" ? [-127, 127] : [-128, 127];
  const values = new Int8Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const c = i % channels;
    values[i] = Math.max(qMin, Math.min(qMax, Math.round(data[i] / scales[c]) + zeroPoints[c]));
  }
  return { values, scales, zeroPoints, shape: [...tensor.shape], axis, scheme };
}

/**
 * Back to float32: w = (q − zeroPoint) · scale.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function dequantizeTensor(q: QuantizedTensor): tf.Tensor {
  const channels = q.scales.length;
  const out = new Float32Array(q.values.length);
  for (let i = 0; i < out.length; i++) {
    const c = i % channels;
    out[i] = (q.values[i] - q.zeroPoints[c]) * q.scales[c];
  }
  return tf.tensor(out, q.shape);
}

export interface QuantizeModelOptions extends QuantizeOptions {
  /** Data to measure accuracy on before and after. */
  evaluate?: EvaluationData;
}

export interface QuantizedModel {
  /** A copy of the model whose weights are the dequantised int8 weights (what an int8 runtime computes with). */
  model: tf.LayersModel;
  tensors: QuantizedTensor[];
  /** Largest |w − dequantise(quantise(w))| over all weights. */
  maxAbsError: number;
  report: CompressionReport;
}

/**
 * Post-training int8 weight quantisation of every weight tensor (kernels per channel when asked,
 * biases per tensor). Activations stay float32: this shrinks storage about 4×.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export async function quantizeModel(model: tf.LayersModel, options: QuantizeModelOptions = {}): Promise<QuantizedModel> {
  const { evaluate, ...quantizeOptions } = options;
  const weights = model.getWeights();
  const tensors = weights.map((w) => quantizeTensor(w, quantizeOptions));
  const restored = tensors.map(dequantizeTensor);
  const maxAbsError = Math.max(...weights.map((w, i) => tf.tidy(() => tf.max(tf.abs(tf.sub(w, restored[i]))).dataSync()[0])));
  const copy = await cloneModel(model);
  copy.setWeights(restored);
  tf.dispose(restored);
  const bytesAfter = tensors.reduce((b, q) => b + quantizedBytes(q), 0);
  const method = `int8 ${quantizeOptions.scheme ?? "symmetric"} ${quantizeOptions.perChannel ? "per-channel" : "per-tensor"} (1 byte per weight + float32 scales${quantizeOptions.scheme === "affine" ? " + int8 zero points" : ""})`;
  const accuracy = evaluate
    ? { before: classificationAccuracy(model, evaluate), after: classificationAccuracy(copy, evaluate) }
    : undefined;
  return { model: copy, tensors, maxAbsError, report: report(method, float32WeightBytes(model), bytesAfter, accuracy) };
}

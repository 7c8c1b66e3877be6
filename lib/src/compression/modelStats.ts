import { tf } from "../backend/index.js";

/** Before/after numbers of a compression step. */
export interface CompressionReport {
  method: string;
  /** Weight storage before, in bytes (float32: 4 per parameter). */
  bytesBefore: number;
  /** Weight storage after, in bytes, counted as described by `method`. */
  bytesAfter: number;
  /** bytesBefore / bytesAfter. */
  ratio: number;
  /** Accuracy on the evaluation data before and after (when evaluation data was given). */
  accuracyBefore?: number;
  accuracyAfter?: number;
}

export interface EvaluationData {
  x: tf.Tensor | tf.Tensor[];
  /** Class ids `[N]`/`[N, 1]`, one-hot rows `[N, C]`, or 0/1 labels for a one-unit output. */
  y: tf.Tensor;
}

/**
 * Bytes of a model's weights stored as float32.
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function float32WeightBytes(model: tf.LayersModel): number {
  return model.getWeights().reduce((bytes, w) => bytes + 4 * w.size, 0);
}

/**
 * Accuracy of predictions: a single column is a probability thresholded at 0.5; several columns
 * (probabilities or logits) are compared by argmax. Labels are ids or one-hot rows.
 */
export function accuracyFromPredictions(yTrue: tf.Tensor, yPred: tf.Tensor): number {
  return tf.tidy(() => {
    const classes = yPred.rank === 1 ? 1 : yPred.shape[yPred.rank - 1];
    const rows = yPred.reshape([-1, classes]);
    const predicted = classes === 1 ? rows.flatten().greater(0.5).toInt() : rows.argMax(-1).toInt();
    const truth = yTrue.rank === 2 && yTrue.shape[1] === classes && classes > 1 ? yTrue.argMax(-1).toInt() : yTrue.flatten().toInt();
    if (truth.size !== predicted.size) {
      throw new Error(`y must hold one label per prediction (${predicted.size}); got ${truth.size}`);
    }
    return tf.mean(tf.equal(predicted, truth).toFloat()).dataSync()[0];
  });
}

/**
 * Classification accuracy of a model on evaluation data (see `accuracyFromPredictions`).
 *
 * Taught in notebooks/08-large-models.ipynb.
 */
export function classificationAccuracy(model: tf.LayersModel, { x, y }: EvaluationData): number {
  return tf.tidy(() => accuracyFromPredictions(y, model.predict(x) as tf.Tensor));
}

/**
 * An independent copy of a layers model (same topology and weights), not compiled.
 */
export async function cloneModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
  }));
  return tf.loadLayersModel(tf.io.fromMemory(artifacts!));
}

export function report(method: string, bytesBefore: number, bytesAfter: number, accuracy?: { before: number; after: number }): CompressionReport {
  return {
    method, bytesBefore, bytesAfter, ratio: bytesBefore / bytesAfter,
    ...(accuracy ? { accuracyBefore: accuracy.before, accuracyAfter: accuracy.after } : {}),
  };
}

import { tf } from "../backend/index.js";

/**
 * Mean softmax cross-entropy computed from logits, Keras's
 * `SparseCategoricalCrossentropy(from_logits=True)` (tfjs has no `fromLogits` flag).
 * `labels` are class ids (`[B]` or `[B, 1]`) or one-hot rows (`[B, C]`). `model.fit` needs
 * one-hot labels with a custom loss: it checks target shapes against the output shape.
 *
 * Taught in notebooks/07-vision.ipynb.
 */
export function softmaxCrossEntropyFromLogits(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1];
    const oneHot = labels.rank === logits.rank && labels.shape[labels.rank - 1] === classes && classes !== 1
      ? labels
      : tf.oneHot(tf.cast(labels.flatten(), "int32"), classes);
    // Mean over samples, matching Keras (softmaxCrossEntropy's default reduction also divides by
    // the number of non-zero weights, which equals the batch size here).
    return tf.losses.softmaxCrossEntropy(oneHot, logits.reshape([-1, classes]), undefined, undefined,
      tf.Reduction.MEAN) as tf.Scalar;
  });
}

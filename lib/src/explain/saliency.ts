import { tf } from "../backend/index.js";

/**
 * Gradient saliency (Simonyan et al.): |∂ score / ∂ pixel|, the maximum over colour channels,
 * for each image `[N, H, W, C]` → `[N, H, W]`. The score is the model's output for `classIndex`
 * (one id for all images, one per image, or by default each image's predicted class); use a
 * model that ends in logits to avoid softmax saturation.
 *
 * Taught in notebooks/07-vision.ipynb; also used in 08-large-models.
 */
export function gradientSaliency(model: tf.LayersModel, images: tf.Tensor4D, classIndex?: number | number[]): tf.Tensor3D {
  if (images.rank !== 4) throw new Error(`images must be [N, H, W, C]; got shape [${images.shape}]`);
  return tf.tidy(() => {
    const outputs = model.predict(images) as tf.Tensor;
    const classes = outputs.shape[outputs.rank - 1];
    const n = images.shape[0];
    const ids = classIndex === undefined
      ? Array.from(outputs.reshape([n, classes]).argMax(-1).dataSync())
      : Array.isArray(classIndex) ? classIndex : new Array<number>(n).fill(classIndex);
    if (ids.length !== n) throw new Error(`classIndex must hold one id per image (${n}); got ${ids.length}`);
    ids.forEach((c) => {
      if (!Number.isInteger(c) || c < 0 || c >= classes) throw new Error(`classIndex must be in 0…${classes - 1}; got ${c}`);
    });
    const select = tf.oneHot(tf.tensor1d(ids, "int32"), classes);
    // Each image's score depends only on that image, so one gradient of the sum gives them all.
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(tf.mul((model.apply(x) as tf.Tensor).reshape([n, classes]), select)));
    return tf.max(tf.abs(gradient(images)), -1) as tf.Tensor3D;
  });
}

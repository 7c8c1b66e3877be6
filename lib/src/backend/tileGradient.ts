import * as tf from "@tensorflow/tfjs";

/**
 * The gradient of `Tile` as one reshape and one sum. TensorFlow.js's own gradient adds up one
 * slice per copy, so a layer norm's broadcast γ and β over [batch, time, d] cost batch·time
 * kernel calls per step; this costs two.
 */
export const tileGradient: tf.GradConfig = {
  kernelName: "Tile",
  inputsToSave: ["x"],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved as [tf.Tensor];
    const reps = (attrs as unknown as { reps: number[] }).reps;
    return {
      x: () => {
        const interleaved = x.shape.flatMap((size, axis) => [reps[axis]!, size]);
        const copyAxes = x.shape.map((_, axis) => 2 * axis);
        return tf.sum(tf.reshape(dy as tf.Tensor, interleaved), copyAxes);
      },
    };
  },
};

let registered = false;

/** Replaces TensorFlow.js's Tile gradient once per process (it is backend-independent). */
export function registerTileGradient(): void {
  if (registered) return;
  registered = true;
  const warn = console.warn;
  // registerGradient warns when it overrides; the override is the point here.
  console.warn = () => undefined;
  try {
    tf.registerGradient(tileGradient);
  } finally {
    console.warn = warn;
  }
}

import { describe, expect, it } from "vitest";
import { tf } from "@tsdl/lib";

describe("the Tile gradient", () => {
  it("sums the copies: x [2, 3] tiled [2, 2] with dy = 0…23 (hand-computed)", () => {
    const x = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
    const dy = tf.range(0, 24).reshape([4, 6]);
    const dx = tf.grad((t: tf.Tensor) => tf.sum(tf.mul(tf.tile(t, [2, 2]), dy)))(x);
    // dy rows 0..3, columns 0..5; copy (i, j) covers rows 2i..2i+1 and columns 3j..3j+2.
    // dy[r][c] = 6r + c, so dx[r][c] = dy[r][c] + dy[r][c+3] + dy[r+2][c] + dy[r+2][c+3] = 24r + 4c + 30.
    expect(Array.from(dx.dataSync())).toEqual([30, 34, 38, 54, 58, 62]);
  });

  it("matches the gradient of an explicit concatenation for a layer-norm-shaped broadcast", () => {
    const gamma = tf.randomNormal([1, 1, 8], 0, 1, "float32", 3);
    const upstream = tf.randomNormal([4, 5, 8], 0, 1, "float32", 4);
    const viaTile = tf.grad((g: tf.Tensor) => tf.sum(tf.mul(tf.tile(g, [4, 5, 1]), upstream)))(gamma);
    const viaSum = upstream.sum([0, 1]).reshape([1, 1, 8]);
    expect(tf.max(tf.abs(tf.sub(viaTile, viaSum))).dataSync()[0]).toBeLessThan(1e-5);
  });

  it("keeps the tinyTransformer's layer norm trainable (non-zero γ gradient)", () => {
    const layer = tf.layers.layerNormalization({ axis: -1 });
    const input = tf.randomNormal([2, 3, 4], 0, 1, "float32", 5);
    layer.apply(input);
    const grads = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(input) as tf.Tensor, input)) as tf.Scalar);
    const gammaGrad = Object.values(grads.grads)[0]!;
    expect(gammaGrad.shape).toEqual([4]);
    expect(tf.sum(tf.abs(gammaGrad)).dataSync()[0]).toBeGreaterThan(0);
  });
});

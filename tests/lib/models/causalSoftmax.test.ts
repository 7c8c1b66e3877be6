import { describe, expect, it } from "vitest";
import { causalMask, tf } from "@tsdl/lib";
import { causalSoftmax } from "../../../lib/src/models/causalSoftmax.js";

const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0];

describe("causalSoftmax", () => {
  it.each(["cpu", "wasm"] as const)("on %s, equals softmax(scores / d + causalMask) and its gradient", async (backend) => {
    await tf.setBackend(backend);
    try {
      tf.tidy(() => {
        const scores = tf.mul(tf.randomNormal([2, 3, 6, 6], 0, 1, "float32", 1), 4);
        const upstream = tf.randomNormal([2, 3, 6, 6], 0, 1, "float32", 2);
        const unfused = (s: tf.Tensor) => tf.softmax(tf.add(tf.div(s, 2), causalMask(6)));
        const fused = (s: tf.Tensor) => causalSoftmax(s, 2, causalMask);
        const expected = unfused(scores);
        const actual = fused(scores);
        expect(actual.shape).toEqual([2, 3, 6, 6]);
        expect(maxDiff(actual, expected)).toBeLessThan(1e-6);
        // Row 0 attends only to position 0; the future gets exactly 0.
        expect(actual.slice([1, 2, 0, 0], [1, 1, 1, 6]).dataSync()).toEqual(new Float32Array([1, 0, 0, 0, 0, 0]));
        const gradOf = (f: (s: tf.Tensor) => tf.Tensor) => tf.grad((s: tf.Tensor) => tf.sum(tf.mul(f(s), upstream)))(scores);
        const expectedGrad = gradOf(unfused);
        expect(tf.max(tf.abs(expectedGrad)).dataSync()[0]).toBeGreaterThan(0.01);
        expect(maxDiff(gradOf(fused), expectedGrad)).toBeLessThan(1e-6);
      });
    } finally {
      await tf.setBackend("wasm");
    }
  });

  it("rejects scores whose last two axes are not square, naming the shape", () => {
    expect(() => causalSoftmax(tf.zeros([2, 3, 4]), 1, causalMask)).toThrow("TsdlCausalSoftmax: x must end in a square [T, T]; got [2,3,4]");
  });
});

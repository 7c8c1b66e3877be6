import { describe, expect, it } from "vitest";
import { mlpBinaryClassifier, tf } from "@tsdl/lib";
import { ADAM_STEP_KERNEL, FUSED_MAX_SIZE, fusedAdam } from "../../../lib/src/models/fusedAdam.js";

/**
 * Weights after `steps` Adam steps of a small dense model (a variable of shape [rows, 3] and one of
 * [3]) from seeded weights.
 */
function weightsAfter(optimizer: tf.Optimizer, steps: number, rows = 4): Float32Array[] {
  const w = tf.variable(tf.randomNormal([rows, 3], 0, 1, "float32", 1));
  const b = tf.variable(tf.randomNormal([3], 0, 1, "float32", 2));
  const x = tf.randomNormal([5, rows], 0, 1, "float32", 3);
  const y = tf.randomNormal([5, 3], 0, 1, "float32", 4);
  for (let i = 0; i < steps; i++) {
    optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.tanh(tf.add(tf.matMul(x, w), b))) as tf.Scalar);
  }
  const values = [w, b].map((v) => Float32Array.from(v.dataSync()));
  tf.dispose([w, b, x, y]);
  optimizer.dispose();
  return values;
}

function maxDiff(a: Float32Array[], b: Float32Array[]): number {
  let max = 0;
  a.forEach((values, i) => values.forEach((v, j) => (max = Math.max(max, Math.abs(v - b[i][j])))));
  return max;
}

describe("FusedAdam", () => {
  it.each(["cpu", "wasm"] as const)("on %s, gives tfjs Adam's weights after five steps and changes them", async (backend) => {
    await tf.setBackend(backend);
    try {
      expect(tf.getKernel(ADAM_STEP_KERNEL, backend)).toBeDefined();
      const initial = weightsAfter(tf.train.adam(0.05), 0);
      const reference = weightsAfter(tf.train.adam(0.05), 5);
      const fused = weightsAfter(fusedAdam(0.05), 5);
      expect(maxDiff(fused, reference)).toBeLessThan(1e-5);
      // Five steps of 0.05 move each weight by up to 0.25: the comparison above is not between two no-ops.
      expect(maxDiff(fused, initial)).toBeGreaterThan(0.1);
    } finally {
      await tf.setBackend("wasm");
    }
  });

  it.each(["cpu", "wasm"] as const)("on %s, updates variables above FUSED_MAX_SIZE (embeddings) to tfjs Adam's weights", async (backend) => {
    await tf.setBackend(backend);
    try {
      const rows = Math.ceil(FUSED_MAX_SIZE / 3) + 1;
      const reference = weightsAfter(tf.train.adam(0.05), 3, rows);
      const fused = weightsAfter(fusedAdam(0.05), 3, rows);
      expect(fused[0].length).toBeGreaterThan(FUSED_MAX_SIZE);
      expect(maxDiff(fused, reference)).toBeLessThan(1e-5);
    } finally {
      await tf.setBackend("wasm");
    }
  });

  it.each([
    ["cpu", 1, 1],
    ["wasm", 2, 0],
  ] as const)("on %s, a large variable and a small one take %i fused steps and %i square roots", async (backend, fusedSteps, roots) => {
    await tf.setBackend(backend);
    try {
      const big = tf.variable(tf.randomNormal([FUSED_MAX_SIZE + 3], 0, 1, "float32", 1));
      const small = tf.variable(tf.randomNormal([3], 0, 1, "float32", 2));
      const optimizer = fusedAdam(0.05);
      const { kernels } = await tf.profile(() => {
        optimizer.minimize(() => tf.add(tf.sum(tf.square(big)), tf.sum(small)) as tf.Scalar);
      });
      const names = kernels.map((kernel) => kernel.name);
      expect(names.filter((name) => name === ADAM_STEP_KERNEL).length).toBe(fusedSteps);
      expect(names.filter((name) => name === "Sqrt").length).toBe(roots);
      tf.dispose([big, small]);
      optimizer.dispose();
    } finally {
      await tf.setBackend("wasm");
    }
  });

  it("keeps tfjs Adam's class name, config and weights, so either loads the other's state", async () => {
    const optimizer = fusedAdam(0.01, 0.8, 0.99, 1e-6);
    expect(optimizer.getClassName()).toBe("Adam");
    expect(optimizer.getConfig()).toEqual(tf.train.adam(0.01, 0.8, 0.99, 1e-6).getConfig());
    weightsAfter(optimizer, 0);
    const model = mlpBinaryClassifier(3, { seed: 1 });
    await model.trainOnBatch(tf.ones([2, 3]), tf.ones([2, 1]));
    const names = (await model.optimizer.getWeights()).map((w) => w.name);
    expect(names[0]).toBe("iter");
    expect(names.slice(1).every((name) => /\/[mv]$/.test(name))).toBe(true);
    const restored = tf.train.adam(0.001);
    await restored.setWeights(await model.optimizer.getWeights());
    expect(restored.iterations).toBe(1);
    model.dispose();
  });

  it("names the moment whose shape differs from the variable's", () => {
    const value = tf.zeros([2, 3]);
    const bad = tf.zeros([3, 2]);
    expect(() =>
      tf.engine().runKernel(ADAM_STEP_KERNEL, { value, m: bad, v: value, gradient: value, accBeta1: tf.scalar(0.9), accBeta2: tf.scalar(0.999) }, { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }),
    ).toThrow(/m must have the variable's shape \[2,3\]; got \[3,2\]/);
  });
});

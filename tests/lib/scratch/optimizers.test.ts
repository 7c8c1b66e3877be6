import { describe, expect, it } from "vitest";
import { scratch, tf } from "@tsdl/lib";
import { adamStep, createAdamState } from "../../../lib/src/scratch/optimizers.js";

const { Adam, Momentum, SGD } = scratch;

function parameter(values: number[], grad: number[]): scratch.Parameter {
  return { name: "theta", value: Float64Array.from(values), grad: Float64Array.from(grad) };
}

/** Mean squared error of a linear model y ≈ X·w on fixed data, with its gradient 2Xᵀ(Xw − y)/n. */
const X = [[1, 2, 0.5], [0.3, -1, 2], [-1.5, 0.2, 1], [2, 1, -0.7], [0.1, 0.4, 0.9]];
const Y = [1, -2, 0.5, 3, 0.2];
function gradientAt(w: ArrayLike<number>): Float64Array {
  const grad = new Float64Array(3);
  X.forEach((row, i) => {
    const residual = row[0] * w[0] + row[1] * w[1] + row[2] * w[2] - Y[i];
    for (let j = 0; j < 3; j++) grad[j] += (2 * residual * row[j]) / X.length;
  });
  return grad;
}

describe("optimizers", () => {
  it("SGD: θ ← θ − α·g", () => {
    const p = parameter([1, -2], [0.5, 0.25]);
    new SGD(0.1).step([p]);
    expect(Array.from(p.value)).toEqual([1 - 0.05, -2 - 0.025]);
  });

  it("momentum: velocities 1, 1.9, 2.71 under a constant gradient of 1", () => {
    const p = parameter([0], [1]);
    const optimizer = new Momentum({ learningRate: 0.1, momentum: 0.9 });
    const positions: number[] = [];
    for (let i = 0; i < 3; i++) {
      optimizer.step([p]);
      positions.push(p.value[0]);
    }
    [-0.1, -0.29, -0.561].forEach((v, i) => expect(positions[i]).toBeCloseTo(v, 14));
  });

  it("Adam's bias-corrected first step has size ≈ α whatever the gradient's scale", () => {
    for (const g of [1e-4, 0.5, 300]) {
      const value = Float64Array.of(1);
      const state = createAdamState(1);
      adamStep(value, [g], state, { learningRate: 0.1 });
      expect(state.t).toBe(1);
      expect(value[0]).toBeCloseTo(1 - (0.1 * g) / (g + 1e-8), 14);
    }
  });

  it("Adam matches tf.train.adam step by step when fed the same gradients", () => {
    const options = { learningRate: 0.05, beta1: 0.8, beta2: 0.99, epsilon: 1e-8 };
    const ours = parameter([0.1, -0.2, 0.3], [0, 0, 0]);
    const adam = new Adam(options);
    const theirs = tf.variable(tf.tensor1d([0.1, -0.2, 0.3]), true, "adamCheckTheta");
    const optimizer = tf.train.adam(options.learningRate, options.beta1, options.beta2, options.epsilon);
    let worst = 0;
    for (let step = 0; step < 40; step++) {
      ours.grad.set(gradientAt(ours.value));
      adam.step([ours]);
      tf.tidy(() => optimizer.applyGradients([{ name: "adamCheckTheta", tensor: tf.tensor1d(Array.from(ours.grad)) }]));
      const tfValues = theirs.dataSync();
      for (let j = 0; j < 3; j++) worst = Math.max(worst, Math.abs(tfValues[j] - ours.value[j]));
    }
    console.info(`Adam vs tf.train.adam, same gradients, 40 steps: max |Δθ| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-5);
    optimizer.dispose();
    theirs.dispose();
  });

  it("Adam on the same least-squares problem follows tf.train.adam's minimize within float32 tolerance", () => {
    const ours = parameter([0, 0, 0], [0, 0, 0]);
    const adam = new Adam({ learningRate: 0.1, epsilon: 1e-7 });
    const w = tf.variable(tf.zeros([3, 1]));
    const xs = tf.tensor2d(X);
    const ys = tf.tensor2d(Y, [5, 1]);
    const optimizer = tf.train.adam(0.1, 0.9, 0.999, 1e-7);
    let worst = 0;
    for (let step = 0; step < 60; step++) {
      ours.grad.set(gradientAt(ours.value));
      adam.step([ours]);
      optimizer.minimize(() => tf.losses.meanSquaredError(ys, xs.matMul(w)) as tf.Scalar, false, [w]);
      const tfValues = w.dataSync();
      for (let j = 0; j < 3; j++) worst = Math.max(worst, Math.abs(tfValues[j] - ours.value[j]));
    }
    console.info(`Adam vs tf.train.adam minimize on ${tf.getBackend()}, 60 steps: max |Δθ| ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
    // 60 steps of α = 0.1 have moved far from the start, so the comparison is not trivially near 0.
    expect(Math.abs(ours.value[0]) + Math.abs(ours.value[1])).toBeGreaterThan(0.5);
    tf.dispose([w, xs, ys]);
    optimizer.dispose();
  });

  it("rejects bad hyper-parameters and mismatched gradients", () => {
    expect(() => new SGD(0)).toThrow("SGD: learningRate must be a positive number, got 0");
    expect(() => new Momentum({ learningRate: 0.1, momentum: 1 })).toThrow("Momentum: momentum must be in [0, 1), got 1");
    expect(() => new Adam({ beta2: 1.5 })).toThrow("Adam: beta2 must be in [0, 1), got 1.5");
    expect(() => new SGD(0.1).step([parameter([1, 2], [1])])).toThrow("SGD.step: gradient of theta must have 2 values, got 1");
  });
});

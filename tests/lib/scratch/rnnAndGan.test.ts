import { describe, expect, it } from "vitest";
import { scratch, tf } from "@tsdl/lib";
import { rnnCellStep } from "../../../lib/src/scratch/rnn.js";

const { binaryCrossEntropy, ganLosses, rnnForward } = scratch;

const weights = { W: [[0.5], [-1]], U: [[0.1, 0.2], [0.3, 0.4]], b: [0, 0.1] };

describe("RNN cell", () => {
  it("h_t = tanh(W·x_t + U·h_{t−1} + b), by hand", () => {
    // W·[2] = [1, −2]; U·[1, −1] = [−0.1, −0.1]; + b → [0.9, −2]
    const h = rnnCellStep([2], [1, -1], weights);
    expect(h[0]).toBeCloseTo(Math.tanh(0.9), 15);
    expect(h[1]).toBeCloseTo(Math.tanh(-2), 15);
  });

  it("rnnForward chains the steps and agrees with tf.layers.simpleRNN", () => {
    const sequence = [[2], [-1], [0.5]];
    const states = rnnForward(sequence, weights);
    let h: ArrayLike<number> = [0, 0];
    for (let t = 0; t < 3; t++) {
      h = rnnCellStep(sequence[t], h, weights);
      expect(Array.from(states[t])).toEqual(Array.from(h));
    }
    const keras = tf.tidy(() => {
      const layer = tf.layers.simpleRNN({ units: 2, returnSequences: true, inputShape: [3, 1] });
      layer.apply(tf.input({ shape: [3, 1] }));
      // Keras multiplies row vectors: x·kernel, so kernel = Wᵀ and recurrentKernel = Uᵀ.
      layer.setWeights([tf.tensor2d([[0.5, -1]]), tf.tensor2d([[0.1, 0.3], [0.2, 0.4]]), tf.tensor1d([0, 0.1])]);
      return (layer.apply(tf.tensor3d([sequence])) as tf.Tensor).arraySync() as number[][][];
    });
    keras[0].forEach((row, t) => row.forEach((v, j) => expect(states[t][j]).toBeCloseTo(v, 6)));
  });

  it("takes another activation f and a given h_0", () => {
    // W·[2] = [1, −2]; U·[1, −1] = [−0.1, −0.1]; + b → [0.9, −2] → relu → [0.9, 0]
    const h = rnnCellStep([2], [1, -1], weights, "relu");
    expect(h[0]).toBeCloseTo(0.9, 15);
    expect(h[1]).toBe(0);
    expect(Array.from(rnnForward([[2]], weights, { hInitial: [1, -1], activation: "relu" })[0])).toEqual(Array.from(h));
  });

  it("checks shapes", () => {
    expect(() => rnnCellStep([1, 2], [0, 0], weights)).toThrow("rnnCellStep: x must have 1 values (W's columns), got 2");
    expect(() => rnnCellStep([1], [0], weights)).toThrow("rnnCellStep: hPrevious must have 2 values, got 1");
  });
});

describe("GAN objective", () => {
  it("at the equilibrium D = 1/2: V = −log 4, generator loss log 2", () => {
    const losses = ganLosses([0.5, 0.5], [0.5, 0.5, 0.5]);
    expect(losses.value).toBeCloseTo(-Math.log(4), 15);
    expect(losses.discriminator).toBeCloseTo(Math.log(4), 15);
    expect(losses.generator).toBeCloseTo(Math.log(2), 15);
    expect(losses.generatorMinimax).toBeCloseTo(-Math.log(2), 15);
  });

  it("the discriminator loss is binary cross-entropy with real → 1, fake → 0 (summed over the two halves)", () => {
    const real = [0.9, 0.8];
    const fake = [0.1, 0.3];
    const losses = ganLosses(real, fake);
    expect(losses.discriminator).toBeCloseTo(2 * binaryCrossEntropy([...real, ...fake], [1, 1, 0, 0]), 14);
    expect(losses.generator).toBeCloseTo(-(Math.log(0.1) + Math.log(0.3)) / 2, 14);
  });

  it("rejects scores that are not probabilities", () => {
    expect(() => ganLosses([1.2], [0.5])).toThrow("ganLosses: realScores must be probabilities in [0, 1], got 1.2 at index 0");
    expect(() => ganLosses([0.5], [])).toThrow("ganLosses: fakeScores must be non-empty, got 0 values");
  });
});

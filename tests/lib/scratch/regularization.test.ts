import { describe, expect, it } from "vitest";
import { scratch, tf } from "@tsdl/lib";

const { l1Penalty, l1PenaltyGradient, l2Penalty, l2PenaltyGradient, numericalGradient } = scratch;

describe("L1 and L2 penalties", () => {
  const w = [1, -2, 0, 0.5];

  it("match hand values and Keras's regularizers (λ·Σ|w|, λ·Σw²)", () => {
    expect(l1Penalty(w, 0.1)).toBeCloseTo(0.35, 15);
    expect(l2Penalty(w, 0.1)).toBeCloseTo(0.525, 15);
    const keras = tf.tidy(() => ({
      l1: tf.regularizers.l1({ l1: 0.1 }).apply(tf.tensor1d(w)).dataSync()[0],
      l2: tf.regularizers.l2({ l2: 0.1 }).apply(tf.tensor1d(w)).dataSync()[0],
    }));
    expect(l1Penalty(w, 0.1)).toBeCloseTo(keras.l1, 6);
    expect(l2Penalty(w, 0.1)).toBeCloseTo(keras.l2, 6);
  });

  it("gradients: λ·sign(w) and 2λw", () => {
    expect(Array.from(l1PenaltyGradient(w, 0.1))).toEqual([0.1, -0.1, 0, 0.1]);
    expect(Array.from(l2PenaltyGradient(w, 0.1))).toEqual([0.2, -0.4, 0, 0.1]);
    const smooth = Float64Array.from(w);
    const numeric = numericalGradient(() => l2Penalty(smooth, 0.1), smooth);
    Array.from(l2PenaltyGradient(w, 0.1)).forEach((g, i) => expect(numeric[i]).toBeCloseTo(g, 9));
  });

  it("rejects a negative strength", () => {
    expect(() => l2Penalty(w, -1)).toThrow("l2Penalty: lambda must be a non-negative number, got -1");
  });
});

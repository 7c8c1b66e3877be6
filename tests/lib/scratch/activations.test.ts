import { describe, expect, it } from "vitest";
import { scratch } from "@tsdl/lib";

const { Matrix, numericalGradient, relu, reluDerivative, sigmoid, sigmoidDerivative, softmax, softmaxBackward, softmaxJacobian, tanh, tanhDerivative } =
  scratch;

/** d/dz of an elementwise function by central differences, one point at a time. */
function slope(fn: (z: number[]) => ArrayLike<number>, z: number): number {
  const point = new Float64Array([z]);
  return numericalGradient(() => fn(Array.from(point))[0], point, 1e-6)[0];
}

describe("activations", () => {
  it("relu and its derivative (0 at the kink, as TensorFlow)", () => {
    expect(Array.from(relu([-2, 0, 3]))).toEqual([0, 0, 3]);
    expect(Array.from(reluDerivative([-2, 0, 3]))).toEqual([0, 0, 1]);
  });

  it("sigmoid: σ(0) = 1/2, σ(ln 3) = 3/4 with σ' = 3/16, and no overflow at ±800", () => {
    const s = sigmoid([0, Math.log(3), -800, 800]);
    expect(s[0]).toBe(0.5);
    expect(s[1]).toBeCloseTo(0.75, 15);
    expect(s[2]).toBe(0);
    expect(s[3]).toBe(1);
    expect(sigmoidDerivative([Math.log(3)])[0]).toBeCloseTo(3 / 16, 15);
  });

  it("tanh(ln 2) = 3/5 with tanh' = 16/25", () => {
    expect(tanh([Math.log(2)])[0]).toBeCloseTo(0.6, 15);
    expect(tanhDerivative([Math.log(2)])[0]).toBeCloseTo(0.64, 15);
  });

  it("every derivative matches a numerical derivative", () => {
    for (const z of [-2.5, -0.3, 0.7, 1.9]) {
      expect(reluDerivative([z])[0]).toBeCloseTo(slope(relu, z), 8);
      expect(sigmoidDerivative([z])[0]).toBeCloseTo(slope(sigmoid, z), 8);
      expect(tanhDerivative([z])[0]).toBeCloseTo(slope(tanh, z), 8);
    }
  });

  it("keeps a Matrix a Matrix", () => {
    const out = relu(Matrix.fromRows([[-1, 2], [3, -4]]));
    expect(out).toBeInstanceOf(Matrix);
    expect(out.toRows()).toEqual([[0, 2], [3, 0]]);
  });

  it("softmax([1, 2, 3]) and the same for logits shifted by 1000 (numerically stable)", () => {
    const expected = [0.09003057317038046, 0.24472847105479767, 0.6652409557748219];
    const plain = softmax([1, 2, 3]);
    const shifted = softmax([1001, 1002, 1003]);
    expected.forEach((v, i) => {
      expect(plain[i]).toBeCloseTo(v, 14);
      expect(shifted[i]).toBeCloseTo(v, 14);
    });
    expect(Array.from(softmax([-1000, 0])).every(Number.isFinite)).toBe(true);
  });

  it("softmax of a matrix works row by row", () => {
    const rows = softmax(Matrix.fromRows([[0, 0], [Math.log(3), 0]])).toRows();
    expect(rows[0]).toEqual([0.5, 0.5]);
    expect(rows[1][0]).toBeCloseTo(0.75, 15);
  });

  it("softmaxJacobian matches numerical derivatives and softmaxBackward equals Jᵀ·g", () => {
    const z = new Float64Array([0.2, -1.3, 0.8, 2.1]);
    const jacobian = softmaxJacobian(z);
    for (let i = 0; i < 4; i++) {
      const numeric = numericalGradient(() => softmax(z)[i], z);
      for (let j = 0; j < 4; j++) expect(jacobian.get(i, j)).toBeCloseTo(numeric[j], 9);
    }
    const g = [0.5, -1, 2, 0.25];
    const backward = softmaxBackward(Matrix.rowVector(z), Matrix.rowVector(g));
    for (let j = 0; j < 4; j++) {
      let expected = 0;
      for (let i = 0; i < 4; i++) expected += jacobian.get(i, j) * g[i];
      expect(backward.get(0, j)).toBeCloseTo(expected, 14);
    }
  });

  it("rejects an empty softmax input", () => {
    expect(() => softmax([])).toThrow("softmax: z must be non-empty, got length 0");
  });
});

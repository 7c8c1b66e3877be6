import { describe, expect, it } from "vitest";
import { scratch } from "@tsdl/lib";

const { Dropout, Matrix, invertedDropout } = scratch;

describe("inverted dropout", () => {
  it("drops about a fraction `rate` and scales survivors by 1/(1 − rate), keeping the mean", () => {
    const values = new Float64Array(100_000).fill(2);
    const { output, mask } = invertedDropout(values, 0.25, 42);
    const dropped = output.filter((v) => v === 0).length / values.length;
    expect(dropped).toBeGreaterThan(0.24);
    expect(dropped).toBeLessThan(0.26);
    expect(new Set(output)).toEqual(new Set([0, 2 / 0.75]));
    expect(new Set(mask)).toEqual(new Set([0, 1 / 0.75]));
    const mean = output.reduce((a, b) => a + b, 0) / output.length;
    expect(mean).toBeGreaterThan(1.98);
    expect(mean).toBeLessThan(2.02);
  });

  it("is repeatable with the same seed and differs with another", () => {
    const x = new Float64Array(64).fill(1);
    expect(invertedDropout(x, 0.5, 7).mask).toEqual(invertedDropout(x, 0.5, 7).mask);
    expect(invertedDropout(x, 0.5, 7).mask).not.toEqual(invertedDropout(x, 0.5, 8).mask);
  });

  it("a Dropout layer is the identity at test time and masks the gradient like the values at train time", () => {
    const layer = new Dropout(0.5, 3);
    const x = new Matrix(4, 5).map((_, i, j) => i + j + 1);
    expect(layer.forward(x, false).toRows()).toEqual(x.toRows());
    const out = layer.forward(x, true);
    const grad = layer.backward(new Matrix(4, 5).map(() => 1));
    out.data.forEach((v, i) => {
      expect(v === 0 ? 0 : v / x.data[i]).toBe(grad.data[i]);
      expect([0, 2]).toContain(grad.data[i]);
    });
  });

  it("rejects a rate outside [0, 1)", () => {
    expect(() => new Dropout(1)).toThrow("Dropout: rate must be in [0, 1), got 1");
    expect(() => invertedDropout([1], -0.1, 0)).toThrow("invertedDropout: rate must be in [0, 1), got -0.1");
  });
});

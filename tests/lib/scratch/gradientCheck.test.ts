import { describe, expect, it } from "vitest";
import { scratch } from "@tsdl/lib";

const { gradientCheck, numericalGradient, relativeError } = scratch;

describe("gradient checking", () => {
  it("central differences recover the gradient of x₀²·x₁ + sin(x₂)", () => {
    const x = new Float64Array([1.5, -2, 0.3]);
    const f = () => x[0] ** 2 * x[1] + Math.sin(x[2]);
    const numeric = numericalGradient(f, x);
    const analytic = [2 * x[0] * x[1], x[0] ** 2, Math.cos(x[2])];
    analytic.forEach((g, i) => expect(numeric[i]).toBeCloseTo(g, 9));
    expect(Array.from(x)).toEqual([1.5, -2, 0.3]);
  });

  it("relative error is ‖a − b‖ / (‖a‖ + ‖b‖)", () => {
    expect(relativeError([1, 0], [0, 1])).toBeCloseTo(Math.SQRT2 / 2, 15);
    expect(relativeError([3, 4], [3, 4])).toBe(0);
    expect(relativeError([0, 0], [0, 0])).toBe(0);
    expect(() => relativeError([1], [1, 2])).toThrow("relativeError: b must have 1 values like a, got 2");
  });

  it("flags a wrong analytic gradient", () => {
    const value = new Float64Array([0.5, -1]);
    const f = () => value[0] ** 2 + 3 * value[1];
    const right = gradientCheck(f, [{ name: "w", value, grad: new Float64Array([1, 3]) }]);
    const wrong = gradientCheck(f, [{ name: "w", value, grad: new Float64Array([1, -3]) }]);
    expect(right.maxRelativeError).toBeLessThan(1e-8);
    expect(wrong.maxRelativeError).toBeGreaterThan(0.5);
  });
});

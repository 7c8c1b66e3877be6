import { describe, expect, it } from "vitest";
import { backendReady, tf } from "@tsdl/lib";
import { SPARSE_MAX_DENSITY, sparseEnough } from "../../../lib/src/backend/wasmKernels/sparseConvGradients.js";
import type { WasmBackend } from "../../../lib/src/backend/wasmKernels/wasmBackend.js";

// Which dy the conv gradients take from its nonzero entries (kernels.test.ts checks their values).
describe("sparse conv gradients", () => {
  const decide = (dy: tf.Tensor, other: tf.Tensor) => sparseEnough(tf.backend() as unknown as WasmBackend, dy, other) !== undefined;
  const withNonzeros = (size: number, count: number) =>
    tf.tensor1d(Array.from({ length: size }, (_, i) => (i < count ? -0.5 : 0)));

  it("are used up to 1 nonzero entry in 32, then dense products are", async () => {
    await backendReady();
    expect(tf.getBackend()).toBe("wasm");
    expect(SPARSE_MAX_DENSITY).toBe(1 / 32);
    const x = tf.ones([10]);
    expect(decide(withNonzeros(3200, 0), x)).toBe(true);
    expect(decide(withNonzeros(3200, 100), x)).toBe(true);
    expect(decide(withNonzeros(3200, 101), x)).toBe(false);
    expect(decide(withNonzeros(3200, 3200), x)).toBe(false);
  });

  it("are not used when the other operand holds ∞ or NaN", () => {
    const dy = withNonzeros(3200, 10);
    expect(decide(dy, tf.tensor1d([1, Infinity, 2]))).toBe(false);
    expect(decide(dy, tf.tensor1d([1, -Infinity]))).toBe(false);
    expect(decide(dy, tf.tensor1d([Number.NaN]))).toBe(false);
    expect(decide(dy, tf.tensor1d([1, -3.4e38]))).toBe(true);
  });
});

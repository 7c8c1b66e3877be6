import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { backendReady, tf } from "@tsdl/lib";
import { binariesModuleSource, compileSimdKernels } from "../../../tools/src/simd/compileSimdKernels.js";
import { byteOffset, simdKernelsOf, type SimdKernels } from "../../../lib/src/backend/wasmKernels/simd/simdKernels.js";
import type { WasmBackend } from "../../../lib/src/backend/wasmKernels/wasmBackend.js";

const folder = new URL("../../../lib/src/backend/wasmKernels/simd/", import.meta.url);

describe("SIMD kernels", () => {
  it("are compiled from simdKernels.wat as committed (run `npm run simd` after editing it)", async () => {
    const binaries = await compileSimdKernels(readFileSync(new URL("simdKernels.wat", folder), "utf8"));
    expect(readFileSync(new URL("simdKernelsBinary.ts", folder), "utf8")).toBe(binariesModuleSource(binaries));
  });

  const withKernels = async (run: (simd: SimdKernels, at: (t: tf.Tensor) => number) => void) => {
    await backendReady();
    const backend = tf.backend() as unknown as WasmBackend;
    const simd = simdKernelsOf(backend);
    expect(simd).toBeDefined();
    run(simd as SimdKernels, (t) => byteOffset(backend, t));
  };

  it("axpy adds a multiple of x to y, the 4-float blocks and the rest", async () => {
    await withKernels(({ axpy }, at) => {
      const y = tf.tensor1d([1, 2, 3, 4, 5, 6, 7, 100]);
      const x = tf.tensor1d([10, 20, 30, 40, 50, 60, 70, 80]);
      axpy(at(y), at(x), 7, 0.5);
      expect(Array.from(y.dataSync())).toEqual([6, 12, 18, 24, 30, 36, 42, 100]);
    });
  });

  it("nonzeros lists the nonzero (and NaN) entries' indices and stops after the limit", async () => {
    await withKernels(({ nonzeros }, at) => {
      const src = tf.tensor1d([0, 0, 0, 0, 0, -2, 0, 0, 0, 0, 0, 0, Number.NaN, 0, 3]);
      const out = tf.zeros([4], "int32");
      expect(nonzeros(at(src), 15, at(out), 3)).toBe(3);
      expect(Array.from(out.dataSync()).slice(0, 3)).toEqual([5, 12, 14]);
      expect(nonzeros(at(src), 15, at(out), 1)).toBe(2);
      expect(nonzeros(at(src), 12, at(out), 3)).toBe(1);
    });
  });

  it("allFinite is 0 for ∞, −∞ or NaN anywhere, in the blocks or the rest", async () => {
    await withKernels(({ allFinite }, at) => {
      const check = (values: number[]) => allFinite(at(tf.tensor1d(values)), values.length);
      expect(check([1, -3.4e38, 0, 5, 6, 7])).toBe(1);
      expect(check([1, 2, Number.POSITIVE_INFINITY, 4, 5, 6])).toBe(0);
      expect(check([1, 2, 3, 4, 5, Number.NEGATIVE_INFINITY])).toBe(0);
      expect(check([1, 2, 3, 4, Number.NaN])).toBe(0);
    });
  });

  it("maxPoolGrad2x2 gives each window's gradient to its first maximum, and refuses a window holding NaN", async () => {
    await withKernels(({ maxPoolGrad2x2 }, at) => {
      // One 2×2 window of 4 channels: channel 0 max at place 1, channel 1 a tie of all four, channel
      // 2 max at place 3, channel 3 max at place 2. Places are row-major: (0,0), (0,1), (1,0), (1,1).
      const x = tf.tensor4d([
        [0, 5, 1, 1], [9, 5, 2, 0],
        [1, 5, 3, 7], [2, 5, 8, 6],
      ].flat(), [1, 2, 2, 4]);
      const y = tf.tensor4d([9, 5, 8, 7], [1, 1, 1, 4]);
      const dy = tf.tensor4d([10, 20, 30, 40], [1, 1, 1, 4]);
      const dx = tf.zeros([1, 2, 2, 4]);
      expect(maxPoolGrad2x2(at(x), at(y), at(dy), at(dx), 1, 2, 2, 4, 1, 1)).toBe(1);
      expect(Array.from(dx.dataSync())).toEqual([0, 20, 0, 0, 10, 0, 0, 0, 0, 0, 0, 40, 0, 0, 30, 0]);
      const withNaN = tf.tensor4d([0, 5, 1, 1, 9, Number.NaN, 2, 0, 1, 5, 3, 7, 2, 5, 8, 6], [1, 2, 2, 4]);
      expect(maxPoolGrad2x2(at(withNaN), at(y), at(dy), at(dx), 1, 2, 2, 4, 1, 1)).toBe(0);
    });
  });

  it("batchMatMul multiplies each pair of matrices, overwriting out", async () => {
    await withKernels(({ batchMatMul }, at) => {
      // Batch 0: [[1, 2, 3], [4, 5, 6]] · [[1, 0], [0, 1], [1, 1]]; batch 1: [[1, 1, 1], [0, 0, 2]] · [[2, 3], [4, 5], [6, 7]].
      const a = tf.tensor3d([1, 2, 3, 4, 5, 6, 1, 1, 1, 0, 0, 2], [2, 2, 3]);
      const b = tf.tensor3d([1, 0, 0, 1, 1, 1, 2, 3, 4, 5, 6, 7], [2, 3, 2]);
      const out = tf.fill([2, 2, 2], 99);
      batchMatMul(at(a), at(b), at(out), 2, 2, 3, 2);
      expect(Array.from(out.dataSync())).toEqual([4, 5, 10, 11, 12, 15, 12, 14]);
    });
  });
});

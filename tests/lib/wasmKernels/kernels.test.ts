import { describe, expect, it } from "vitest";
import {
  BatchMatMul, Cast, Conv2DBackpropFilter, Conv2DBackpropInput, Equal, GatherV2, Identity, MaxPoolGrad, Slice, SplitV, Sum,
  UnsortedSegmentSum, Unpack, _FusedMatMul,
} from "@tensorflow/tfjs";
import { tf, wasmTrainingKernelNames, wasmTrainingKernels } from "@tsdl/lib";
import { maxAbsDiff, onCpuAndWasm, seededNormal } from "./compareBackends.js";

const TOLERANCE = 1e-4;
const run = (name: string, inputs: tf.NamedTensorMap, attrs: object = {}) =>
  tf.engine().runKernel(name, inputs, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];

type Pad = "same" | "valid";
interface ConvCase {
  x: [number, number, number, number];
  filter: [number, number, number, number];
  stride: number | [number, number];
  pad: Pad;
}

const convCases: ConvCase[] = [];
for (const stride of [1, 2, 3]) {
  for (const pad of ["same", "valid"] as const) {
    for (const k of [1, 2, 3, 5]) {
      convCases.push({ x: [2, 9, 8, 3], filter: [k, k, 3, 4], stride, pad });
    }
  }
}
convCases.push({ x: [3, 1, 20, 6], filter: [1, 5, 6, 8], stride: 1, pad: "valid" }); // a Conv1D
convCases.push({ x: [2, 7, 11, 2], filter: [4, 2, 2, 5], stride: 2, pad: "same" }); // non-square
// The filter gradient is computed by im2col when the width's stride is 1, else by a swapped conv; the input
// gradient by col2im for strides and small outputs (the 9×8 input with a 3×3 or 5×5 valid filter), else by
// a flipped conv. Strides along one axis and many channels:
const im2colStrides: (number | [number, number])[] = [1, [2, 1], [1, 2]];
for (const stride of im2colStrides) {
  for (const pad of ["same", "valid"] as const) {
    for (const k of [1, 2, 3, 5]) {
      convCases.push({ x: [2, 5, 36, 16], filter: [k, k, 16, 4], stride, pad });
    }
  }
}
convCases.push({ x: [3, 1, 40, 24], filter: [1, 5, 24, 8], stride: 1, pad: "same" }); // a Conv1D, padded
const name = (c: ConvCase) => `x [${c.x}] filter [${c.filter}] stride ${c.stride} ${c.pad}`;

function outShapeOf(c: ConvCase): number[] {
  return tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.filter) as tf.Tensor4D, c.stride, c.pad).shape;
}

describe("wasm training kernels", () => {
  it("are registered on the wasm backend, replacing the slow or wrong ones", () => {
    expect(tf.getBackend()).toBe("wasm");
    const names = [Conv2DBackpropFilter, Conv2DBackpropInput, UnsortedSegmentSum, BatchMatMul, _FusedMatMul, Slice, SplitV, Unpack, GatherV2, MaxPoolGrad, Sum, Identity, Cast, Equal];
    expect(wasmTrainingKernelNames).toEqual(expect.arrayContaining(names));
    for (const config of wasmTrainingKernels) {
      // The function the engine dispatches to is ours, not tfjs-backend-wasm's of the same name.
      expect(tf.getKernel(config.kernelName, "wasm")?.kernelFunc, config.kernelName).toBe(config.kernelFunc);
    }
  });

  it.each(convCases)("Conv2DBackpropFilter matches cpu: %#", async (c) => {
    const runs = await onCpuAndWasm(() =>
      run("Conv2DBackpropFilter", { x: seededNormal(c.x, 1), dy: seededNormal(outShapeOf(c), 2) }, {
        strides: c.stride, pad: c.pad, dataFormat: "NHWC", filterShape: c.filter,
      }),
    );
    expect(runs.shapes[0], name(c)).toEqual(c.filter);
    expect(maxAbsDiff(runs), name(c)).toBeLessThan(TOLERANCE);
  });

  it.each(convCases)("Conv2DBackpropInput matches cpu: %#", async (c) => {
    const runs = await onCpuAndWasm(() =>
      run("Conv2DBackpropInput", { dy: seededNormal(outShapeOf(c), 3), filter: seededNormal(c.filter, 4) }, {
        strides: c.stride, pad: c.pad, dataFormat: "NHWC", inputShape: c.x,
      }),
    );
    expect(runs.shapes[0], name(c)).toEqual(c.x);
    expect(maxAbsDiff(runs), name(c)).toBeLessThan(TOLERANCE);
  });

  // A dy with ~1% nonzero entries (a global max pool's gradient is one window in ~100) is taken from its
  // nonzero entries alone (sparseConvGradients.test.ts checks that these take that path).
  const sparseCases: ConvCase[] = [
    { x: [3, 1, 100, 8], filter: [1, 5, 8, 6], stride: 1, pad: "valid" }, // the Conv1D text classifier's shape
    { x: [2, 1, 100, 8], filter: [1, 5, 8, 6], stride: 1, pad: "same" },
    { x: [2, 20, 24, 3], filter: [3, 3, 3, 4], stride: 1, pad: "same" },
    { x: [2, 21, 25, 3], filter: [5, 4, 3, 4], stride: [2, 3], pad: "same" },
    { x: [2, 21, 25, 3], filter: [2, 3, 3, 4], stride: 2, pad: "valid" },
  ];
  const sparse = (shape: number[], seed: number) =>
    tf.mul(seededNormal(shape, seed), tf.cast(tf.less(tf.randomUniform(shape, 0, 1, "float32", seed + 100), 0.01), "float32"));

  it.each(sparseCases)("Conv2DBackpropFilter matches cpu when dy is 1% nonzero: %#", async (c) => {
    const runs = await onCpuAndWasm(() =>
      run("Conv2DBackpropFilter", { x: seededNormal(c.x, 1), dy: sparse(outShapeOf(c), 2) }, {
        strides: c.stride, pad: c.pad, dataFormat: "NHWC", filterShape: c.filter,
      }),
    );
    expect(runs.cpu[0].some((v) => v !== 0), name(c)).toBe(true);
    expect(maxAbsDiff(runs), name(c)).toBeLessThan(TOLERANCE);
  });

  it.each(sparseCases)("Conv2DBackpropInput matches cpu when dy is 1% nonzero: %#", async (c) => {
    const runs = await onCpuAndWasm(() =>
      run("Conv2DBackpropInput", { dy: sparse(outShapeOf(c), 3), filter: seededNormal(c.filter, 4) }, {
        strides: c.stride, pad: c.pad, dataFormat: "NHWC", inputShape: c.x,
      }),
    );
    expect(runs.cpu[0].some((v) => v !== 0), name(c)).toBe(true);
    expect(maxAbsDiff(runs), name(c)).toBeLessThan(TOLERANCE);
  });

  it("conv gradients of a sparse dy still give 0·∞ = NaN, as the dense product does", async () => {
    const c = sparseCases[0];
    const runs = await onCpuAndWasm(() => {
      const infinite = tf.fill(c.x, Infinity);
      const dy = sparse(outShapeOf(c), 2);
      return [
        run("Conv2DBackpropFilter", { x: infinite, dy }, { strides: 1, pad: "valid", dataFormat: "NHWC", filterShape: c.filter }) as tf.Tensor,
        run("Conv2DBackpropInput", { dy, filter: tf.fill(c.filter, Infinity) }, { strides: 1, pad: "valid", dataFormat: "NHWC", inputShape: c.x }) as tf.Tensor,
      ];
    });
    expect(runs.cpu.map((v) => v.every(Number.isNaN))).toEqual([true, true]);
    expect(runs.wasm.map((v) => v.every(Number.isNaN))).toEqual([true, true]);
  });

  it("UnsortedSegmentSum adds duplicate ids and drops out-of-range ones, as TensorFlow does", async () => {
    const ids = [0, 2, 2, 5, -1, 0, 3];
    const runs = await onCpuAndWasm(() =>
      tf.unsortedSegmentSum(tf.tensor2d([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14]]), tf.tensor1d(ids, "int32"), 4),
    );
    // Hand-computed: segment 0 = rows 0 + 5, segment 2 = rows 1 + 2, segment 1 empty, ids 5 and -1 dropped.
    expect(Array.from(runs.wasm[0])).toEqual([12, 14, 0, 0, 8, 10, 13, 14]);
    expect(maxAbsDiff(runs)).toBe(0);
  });

  it("UnsortedSegmentSum matches cpu on random rows with many duplicate and out-of-range ids", async () => {
    const runs = await onCpuAndWasm(() => {
      const ids = tf.floor(tf.randomUniform([30], -2, 12, "float32", 5)).toInt() as tf.Tensor1D;
      return tf.unsortedSegmentSum(seededNormal([30, 5, 3], 6), ids, 10);
    });
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });

  it.each([
    { a: [5, 7], b: [7, 4], ta: false, tb: false },
    { a: [7, 5], b: [7, 4], ta: true, tb: false },
    { a: [5, 7], b: [4, 7], ta: false, tb: true },
    { a: [7, 5], b: [4, 7], ta: true, tb: true },
    { a: [3, 6, 5], b: [3, 4, 5], ta: false, tb: true },
    { a: [3, 5, 6], b: [1, 5, 4], ta: true, tb: false },
    { a: [2, 3, 4, 5], b: [2, 3, 5, 6], ta: false, tb: false },
    { a: [3, 6, 5], b: [5, 4], ta: false, tb: false },
    { a: [2, 3, 6, 5], b: [1, 4, 5], ta: false, tb: true },
  ])("BatchMatMul matches cpu: a $a (transposed $ta) · b $b (transposed $tb)", async ({ a, b, ta, tb }) => {
    const runs = await onCpuAndWasm(() => tf.matMul(seededNormal(a, 7), seededNormal(b, 8), ta, tb));
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });

  const fusedCases: { a: number[]; b: number[]; ta: boolean; tb: boolean; activation: string }[] = [];
  for (const [a, b] of [[[6, 5], [5, 4]], [[3, 6, 5], [3, 5, 4]]]) {
    for (const ta of [false, true]) {
      for (const tb of [false, true]) {
        const shapeA = ta ? [...a.slice(0, -2), a[a.length - 1], a[a.length - 2]] : a;
        const shapeB = tb ? [...b.slice(0, -2), b[b.length - 1], b[b.length - 2]] : b;
        fusedCases.push({ a: shapeA, b: shapeB, ta, tb, activation: "relu" });
      }
    }
  }
  for (const activation of ["linear", "relu6", "elu", "sigmoid", "leakyrelu", "prelu"]) {
    fusedCases.push({ a: [3, 5, 6], b: [3, 4, 6], ta: false, tb: true, activation });
  }
  it.each(fusedCases)("_FusedMatMul with bias + $activation matches cpu: a $a ($ta) · b $b ($tb)", async (c) => {
    const runs = await onCpuAndWasm(() =>
      tf.fused.matMul({
        a: seededNormal(c.a, 9),
        b: seededNormal(c.b, 10),
        transposeA: c.ta,
        transposeB: c.tb,
        bias: seededNormal([4], 11),
        activation: c.activation as tf.fused.Activation,
        preluActivationWeights: c.activation === "prelu" ? seededNormal([4], 12) : undefined,
        leakyreluAlpha: 0.1,
      }),
    );
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });

  it("BatchMatMul reuses a transposed weight only while it is the same tensor", async () => {
    const runs = await onCpuAndWasm(() => {
      const outs: tf.Tensor[] = [];
      for (let step = 0; step < 3; step++) {
        const w = seededNormal([6, 5], 30 + step);
        for (let t = 0; t < 4; t++) outs.push(tf.matMul(seededNormal([3, 5], 40 + t), w, false, true));
        w.dispose();
      }
      return outs;
    });
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });

  it.each(["Equal", "NotEqual", "Greater", "GreaterEqual", "Less", "LessEqual", "LogicalAnd", "LogicalOr"])(
    "%s with broadcasting matches cpu",
    async (kernel) => {
      const runs = await onCpuAndWasm(() => {
        // Small integers make equal pairs; logical kernels take bool operands.
        const ints = (shape: number[], seed: number) => tf.floor(tf.randomUniform(shape, 0, 3, "float32", seed));
        const operand = (shape: number[], seed: number) =>
          kernel.startsWith("Logical") ? tf.cast(ints(shape, seed), "bool") : ints(shape, seed);
        const a = operand([2, 3, 4], 50);
        return [
          run(kernel, { a, b: operand([2, 1, 4], 51) }),
          run(kernel, { a, b: operand([], 52) }),
          run(kernel, { a: operand([4], 53), b: a }),
          run(kernel, { a, b: operand([2, 3, 4], 54) }),
        ] as tf.Tensor[];
      });
      expect(runs.shapes).toEqual([[2, 3, 4], [2, 3, 4], [2, 3, 4], [2, 3, 4]]);
      expect(maxAbsDiff(runs)).toBe(0);
    },
  );

  it("Slice, SplitV and Unpack match cpu for ranks 1 to 5", async () => {
    const runs = await onCpuAndWasm(() => {
      const x5 = seededNormal([2, 3, 4, 5, 6], 13);
      return [
        tf.slice(seededNormal([10], 14), [3], [4]),
        tf.slice(seededNormal([6, 7], 15), [1, 2], [3, 4]),
        tf.slice(seededNormal([4, 5, 6], 16), [1, 0, 2], [2, 5, 3]),
        tf.slice(seededNormal([4, 5, 6], 16), [1, 0, 0], [2, 5, 6]),
        tf.slice(seededNormal([3, 4, 5, 6], 17), [1, 1, 1, 1], [2, 2, 2, 2]),
        tf.slice(x5, [1, 0, 1, 2, 0], [1, 3, 2, 3, 6]),
        tf.slice(x5, [0, 0, 0, 0, 0], [2, 3, 4, 5, 6]),
        ...tf.split(seededNormal([4, 9, 3], 18), [2, 3, 4], 1),
        ...tf.split(seededNormal([8, 4], 19), 4, 0),
        ...tf.unstack(seededNormal([3, 4, 5], 20), 1),
        ...tf.unstack(seededNormal([3, 4, 5], 21), 2),
        ...tf.unstack(seededNormal([3, 4], 22), 0),
      ];
    });
    expect(runs.shapes.slice(0, 3)).toEqual([[4], [3, 4], [2, 5, 3]]);
    expect(maxAbsDiff(runs)).toBe(0);
  });

  it("GatherV2 matches cpu on axes 0 and 1 with 2-D indices, and names a bad index", async () => {
    const runs = await onCpuAndWasm(() => {
      const ids = tf.tensor2d([[0, 3, 3], [9, 1, 0]], undefined, "int32");
      return [tf.gather(seededNormal([10, 4], 23), ids), tf.gather(seededNormal([3, 10, 2], 24), ids, 1)];
    });
    expect(runs.shapes).toEqual([[2, 3, 4], [3, 2, 3, 2]]);
    expect(maxAbsDiff(runs)).toBe(0);
    expect(() => tf.gather(tf.zeros([4, 2]), tf.tensor1d([1, 4], "int32"))).toThrow("GatherV2: indices[1] = 4 is not in [0, 3]");
  });

  it.each([
    { size: 2, stride: 2, pad: "valid" },
    { size: 3, stride: 3, pad: "valid" },
    // Padded below and right only: windows tile the input but the last ones reach past it.
    { size: 2, stride: 2, pad: "same" },
    { size: 3, stride: 2, pad: "same" },
    { size: 3, stride: 1, pad: "valid" },
    { size: 2, stride: 3, pad: "same" },
    // Channels in fours: 2×2 windows by simdKernels.wat's loop, the odd last row and column left at 0.
    { size: 2, stride: 2, pad: "valid", channels: 8 },
    { size: 2, stride: 2, pad: "same", channels: 4 },
  ] as { size: number; stride: number; pad: Pad; channels?: number }[])("MaxPoolGrad matches cpu, ties included: size $size stride $stride $pad channels $channels", async ({ size, stride, pad, channels = 3 }) => {
    const runs = await onCpuAndWasm(() => {
      // Small integers make ties within windows; the first maximum must get the gradient.
      const x = tf.floor(tf.randomUniform([2, 9, 7, channels], 0, 4, "float32", 25));
      return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, size, stride, pad), seededNormal(tf.maxPool(v as tf.Tensor4D, size, stride, pad).shape, 26))))(x);
    });
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });

  it("MaxPoolGrad skips NaN, gives a window of only −∞ or NaN no gradient and passes an infinite dy, as cpu does", async () => {
    const nan = Number.NaN;
    const inf = Number.POSITIVE_INFINITY;
    // Five 2×2 windows: NaN first then a tie of 2s; all −∞; all NaN; a tie of 3s around a NaN; dy = ∞.
    const rows = [
      [nan, 1, -inf, -inf, nan, nan, 3, 3, 0, 5],
      [2, 2, -inf, -inf, nan, nan, nan, 3, 1, 0],
    ];
    const runs = await onCpuAndWasm(() => {
      const x = tf.tensor4d(rows.flat(), [1, 2, 10, 1]);
      const dy = tf.tensor4d([1, 2, 3, 4, inf], [1, 1, 5, 1]);
      // The same windows in 4 channels, where simdKernels.wat's loop hands them to the search.
      const x4 = tf.tile(x, [1, 1, 1, 4]);
      const dy4 = tf.tile(dy, [1, 1, 1, 4]);
      return [
        run("MaxPoolGrad", { dy, input: x, output: tf.maxPool(x, 2, 2, "valid") }, { filterSize: 2, strides: 2, pad: "valid" }) as tf.Tensor,
        run("MaxPoolGrad", { dy: dy4, input: x4, output: tf.maxPool(x4, 2, 2, "valid") }, { filterSize: 2, strides: 2, pad: "valid" }) as tf.Tensor,
      ];
    });
    const expected = [0, 0, 0, 0, 0, 0, 4, 0, 0, inf, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    expect(Array.from(runs.wasm[0])).toEqual(expected);
    expect(Array.from(runs.cpu[0])).toEqual(expected);
    expect(Array.from(runs.wasm[1])).toEqual(expected.flatMap((v) => [v, v, v, v]));
  });

  it("MaxPoolGrad finds each window's maximum itself when the pooled output given is wrong, as cpu does", async () => {
    const runs = await onCpuAndWasm(() => {
      const x = seededNormal([2, 6, 4, 3], 29);
      const dy = seededNormal([2, 3, 2, 3], 30);
      // tfjs passes the forward output; the 2×2 windows read it, cpu ignores it.
      const wrong = tf.add(tf.maxPool(x as tf.Tensor4D, 2, 2, "valid"), tf.tensor4d([0, 0, 0.5, -0.5, 0, 0], [1, 1, 2, 3]));
      return run("MaxPoolGrad", { dy, input: x, output: wrong }, { filterSize: 2, strides: 2, pad: "valid" });
    });
    expect(maxAbsDiff(runs)).toBe(0);
  });

  it("Pow matches cpu for a scalar exponent (GELU's x³) and for tensor exponents", async () => {
    const runs = await onCpuAndWasm(() => {
      const x = seededNormal([4, 5, 6], 70);
      return [tf.pow(x, 3), tf.pow(tf.abs(x), 0.5), tf.pow(tf.abs(x), seededNormal([6], 71)), tf.pow(x, tf.scalar(2))];
    });
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });

  it("Identity and Cast share data without changing values; Cast to another dtype converts", async () => {
    const runs = await onCpuAndWasm(() => {
      const x = seededNormal([3, 4], 60);
      return [tf.clone(x), tf.cast(x, "float32"), tf.cast(tf.mul(x, 3), "int32"), tf.cast(tf.tensor1d([0, 2, -1]), "bool")];
    });
    expect(Array.from(runs.wasm[3])).toEqual([0, 1, 1]);
    expect(maxAbsDiff(runs)).toBe(0);
    const x = tf.tensor1d([1, 2]);
    const copy = tf.clone(x);
    x.dispose();
    expect(Array.from(copy.dataSync())).toEqual([1, 2]);
    copy.dispose();
  });

  it("Sum matches cpu over leading axes (bias gradients) and others", async () => {
    const runs = await onCpuAndWasm(() => {
      const x = seededNormal([4, 5, 6, 3], 27);
      // 105 rows: the leading-axes sum adds four rows at a time, then the rest one by one.
      const odd = seededNormal([3, 5, 7, 2], 28);
      return [tf.sum(x, [0, 1, 2]), tf.sum(x, [0, 1], true), tf.sum(x, 0), tf.sum(x, [1, 3]), tf.sum(x), tf.sum(x, -1), tf.sum(odd, [0, 1, 2])];
    });
    expect(runs.shapes).toEqual([[3], [1, 1, 6, 3], [5, 6, 3], [4, 6], [], [4, 5, 6], [2]]);
    expect(maxAbsDiff(runs)).toBeLessThan(TOLERANCE);
  });
  it.each([
    { shape: [2, 3, 1], reps: [1, 1, 5] },
    { shape: [1, 1, 4], reps: [3, 2, 1] },
    { shape: [2, 3], reps: [2, 3] },
    { shape: [3], reps: [4] },
    { shape: [2, 1, 3, 2], reps: [2, 3, 1, 2] },
  ])("Tile matches cpu: $shape × $reps", async ({ shape, reps }) => {
    const runs = await onCpuAndWasm(() => tf.tile(seededNormal(shape, 7), reps));
    expect(runs.shapes[0]).toEqual(shape.map((d, i) => d * reps[i]));
    expect(maxAbsDiff(runs)).toBe(0);
  });

  it("Tile repeats int32 values as tfjs-backend-cpu does", async () => {
    const runs = await onCpuAndWasm(() => tf.tile(tf.tensor2d([[1, 2], [3, 4]], undefined, "int32"), [2, 2]));
    expect(Array.from(runs.wasm[0])).toEqual([1, 2, 1, 2, 3, 4, 3, 4, 1, 2, 1, 2, 3, 4, 3, 4]);
  });
});

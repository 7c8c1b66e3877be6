import { describe, expect, it } from "vitest";
import { tf } from "@tsdl/lib";
import { courseModels, disposeBatch, FULL_SIZES, SMALL_SIZES, trainStep, type CourseModel } from "../../../bench/courseModels.js";
import { withSeededMathRandom } from "../../../lib/src/random/seededRandom.js";
import { maxAbsDiff, onCpuAndWasm, seededNormal } from "./compareBackends.js";

/** Gradients of a loss through one freshly built layer with seeded weights, weights first then input. */
function layerGradients(layer: tf.layers.Layer, input: tf.Tensor, inputIsData: boolean): tf.Tensor[] {
  layer.apply(input);
  layer.setWeights(layer.getWeights().map((w, i) => tf.mul(seededNormal(w.shape, 40 + i), 0.3)));
  const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
  const targets = inputIsData ? weights : [...weights, input];
  const loss = (...xs: tf.Tensor[]) => {
    const out = layer.apply(inputIsData ? input : xs[xs.length - 1]) as tf.Tensor;
    return tf.sum(tf.mul(out, seededNormal(out.shape, 50)));
  };
  const { grads } = tf.variableGrads(() => loss(...targets) as tf.Scalar, weights);
  const inputGrad = inputIsData ? [] : [tf.grad((x: tf.Tensor) => loss(...weights, x))(input)];
  return [...weights.map((w) => grads[w.name]), ...inputGrad];
}

describe("gradients through whole layers, wasm vs cpu", () => {
  it("Conv2D (stride 2, same padding): kernel, bias and input gradients", async () => {
    const runs = await onCpuAndWasm(() =>
      layerGradients(tf.layers.conv2d({ filters: 5, kernelSize: 3, strides: 2, padding: "same" }), seededNormal([2, 9, 9, 3], 30), false),
    );
    expect(runs.shapes).toEqual([[3, 3, 3, 5], [5], [2, 9, 9, 3]]);
    expect(maxAbsDiff(runs)).toBeLessThan(1e-4);
  });

  it("Conv1D (kernel 5, valid): kernel, bias and input gradients", async () => {
    const runs = await onCpuAndWasm(() =>
      layerGradients(tf.layers.conv1d({ filters: 6, kernelSize: 5 }), seededNormal([3, 12, 4], 31), false),
    );
    expect(runs.shapes).toEqual([[5, 4, 6], [6], [3, 12, 4]]);
    expect(maxAbsDiff(runs)).toBeLessThan(1e-4);
  });

  it("Embedding with repeated token ids: the table gradient", async () => {
    const runs = await onCpuAndWasm(() =>
      layerGradients(tf.layers.embedding({ inputDim: 20, outputDim: 4 }), tf.tensor2d([[1, 5, 5, 0], [19, 5, 1, 1]], undefined, "int32"), true),
    );
    expect(runs.shapes).toEqual([[20, 4]]);
    expect(maxAbsDiff(runs)).toBeLessThan(1e-4);
  });

  it("LSTM over 6 steps: kernel, recurrent kernel, bias and input gradients", async () => {
    const runs = await onCpuAndWasm(() => layerGradients(tf.layers.lstm({ units: 5 }), seededNormal([3, 6, 4], 32), false));
    expect(runs.shapes).toEqual([[4, 20], [5, 20], [20], [3, 6, 4]]);
    expect(maxAbsDiff(runs)).toBeLessThan(1e-4);
  });
});

async function lossesOn(backend: "cpu" | "wasm", model: CourseModel, steps: number, batchSize: number): Promise<number[]> {
  await tf.setBackend(backend);
  // Dropout draws its masks from Math.random: seeded alike, both backends drop the same units.
  return withSeededMathRandom(3, async () => {
    const built = model.build(7);
    const losses: number[] = [];
    try {
      for (let i = 0; i < steps; i++) {
        const batch = model.batch(batchSize, 100 + i);
        losses.push(await trainStep(built, batch));
        disposeBatch(batch);
      }
    } finally {
      built.dispose();
      await tf.setBackend("wasm");
    }
    return losses;
  });
}

describe("every course model trains on wasm", () => {
  it.each(courseModels(SMALL_SIZES).map((m) => [m.key, m] as const))(
    "%s: three Adam steps give the cpu backend's losses",
    async (_key, model) => {
      const cpu = await lossesOn("cpu", model, 3, 2);
      const wasm = await lossesOn("wasm", model, 3, 2);
      expect(wasm.every(Number.isFinite)).toBe(true);
      for (let i = 0; i < cpu.length; i++) expect(Math.abs(wasm[i] - cpu[i])).toBeLessThan(1e-4 * Math.max(1, Math.abs(cpu[i])));
    },
    120_000,
  );

  it.each(courseModels(FULL_SIZES).map((m) => [m.key, m] as const))(
    "%s at the course's sizes: a training step on wasm with no missing kernel",
    async (_key, model) => {
      const [loss] = await lossesOn("wasm", model, 1, model.batchSize);
      expect(Number.isFinite(loss)).toBe(true);
    },
    120_000,
  );
});

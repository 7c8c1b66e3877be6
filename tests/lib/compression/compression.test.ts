import { beforeAll, describe, expect, it } from "vitest";
import {
  dequantizeTensor,
  distill,
  loadBreastCancerTensors,
  loadDigits,
  mlpBinaryClassifier,
  pruneModel,
  quantizeModel,
  quantizeTensor,
  seededRandom,
  tf,
  train,
} from "@tsdl/lib";
import { distillationLoss } from "../../../lib/src/compression/distill.js";
import { magnitudeMask } from "../../../lib/src/compression/prune.js";
import { shuffledIndices } from "../../../lib/src/random/seededRandom.js";

function breastCancerSplit() {
  const { x, y } = loadBreastCancerTensors();
  const order = Array.from(shuffledIndices(x.shape[0], seededRandom(0)));
  const [trainIdx, testIdx] = [order.slice(0, 455), order.slice(455)];
  const xTrain = tf.gather(x, trainIdx);
  const { mean, variance } = tf.moments(xTrain, 0);
  const scale = (t: tf.Tensor) => t.sub(mean).div(variance.sqrt()) as tf.Tensor2D;
  return {
    xTrain: scale(xTrain), yTrain: tf.gather(y, trainIdx).reshape([-1, 1]),
    xTest: scale(tf.gather(x, testIdx)), yTest: tf.gather(y, testIdx),
  };
}

describe("int8 quantisation of a tensor", () => {
  it("symmetric per-tensor: scale = max|w| / 127", () => {
    const q = quantizeTensor(tf.tensor1d([-1, 0, 0.5, 1]));
    expect(q.scales[0]).toBeCloseTo(1 / 127, 7);
    expect(Array.from(q.values)).toEqual([-127, 0, 64, 127]); // 0.5·127 = 63.5 rounds to 64
    expect(Array.from(dequantizeTensor(q).dataSync())[2]).toBeCloseTo(64 / 127, 6);
  });

  it("affine: scale = (max − min) / 255 and zero point −128 − min / scale", () => {
    const q = quantizeTensor(tf.tensor1d([0, 1, 2, 3]), { scheme: "affine" });
    expect(q.scales[0]).toBeCloseTo(3 / 255, 7);
    expect(q.zeroPoints[0]).toBe(-128);
    expect(Array.from(q.values)).toEqual([-128, -43, 42, 127]);
    Array.from(dequantizeTensor(q).dataSync()).forEach((v, i) => expect(v).toBeCloseTo(i, 6));
  });

  it("per-channel: one scale per output column", () => {
    const q = quantizeTensor(tf.tensor2d([[1, 10], [-2, 5]]), { perChannel: true });
    expect(q.axis).toBe(1);
    expect(Array.from(q.scales).map((s) => s * 127)).toEqual([expect.closeTo(2, 5), expect.closeTo(10, 5)]);
    expect(Array.from(q.values)).toEqual([64, 127, -127, 64]); // 1/(2/127) = 63.5 → 64; 5/(10/127) = 63.5 → 64
  });
});

describe("compressing the breast-cancer MLP", () => {
  let data: ReturnType<typeof breastCancerSplit>;
  let model: tf.LayersModel;
  beforeAll(async () => {
    data = breastCancerSplit();
    model = mlpBinaryClassifier(30, { seed: 1 });
    await train(model, data.xTrain, data.yTrain, { epochs: 20, batchSize: 32, seed: 1, progress: false });
  });

  it("quantisation shrinks weights ~4× and costs at most 1 point of accuracy", async () => {
    const evaluate = { x: data.xTest, y: data.yTest };
    for (const options of [{}, { perChannel: true }, { perChannel: true, scheme: "affine" as const }]) {
      const { report, maxAbsError, tensors } = await quantizeModel(model, { ...options, evaluate });
      // 4,097 float32 weights = 16,388 bytes; int8 values are 4,097 bytes plus the scales.
      expect(report.bytesBefore).toBe(16_388);
      const scales = tensors.reduce((n, q) => n + q.scales.length, 0);
      expect(report.bytesAfter).toBe(4097 + 4 * scales + (options.scheme === "affine" ? scales : 0));
      expect(report.ratio).toBeGreaterThan(3.4);
      expect(report.accuracyBefore).toBeGreaterThan(0.94);
      expect(report.accuracyBefore! - report.accuracyAfter!).toBeLessThanOrEqual(0.01);
      expect(maxAbsError).toBeGreaterThan(0);
    }
  });

  it("magnitude mask zeroes exactly the smallest |w|", () => {
    expect(Array.from(magnitudeMask(tf.tensor1d([0.5, -0.1, 2, -3, 0.2]), 0.6).dataSync())).toEqual([0, 0, 1, 1, 0]);
  });

  it("80% pruning with fine-tuning keeps accuracy within 2 points and the pruned weights at zero", async () => {
    const evaluate = { x: data.xTest, y: data.yTest };
    const pruned = await pruneModel(model, {
      sparsity: 0.8, evaluate, fineTune: { x: data.xTrain, y: data.yTrain, epochs: 5, batchSize: 32, seed: 2, progress: false },
    });
    expect(pruned.sparsity).toBeCloseTo(0.8, 3);
    const { report } = pruned;
    expect(Math.abs(report.accuracyBefore! - report.accuracyAfter!)).toBeLessThanOrEqual(0.02);
    // Kernels 1,920 + 2,048 + 32 weights keep 20%; biases (97) stay dense.
    const kernels = [1920, 2048, 32];
    const kept = kernels.map((k) => k - Math.round(0.8 * k));
    expect(report.bytesAfter).toBe(kept.reduce((b, n, i) => b + 4 * n + Math.ceil(kernels[i] / 8), 0) + 4 * 97);
  });
});

describe("knowledge distillation", () => {
  it("the loss matches a hand computation", () => {
    // T = 2, α = 0.5; teacher logits [2, 0] soften to softmax([1, 0]); student [0, 0] gives [½, ½].
    const p = [Math.E / (Math.E + 1), 1 / (Math.E + 1)];
    const kl = p[0] * Math.log(p[0] / 0.5) + p[1] * Math.log(p[1] / 0.5);
    const expected = 0.5 * 4 * kl + 0.5 * Math.log(2);
    const loss = distillationLoss(tf.tensor2d([[0, 0]]), tf.tensor2d([[2, 0]]), tf.tensor2d([[1, 0]]), 2, 0.5);
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
  });

  it("a small student taught by the teacher beats the same student trained on the labels alone", async () => {
    const { images, labels } = loadDigits();
    const x = images.reshape([-1, 64]);
    const order = Array.from(shuffledIndices(x.shape[0], seededRandom(1)));
    const pick = (from: number, to: number) => [tf.gather(x, order.slice(from, to)), tf.gather(labels, order.slice(from, to))] as const;
    const [xTeach, yTeach] = pick(0, 1000);
    const [xSmall, ySmall] = pick(1000, 1100);
    const [xTest, yTest] = pick(1297, 1797);
    const mlp = (hidden: number, seed: number) => tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [64], units: hidden, activation: "relu", kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
        tf.layers.dense({ units: 10, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
      ],
    });
    const teacher = mlp(128, 10);
    teacher.compile({ optimizer: tf.train.adam(0.003), loss: (a: tf.Tensor, b: tf.Tensor) => tf.losses.softmaxCrossEntropy(a, b), metrics: ["accuracy"] });
    await train(teacher, xTeach, tf.oneHot(yTeach.toInt(), 10), { epochs: 15, batchSize: 64, seed: 3, progress: false });
    const result = await distill({
      teacher, student: mlp(16, 20), x: xSmall, y: ySmall, temperature: 4, alpha: 0.9, epochs: 40, batchSize: 20,
      learningRate: 0.005, seed: 4, evaluate: { x: xTest, y: yTest }, compareWithoutTeacher: true,
    });
    const { report, baselineAccuracy } = result;
    expect(report.bytesBefore).toBe(4 * (64 * 128 + 128 + 128 * 10 + 10));
    expect(report.bytesAfter).toBe(4 * (64 * 16 + 16 + 16 * 10 + 10));
    expect(report.accuracyBefore).toBeGreaterThan(0.9);
    expect(report.accuracyAfter!).toBeGreaterThan(baselineAccuracy! + 0.02);
  });
});

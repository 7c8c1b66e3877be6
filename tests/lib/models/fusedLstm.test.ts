import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tf } from "@tsdl/lib";
import { FusedLstm } from "../../../lib/src/models/fusedLstm.js";

type LstmArgs = Parameters<typeof tf.layers.lstm>[0];

const seeded = (shape: number[], seed: number, scale = 0.5) => tf.mul(tf.randomNormal(shape, 0, 1, "float32", seed), scale);

function maxAbsDiff(a: tf.Tensor[], b: tf.Tensor[]): number {
  expect(a.map((t) => t.shape)).toEqual(b.map((t) => t.shape));
  let max = 0;
  a.forEach((t, i) => {
    const x = t.dataSync();
    const y = b[i].dataSync();
    for (let j = 0; j < x.length; j++) max = Math.max(max, Math.abs(x[j] - y[j]));
  });
  return max;
}

/** The same LSTM built both ways, with equal seeded weights. */
function pair(args: LstmArgs, inputShape: number[]): [tf.layers.Layer, tf.layers.Layer] {
  const plain = tf.layers.lstm(args);
  const fused = new FusedLstm(args);
  const probe = tf.zeros(inputShape);
  plain.apply(probe);
  fused.apply(probe);
  const weights = plain.getWeights().map((w, i) => seeded(w.shape, 10 + i));
  plain.setWeights(weights);
  fused.setWeights(weights);
  return [plain, fused];
}

const asList = (out: tf.Tensor | tf.Tensor[] | tf.SymbolicTensor | tf.SymbolicTensor[]) =>
  (Array.isArray(out) ? out : [out]) as tf.Tensor[];

describe("FusedLstm against tfjs's LSTM on cpu", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });
  afterAll(async () => {
    await tf.setBackend("wasm");
  });

  const cases: [string, LstmArgs][] = [
    ["last output, hardSigmoid gates", { units: 5 }],
    ["sequences and states, sigmoid gates", { units: 4, returnSequences: true, returnState: true, recurrentActivation: "sigmoid" }],
    ["no bias, relu activation", { units: 3, useBias: false, activation: "relu", returnSequences: true }],
  ];

  it.each(cases)("%s: outputs and gradients of weights and input match (batch 3, 7 steps)", async (_name, args) => {
    const x = seeded([3, 7, 6], 1, 1.5);
    const [plain, fused] = pair(args, x.shape);
    expect(maxAbsDiff(asList(fused.apply(x)), asList(plain.apply(x)))).toBeLessThan(1e-5);
    // The fused path, not a fallback to tfjs's step graph: one matmul per step instead of ~15 ops.
    const kernels = async (layer: tf.layers.Layer) => (await tf.profile(() => asList(layer.apply(x)))).kernels.length;
    expect(await kernels(fused)).toBeLessThan((await kernels(plain)) / 3);
    const gradients = (layer: tf.layers.Layer) => {
      const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const loss = (input: tf.Tensor) =>
        tf.addN(asList(layer.apply(input)).map((out, i) => tf.sum(tf.mul(out, seeded(out.shape, 50 + i, 1))))) as tf.Scalar;
      const { grads } = tf.variableGrads(() => loss(x), weights);
      return [...weights.map((w) => grads[w.name]), tf.grad(loss)(x)];
    };
    expect(maxAbsDiff(gradients(fused), gradients(plain))).toBeLessThan(1e-4);
  });

  it("takes an initial state (the seq2seq decoder) and passes its gradient back", () => {
    const x = seeded([2, 5, 3], 2);
    const h0 = seeded([2, 4], 3);
    const c0 = seeded([2, 4], 4);
    const [plain, fused] = pair({ units: 4, returnSequences: true }, x.shape);
    const run = (layer: tf.layers.Layer) =>
      tf.grads((input: tf.Tensor, h: tf.Tensor, c: tf.Tensor) =>
        tf.sum(tf.square(layer.apply(input, { initialState: [h, c] }) as tf.Tensor)))([x, h0, c0]);
    expect(maxAbsDiff(run(fused), run(plain))).toBeLessThan(1e-4);
  });

  it("trains like tfjs's LSTM: five Adam steps from the same weights give the same losses and weights", async () => {
    const build = (makeLstm: (args: LstmArgs) => tf.layers.Layer) => {
      const model = tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 30, outputDim: 6, inputLength: 9 }),
          makeLstm({ units: 8 }),
          tf.layers.dense({ units: 1, activation: "sigmoid" }),
        ],
      });
      model.setWeights(model.getWeights().map((w, i) => seeded(w.shape, 20 + i)));
      model.compile({ optimizer: tf.train.adam(0.05), loss: "binaryCrossentropy" });
      return model;
    };
    const plain = build((args) => tf.layers.lstm(args));
    const fused = build((args) => new FusedLstm(args));
    const ids = tf.floor(tf.randomUniform([6, 9], 0, 30, "float32", 5));
    const labels = tf.cast(tf.greater(tf.randomUniform([6, 1], 0, 1, "float32", 6), 0.5), "float32");
    for (let step = 0; step < 5; step++) {
      const lossPlain = (await plain.trainOnBatch(ids, labels)) as number;
      const lossFused = (await fused.trainOnBatch(ids, labels)) as number;
      expect(Math.abs(lossFused - lossPlain), `step ${step}`).toBeLessThan(1e-5);
    }
    expect(maxAbsDiff(fused.getWeights(), plain.getWeights())).toBeLessThan(1e-4);
  });

  it("saves as Keras's LSTM with the same weights, so models saved before load after and back", async () => {
    const input = tf.input({ shape: [4, 3] });
    const plainModel = tf.model({ inputs: input, outputs: tf.layers.lstm({ units: 2, name: "rnn" }).apply(input) as tf.SymbolicTensor });
    const saved = await new Promise<tf.io.ModelArtifacts>((resolve) => {
      void plainModel.save(tf.io.withSaveHandler(async (artifacts) => {
        resolve(artifacts);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
      }));
    });
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved));
    expect(loaded.getLayer("rnn")).toBeInstanceOf(FusedLstm);
    const x = seeded([2, 4, 3], 7);
    expect(maxAbsDiff([loaded.predict(x) as tf.Tensor], [plainModel.predict(x) as tf.Tensor])).toBeLessThan(1e-6);
    const topology = JSON.stringify(loaded.toJSON(null, false));
    expect(topology).toContain('"class_name":"LSTM"');
  });
});

describe("FusedLstm on wasm", () => {
  it("gives the cpu backend's outputs and gradients", async () => {
    const compute = () => {
      const x = seeded([4, 12, 5], 8);
      const layer = new FusedLstm({ units: 6, returnSequences: true });
      layer.apply(x);
      layer.setWeights(layer.getWeights().map((w, i) => seeded(w.shape, 30 + i)));
      const weights = layer.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads } = tf.variableGrads(() => tf.sum(tf.square(layer.apply(x) as tf.Tensor)) as tf.Scalar, weights);
      return [value, ...weights.map((w) => grads[w.name])].map((t) => Array.from(t.dataSync()));
    };
    await tf.setBackend("cpu");
    const cpu = compute();
    await tf.setBackend("wasm");
    const wasm = compute();
    cpu.forEach((values, i) => values.forEach((v, j) => expect(Math.abs(v - wasm[i][j])).toBeLessThan(1e-4 * Math.max(1, Math.abs(v)))));
  });
});

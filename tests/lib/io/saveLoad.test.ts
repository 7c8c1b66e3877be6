import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  cnnClassifier,
  loadModel,
  mlpBinaryClassifier,
  saveModel,
  seq2seqWithAttention,
  tf,
  tinyTransformer,
} from "@tsdl/lib";

const root = mkdtempSync(join(tmpdir(), "tsdl-io-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function expectSamePredictions(model: tf.LayersModel, loaded: tf.LayersModel, inputs: tf.Tensor | tf.Tensor[]) {
  const a = model.predict(inputs) as tf.Tensor;
  const b = loaded.predict(inputs) as tf.Tensor;
  expect(b.shape).toEqual(a.shape);
  expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
}

describe("saveModel / loadModel", () => {
  it("writes tfjs-node's file:// layout: model.json with one weights group pointing at weights.bin", async () => {
    const model = mlpBinaryClassifier(30, { seed: 3 });
    const dir = join(root, "mlp");
    const result = await saveModel(model, dir);
    const json = JSON.parse(readFileSync(join(dir, "model.json"), "utf8"));
    expect(json.format).toBe("layers-model");
    expect(json.modelTopology.class_name).toBe("Sequential");
    expect(json.weightsManifest).toHaveLength(1);
    expect(json.weightsManifest[0].paths).toEqual(["weights.bin"]);
    expect(json.weightsManifest[0].weights.map((w: { shape: number[] }) => w.shape))
      .toEqual([[30, 64], [64], [64, 32], [32], [32, 1], [1]]);
    // float32: 4 bytes per parameter (30·64 + 64 + 64·32 + 32 + 32 + 1 = 4,097).
    expect(statSync(join(dir, "weights.bin")).size).toBe(4 * 4097);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(4 * 4097);
    expect(json.trainingConfig).toBeUndefined();
  });

  it("round-trips the MLP with identical predictions; with the optimizer it loads compiled", async () => {
    const model = mlpBinaryClassifier(30, { seed: 3 });
    const x = tf.randomNormal([16, 30], 0, 1, "float32", 1);
    await model.fit(x, tf.randomUniform([16, 1], 0, 1, "float32", 2).round(), { epochs: 1, verbose: 0 });
    const dir = join(root, "mlp-trained");
    await saveModel(model, dir, { includeOptimizer: true });
    expect(JSON.parse(readFileSync(join(dir, "model.json"), "utf8")).trainingConfig.loss).toBe("binary_crossentropy");
    const loaded = await loadModel(dir);
    await expectSamePredictions(model, loaded, x);
    const history = await loaded.fit(x, tf.ones([16, 1]), { epochs: 1, verbose: 0 });
    expect(history.history.loss[0]).toBeGreaterThan(0);
  });

  it("round-trips the CNN, the tiny transformer's custom layers and the seq2seq model", async () => {
    const cnn = cnnClassifier({ inputShape: [18, 18, 1], classes: 3, seed: 1 });
    await saveModel(cnn, join(root, "cnn"));
    await expectSamePredictions(cnn, await loadModel(join(root, "cnn")), tf.randomUniform([2, 18, 18, 1], 0, 1, "float32", 5));

    const gpt = tinyTransformer({ vocabSize: 7, contextLength: 5, dModel: 8, heads: 2, layers: 1, seed: 2 });
    await saveModel(gpt, join(root, "gpt"));
    await expectSamePredictions(gpt, await loadModel(join(root, "gpt")), tf.tensor2d([[1, 2, 3, 4, 5]]));

    const s2s = seq2seqWithAttention({ inputVocab: 6, outputVocab: 6, sourceLength: 3, targetLength: 3, units: 4, embeddingDim: 3 });
    await saveModel(s2s.model, join(root, "s2s"));
    await expectSamePredictions(s2s.model, await loadModel(join(root, "s2s")), [tf.tensor2d([[1, 2, 3]]), tf.tensor2d([[1, 4, 5]])]);
  });

  it("names the missing file", async () => {
    await expect(loadModel(join(root, "nowhere"))).rejects.toThrow(/loadModel needs .*nowhere.model\.json/);
  });
});

describe("tf.loadLayersModel reads the same files", () => {
  let server: Server;
  let base = "";
  beforeAll(async () => {
    server = createServer((req, res) => {
      try {
        res.end(readFileSync(join(root, decodeURIComponent(req.url ?? ""))));
      } catch {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("over HTTP with tfjs's own http handler, predicting identically", async () => {
    const model = mlpBinaryClassifier(8, { seed: 11 });
    await saveModel(model, join(root, "served"));
    const loaded = await tf.loadLayersModel(`${base}/served/model.json`);
    await expectSamePredictions(model, loaded, tf.randomNormal([4, 8], 0, 1, "float32", 6));
  });
});

import { describe, expect, it } from "vitest";
import {
  causalMask,
  generate,
  greedyDecode,
  nextTokenWindows,
  seededRandom,
  seq2seqWithAttention,
  teacherForcing,
  tf,
  tinyTransformer,
  transformerAttention,
} from "@tsdl/lib";
import { sampleFromProbabilities } from "../../../lib/src/models/tinyTransformer.js";

describe("seq2seq with attention", () => {
  it("teacher forcing shifts the targets right behind the start token", () => {
    const { decoderInput, decoderTarget } = teacherForcing([[5, 6, 7]], 1);
    expect(decoderInput.arraySync()).toEqual([[1, 5, 6]]);
    expect(decoderTarget.arraySync()).toEqual([[[5], [6], [7]]]);
  });

  it("learns to reverse short sequences and attends to the mirrored source position", async () => {
    // Tokens 2…7, start token 1; the target is the source reversed.
    const random = seededRandom(3);
    const sources = Array.from({ length: 300 }, () => Array.from({ length: 4 }, () => 2 + Math.floor(random() * 6)));
    const targets = sources.map((s) => [...s].reverse());
    const s2s = seq2seqWithAttention({
      inputVocab: 8, outputVocab: 8, sourceLength: 4, targetLength: 4, units: 32, embeddingDim: 16, seed: 5, learningRate: 0.02,
    });
    const { decoderInput, decoderTarget } = teacherForcing(targets, 1);
    await s2s.model.fit([tf.tensor2d(sources), decoderInput], decoderTarget, { epochs: 25, batchSize: 100, shuffle: false, verbose: 0 });
    const held = [[2, 3, 4, 5], [7, 6, 2, 2], [4, 4, 7, 3]];
    const { ids, attention } = greedyDecode(s2s, held, { startId: 1 });
    expect(ids).toEqual(held.map((s) => [...s].reverse()));
    expect(attention.shape).toEqual([3, 4, 4]);
    const sums = attention.sum(-1).dataSync();
    sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    // Output step t copies source position 3 − t: that position gets the largest weight.
    const first = attention.arraySync()[0];
    first.forEach((row, t) => expect(row.indexOf(Math.max(...row))).toBe(3 - t));
  }, 120_000);
});

describe("tiny transformer", () => {
  it("the causal mask blocks only future positions", () => {
    expect(causalMask(3).arraySync()).toEqual([[0, -1e9, -1e9], [0, 0, -1e9], [0, 0, 0]]);
  });

  it("an output position never depends on later input tokens", () => {
    const model = tinyTransformer({ vocabSize: 10, contextLength: 6, dModel: 16, heads: 2, layers: 1, seed: 3 });
    const a = (model.predict(tf.tensor2d([[1, 2, 3, 4, 5, 6]])) as tf.Tensor3D).arraySync()[0];
    const b = (model.predict(tf.tensor2d([[1, 2, 3, 9, 9, 9]])) as tf.Tensor3D).arraySync()[0];
    for (let t = 0; t < 3; t++) a[t].forEach((p, i) => expect(b[t][i]).toBeCloseTo(p, 6));
    expect(Math.abs(b[3][0] - a[3][0]) + Math.abs(b[3][1] - a[3][1])).toBeGreaterThan(0);
  });

  it("attention maps are causal and each row is a distribution", () => {
    const model = tinyTransformer({ vocabSize: 10, contextLength: 4, dModel: 8, heads: 2, layers: 2, seed: 5 });
    const maps = transformerAttention(model, [1, 2, 3, 4], 1);
    expect(maps.shape).toEqual([2, 4, 4]);
    for (const head of maps.arraySync()) {
      head.forEach((row, i) => {
        expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        row.slice(i + 1).forEach((w) => expect(w).toBe(0));
      });
      expect(head[0][0]).toBeCloseTo(1, 6);
    }
  });

  it("temperature 0 and top-1 pick the most probable token; sampling follows the probabilities", () => {
    const probs = [0.1, 0.6, 0.3];
    const random = seededRandom(1);
    expect(sampleFromProbabilities(probs, { temperature: 0, random })).toBe(1);
    expect(sampleFromProbabilities(probs, { topK: 1, random })).toBe(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 4000; i++) counts[sampleFromProbabilities(probs, { random })]++;
    counts.forEach((c, i) => expect(c / 4000).toBeCloseTo(probs[i], 1));
    // topK 2 renormalises 0.6 : 0.3 to 2/3 : 1/3 and never draws token 0.
    const top2 = [0, 0, 0];
    for (let i = 0; i < 3000; i++) top2[sampleFromProbabilities(probs, { topK: 2, random })]++;
    expect(top2[0]).toBe(0);
    expect(top2[1] / 3000).toBeCloseTo(2 / 3, 1);
  });

  it("learns a repeating character pattern and continues it; generation repeats with the seed", async () => {
    const text = "abcd".repeat(20);
    const ids = [...text].map((c) => c.charCodeAt(0) - 97);
    // Stride 1: every phase of the pattern appears at every position (positions are learned).
    const { x, y } = nextTokenWindows(ids, 8, 1);
    expect(x.shape).toEqual([ids.length - 8, 8]);
    expect(Array.from(y.slice([0, 0, 0], [1, 8, 1]).dataSync())).toEqual(ids.slice(1, 9));
    const model = tinyTransformer({ vocabSize: 4, contextLength: 8, dModel: 16, heads: 2, layers: 1, seed: 9, learningRate: 0.01 });
    const history = await model.fit(x, y, { epochs: 25, batchSize: 24, shuffle: false, verbose: 0 });
    const loss = history.history.loss as number[];
    expect(loss[loss.length - 1]).toBeLessThan(0.1);
    const continuation = generate(model, [0, 1], { length: 10, temperature: 0.5, seed: 4 });
    expect(continuation).toEqual([2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
    const sampled = generate(model, [2], { length: 12, temperature: 2, topK: 3, seed: 8 });
    expect(generate(model, [2], { length: 12, temperature: 2, topK: 3, seed: 8 })).toEqual(sampled);
  }, 120_000);
});

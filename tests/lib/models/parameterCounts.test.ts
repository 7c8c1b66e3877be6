import { describe, expect, it } from "vitest";
import {
  cnnClassifier,
  conv1dTextClassifier,
  lstmBinaryTextClassifier,
  lstmTextClassifier,
  mlpBinaryClassifier,
  seq2seqWithAttention,
  tinyTransformer,
} from "@tsdl/lib";

// Keras counts: Dense = in·out + out; Embedding = vocab·dim; LSTM = 4·units·(in + units + 1);
// Conv = kh·kw·in·filters + filters; LayerNormalization = 2·dim.
const dense = (i: number, o: number) => i * o + o;
const lstm = (i: number, u: number) => 4 * u * (i + u + 1);
const conv = (k: number, i: number, f: number) => k * i * f + f;

describe("seed model parameter counts match Keras", () => {
  it("MLP binary classifier: Dense(64) on 100 inputs is 6,464", () => {
    const model = mlpBinaryClassifier(100);
    expect(model.layers[0].countParams()).toBe(6464);
    expect(model.countParams()).toBe(dense(100, 64) + dense(64, 32) + dense(32, 1));
    expect(model.countParams()).toBe(8577);
  });

  it("LSTM text classifier: Embedding(10000,128) → LSTM(64) → Dense(64) → Dense(2)", () => {
    const model = lstmTextClassifier();
    expect(model.layers.map((l) => l.countParams())).toEqual([1_280_000, 49_408, 0, 4_160, 0, 130]);
    expect(model.countParams()).toBe(10000 * 128 + lstm(128, 64) + dense(64, 64) + dense(64, 2));
    expect(model.outputs[0].shape).toEqual([null, 2]);
  });

  it("binary LSTM text classifier: Embedding(10000,64) → LSTM(64) → Dense(1)", () => {
    const model = lstmBinaryTextClassifier();
    expect(model.countParams()).toBe(10000 * 64 + lstm(64, 64) + dense(64, 1));
    expect(model.countParams()).toBe(673_089);
  });

  it("CIFAR-10 CNN: 122,570 parameters, as in the Keras CNN tutorial", () => {
    const model = cnnClassifier();
    // 32 → conv 30 → pool 15 → conv 13 → pool 6 → conv 4: flatten 4·4·64 = 1024.
    expect(model.countParams()).toBe(
      conv(9, 3, 32) + conv(9, 32, 64) + conv(9, 64, 64) + dense(4 * 4 * 64, 64) + dense(64, 10),
    );
    expect(model.countParams()).toBe(122_570);
    expect(cnnClassifier({ inputShape: [28, 28, 1] }).countParams()).toBe(
      conv(9, 1, 32) + conv(9, 32, 64) + conv(9, 64, 64) + dense(3 * 3 * 64, 64) + dense(64, 10),
    );
  });

  it("Conv1D text classifier: Embedding → Conv1D(128, 5) → GlobalMaxPool → Dense(2)", () => {
    const model = conv1dTextClassifier();
    expect(model.countParams()).toBe(10000 * 128 + conv(5, 128, 128) + dense(128, 2));
    expect(model.layers[1].outputShape).toEqual([null, 96, 128]);
  });

  it("seq2seq with attention: two embeddings, two LSTMs, the attentional and output Dense", () => {
    const { model, attentionModel } = seq2seqWithAttention({
      inputVocab: 12, outputVocab: 14, sourceLength: 6, targetLength: 7, units: 16, embeddingDim: 8,
    });
    expect(model.countParams()).toBe(12 * 8 + 14 * 8 + 2 * lstm(8, 16) + dense(32, 16) + dense(16, 14));
    expect(model.outputs[0].shape).toEqual([null, 7, 14]);
    expect(attentionModel.outputs[0].shape).toEqual([null, 7, 6]);
    expect(attentionModel.countParams()).toBe(model.countParams() - dense(32, 16) - dense(16, 14));
  });

  it("tiny transformer: embeddings, per-block attention + 2 layer norms + MLP, final norm, head", () => {
    const [V, T, d, L] = [20, 16, 32, 2];
    const model = tinyTransformer({ vocabSize: V, contextLength: T, dModel: d, heads: 4, layers: L });
    const block = 4 * dense(d, d) + 2 * (2 * d) + dense(d, 4 * d) + dense(4 * d, d);
    expect(model.countParams()).toBe(V * d + T * d + L * block + 2 * d + dense(d, V));
    expect(model.countParams()).toBe(27_284);
  });
});

describe("bad arguments", () => {
  it("names the argument, the expectation and the value", () => {
    expect(() => mlpBinaryClassifier(0)).toThrow("inputDim must be a positive integer; got 0");
    expect(() => cnnClassifier({ inputShape: [16, 16, 1] })).toThrow(/at least 18×18.*16,16,1/);
    expect(() => tinyTransformer({ vocabSize: 5, contextLength: 8, dModel: 30, heads: 4 }))
      .toThrow("dModel must be divisible by heads (4); got 30");
  });
});

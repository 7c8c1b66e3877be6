import { describe, expect, it } from "vitest";
import {
  FASHION_MNIST_CLASSES,
  loadBreastCancerTensors,
  loadDigits,
  loadFashionMnist,
  loadPenguins,
  loadSentimentEn,
  loadSentimentZh,
  loadTangPoems,
  loadTinyShakespeare,
  tf,
} from "@tsdl/lib";
import { parseIdx } from "../../lib/src/datasets/idx.js";

function counts(values: ArrayLike<number>): Map<number, number> {
  const out = new Map<number, number>();
  for (const v of Array.from(values)) out.set(v, (out.get(v) ?? 0) + 1);
  return out;
}

describe("data set loaders (figures from data/README.md)", () => {
  it("breast cancer: 569 × 30 features, 212 malignant and 357 benign, no missing values", () => {
    const { x, y, featureNames } = loadBreastCancerTensors();
    expect(x.shape).toEqual([569, 30]);
    expect(featureNames.slice(0, 2)).toEqual(["mean_radius", "mean_texture"]);
    expect(featureNames.at(-1)).toBe("worst_fractal_dimension");
    expect(counts(y.dataSync())).toEqual(new Map([[0, 212], [1, 357]]));
    expect(tf.isNaN(x).any().dataSync()[0]).toBe(0);
    tf.dispose([x, y]);
  });

  it("penguins: 344 × 8 with 2 rows missing every measurement and sex missing in 11", () => {
    const df = loadPenguins();
    expect(df.shape).toEqual([344, 8]);
    const missing = df.isNa().sum({ axis: 0 });
    expect(df.columns).toEqual(["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"]);
    expect(missing.values).toEqual([0, 0, 2, 2, 2, 2, 11, 0]);
    expect(Number.isNaN((df.column("bill_length_mm").values as number[])[3])).toBe(true);
  });

  it("digits: 1,797 images of 8×8 in [0, 1], 174–183 per class", () => {
    const { images, labels } = loadDigits();
    expect(images.shape).toEqual([1797, 8, 8, 1]);
    expect(images.max().dataSync()[0]).toBe(1);
    const perClass = [...counts(labels.dataSync()).values()];
    expect(perClass).toHaveLength(10);
    expect(Math.min(...perClass)).toBe(174);
    expect(Math.max(...perClass)).toBe(183);
    tf.dispose([images, labels]);
  });

  it("Fashion-MNIST: 10,000 train and 2,000 test images of 28×28, class balance as stated", () => {
    const train = loadFashionMnist("train");
    const test = loadFashionMnist("test");
    expect(train.images.shape).toEqual([10000, 28, 28, 1]);
    expect(test.images.shape).toEqual([2000, 28, 28, 1]);
    expect(train.labels.dtype).toBe("int32");
    const trainCounts = [...counts(train.labels.dataSync()).values()];
    const testCounts = [...counts(test.labels.dataSync()).values()];
    expect([Math.min(...trainCounts), Math.max(...trainCounts)]).toEqual([942, 1027]);
    expect([Math.min(...testCounts), Math.max(...testCounts)]).toEqual([188, 219]);
    expect(FASHION_MNIST_CLASSES).toHaveLength(10);
    const pixels = train.images.dataSync();
    expect(Math.min(...pixels.subarray(0, 784))).toBe(0);
    expect(Math.max(...pixels.subarray(0, 784))).toBe(1);
    tf.dispose([train.images, train.labels, test.images, test.labels]);
  });

  it("Fashion-MNIST limit keeps the first examples and validates its argument", () => {
    const small = loadFashionMnist("test", { limit: 5 });
    expect(small.images.shape).toEqual([5, 28, 28, 1]);
    tf.dispose([small.images, small.labels]);
    expect(() => loadFashionMnist("test", { limit: 0 })).toThrow("limit must be an integer from 1 to 2000; got 0");
    expect(() => loadFashionMnist("valid" as "test")).toThrow('split must be "train" or "test"; got "valid"');
  });

  it("IDX parser rejects a wrong magic number and a short body", () => {
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 1, 0]))).toThrow(/expected magic 0x000008NN/);
    expect(() => parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 0, 3, 7]))).toThrow("header promises 3 bytes of data (3), file has 1");
  });

  it("English sentiment: 10,662 texts, 5,331 per class", () => {
    const { texts, labels } = loadSentimentEn();
    expect(texts).toHaveLength(10662);
    expect(counts(labels).get(0)).toBe(5331);
    expect(counts(labels).get(1)).toBe(5331);
    expect(texts.every((t) => t.length > 0)).toBe(true);
  });

  it("Chinese sentiment: 10,000 reviews of 5–200 characters, 5,000 per class", () => {
    const { texts, labels } = loadSentimentZh();
    expect(texts).toHaveLength(10000);
    expect(labels.filter((l) => l === 1)).toHaveLength(5000);
    const lengths = texts.map((t) => [...t].length);
    expect(Math.min(...lengths)).toBeGreaterThanOrEqual(5);
    expect(Math.max(...lengths)).toBeLessThanOrEqual(200);
  });

  it("Tiny Shakespeare: 1,115,394 characters, 65 distinct", () => {
    const text = loadTinyShakespeare();
    expect(text).toHaveLength(1115394);
    expect(new Set(text).size).toBe(65);
  });

  it("Tang poems: 5,000 poems, 226,592 characters with one newline per poem", () => {
    const poems = loadTangPoems();
    expect(poems).toHaveLength(5000);
    expect(poems.reduce((n, p) => n + [...p.text].length + 1, 0)).toBe(226592);
    expect(poems[0]).toHaveProperty("author");
    expect(poems.every((p) => /^[^，。]+[，。]/.test(p.text))).toBe(true);
  });
});

import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import { kFold, tf, trainTestSplit, trainValTestSplit } from "@tsdl/lib";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe("trainTestSplit", () => {
  it("takes ceil(testSize · n) test samples, disjoint from train, and repeats with the seed", () => {
    const x = range(10).map((i) => i * 10);
    const a = trainTestSplit(x, { testSize: 0.25, seed: 1 });
    expect(a.xTest).toHaveLength(3);
    expect(a.xTrain).toHaveLength(7);
    expect([...a.trainIndices, ...a.testIndices].sort((p, q) => p - q)).toEqual(range(10));
    expect(a.xTest).toEqual(a.testIndices.map((i) => i * 10));
    expect(trainTestSplit(x, { testSize: 0.25, seed: 1 }).testIndices).toEqual(a.testIndices);
    const others = [2, 3, 4, 5].map((seed) => trainTestSplit(x, { testSize: 0.25, seed }).testIndices.join());
    expect(new Set([a.testIndices.join(), ...others]).size).toBeGreaterThan(1);
    expect(trainTestSplit(x, { testSize: 4 }).xTest).toHaveLength(4);
  });

  it("keeps x and y aligned for arrays, tensors and DataFrames", () => {
    const x = tf.tensor2d(range(10).map((i) => [i, -i]));
    const y = tf.tensor1d(range(10));
    const s = trainTestSplit(x, y, { testSize: 0.2, seed: 7 });
    expect(s.xTest.shape).toEqual([2, 2]);
    expect((s.xTest.arraySync() as number[][]).map((r) => r[0])).toEqual(s.yTest.arraySync());
    const frame = new dfd.DataFrame({ v: range(10).map((i) => i * 2) });
    const f = trainTestSplit(frame, range(10), { seed: 3 });
    expect(f.xTrain.index).toEqual(f.trainIndices);
    expect(f.xTrain.column("v").values).toEqual(f.yTrain.map((i) => i * 2));
  });

  it("stratifies: each split keeps the class proportions", () => {
    const y = [...Array(32).fill(0), ...Array(8).fill(1)];
    const s = trainTestSplit(range(40), y, { testSize: 0.25, seed: 0, stratify: true });
    expect(s.yTest.filter((v) => v === 1)).toHaveLength(2);
    expect(s.yTest.filter((v) => v === 0)).toHaveLength(8);
    expect(s.yTrain.filter((v) => v === 1)).toHaveLength(6);
    expect(new Set([...s.trainIndices, ...s.testIndices]).size).toBe(40);
    const strings = trainTestSplit(range(6), { testSize: 0.5, seed: 2, stratify: ["a", "b", "a", "b", "a", "b"] });
    // 3 test samples over two classes of 3: 1.5 each, so one class gets 2 and the other 1.
    const evens = strings.testIndices.filter((i) => i % 2 === 0).length;
    expect([evens, 3 - evens].sort()).toEqual([1, 2]);
  });

  it.each([
    [() => trainTestSplit(range(10), { testSize: 1.5 }), "trainTestSplit: options.testSize must be a fraction in (0, 1) or a whole number below the 10 samples; got 1.5"],
    [() => trainTestSplit(range(10), { testSize: 0 }), "trainTestSplit: options.testSize must be a fraction in (0, 1) or a whole number of samples; got 0"],
    [() => trainTestSplit(range(10), range(9)), "trainTestSplit: y must be the same number of samples as x (10); got 9"],
    [() => trainTestSplit(range(4), [0, 0, 0, 1], { stratify: true }), "trainTestSplit: options.stratify must be at least 2 samples of every class; got only 1 sample of class 1"],
    [() => trainTestSplit(range(4), { stratify: true }), "trainTestSplit: options.stratify must be labels, or true together with y; got true without y"],
    [() => trainTestSplit([1]), "trainTestSplit: x must be at least 2 samples; got 1"],
    [() => trainTestSplit("abc" as unknown as number[]), `trainTestSplit: x must be an array, a tensor or a DataFrame; got "abc"`],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

describe("trainValTestSplit", () => {
  it("cuts disjoint train, validation and test splits, stratified and repeatable", () => {
    const y = [...Array(30).fill(0), ...Array(20).fill(1)];
    const s = trainValTestSplit(range(50), y, { testSize: 0.2, valSize: 0.2, seed: 4, stratify: true });
    expect([s.xTrain.length, s.xVal.length, s.xTest.length]).toEqual([30, 10, 10]);
    expect([...s.trainIndices, ...s.valIndices, ...s.testIndices].sort((a, b) => a - b)).toEqual(range(50));
    for (const part of [s.yVal, s.yTest]) expect(part.filter((v) => v === 1)).toHaveLength(4);
    expect(s.yTrain.filter((v) => v === 1)).toHaveLength(12);
    expect(trainValTestSplit(range(50), y, { testSize: 0.2, valSize: 0.2, seed: 4, stratify: true }).valIndices).toEqual(s.valIndices);
    expect(() => trainValTestSplit(range(10), { testSize: 0.5, valSize: 0.5 })).toThrow(
      "trainValTestSplit: options.valSize must be room for training samples after 5 test samples (of 10); got 5 validation samples",
    );
  });
});

describe("kFold", () => {
  it("with a seeded shuffle, the test folds partition the samples and repeat with the seed", () => {
    const folds = kFold(11, 3, { shuffle: true, seed: 5 });
    expect(folds.map((f) => f.test.length)).toEqual([4, 4, 3]);
    expect(folds.flatMap((f) => f.test).sort((a, b) => a - b)).toEqual(range(11));
    for (const f of folds) expect([...f.train, ...f.test].sort((a, b) => a - b)).toEqual(range(11));
    expect(kFold(11, 3, { shuffle: true, seed: 5 })).toEqual(folds);
    expect(folds).not.toEqual(kFold(11, 3));
  });
  it.each([
    [() => kFold(5, 1), "kFold: k must be an integer from 2 to n (5); got 1"],
    [() => kFold(5, 6), "kFold: k must be an integer from 2 to n (5); got 6"],
    [() => kFold(1.5, 2), "kFold: n must be an integer ≥ 2 (the number of samples); got 1.5"],
  ])("bad input %#", (call, message) => {
    expect(call).toThrow(message);
  });
});

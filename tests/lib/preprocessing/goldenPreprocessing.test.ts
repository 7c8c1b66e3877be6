import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as dfd from "danfojs-node";
import {
  MinMaxScaler,
  OneHotEncoder,
  StandardScaler,
  clipOutliers,
  detectOutliers,
  kFold,
  outlierBounds,
  quantile,
  tf,
} from "@tsdl/lib";

type Matrix = number[][];
interface ScalerResult {
  trainTransformed: Matrix;
  testTransformed: Matrix;
  scale: number[] | null;
  inverseOfTest: Matrix;
}
const fixtures = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/preprocessing.json", import.meta.url), "utf8")) as {
  scalers: ({ name: string; train: Matrix; test: Matrix } & Record<"minMax" | "minMaxRange" | "standard" | "standardNoMean" | "standardNoStd", ScalerResult>)[];
  oneHot: { name: string; train: (string | number)[][]; test: (string | number)[][]; categories: (string | number)[][]; trainEncoded: Matrix; testEncoded: Matrix; featureNames: string[] }[];
  kFold: { n: number; k: number; folds: { train: number[]; test: number[] }[] }[];
  outliers: {
    name: string;
    values: number[];
    q1: number;
    q3: number;
    iqrBounds: [number, number];
    iqrMask: boolean[];
    iqrClipped: number[];
    zscoreMask2: boolean[];
    zscoreBounds2: [number, number];
  }[];
};

function expectMatrixClose(actual: Matrix, expected: Matrix, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, i) =>
    row.forEach((v, j) => {
      const e = expected[i]![j]!;
      expect(Math.abs(v - e), `[${i}][${j}] ${v} vs ${e}`).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(e)));
    }),
  );
}

const makers = {
  minMax: () => new MinMaxScaler(),
  minMaxRange: () => new MinMaxScaler({ featureRange: [-1, 1] }),
  standard: () => new StandardScaler(),
  standardNoMean: () => new StandardScaler({ withMean: false }),
  standardNoStd: () => new StandardScaler({ withStd: false }),
};

describe("scalers match scikit-learn 1.2.1", () => {
  it("covers at least five inputs including a constant column and a single row", () => {
    expect(fixtures.scalers.length).toBeGreaterThanOrEqual(5);
  });
  for (const c of fixtures.scalers) {
    for (const [key, make] of Object.entries(makers) as [keyof typeof makers, () => MinMaxScaler | StandardScaler][]) {
      it(`${c.name}: ${key}`, () => {
        const expected = c[key];
        const scaler = make().fit(c.train);
        expectMatrixClose(scaler.transform(c.train), expected.trainTransformed, 1e-9);
        expectMatrixClose(scaler.transform(c.test), expected.testTransformed, 1e-9);
        expectMatrixClose(scaler.inverseTransform(c.test), expected.inverseOfTest, 1e-9);
        if (expected.scale !== null) expectMatrixClose([scaler.scale], [expected.scale], 1e-12);
      });
    }
  }

  it("keeps the container kind: tensors in, tensors out; DataFrames keep columns and index", () => {
    const c = fixtures.scalers[0]!;
    const scaler = new StandardScaler().fit(tf.tensor2d(c.train));
    const out = scaler.transform(tf.tensor2d(c.test));
    expect(out).toBeInstanceOf(tf.Tensor);
    expectMatrixClose(out.arraySync() as Matrix, c.standard.testTransformed, 1e-6);
    const frame = new dfd.DataFrame(c.test, { columns: ["a", "b", "c"], index: [10, 11, 12, 13] });
    const scaled = new MinMaxScaler().fit(new dfd.DataFrame(c.train, { columns: ["a", "b", "c"] })).transform(frame);
    expect(scaled.columns).toEqual(["a", "b", "c"]);
    expect(scaled.index).toEqual([10, 11, 12, 13]);
    expectMatrixClose(scaled.values as Matrix, c.minMax.testTransformed, 1e-9);
  });
});

describe("OneHotEncoder matches scikit-learn (handle_unknown='ignore')", () => {
  it("covers at least five inputs", () => expect(fixtures.oneHot.length).toBeGreaterThanOrEqual(5));
  for (const c of fixtures.oneHot) {
    it(c.name, () => {
      const enc = new OneHotEncoder({ handleUnknown: "ignore" }).fit(c.train);
      expect(enc.categories).toEqual(c.categories);
      expect(enc.transform(c.train)).toEqual(c.trainEncoded);
      expect(enc.transform(c.test)).toEqual(c.testEncoded);
      expect(enc.featureNamesOut(c.train[0]!.map((_, j) => `c${j}`))).toEqual(c.featureNames);
    });
  }
});

describe("kFold matches scikit-learn's KFold (no shuffle)", () => {
  for (const c of fixtures.kFold) {
    it(`n=${c.n}, k=${c.k}`, () => {
      expect(kFold(c.n, c.k)).toEqual(c.folds);
    });
  }
});

describe("outliers match numpy (linear quantiles, population std)", () => {
  it("covers at least five inputs", () => expect(fixtures.outliers.length).toBeGreaterThanOrEqual(5));
  for (const c of fixtures.outliers) {
    it(c.name, () => {
      expect(quantile(c.values, 0.25)).toBeCloseTo(c.q1, 12);
      expect(quantile(c.values, 0.75)).toBeCloseTo(c.q3, 12);
      const iqr = outlierBounds(c.values);
      expect(iqr.lower).toBeCloseTo(c.iqrBounds[0], 12);
      expect(iqr.upper).toBeCloseTo(c.iqrBounds[1], 12);
      expect(detectOutliers(c.values)).toEqual(c.iqrMask);
      clipOutliers(c.values).forEach((v, i) => expect(v).toBeCloseTo(c.iqrClipped[i]!, 12));
      const rule = { method: "zscore", threshold: 2 } as const;
      expect(detectOutliers(c.values, rule)).toEqual(c.zscoreMask2);
      const z = outlierBounds(c.values, rule);
      expect(z.lower).toBeCloseTo(c.zscoreBounds2[0], 10);
      expect(z.upper).toBeCloseTo(c.zscoreBounds2[1], 10);
    });
  }
});

import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { logLoss, meanAbsoluteError, meanSquaredError, r2Score, rocAucScore, rocCurve, type LogLossOptions } from "@tsdl/lib";

interface Curve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
}
const fixtures = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/metrics.json", import.meta.url), "utf8")) as {
  multiclassAuc: ({ name: string; yTrue: number[]; yScore: number[][] } & Record<"ovr_macro" | "ovr_weighted" | "ovo_macro" | "ovo_weighted", number>)[];
  roc: { name: string; yTrue: number[]; yScore: number[]; auc: number; drop: Curve; keep: Curve }[];
  logLoss: { name: string; yTrue: (number | string)[]; yPred: number[] | number[][]; options: LogLossOptions; logLoss: number }[];
  regression: { name: string; yTrue: number[] | number[][]; yPred: number[] | number[][]; mse: number; mae: number; r2: number }[];
};

function expectClose(actual: number[], expected: number[], digits = 12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v, `index ${i}`).toBeCloseTo(expected[i]!, digits));
}

describe("ROC curve and AUC match scikit-learn 1.2.1", () => {
  it("covers at least five inputs including ties", () => {
    expect(fixtures.roc.length).toBeGreaterThanOrEqual(5);
    expect(fixtures.roc.some((c) => c.name.includes("ties"))).toBe(true);
  });
  for (const c of fixtures.roc) {
    it(c.name, () => {
      for (const [key, dropIntermediate] of [["drop", true], ["keep", false]] as const) {
        const curve = rocCurve(c.yTrue, c.yScore, { dropIntermediate });
        expectClose(curve.fpr, c[key].fpr);
        expectClose(curve.tpr, c[key].tpr);
        expectClose(curve.thresholds, c[key].thresholds);
      }
      expect(rocAucScore(c.yTrue, c.yScore)).toBeCloseTo(c.auc, 12);
    });
  }
});

describe("multiclass ROC AUC matches scikit-learn 1.2.1 (ovr and ovo, macro and weighted)", () => {
  it("covers at least five inputs including ties", () => expect(fixtures.multiclassAuc.length).toBeGreaterThanOrEqual(5));
  for (const c of fixtures.multiclassAuc) {
    it(c.name, () => {
      for (const multiClass of ["ovr", "ovo"] as const) {
        for (const average of ["macro", "weighted"] as const) {
          expect(rocAucScore(c.yTrue, c.yScore, { multiClass, average }), `${multiClass} ${average}`).toBeCloseTo(c[`${multiClass}_${average}`], 12);
        }
      }
    });
  }
});

describe("logLoss matches scikit-learn 1.2.1 (clipping with eps, renormalised rows)", () => {
  it("covers at least five inputs", () => expect(fixtures.logLoss.length).toBeGreaterThanOrEqual(5));
  for (const c of fixtures.logLoss) {
    it(c.name, () => {
      expect(logLoss(c.yTrue, c.yPred, c.options)).toBeCloseTo(c.logLoss, 10);
    });
  }
});

describe("regression metrics match scikit-learn 1.2.1", () => {
  it("covers at least five inputs", () => expect(fixtures.regression.length).toBeGreaterThanOrEqual(5));
  for (const c of fixtures.regression) {
    it(c.name, () => {
      expect(meanSquaredError(c.yTrue, c.yPred)).toBeCloseTo(c.mse, 12);
      expect(meanAbsoluteError(c.yTrue, c.yPred)).toBeCloseTo(c.mae, 12);
      expect(r2Score(c.yTrue, c.yPred)).toBeCloseTo(c.r2, 12);
    });
  }
});

describe("ROC warnings like scikit-learn", () => {
  afterEach(() => vi.restoreAllMocks());
  it("a single class in yTrue gives NaN rates and a warning", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const curve = rocCurve([1, 1, 1], [0.2, 0.5, 0.9]);
    expect(curve.fpr.every(Number.isNaN)).toBe(true);
    // sklearn: fpr [nan nan nan], tpr [0 1/3 1], thresholds [1.9 0.9 0.2]
    expect(curve.tpr).toEqual([0, 1 / 3, 1]);
    expect(curve.thresholds).toEqual([1.9, 0.9, 0.2]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("No negative samples in yTrue"));
  });
});

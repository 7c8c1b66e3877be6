import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  accuracy,
  classificationReport,
  confusionMatrix,
  f1Score,
  precisionScore,
  recallScore,
  type Average,
  type ZeroDivision,
} from "@tsdl/lib";
import { precisionRecallFscoreSupport } from "../../../lib/src/metrics/classification.js";

type Label = number | string;
interface Score {
  average: Average;
  zeroDivision: ZeroDivision;
  posLabel: Label | null;
  precision: number;
  recall: number;
  f1: number;
}
interface Case {
  name: string;
  yTrue: Label[];
  yPred: Label[];
  accuracy: number;
  scores: Score[];
  confusionMatrix: number[][];
  confusionMatrixNormalized: Record<"true" | "pred" | "all", number[][]>;
  report: Record<string, number | { precision: number; recall: number; "f1-score": number; support: number }>;
  reportText: string;
}

const fixtures = JSON.parse(readFileSync(new URL("../../fixtures/sklearn/metrics.json", import.meta.url), "utf8")) as {
  classification: Case[];
  labelSubsets: {
    name: string;
    yTrue: Label[];
    yPred: Label[];
    labels: Label[];
    scores: Record<"micro" | "macro" | "weighted", { precision: number; recall: number; f1: number }>;
    confusionMatrix: number[][];
    reportText: string;
  }[];
};

describe("classification metrics match scikit-learn 1.2.1", () => {
  afterEach(() => vi.restoreAllMocks());
  it("covers at least five inputs including the edge cases", () => {
    expect(fixtures.classification.length).toBeGreaterThanOrEqual(5);
  });

  for (const c of fixtures.classification) {
    describe(c.name, () => {
      it("accuracy", () => {
        expect(accuracy(c.yTrue, c.yPred)).toBeCloseTo(c.accuracy, 12);
      });

      it("precision, recall and F1 for every average and zeroDivision", () => {
        vi.spyOn(console, "warn").mockImplementation(() => {});
        for (const s of c.scores) {
          const options = { average: s.average, zeroDivision: s.zeroDivision, ...(s.posLabel === null ? {} : { posLabel: s.posLabel }) };
          const where = `${s.average}/${s.zeroDivision}`;
          expect(precisionScore(c.yTrue, c.yPred, options), `precision ${where}`).toBeCloseTo(s.precision, 12);
          expect(recallScore(c.yTrue, c.yPred, options), `recall ${where}`).toBeCloseTo(s.recall, 12);
          expect(f1Score(c.yTrue, c.yPred, options), `f1 ${where}`).toBeCloseTo(s.f1, 12);
        }
      });

      it("per-label precision, recall, F1 and support (the report's class rows)", () => {
        const scores = precisionRecallFscoreSupport(c.yTrue, c.yPred, { zeroDivision: 0 });
        scores.labels.forEach((label, i) => {
          const expected = c.report[String(label)] as { precision: number; recall: number; "f1-score": number; support: number };
          expect(scores.precision[i]).toBeCloseTo(expected.precision, 12);
          expect(scores.recall[i]).toBeCloseTo(expected.recall, 12);
          expect(scores.f1[i]).toBeCloseTo(expected["f1-score"], 12);
          expect(scores.support[i]).toBe(expected.support);
        });
      });

      it("confusion matrix, raw and normalised", () => {
        expect(confusionMatrix(c.yTrue, c.yPred)).toEqual(c.confusionMatrix);
        for (const n of ["true", "pred", "all"] as const) {
          const got = confusionMatrix(c.yTrue, c.yPred, { normalize: n });
          got.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(c.confusionMatrixNormalized[n][i]![j]!, 12)));
        }
      });

      it("classification report rows and text", () => {
        vi.spyOn(console, "warn").mockImplementation(() => {});
        const report = classificationReport(c.yTrue, c.yPred, { digits: 3 });
        expect(report.text).toBe(c.reportText);
        // Row order is checked by the text; JS objects reorder integer-like keys such as "1".
        expect(report.rows.map((r) => r.label).sort()).toEqual(Object.keys(c.report).sort());
        for (const row of report.rows) {
          const expected = c.report[row.label]!;
          if (typeof expected === "number") {
            expect(row.f1Score).toBeCloseTo(expected, 12);
            expect(row.precision).toBeNull();
          } else {
            expect(row.precision).toBeCloseTo(expected.precision, 12);
            expect(row.recall).toBeCloseTo(expected.recall, 12);
            expect(row.f1Score).toBeCloseTo(expected["f1-score"], 12);
            expect(row.support).toBe(expected.support);
          }
        }
        expect(report.frame.index).toEqual(report.rows.map((r) => r.label));
        expect(report.frame.columns).toEqual(["precision", "recall", "f1-score", "support"]);
        expect(report.frame.column("f1-score").values).toEqual(report.rows.map((r) => r.f1Score));
      });
    });
  }
});

describe("explicit label lists match scikit-learn 1.2.1", () => {
  it("covers at least five inputs", () => expect(fixtures.labelSubsets.length).toBeGreaterThanOrEqual(5));
  for (const c of fixtures.labelSubsets) {
    it(c.name, () => {
      for (const average of ["micro", "macro", "weighted"] as const) {
        const options = { labels: c.labels, average, zeroDivision: 0 as const };
        expect(precisionScore(c.yTrue, c.yPred, options), `precision ${average}`).toBeCloseTo(c.scores[average].precision, 12);
        expect(recallScore(c.yTrue, c.yPred, options), `recall ${average}`).toBeCloseTo(c.scores[average].recall, 12);
        expect(f1Score(c.yTrue, c.yPred, options), `f1 ${average}`).toBeCloseTo(c.scores[average].f1, 12);
      }
      expect(confusionMatrix(c.yTrue, c.yPred, { labels: c.labels })).toEqual(c.confusionMatrix);
      expect(classificationReport(c.yTrue, c.yPred, { labels: c.labels, zeroDivision: 0, digits: 4 }).text).toBe(c.reportText);
    });
  }
});

// Public checks for notebook 05 (evaluation), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "05-evaluation.ipynb";

type Scores = { precision: number; recall: number; f1: number };
const prf = await exercise<{ prfFromConfusion(matrix: number[][]): Scores }>(NOTEBOOK, "ex05-prf-from-confusion");
prf.test("a typical matrix [[50, 10], [5, 35]]", 1, () => {
  const r = prf.exports.prfFromConfusion([[50, 10], [5, 35]]);
  expect(r.precision).toBeCloseTo(35 / 45, 12);
  expect(r.recall).toBeCloseTo(35 / 40, 12);
  expect(r.f1).toBeCloseTo(70 / 85, 12);
});
prf.test("nothing predicted positive gives zeros", 1, () => {
  expect(prf.exports.prfFromConfusion([[9, 0], [1, 0]])).toEqual({ precision: 0, recall: 0, f1: 0 });
});

const threshold = await exercise<{ bestF1Threshold(labels: number[], probabilities: number[], candidates: number[]): number }>(
  NOTEBOOK, "ex05-best-f1-threshold");
threshold.test("the smallest of the tied best thresholds", 1, () => {
  expect(threshold.exports.bestF1Threshold([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8], [0.5, 0.3, 0.2])).toBe(0.2);
});
threshold.test("a higher threshold wins when it removes false positives", 1, () => {
  expect(threshold.exports.bestF1Threshold([0, 1, 1], [0.3, 0.6, 0.9], [0.2, 0.5])).toBe(0.5);
});

const auc = await exercise<{ aucByRanks(labels: number[], scores: number[]): number }>(NOTEBOOK, "ex05-auc-by-ranks");
auc.test("scikit-learn's roc_auc_score example gives 0.75", 1, () => {
  expect(auc.exports.aucByRanks([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12);
});
auc.test("ties count one half", 1, () => {
  expect(auc.exports.aucByRanks([0, 1], [0.5, 0.5])).toBeCloseTo(0.5, 12);
});

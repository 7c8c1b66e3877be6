// Hidden tests for notebook 05 (evaluation). Expected values are scikit-learn's
// (precision_recall_fscore_support with zero_division=0, f1_score, roc_auc_score).
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "05-evaluation.ipynb";

type Scores = { precision: number; recall: number; f1: number };
const prf = await exercise<{ prfFromConfusion(matrix: number[][]): Scores }>(NOTEBOOK, "ex05-prf-from-confusion");
prf.test("reads rows as the true class: [[50, 5], [10, 35]] has precision 7/8, recall 7/9", 2, () => {
  const r = prf.exports.prfFromConfusion([[50, 5], [10, 35]]);
  expect(r.precision).toBeCloseTo(35 / 40, 12);
  expect(r.recall).toBeCloseTo(35 / 45, 12);
  expect(r.f1).toBeCloseTo(70 / 85, 12);
});
prf.test("everything predicted positive: precision 0.5, recall 1, F1 2/3", 1, () => {
  const r = prf.exports.prfFromConfusion([[0, 5], [0, 5]]);
  expect(r.precision).toBeCloseTo(0.5, 12);
  expect(r.recall).toBe(1);
  expect(r.f1).toBeCloseTo(2 / 3, 12);
});
prf.test("a perfect classifier scores 1; no positives at all scores 0 without NaN", 1, () => {
  expect(prf.exports.prfFromConfusion([[3, 0], [0, 4]])).toEqual({ precision: 1, recall: 1, f1: 1 });
  expect(prf.exports.prfFromConfusion([[10, 0], [0, 0]])).toEqual({ precision: 0, recall: 0, f1: 0 });
  expect(prf.exports.prfFromConfusion([[4, 2], [0, 0]])).toEqual({ precision: 0, recall: 0, f1: 0 });
});

const threshold = await exercise<{ bestF1Threshold(labels: number[], probabilities: number[], candidates: number[]): number }>(
  NOTEBOOK, "ex05-best-f1-threshold");
threshold.test("predicts 1 only when p > t, strictly", 2, () => {
  // t = 0.5 predicts nothing (F1 0); t = 0.1 predicts both (TP 1, FP 1: F1 2/3).
  expect(threshold.exports.bestF1Threshold([1, 0], [0.5, 0.2], [0.5, 0.1])).toBe(0.1);
});
threshold.test("when every candidate scores F1 = 0, the smallest wins", 1, () => {
  expect(threshold.exports.bestF1Threshold([0, 1], [0.1, 0.2], [0.9, 0.5])).toBe(0.5);
});
threshold.test("finds the best of many candidates without reordering them", 1, () => {
  // sklearn f1_score at t = 0.05: 2/3, 0.25: 10/13 (TP 5, FP 3), 0.6: 2/3, 0.75: 2/7
  const labels = [0, 1, 0, 1, 1, 0, 1, 0, 0, 1];
  const probabilities = [0.2, 0.9, 0.4, 0.4, 0.65, 0.1, 0.3, 0.8, 0.55, 0.7];
  const candidates = [0.75, 0.6, 0.25, 0.05];
  expect(threshold.exports.bestF1Threshold(labels, probabilities, candidates)).toBe(0.25);
  expect(candidates).toEqual([0.75, 0.6, 0.25, 0.05]);
});

const auc = await exercise<{ aucByRanks(labels: number[], scores: number[]): number }>(NOTEBOOK, "ex05-auc-by-ranks");
auc.test("matches roc_auc_score on ten samples with a tie across classes (0.7)", 2, () => {
  expect(auc.exports.aucByRanks([0, 1, 0, 1, 1, 0, 1, 0, 0, 1], [0.2, 0.9, 0.4, 0.4, 0.65, 0.1, 0.3, 0.8, 0.55, 0.7])).toBeCloseTo(0.7, 12);
});
auc.test("1 for a perfect ranking, 0 for a reversed one, 0.5 when all scores tie", 1, () => {
  expect(auc.exports.aucByRanks([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBeCloseTo(1, 12);
  expect(auc.exports.aucByRanks([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBeCloseTo(0, 12);
  expect(auc.exports.aucByRanks([0, 0, 1, 1], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
});
auc.test("depends only on the ranking, not on the scale of the scores", 1, () => {
  // 0.75 on sklearn's example; any increasing transform keeps it.
  expect(auc.exports.aucByRanks([1, 0, 1, 0], [800, 10, 35, 40])).toBeCloseTo(0.75, 12);
});

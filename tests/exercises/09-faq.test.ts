// Hidden tests for notebook 09 (FAQ); expected values worked out by hand (shown beside each).
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "09-faq.ipynb";

type Step = { samples: number; ms: number };
const throughput = await exercise<{ steadyThroughput(steps: Step[]): number }>(NOTEBOOK, "ex09-steady-throughput");
const batches = (samples: number, ms: number[]) => ms.map((m) => ({ samples, ms: m }));
throughput.test("drops only the leading slow steps; a slow step later in the run stays", 2, () => {
  // median of 40 40 40 40 400 500 800 is 40: 800 and 500 lead and exceed 80; the 400 later stays.
  // 5 steps × 64 samples in 40 + 40 + 400 + 40 + 40 = 560 ms → 571.43/s (all steps: 240.9/s; no slow steps: 1,600/s).
  expect(throughput.exports.steadyThroughput(batches(64, [800, 500, 40, 40, 400, 40, 40]))).toBeCloseTo(320 / 0.56, 6);
});
throughput.test("divides total samples by total time, with a smaller last batch", 1, () => {
  // median of 4 20 20 1000 is 20: drop 1000; 72 samples in 44 ms → 1,636.36/s (mean of the step rates: 1,733.3/s).
  expect(throughput.exports.steadyThroughput([{ samples: 32, ms: 1000 }, { samples: 32, ms: 20 }, { samples: 32, ms: 20 }, { samples: 8, ms: 4 }])).toBeCloseTo(72 / 0.044, 6);
});
throughput.test("a first step of exactly twice the median, or a run without warm-up, keeps every step", 1, () => {
  expect(throughput.exports.steadyThroughput(batches(10, [40, 20, 20, 20]))).toBeCloseTo(400, 6);
  expect(throughput.exports.steadyThroughput(batches(10, [100, 100]))).toBeCloseTo(100, 6);
});
throughput.test("names steps when there are none and ms when a duration is negative", 1, () => {
  expect(() => throughput.exports.steadyThroughput([])).toThrow(/steps/);
  expect(() => throughput.exports.steadyThroughput([{ samples: 10, ms: 20 }, { samples: 10, ms: -5 }])).toThrow(/ms/);
});

const batch = await exercise<{ largestBatch(budgetBytes: number, fixedBytes: number, bytesPerSample: number): number }>(NOTEBOOK, "ex09-largest-batch");
batch.test("rounds down to whole samples and counts a batch that fills the budget exactly", 2, () => {
  // (1,000 − 400) / 100 = 6 exactly; (8 GB − 1.2 GB) / 32 MB = 212.5 → 212
  expect(batch.exports.largestBatch(1000, 400, 100)).toBe(6);
  expect(batch.exports.largestBatch(8e9, 1.2e9, 3.2e7)).toBe(212);
});
batch.test("a budget equal to the fixed cost, or one byte short of a sample, fits 0; exactly one sample fits 1", 1, () => {
  expect(batch.exports.largestBatch(500, 500, 10)).toBe(0);
  expect(batch.exports.largestBatch(509, 500, 10)).toBe(0);
  expect(batch.exports.largestBatch(510, 500, 10)).toBe(1);
});

type Choice = { errors: { mean: number; median: number }; best: "mean" | "median" };
const imputation = await exercise<{ chooseImputation(column: number[], k: number): Choice }>(NOTEBOOK, "ex09-choose-imputation");
imputation.test("fills each fold from the other folds only, first folds larger (7 known values, k = 3)", 2, () => {
  // folds 2 4 6 | 8 10 | 12 14. Fills from the rest: 11/11, 7.6/6, 6/6 → errors (21 + 2.8 + 14) / 7 = 5.4
  // for the mean and (21 + 6 + 14) / 7 = 41/7 for the median. Fills from all values would give 24/7 each.
  const choice = imputation.exports.chooseImputation([2, Number.NaN, 4, 6, Number.NaN, 8, 10, 12, 14], 3);
  expect(choice.errors.mean).toBeCloseTo(5.4, 9);
  expect(choice.errors.median).toBeCloseTo(41 / 7, 9);
  expect(choice.best).toBe("mean");
});
imputation.test("prefers the median when an outlier drags the mean (k = 3 of 6 known values)", 1, () => {
  // folds 1 2 | 3 100 | 4 5: mean errors 53 + 97 + 44, median errors 6 + 97 + 4, over 6 values.
  const choice = imputation.exports.chooseImputation([1, 2, Number.NaN, 3, 100, 4, 5], 3);
  expect(choice).toEqual({ errors: { mean: expect.closeTo(194 / 6, 9), median: expect.closeTo(107 / 6, 9) }, best: "median" });
});
imputation.test("a tie goes to the mean; k outside 2…n is rejected, naming k", 1, () => {
  expect(imputation.exports.chooseImputation([0, 0, 10, 10], 2)).toEqual({ errors: { mean: 10, median: 10 }, best: "mean" });
  expect(() => imputation.exports.chooseImputation([1, 2, Number.NaN], 3)).toThrow(/\bk\b/);
  expect(() => imputation.exports.chooseImputation([1, 2, 3], 1)).toThrow(/\bk\b/);
});

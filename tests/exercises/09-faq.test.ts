// Hidden tests for notebook 09 (FAQ); expected values worked out by hand.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "09-faq.ipynb";

const throughput = await exercise<{ samplesPerSecond(samples: number, elapsedMs: number): number }>(NOTEBOOK, "ex09-samples-per-second");
throughput.test("converts milliseconds to seconds: an MNIST epoch of 60,000 in 12.5 s is 4,800/s", 2, () => {
  expect(throughput.exports.samplesPerSecond(60_000, 12_500)).toBeCloseTo(4800, 9);
  expect(throughput.exports.samplesPerSecond(3, 1.5)).toBeCloseTo(2000, 9);
});
throughput.test("rejects a negative time too, naming elapsedMs", 1, () => {
  expect(() => throughput.exports.samplesPerSecond(10, -5)).toThrow(/elapsedMs/);
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

type Score = { strategy: string; validationScore: number };
const imputation = await exercise<{ chooseImputation(scores: Score[]): string }>(NOTEBOOK, "ex09-choose-imputation");
imputation.test("finds the best anywhere in a longer list", 2, () => {
  expect(imputation.exports.chooseImputation([
    { strategy: "drop", validationScore: 0.82 }, { strategy: "mean", validationScore: 0.88 },
    { strategy: "knn", validationScore: 0.79 }, { strategy: "median", validationScore: 0.9 },
  ])).toBe("median");
  expect(imputation.exports.chooseImputation([{ strategy: "only", validationScore: -1 }])).toBe("only");
});
imputation.test("the first of several tied best strategies wins, and the list is unchanged", 1, () => {
  const scores = [
    { strategy: "mode", validationScore: 0.7 }, { strategy: "ffill", validationScore: 0.95 },
    { strategy: "interpolate", validationScore: 0.95 }, { strategy: "constant", validationScore: 0.95 },
  ];
  expect(imputation.exports.chooseImputation(scores)).toBe("ffill");
  expect(scores.map((s) => s.strategy)).toEqual(["mode", "ffill", "interpolate", "constant"]);
});

// Public checks for notebook 09 (FAQ), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "09-faq.ipynb";

const throughput = await exercise<{ samplesPerSecond(samples: number, elapsedMs: number): number }>(NOTEBOOK, "ex09-samples-per-second");
throughput.test("1,000 samples in 250 ms is 4,000 samples/s", 1, () => {
  expect(throughput.exports.samplesPerSecond(1000, 250)).toBeCloseTo(4000, 9);
});
throughput.test("rejects a zero time with an error naming elapsedMs", 1, () => {
  expect(() => throughput.exports.samplesPerSecond(10, 0)).toThrow(/elapsedMs/);
});

const batch = await exercise<{ largestBatch(budgetBytes: number, fixedBytes: number, bytesPerSample: number): number }>(NOTEBOOK, "ex09-largest-batch");
batch.test("fits 62 samples in 1,000 bytes with 380 fixed and 10 per sample", 1, () => {
  expect(batch.exports.largestBatch(1000, 380, 10)).toBe(62);
});
batch.test("nothing fits when the fixed cost exceeds the budget; one sample once it covers one", 1, () => {
  expect(batch.exports.largestBatch(100, 200, 1)).toBe(0);
  expect(batch.exports.largestBatch(210, 200, 10)).toBe(1);
});

type Score = { strategy: string; validationScore: number };
const imputation = await exercise<{ chooseImputation(scores: Score[]): string }>(NOTEBOOK, "ex09-choose-imputation");
imputation.test("picks the highest validation score", 1, () => {
  expect(imputation.exports.chooseImputation([{ strategy: "mean", validationScore: 0.91 }, { strategy: "median", validationScore: 0.93 }])).toBe("median");
});
imputation.test("prefers the first strategy on a tie", 1, () => {
  expect(imputation.exports.chooseImputation([{ strategy: "drop", validationScore: 0.9 }, { strategy: "mean", validationScore: 0.9 }])).toBe("drop");
});

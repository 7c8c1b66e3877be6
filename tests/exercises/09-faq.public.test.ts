// Public checks for notebook 09 (FAQ), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "09-faq.ipynb";

type Step = { samples: number; ms: number };
const throughput = await exercise<{ steadyThroughput(steps: Step[]): number }>(NOTEBOOK, "ex09-steady-throughput");
throughput.test("drops one slow first step: 96 samples in 60 ms is 1,600/s", 1, () => {
  expect(throughput.exports.steadyThroughput([{ samples: 32, ms: 500 }, { samples: 32, ms: 20 }, { samples: 32, ms: 20 }, { samples: 32, ms: 20 }])).toBeCloseTo(1600, 6);
});
throughput.test("rejects a zero duration with an error naming ms", 1, () => {
  expect(() => throughput.exports.steadyThroughput([{ samples: 10, ms: 0 }])).toThrow(/ms/);
});

const batch = await exercise<{ largestBatch(budgetBytes: number, fixedBytes: number, bytesPerSample: number): number }>(NOTEBOOK, "ex09-largest-batch");
batch.test("fits 62 samples in 1,000 bytes with 380 fixed and 10 per sample", 1, () => {
  expect(batch.exports.largestBatch(1000, 380, 10)).toBe(62);
});
batch.test("nothing fits when the fixed cost exceeds the budget; one sample once it covers one", 1, () => {
  expect(batch.exports.largestBatch(100, 200, 1)).toBe(0);
  expect(batch.exports.largestBatch(210, 200, 10)).toBe(1);
});

type Choice = { errors: { mean: number; median: number }; best: "mean" | "median" };
const imputation = await exercise<{ chooseImputation(column: number[], k: number): Choice }>(NOTEBOOK, "ex09-choose-imputation");
imputation.test("an outlier makes the median the better fill", 1, () => {
  const choice = imputation.exports.chooseImputation([1, 2, Number.NaN, 3, 100, 4, 5], 3);
  expect(choice.best).toBe("median");
  expect(choice.errors.mean).toBeCloseTo(194 / 6, 9);
  expect(choice.errors.median).toBeCloseTo(107 / 6, 9);
});

// Public checks for notebook 01 (concepts), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "01-concepts.ipynb";

const dense = await exercise<{ denseParams(inputShape: number[], units: number): number }>(NOTEBOOK, "ex01-dense-params");
dense.test("Dense(64) on 100 features has 6,464 parameters", 1, () => {
  expect(dense.exports.denseParams([100], 64)).toBe(6464);
});
dense.test("Dense(64) on 10 steps of 100 features has 6,464 parameters too", 1, () => {
  expect(dense.exports.denseParams([10, 100], 64)).toBe(6464);
});
dense.test("an empty input shape throws an error naming inputShape", 1, () => {
  expect(() => dense.exports.denseParams([], 3)).toThrow(/inputShape/);
});

const mlp = await exercise<{ mlpParams(sizes: number[]): number }>(NOTEBOOK, "ex01-mlp-params");
mlp.test("the course MLP [100, 64, 32, 1] has 8,577 parameters", 1, () => {
  expect(mlp.exports.mlpParams([100, 64, 32, 1])).toBe(8577);
});
mlp.test("a single layer [3, 2] has 8 parameters", 1, () => {
  expect(mlp.exports.mlpParams([3, 2])).toBe(8);
});

type Memory = { serve: number; train: number | null };
const memory = await exercise<{ memoryBytes(n: number, format: string): Memory }>(NOTEBOOK, "ex01-memory-bytes");
memory.test("BERT-base (110 M parameters) in float32: 440 MB to serve, 1.76 GB to train", 1, () => {
  expect(memory.exports.memoryBytes(1.1e8, "float32")).toEqual({ serve: 4.4e8, train: 1.76e9 });
});
memory.test("int8 only serves: one byte per parameter, no training", 1, () => {
  expect(memory.exports.memoryBytes(1000, "int8")).toEqual({ serve: 1000, train: null });
});
memory.test("an unknown format throws an error naming it", 1, () => {
  expect(() => memory.exports.memoryBytes(10, "float8")).toThrow(/float8/);
});

const optimal = await exercise<{ computeOptimal(budget: number, tokensPerParameter?: number): { parameters: number; tokens: number } }>(
  NOTEBOOK, "ex01-compute-optimal");
optimal.test("Chinchilla's 5.88e23 FLOPs give 70 B parameters on 1.4 T tokens", 1, () => {
  const { parameters, tokens } = optimal.exports.computeOptimal(5.88e23);
  expect(parameters / 1e10).toBeCloseTo(7, 9);
  expect(tokens / 1e12).toBeCloseTo(1.4, 9);
});
optimal.test("a negative budget throws an error naming budget", 1, () => {
  expect(() => optimal.exports.computeOptimal(-1)).toThrow(/budget/);
});

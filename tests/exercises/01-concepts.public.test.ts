// Public checks for notebook 01 (concepts), shipped to learners: the notebook's self-checks.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "01-concepts.ipynb";

const dense = await exercise<{ denseParams(inputs: number, units: number): number }>(NOTEBOOK, "ex01-dense-params");
dense.test("Dense(64) on 100 inputs has 6,464 parameters", 1, () => {
  expect(dense.exports.denseParams(100, 64)).toBe(6464);
});
dense.test("Dense(1) on 32 inputs has 33 parameters", 1, () => {
  expect(dense.exports.denseParams(32, 1)).toBe(33);
});

const mlp = await exercise<{ mlpParams(sizes: number[]): number }>(NOTEBOOK, "ex01-mlp-params");
mlp.test("the course MLP [100, 64, 32, 1] has 8,577 parameters", 1, () => {
  expect(mlp.exports.mlpParams([100, 64, 32, 1])).toBe(8577);
});
mlp.test("a single layer [3, 2] has 8 parameters", 1, () => {
  expect(mlp.exports.mlpParams([3, 2])).toBe(8);
});

const memory = await exercise<{ memoryBytes(n: number, format: string): number }>(NOTEBOOK, "ex01-memory-bytes");
memory.test("BERT-base (110 M parameters) in float32 takes 440 MB", 1, () => {
  expect(memory.exports.memoryBytes(1.1e8, "float32")).toBe(4.4e8);
});
memory.test("int8 is one byte per parameter, float16 two", 1, () => {
  expect(memory.exports.memoryBytes(1000, "int8")).toBe(1000);
  expect(memory.exports.memoryBytes(1000, "float16")).toBe(2000);
});
memory.test("an unknown format throws an error naming it", 1, () => {
  expect(() => memory.exports.memoryBytes(10, "float8")).toThrow(/float8/);
});

const flops = await exercise<{ trainingFlops(n: number, tokens: number): number }>(NOTEBOOK, "ex01-training-flops");
flops.test("GPT-3: 175 B parameters on 300 B tokens is 3.15e23 FLOPs", 1, () => {
  expect(flops.exports.trainingFlops(1.75e11, 3e11) / 1e23).toBeCloseTo(3.15, 9);
});
flops.test("the course MLP on 1,000 samples is 51,462,000 FLOPs", 1, () => {
  expect(flops.exports.trainingFlops(8577, 1000)).toBeCloseTo(51_462_000, 6);
});

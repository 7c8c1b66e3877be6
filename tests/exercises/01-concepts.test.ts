// Hidden tests for notebook 01 (concepts). Parameter counts are those Keras' model.summary()
// prints for the same layers; memory and compute follow the published model sizes.
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "01-concepts.ipynb";

const dense = await exercise<{ denseParams(inputs: number, units: number): number }>(NOTEBOOK, "ex01-dense-params");
dense.test("matches Keras' VGG16 dense layers", 2, () => {
  // fc1 25088→4096: 102,764,544; fc2 4096→4096: 16,781,312; predictions 4096→1000: 4,097,000.
  expect(dense.exports.denseParams(25088, 4096)).toBe(102_764_544);
  expect(dense.exports.denseParams(4096, 4096)).toBe(16_781_312);
  expect(dense.exports.denseParams(4096, 1000)).toBe(4_097_000);
});
dense.test("counts one bias per unit (Dense(10) on 784 inputs: 7,850; Dense(5) on 1 input: 10)", 1, () => {
  expect(dense.exports.denseParams(784, 10)).toBe(7850);
  expect(dense.exports.denseParams(1, 5)).toBe(10);
});

const mlp = await exercise<{ mlpParams(sizes: number[]): number }>(NOTEBOOK, "ex01-mlp-params");
mlp.test("Keras' mnist_mlp [784, 512, 512, 10] has 669,706 parameters", 2, () => {
  // 401,920 + 262,656 + 5,130
  expect(mlp.exports.mlpParams([784, 512, 512, 10])).toBe(669_706);
});
mlp.test("an input size alone has no parameters; one unit on it has inputs + 1", 1, () => {
  expect(mlp.exports.mlpParams([100])).toBe(0);
  expect(mlp.exports.mlpParams([100, 1])).toBe(101);
});
mlp.test("does not change the sizes array", 1, () => {
  const sizes = [4, 3, 2];
  // 4·3 + 3 + 3·2 + 2 = 23
  expect(mlp.exports.mlpParams(sizes)).toBe(23);
  expect(sizes).toEqual([4, 3, 2]);
});

const memory = await exercise<{ memoryBytes(n: number, format: string): number }>(NOTEBOOK, "ex01-memory-bytes");
memory.test("float16 is two bytes: GPT-3's 175 B parameters take 350 GB", 2, () => {
  expect(memory.exports.memoryBytes(1.75e11, "float16")).toBe(3.5e11);
  expect(memory.exports.memoryBytes(8577, "float32")).toBe(34_308);
});
memory.test("names any unknown format in its error", 1, () => {
  expect(() => memory.exports.memoryBytes(1, "bfloat16")).toThrow(/bfloat16/);
  expect(() => memory.exports.memoryBytes(1, "float64")).toThrow(/float64/);
});

const flops = await exercise<{ trainingFlops(n: number, tokens: number): number }>(NOTEBOOK, "ex01-training-flops");
flops.test("Chinchilla by 6ND: 70 B parameters on 1.4 T tokens is 5.88e23 FLOPs", 2, () => {
  expect(flops.exports.trainingFlops(7e10, 1.4e12) / 1e23).toBeCloseTo(5.88, 9);
});
flops.test("no tokens, no compute; twice the data, twice the compute", 1, () => {
  expect(flops.exports.trainingFlops(1e6, 0)).toBe(0);
  // 6 · 10⁶ parameters · 10⁶ tokens
  expect(flops.exports.trainingFlops(1e6, 1e6)).toBe(6e12);
  expect(flops.exports.trainingFlops(1e6, 2e6)).toBe(2 * flops.exports.trainingFlops(1e6, 1e6));
});

// Hidden tests for notebook 01 (concepts). Parameter counts are those Keras' model.summary()
// prints for the same layers; training memory is the ZeRO paper's account of mixed-precision Adam
// (Rajbhandari et al. 2020: 2 + 2 + 12 = 16 bytes per parameter); the compute-optimal split is
// Chinchilla's (Hoffmann et al. 2022: 70 B parameters, 1.4 T tokens, 6ND = 5.88e23 FLOPs).
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "01-concepts.ipynb";

const dense = await exercise<{ denseParams(inputShape: number[], units: number): number }>(NOTEBOOK, "ex01-dense-params");
dense.test("matches Keras' VGG16 dense layers on flat inputs", 1, () => {
  // fc1 25088→4096: 102,764,544; fc2 4096→4096: 16,781,312; predictions 4096→1000: 4,097,000.
  expect(dense.exports.denseParams([25088], 4096)).toBe(102_764_544);
  expect(dense.exports.denseParams([4096], 4096)).toBe(16_781_312);
  expect(dense.exports.denseParams([4096], 1000)).toBe(4_097_000);
});
dense.test("reads only the last axis: Dense(4096) on VGG16's unflattened [7, 7, 512] has 2,101,248, not fc1's 102,764,544", 2, () => {
  // Keras: Dense(4096) on Input((7, 7, 512)) → 512·4096 + 4096 = 2,101,248 parameters.
  expect(dense.exports.denseParams([7, 7, 512], 4096)).toBe(2_101_248);
  // Dense(128) on (100, 64), e.g. after an LSTM with return_sequences: 64·128 + 128 = 8,320.
  expect(dense.exports.denseParams([100, 64], 128)).toBe(8320);
});
dense.test("counts one bias per unit (Dense(10) on 784 inputs: 7,850; Dense(5) on 1 input: 10)", 1, () => {
  expect(dense.exports.denseParams([784], 10)).toBe(7850);
  expect(dense.exports.denseParams([1], 5)).toBe(10);
});
dense.test("does not change the input shape", 1, () => {
  const shape = [3, 2];
  expect(dense.exports.denseParams(shape, 4)).toBe(12);
  expect(shape).toEqual([3, 2]);
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

type Memory = { serve: number; train: number | null };
const memory = await exercise<{ memoryBytes(n: number, format: string): Memory }>(NOTEBOOK, "ex01-memory-bytes");
memory.test("mixed precision (float16) trains with 16 bytes per parameter, including a float32 master copy", 2, () => {
  // ZeRO: 2 (fp16 weights) + 2 (fp16 gradients) + 4 (fp32 master) + 4 + 4 (fp32 moments).
  expect(memory.exports.memoryBytes(7.5e9, "float16")).toEqual({ serve: 1.5e10, train: 1.2e11 });
  expect(memory.exports.memoryBytes(1.75e11, "bfloat16")).toEqual({ serve: 3.5e11, train: 2.8e12 });
});
memory.test("float32 training needs no master copy: 4 + 4 + 8 = 16 bytes, not 20", 2, () => {
  expect(memory.exports.memoryBytes(8577, "float32")).toEqual({ serve: 34_308, train: 137_232 });
});
memory.test("names any unknown format in its error", 1, () => {
  expect(() => memory.exports.memoryBytes(1, "float64")).toThrow(/float64/);
  expect(() => memory.exports.memoryBytes(1, "int4")).toThrow(/int4/);
});

type Plan = { parameters: number; tokens: number };
const optimal = await exercise<{ computeOptimal(budget: number, tokensPerParameter?: number): Plan }>(NOTEBOOK, "ex01-compute-optimal");
optimal.test("takes the square root: GPT-3's 3.15e23 FLOPs give 5.12e10 parameters on 1.02e12 tokens", 2, () => {
  // N = sqrt(3.15e23 / 120) = 5.1235e10, D = 20·N = 1.0247e12
  const { parameters, tokens } = optimal.exports.computeOptimal(3.15e23);
  expect(parameters / 5.1234753829798e10).toBeCloseTo(1, 9);
  expect(tokens / 1.02469507659596e12).toBeCloseTo(1, 9);
});
optimal.test("spends the budget exactly, at the ratio it is given", 2, () => {
  // ratio 1: N = D = sqrt(6e20 / 6) = 1e10; ratio 100: N = sqrt(1.2e22 / 600) = 4.472e9
  const even = optimal.exports.computeOptimal(6e20, 1);
  expect(even.parameters / 1e10).toBeCloseTo(1, 9);
  expect(even.tokens / 1e10).toBeCloseTo(1, 9);
  const long = optimal.exports.computeOptimal(1.2e22, 100);
  expect(long.parameters / 4472135954.999579).toBeCloseTo(1, 9);
  expect((6 * long.parameters * long.tokens) / 1.2e22).toBeCloseTo(1, 9);
});
optimal.test("names the bad argument: budget or tokensPerParameter", 1, () => {
  expect(() => optimal.exports.computeOptimal(0)).toThrow(/budget/);
  expect(() => optimal.exports.computeOptimal(Number.POSITIVE_INFINITY)).toThrow(/budget/);
  expect(() => optimal.exports.computeOptimal(1e20, 0)).toThrow(/tokensPerParameter/);
});

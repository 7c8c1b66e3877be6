// Hidden tests for notebook 00 (setup). Broadcast shapes are NumPy's (np.broadcast_shapes, whose
// documentation uses the [8,1,6,1] × [7,1,5] example); statistics are np.min/max/mean/std of the
// same values in float32, rounded to 4 significant digits. The exercise's own tensor count is out
// of reach (it runs in a separate process), so disposal is checked only by the notebook's self-check.
import { tf } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "00-setup.ipynb";

const broadcast = await exercise<{ broadcastShape(a: number[], b: number[]): number[] }>(NOTEBOOK, "ex00-broadcast-shape");
broadcast.test("aligns shapes from the right, not the left: [8,1,6,1] and [7,1,5] give [8,7,6,5]", 2, () => {
  expect(broadcast.exports.broadcastShape([8, 1, 6, 1], [7, 1, 5])).toEqual([8, 7, 6, 5]);
  expect(broadcast.exports.broadcastShape([15, 3, 5], [15, 1, 5])).toEqual([15, 3, 5]);
  expect(broadcast.exports.broadcastShape([5, 4], [1])).toEqual([5, 4]);
});
broadcast.test("a scalar shape [] broadcasts to anything; [1] and [1] give [1]", 1, () => {
  expect(broadcast.exports.broadcastShape([], [3, 2])).toEqual([3, 2]);
  expect(broadcast.exports.broadcastShape([3, 2], [])).toEqual([3, 2]);
  expect(broadcast.exports.broadcastShape([1], [1])).toEqual([1]);
});
broadcast.test("throws on clashing lengths instead of taking the larger one, naming both shapes", 2, () => {
  expect(() => broadcast.exports.broadcastShape([3], [4])).toThrow(/\[3\][\s\S]*\[4\]|\[4\][\s\S]*\[3\]/);
  // Aligned from the right, 1 meets 3 (fine) but 2 meets 4: NumPy refuses.
  expect(() => broadcast.exports.broadcastShape([2, 1], [8, 4, 3])).toThrow(/\[2,1\]/);
});
broadcast.test("does not change its arguments", 1, () => {
  const [a, b] = [[4, 1], [3]];
  expect(broadcast.exports.broadcastShape(a, b)).toEqual([4, 3]);
  expect(a).toEqual([4, 1]);
  expect(b).toEqual([3]);
});

const matmul = await exercise<{ timeMatmul(n: number): number }>(NOTEBOOK, "ex00-time-matmul");
matmul.test("times real work: a 320 × 320 product takes longer than an 8 × 8 one", 2, () => {
  // 320³ ≈ 3.3·10⁷ multiply-adds against 512; the fastest of three runs filters out pauses.
  // Each time is measured inside the call, so it cannot exceed the call's own duration.
  const fastest = (n: number) => Math.min(...[0, 1, 2].map(() => {
    const started = performance.now();
    const elapsed = matmul.exports.timeMatmul(n);
    expect(elapsed).toBeLessThanOrEqual(performance.now() - started);
    return elapsed;
  }));
  const small = fastest(8);
  const large = fastest(320);
  expect(Number.isFinite(large)).toBe(true);
  expect(large).toBeGreaterThan(small);
});

const stats = await exercise<{ statsBundle(t: tf.Tensor): Record<string, string> }>(NOTEBOOK, "ex00-tensor-stats");
const bundleOf = (t: tf.Tensor) => {
  const bundle = stats.exports.statsBundle(t);
  t.dispose();
  return bundle;
};
const htmlCells = (html: string) => [...html.matchAll(/<td>(.*?)<\/td>/g)].map((m) => m[1]);
stats.test("uses the population standard deviation (np.std), not the sample one (1.871)", 2, () => {
  expect(bundleOf(tf.tensor1d([-3, 0.5, 10, 2]))["text/plain"]).toBe("float32 [4]: min -3, max 10, mean 2.375, std 4.761");
  expect(bundleOf(tf.tensor1d([1, 2, 3, 4, 100]))["text/plain"]).toBe("float32 [5]: min 1, max 100, mean 22, std 39.01");
});
stats.test("averages an int32 tensor as real numbers: [[0, 1], [1, 1]] has mean 0.75, std 0.433", 2, () => {
  expect(bundleOf(tf.tensor2d([[0, 1], [1, 1]], undefined, "int32"))["text/plain"]).toBe("int32 [2,2]: min 0, max 1, mean 0.75, std 0.433");
});
stats.test("the HTML cells hold dtype, shape, min, max, mean and std in that order", 2, () => {
  const html = bundleOf(tf.tensor3d([[[7]]]))["text/html"]!;
  expect(html).toMatch(/<table[\s>]/);
  expect(htmlCells(html)).toEqual(["float32", "[1,1,1]", "7", "7", "7", "0"]);
});
stats.test("a constant tensor has std 0; an empty one throws naming its shape", 1, () => {
  expect(bundleOf(tf.fill([4], 2.5))["text/plain"]).toBe("float32 [4]: min 2.5, max 2.5, mean 2.5, std 0");
  const empty = tf.zeros([0]);
  expect(() => stats.exports.statsBundle(empty)).toThrow(/\[0\]/);
  empty.dispose();
});

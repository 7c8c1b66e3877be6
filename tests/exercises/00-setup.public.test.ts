// Public checks for notebook 00 (setup), shipped to learners: the notebook's self-checks.
import { tf } from "@tsdl/lib";
import { expect } from "vitest";
import { exercise } from "../../tools/src/grading/index.js";

const NOTEBOOK = "00-setup.ipynb";

const broadcast = await exercise<{ broadcastShape(a: number[], b: number[]): number[] }>(NOTEBOOK, "ex00-broadcast-shape");
broadcast.test("a bias [3] added to a batch [2, 3] gives [2, 3], in either order", 1, () => {
  expect(broadcast.exports.broadcastShape([3], [2, 3])).toEqual([2, 3]);
  expect(broadcast.exports.broadcastShape([2, 3], [3])).toEqual([2, 3]);
});
broadcast.test("a column [3, 1] and a row [1, 4] give [3, 4]", 1, () => {
  expect(broadcast.exports.broadcastShape([3, 1], [1, 4])).toEqual([3, 4]);
});
broadcast.test("[2, 3] and [2] are incompatible: the error names [2,3]", 1, () => {
  expect(() => broadcast.exports.broadcastShape([2, 3], [2])).toThrow(/\[2,3\]/);
});

const matmul = await exercise<{ timeMatmul(n: number): number }>(NOTEBOOK, "ex00-time-matmul");
matmul.test("returns a positive time, no longer than the call itself took", 1, () => {
  const started = performance.now();
  const elapsed = matmul.exports.timeMatmul(320);
  expect(elapsed).toBeGreaterThan(0);
  expect(elapsed).toBeLessThanOrEqual(performance.now() - started);
});

const stats = await exercise<{ statsBundle(t: tf.Tensor): Record<string, string> }>(NOTEBOOK, "ex00-tensor-stats");
stats.test("the plain text of [[1, 2, 3], [4, 5, 6]]", 1, () => {
  const t = tf.tensor2d([[1, 2, 3], [4, 5, 6]]);
  expect(stats.exports.statsBundle(t)["text/plain"]).toBe("float32 [2,3]: min 1, max 6, mean 3.5, std 1.708");
  t.dispose();
});
stats.test("an HTML table that names an int32 tensor's dtype", 1, () => {
  const t = tf.tensor1d([1, 2], "int32");
  expect(stats.exports.statsBundle(t)["text/html"]).toMatch(/<table>[\s\S]*<td>int32<\/td>/);
  t.dispose();
});
stats.test("an empty tensor throws an error naming its shape [0,3]", 1, () => {
  const t = tf.zeros([0, 3]);
  expect(() => stats.exports.statsBundle(t)).toThrow(/\[0,3\]/);
  t.dispose();
});

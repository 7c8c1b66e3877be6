import { describe, expect, it } from "vitest";
import { runNodeModule } from "../../helpers/runNode.js";

// Each way the conv and pooling gradients are computed, on seeded inputs: with stride 1 the filter
// gradient by im2col (runs of 16 to 20 floats copied by copyWithin, of 4 by a loop) and the input
// gradient by a flipped conv (3×3 on 12×20) or by col2im (5×5 on 12×20: 240/128 of a flipped conv's
// work); with stride 2 the swapped conv and col2im; 2×2 pooling's gradient and a 3×3 one's; a global max
// pool's gradient (1 entry in 240 nonzero) from its nonzero entries.
const computeOnWasm = `
import { tf, backendInfo, backendReady } from "@tsdl/lib";
await backendReady();
const x = tf.randomNormal([4, 12, 20, 8], 0, 1, "float32", 1);
const f3 = tf.randomNormal([3, 3, 8, 16], 0, 1, "float32", 2);
const f5 = tf.randomNormal([5, 5, 8, 16], 0, 1, "float32", 3);
const f1d = tf.randomNormal([1, 5, 8, 16], 0, 1, "float32", 4);
const narrow = tf.randomNormal([4, 9, 6, 8], 0, 1, "float32", 5);
const loss = (x, f3, f5, f1d) => tf.maxPool(tf.conv2d(x, f3, 1, "valid"), 2, 2, "valid").sum()
  .add(tf.conv2d(narrow, f3, 1, "valid").square().sum())
  .add(tf.conv2d(x, f5, 1, "valid").square().sum())
  .add(tf.maxPool(tf.conv2d(x, f1d, [1, 1], "same"), 3, 2, "same").sum())
  .add(tf.conv2d(x, f3, 2, "same").square().sum())
  .add(tf.max(tf.conv2d(x, f1d, 1, "same"), [1, 2]).sum());
const grads = tf.grads(loss)([x, f3, f5, f1d]);
console.log(JSON.stringify({ threads: backendInfo().threads, values: grads.map((t) => Array.from(t.dataSync())) }));
`;

function runWith(threads: string): { threads: number; values: number[][] } {
  const run = runNodeModule(computeOnWasm, { env: { TSDL_BACKEND: "wasm", TSDL_WASM_THREADS: threads } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("wasm conv and pooling gradients", () => {
  it("give the same results on two threads as on one", () => {
    const two = runWith("2");
    const one = runWith("1");
    expect([two.threads, one.threads]).toEqual([2, 1]);
    expect(two.values.map((v) => v.length)).toEqual([4 * 12 * 20 * 8, 3 * 3 * 8 * 16, 5 * 5 * 8 * 16, 1 * 5 * 8 * 16]);
    two.values.forEach((values, i) => {
      const scale = Math.max(...one.values[i].map(Math.abs));
      const worst = Math.max(...values.map((v, j) => Math.abs(v - one.values[i][j])));
      expect(worst / scale, `gradient ${i}`).toBeLessThan(1e-5);
    });
  });
});

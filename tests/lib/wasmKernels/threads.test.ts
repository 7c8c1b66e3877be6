import { afterEach, describe, expect, it, vi } from "vitest";
import { chooseWasmThreads } from "@tsdl/lib";
import { runNodeModule } from "../../helpers/runNode.js";

// Matmul, a convolution and its gradients (the kernels XNNPACK's pool runs), on seeded inputs.
const computeOnWasm = `
import { tf, backendInfo, backendReady } from "@tsdl/lib";
await backendReady();
const x = tf.randomNormal([4, 12, 12, 3], 0, 1, "float32", 1);
const filter = tf.randomNormal([3, 3, 3, 16], 0, 1, "float32", 2);
const a = tf.randomNormal([300, 200], 0, 1, "float32", 3);
const b = tf.randomNormal([200, 100], 0, 1, "float32", 4);
const [dx, dFilter] = tf.grads((x, f) => tf.conv2d(x, f, 2, "same").square().sum())([x, filter]);
const outputs = [tf.matMul(a, b), tf.conv2d(x, filter, 1, "valid"), dx, dFilter];
const info = backendInfo();
console.log(JSON.stringify({ name: info.name, threads: info.threads, note: info.threadsNote ?? null, values: outputs.map((t) => Array.from(t.dataSync())) }));
`;

function runWith(threads: string): { name: string; threads: number; note: string | null; values: number[][] } {
  const run = runNodeModule(computeOnWasm, { env: { TSDL_BACKEND: "wasm", TSDL_WASM_THREADS: threads } });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe("wasm on worker threads", () => {
  it("starts the threaded build with the asked thread count, gives the single-threaded results, and lets Node exit", () => {
    const two = runWith("2");
    const one = runWith("1");
    expect(two).toMatchObject({ name: "wasm", threads: 2, note: null });
    expect(one).toMatchObject({ name: "wasm", threads: 1 });
    expect(two.values.map((v) => v.length)).toEqual([300 * 100, 4 * 10 * 10 * 16, 4 * 12 * 12 * 3, 3 * 3 * 3 * 16]);
    two.values.forEach((values, i) => {
      const scale = Math.max(...one.values[i].map(Math.abs));
      const worst = Math.max(...values.map((v, j) => Math.abs(v - one.values[i][j])));
      expect(worst / scale, `output ${i}`).toBeLessThan(1e-5);
    });
  });

  it("rejects a bad TSDL_WASM_THREADS naming the variable and the value", () => {
    const run = runNodeModule(computeOnWasm, { env: { TSDL_BACKEND: "wasm", TSDL_WASM_THREADS: "two" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('TSDL_WASM_THREADS must be a positive integer; got "two"');
  });
});

describe("chooseWasmThreads", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("takes one thread per core on an idle machine and one on a busy one, saying why", () => {
    vi.stubEnv("TSDL_WASM_THREADS", "");
    expect(chooseWasmThreads(2, 0.4)).toEqual({ threads: 2 });
    expect(chooseWasmThreads(8, 6.5)).toEqual({ threads: 8 });
    const busy = chooseWasmThreads(2, 18.2);
    expect(busy.threads).toBe(1);
    expect(busy.why).toBe("the machine is busy (load average 18.2 on 2 cores); TSDL_WASM_THREADS=2 forces 2 threads");
    expect(chooseWasmThreads(1, 0)).toEqual({ threads: 1 });
  });

  it("lets TSDL_WASM_THREADS decide, whatever the load", () => {
    vi.stubEnv("TSDL_WASM_THREADS", "2");
    expect(chooseWasmThreads(2, 18)).toEqual({ threads: 2 });
  });
});

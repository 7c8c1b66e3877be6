import { describe, expect, it } from "vitest";
import { backendInfo, tf } from "@tsdl/lib";
import { runNodeModule } from "../helpers/runNode.js";

const printBackend = `
import { tf, backendInfo, backendReady } from "@tsdl/lib";
const syncName = tf.getBackend();
await backendReady();
console.log(JSON.stringify({ syncName, name: tf.getBackend(), info: backendInfo(), sum: tf.add(1, 2).dataSync()[0] }));
`;

describe("backend selection", () => {
  it("runs on wasm in this process when tfjs-node is absent", () => {
    expect(tf.getBackend()).toBe("wasm");
    expect(backendInfo().name).toBe("wasm");
    const tfNode = backendInfo().attempts.find((a) => a.name === "tensorflow");
    expect(tfNode?.ok).toBe(false);
    expect(tfNode?.why).toMatch(/tfjs-node is (not installed|installed but failed to load)/);
  });

  it("reports wasm synchronously after import and prints no banner", () => {
    const run = runNodeModule(printBackend, { env: { TSDL_BACKEND: undefined } });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ syncName: "wasm", name: "wasm", sum: 3 });
    expect(run.stdout + run.stderr).not.toMatch(/install our node backend/);
  });

  it("TSDL_BACKEND=cpu forces the cpu backend and says so", () => {
    const run = runNodeModule(printBackend, { env: { TSDL_BACKEND: "cpu" } });
    expect(run.status, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out).toMatchObject({ syncName: "cpu", name: "cpu", sum: 3 });
    expect(out.info.reason).toBe("TSDL_BACKEND=cpu forced the cpu backend");
    expect(run.stdout + run.stderr).not.toMatch(/Hi, looks like you are running TensorFlow\.js in Node/);
  });

  it("rejects an unknown TSDL_BACKEND naming the variable, the choices and the value", () => {
    const run = runNodeModule(printBackend, { env: { TSDL_BACKEND: "gpu" } });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('TSDL_BACKEND must be one of tensorflow, wasm, cpu; got "gpu"');
  });

  it("chooses once: importing again returns the same selection", async () => {
    const again = await import("../../lib/src/backend/selectBackend.js");
    expect(again.backendInfo()).toBe(backendInfo());
  });
});

/**
 * Worker thread inside the judge: serves the judge's blocking calls (see syncBridge.ts) by
 * driving the sandbox asynchronously, so a test can call a learner's function synchronously.
 */
import { type MessagePort, workerData } from "node:worker_threads";
import type { BridgeRequest, BridgeSettings } from "./bridgeMessages.js";
import { ExerciseHost } from "./exerciseHost.js";

interface BridgeWorkerData {
  port: MessagePort;
  signal: SharedArrayBuffer;
  settings: BridgeSettings;
}

const { port, signal, settings } = workerData as BridgeWorkerData;
const flag = new Int32Array(signal);
const host = new ExerciseHost(settings);

port.on("message", async (request: BridgeRequest) => {
  let reply;
  try {
    reply = await host.handle(request);
  } catch (error) {
    reply = { ok: false, kind: "crash", message: `the grading bridge failed: ${(error as Error).stack ?? error}` };
  }
  try {
    port.postMessage(reply);
  } catch (error) {
    // The waiting test must get an answer whatever the reply holds.
    port.postMessage({ ok: false, kind: "value", message: `the exercise's value cannot be passed to the test: ${(error as Error).message}` });
  }
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
port.on("close", () => host.close());

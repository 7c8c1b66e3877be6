import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ExerciseHost } from "../../tools/src/grading/bridge/exerciseHost.js";
import { fixtureNotebooks, SAMPLE } from "./helpers/fixtureCourse.js";

// Below the time Node takes to start a sandbox here (measured 60–130 ms), well above a load (~5 ms).
const LIMIT_MS = 40;

const hosts: ExerciseHost[] = [];
afterEach(() => hosts.splice(0).forEach((host) => host.close()));

function newHost(): ExerciseHost {
  const host = new ExerciseHost({ tempDir: mkdtempSync(path.join(os.tmpdir(), "tsdl-startup-")), memoryMb: 256 });
  hosts.push(host);
  return host;
}

describe("the learner's time limit", () => {
  it("does not include starting the sandbox process", async () => {
    // Loads the TypeScript compiler, which happens before the clock starts anyway.
    await newHost().handle({ op: "load", language: "en", notebooksDir: fixtureNotebooks, notebook: SAMPLE, exercise: "min-max-scaler", timeoutMs: 60_000 });

    const host = newHost();
    const started = performance.now();
    const loaded = await host.handle({ op: "load", language: "en", notebooksDir: fixtureNotebooks, notebook: SAMPLE, exercise: "stable-softmax", timeoutMs: LIMIT_MS });
    const elapsed = performance.now() - started;
    expect(loaded).toMatchObject({ ok: true });
    // Otherwise this machine starts Node within the limit and the test proves nothing.
    expect(elapsed).toBeGreaterThan(LIMIT_MS);

    const called = await host.handle({
      op: "call", language: "en", timeoutMs: LIMIT_MS, key: `${SAMPLE}#stable-softmax`, target: { kind: "export", exercise: `${SAMPLE}#stable-softmax`, name: "softmax" }, args: [[0, 0]], construct: false,
    });
    expect(called).toMatchObject({ ok: true, value: [0.5, 0.5] });
  });
});

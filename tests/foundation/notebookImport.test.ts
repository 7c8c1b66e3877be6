import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

// Runs cells through tslab's own converter and executor with notebooks/ as the working directory,
// exactly as the kernel compiles them (rootDir = the notebook's folder).
const runCells = `
const { createConverter } = require(${JSON.stringify(path.join(repoRoot, "node_modules/tslab/dist/converter.js"))});
const { createExecutor } = require(${JSON.stringify(path.join(repoRoot, "node_modules/tslab/dist/executor.js"))});
const { releaseHeldCells } = require("@tsdl/kernel-ext");
const cells = JSON.parse(process.argv[1]);
const conv = createConverter({ isJS: false, isBrowser: false });
const printed = [];
const executor = createExecutor(process.cwd(), { node: conv, browser: conv, close: () => conv.close() },
  { log: (v) => printed.push(v), error: (...e) => printed.push("ERROR " + e.join(" ")) });
(async () => {
  for (const cell of cells) {
    await releaseHeldCells();
    const ok = await executor.execute(cell);
    if (!ok) printed.push("FAILED " + cell);
  }
  executor.close();
  console.log(JSON.stringify(printed));
})();
`;

describe("a notebook cell imports the course packages by name", () => {
  it("type-checks and runs imports of @tsdl/lib and @tsdl/kernel-ext from notebooks/", { timeout: 240_000 }, () => {
    const cells = [
      'import { tf, backendInfo } from "@tsdl/lib";\nimport { holdNextCell } from "@tsdl/kernel-ext";',
      "const t: tf.Tensor = tf.tensor([1, 2, 3]).square();\nt.dataSync().join(',')",
      "backendInfo().name + ' ' + typeof holdNextCell",
      'const wrong: number = "text";',
    ];
    const run = spawnSync(process.execPath, ["-e", runCells, JSON.stringify(cells)], {
      cwd: path.join(repoRoot, "notebooks"),
      encoding: "utf8",
      timeout: 230_000,
    });
    expect(run.status, run.stderr).toBe(0);
    const printed = JSON.parse(run.stdout.trim().split("\n").at(-1)!);
    expect(printed.slice(0, 2)).toEqual(["1,4,9", "wasm function"]);
    expect(printed[2]).toMatch(/ERROR .*Type 'string' is not assignable to type 'number'/);
    expect(printed[3]).toBe(`FAILED ${cells[3]}`);
  });

  it("type-checks and runs the Chinese edition's import of @tsdl/lib/zh from notebooks/zh/", { timeout: 240_000 }, () => {
    const cells = [
      'import { FASHION_MNIST_CLASSES, trainingCurves } from "@tsdl/lib/zh";',
      "const first: string = FASHION_MNIST_CLASSES[0];\nfirst",
      "trainingCurves({ loss: [1, 0.5] }).layout.title.text",
    ];
    const run = spawnSync(process.execPath, ["-e", runCells, JSON.stringify(cells)], {
      cwd: path.join(repoRoot, "notebooks", "zh"),
      encoding: "utf8",
      timeout: 230_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual(["T恤/上衣", "训练曲线"]);
  });
});

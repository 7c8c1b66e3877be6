import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { stripVTControlCharacters } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KernelClient, type ExecutionResult } from "../../kernel-ext/dist/client/index.js";
import { repoRoot } from "../helpers/runNode.js";

// A learner's copy of a notebook in their own folder, outside the repository: the kernel starts
// there (as Jupyter starts it in the notebook's folder) and must still find the course's packages.
const folders: string[] = [];
const kernels: KernelClient[] = [];

async function kernelIn(folder: string, env?: NodeJS.ProcessEnv): Promise<KernelClient> {
  expect(path.relative(repoRoot, folder).startsWith("..")).toBe(true);
  const kernel = await KernelClient.start({ cwd: folder, env });
  kernels.push(kernel);
  return kernel;
}

function freshFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), "tsdl-learner-"));
  folders.push(folder);
  return folder;
}

afterAll(async () => {
  await Promise.all(kernels.map((k) => k.shutdown()));
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

const result = (run: ExecutionResult) => run.messages.find((m) => m.header.msg_type === "execute_result")?.content.data;
const traceback = (run: ExecutionResult) => stripVTControlCharacters((run.reply.traceback ?? []).join("\n"));

describe("a notebook in a folder outside the repository", () => {
  let kernel: KernelClient;
  beforeAll(async () => {
    // As the kernelspec starts it: lib's types are read ahead (tsdlKernelSpec's env).
    kernel = await kernelIn(freshFolder(), { ...process.env, TSDL_PRELOAD_TYPES: "@tsdl/lib" });
  }, 120_000);

  it("does not let the preloaded types add a name before the import", async () => {
    const run = await kernel.execute("typeof tf");
    expect(run.reply).toMatchObject({ status: "error", ename: "TSError" });
    expect(run.reply.evalue).toContain("Cannot find name 'tf'");
  });

  it("imports @tsdl/lib and type-checks against its real types", async () => {
    // The course's first cell imports alone: lib holds the next cell until its backend is ready.
    const imported = await kernel.execute('import { tf } from "@tsdl/lib";');
    expect(imported.reply.status, JSON.stringify(imported.reply)).toBe("ok");
    const run = await kernel.execute("const rank: number = tf.tensor2d([[1, 2], [3, 4]]).rank;\nrank");
    expect(run.reply.status, JSON.stringify(run.reply)).toBe("ok");
    expect(result(run)).toEqual({ "text/plain": "2" });
    // With missing types `tf` would be `any` and this would compile.
    const typed = await kernel.execute("const wrong: string = tf.tensor1d([1]).rank;");
    expect(typed.reply).toMatchObject({ status: "error", ename: "TSError" });
    expect(typed.reply.evalue).toContain("Type 'number' is not assignable to type 'string'");
  });

  it("imports tfjs, danfo and the kernel's display API", async () => {
    const run = await kernel.execute(
      'import { display } from "@tsdl/kernel-ext";\nimport * as tfjs from "@tensorflow/tfjs";\nimport * as dfd from "danfojs-node";\n' +
        "const frame: dfd.DataFrame = new dfd.DataFrame({ a: [1, 2, 3] });\n[typeof display, tfjs.version.tfjs, frame.shape]",
    );
    expect(run.reply.status, JSON.stringify(run.reply)).toBe("ok");
    expect(result(run)).toEqual({ "text/plain": "[ 'function', '4.22.0', [ 3, 1 ] ]" });
  }, 120_000);

  it("names a package installed nowhere and says how to install it", async () => {
    const typeChecked = await kernel.execute('import { leftPad } from "not-a-course-package";');
    expect(typeChecked.reply.status).toBe("error");
    expect(traceback(typeChecked)).toContain("Cannot find package 'not-a-course-package': it is not installed next to this notebook");
    expect(traceback(typeChecked)).toContain("npm install not-a-course-package");
    const loaded = await kernel.execute('const loose = require("also-not-installed");');
    expect(loaded.reply.status).toBe("error");
    expect(loaded.reply.evalue).toContain("Cannot find package 'also-not-installed'");
    expect(loaded.reply.evalue).toContain("npm install also-not-installed");
  });
});

describe("a package installed next to the notebook", () => {
  let kernel: KernelClient;
  beforeAll(async () => {
    const folder = freshFolder();
    const local = path.join(folder, "node_modules/@tsdl/lib");
    mkdirSync(local, { recursive: true });
    writeFileSync(path.join(local, "package.json"), JSON.stringify({ name: "@tsdl/lib", version: "0.0.1", main: "index.js", types: "index.d.ts" }));
    writeFileSync(path.join(local, "index.js"), 'exports.where = "next to the notebook";\n');
    writeFileSync(path.join(local, "index.d.ts"), 'export declare const where: "next to the notebook";\n');
    kernel = await kernelIn(folder);
  }, 120_000);

  it("wins over the course's copy, for its types and at run time", async () => {
    const run = await kernel.execute('import { where } from "@tsdl/lib";\nconst checked: "next to the notebook" = where;\nchecked');
    expect(run.reply.status, JSON.stringify(run.reply)).toBe("ok");
    expect(result(run)).toEqual({ "text/plain": "'next to the notebook'" });
  });

  it("while packages not installed there still come from the course", async () => {
    const run = await kernel.execute('import * as tfjs from "@tensorflow/tfjs";\ntfjs.version.tfjs');
    expect(result(run)).toEqual({ "text/plain": "'4.22.0'" });
  });
});

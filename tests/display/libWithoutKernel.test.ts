import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, runNodeModule } from "../helpers/runNode.js";

// Every module a fresh Node process loads for `import "@tsdl/lib"`: ES modules through a load hook,
// CommonJS ones (tslab, zeromq and typescript are CommonJS) from require's cache.
function modulesLoadedBy(specifier: string): string[] {
  const log = path.join(mkdtempSync(path.join(tmpdir(), "tsdl-loaded-")), "modules.txt");
  const hook = `import { appendFileSync } from "node:fs"; export async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }`;
  const run = runNodeModule(
    `import { register, createRequire } from "node:module";\n` +
      `import { appendFileSync } from "node:fs";\n` +
      `register("data:text/javascript," + encodeURIComponent(${JSON.stringify(hook)}));\n` +
      `await import(${JSON.stringify(specifier)});\n` +
      `appendFileSync(${JSON.stringify(log)}, Object.keys(createRequire(import.meta.url).cache).join("\\n") + "\\n");\n` +
      `process.exit(0);`,
  );
  expect(run.status, run.stderr).toBe(0);
  return readFileSync(log, "utf8").split("\n").filter((line) => line.length > 0);
}

describe("@tsdl/lib without the kernel", () => {
  it("loads no module of tslab, zeromq, typescript, vega, vega-lite or svgo, and no file of kernel-ext", { timeout: 120_000 }, () => {
    const loaded = modulesLoadedBy("@tsdl/lib");
    // the import really happened and was recorded
    expect(loaded.some((m) => m.includes("/lib/dist/index.js"))).toBe(true);
    expect(loaded.some((m) => m.includes("/display/dist/"))).toBe(true);
    const forbidden = loaded.filter((m) => /\/node_modules\/(tslab|zeromq|typescript|vega|vega-lite|svgo)\//.test(m) || m.includes(`${path.join(repoRoot, "kernel-ext")}/`) || m.includes("/@tsdl/kernel-ext/"));
    expect(forbidden).toEqual([]);
  });
});

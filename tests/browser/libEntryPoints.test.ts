import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { libEntryPoints } from "../../tools/src/handouts/live/buildLiveRuntime.js";
import { repoRoot } from "./liveSite.js";

describe("lib's entries in the page's runtime", () => {
  it("bundles each entry of lib's exports from its source, under the name cells import", () => {
    const entries = libEntryPoints({
      exports: { ".": { default: "./dist/index.js" }, "./zh": { default: "./dist/zh.js" }, "./words": "./dist/words/index.js" },
    });
    expect(entries).toEqual({ "@tsdl/lib": "lib/src/index.ts", "@tsdl/lib/zh": "lib/src/zh.ts", "@tsdl/lib/words": "lib/src/words/index.ts" });
  });

  it("finds a source file for every entry lib's package.json exports", () => {
    const entries = libEntryPoints(JSON.parse(readFileSync(path.join(repoRoot, "lib/package.json"), "utf8")));
    expect(entries["@tsdl/lib"]).toBe("lib/src/index.ts");
    expect(Object.values(entries).filter((source) => !existsSync(path.join(repoRoot, source)))).toEqual([]);
  });

  it("names the export it cannot map", () => {
    expect(() => libEntryPoints({ exports: { "./zh": { default: "./zh.cjs" } } })).toThrow('lib/package.json: exports["./zh"] must name a file in ./dist/ ending in .js, got "./zh.cjs"');
  });
});

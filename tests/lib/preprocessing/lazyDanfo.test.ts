import { describe, expect, it } from "vitest";
import { runNodeModule } from "../../helpers/runNode.js";

// Runs against the built lib in a fresh process, where nothing else has loaded danfo yet.
const loadedDanfoFiles = `Object.keys(createRequire(import.meta.url).cache).filter((f) => /node_modules\\/(danfojs-node|mathjs)\\//.test(f)).length`;

describe("danfo.js in lib", () => {
  it("is not loaded by importing @tsdl/lib, only by the first function that needs a DataFrame", () => {
    const { stdout, stderr, status } = runNodeModule(`
      import { createRequire } from "node:module";
      const lib = await import("@tsdl/lib");
      const { isDataFrame } = await import("./lib/dist/preprocessing/dataFrame.js");
      const before = ${loadedDanfoFiles};
      const plain = isDataFrame({ columns: ["a"] }) || isDataFrame([[1]]);
      const afterCheck = ${loadedDanfoFiles};
      const frame = lib.loadPenguins();
      console.log(JSON.stringify({ before, plain, afterCheck, after: ${loadedDanfoFiles}, isFrame: isDataFrame(frame), isHead: isDataFrame(frame.head(2)) }));
    `);
    expect(stderr).not.toMatch(/Error/);
    expect(status).toBe(0);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
    expect(result).toMatchObject({ before: 0, plain: false, afterCheck: 0, isFrame: true, isHead: true });
    expect(result.after).toBeGreaterThan(100);
  });

  it("recognises the DataFrames of a notebook's own danfo import", () => {
    const { stdout, status } = runNodeModule(`
      import * as dfd from "danfojs-node";
      import { StandardScaler } from "@tsdl/lib";
      import { isDataFrame } from "./lib/dist/preprocessing/dataFrame.js";
      const frame = new dfd.DataFrame({ a: [1, 2, 3], b: [2, 4, 8] });
      const scaled = new StandardScaler().fitTransform(frame);
      console.log(JSON.stringify([isDataFrame(frame), isDataFrame(frame.loc({ rows: [0, 1] })), isDataFrame(scaled)]));
    `);
    expect(status).toBe(0);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toEqual([true, true, true]);
  });
});

import { existsSync, readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

// danfo.js depends on request (deprecated, CVE-2023-28155) and xlsx (CVE-2023-30533, CVE-2024-22363), which
// the course never uses; package.json's overrides map them to stand-ins in shims/ that only throw.
const requireFromRoot = createRequire(path.join(repoRoot, "package.json"));
const danfoDir = path.dirname(requireFromRoot.resolve("danfojs-node/package.json"));
const requireFromDanfo = createRequire(path.join(danfoDir, "package.json"));

describe("danfo.js's dependencies on request and xlsx", () => {
  it.each([
    ["request", "shims/danfo-request/index.cjs"],
    ["xlsx", "shims/danfo-xlsx/index.cjs"],
    ["@tensorflow/tfjs-node", "shims/danfo-tfjs-node/index.cjs"],
  ])("resolve %s from danfo's folder to the local stand-in", (name, standIn) => {
    expect(realpathSync(requireFromDanfo.resolve(name))).toBe(path.join(repoRoot, standIn));
  });

  it("install no request or xlsx package from the registry", () => {
    const lock = JSON.parse(readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as {
      packages: Record<string, { resolved?: string; link?: boolean }>;
    };
    const installed = Object.entries(lock.packages).filter(([where]) => /(^|\/)node_modules\/(request|xlsx)$/.test(where));
    expect(installed.length).toBeGreaterThanOrEqual(2);
    for (const [where, entry] of installed) {
      expect(entry, where).toMatchObject({ link: true, resolved: expect.stringMatching(/^shims\/danfo-(request|xlsx)$/) });
      const folder = path.join(repoRoot, where);
      if (existsSync(folder)) expect(realpathSync(folder)).toMatch(/\/shims\/danfo-(request|xlsx)$/);
    }
  });

  it("make danfo's URL and Excel readers fail with a message that says what to do instead", async () => {
    const dfd = requireFromRoot("danfojs-node") as typeof import("danfojs-node");
    await expect(dfd.readCSV("https://example.org/data.csv")).rejects.toThrow(
      /^reading URLs through danfo is disabled in tsdl .*readCsvFrame\(dataFile\("penguins\.csv"\)\)/,
    );
    // danfo's readExcel calls xlsx.readFile inside an fs callback, where any error escapes its promise, so
    // the stand-in is called the way danfo calls it.
    const xlsx = requireFromDanfo("xlsx") as { readFile(file: string): unknown; utils: { sheet_to_json(sheet: unknown): unknown } };
    expect(() => xlsx.readFile("sheet.xlsx")).toThrow(/^reading Excel files through danfo is disabled in tsdl; save the sheet as CSV/);
    expect(() => xlsx.utils.sheet_to_json({})).toThrow(/^reading Excel files through danfo is disabled/);
  });
});

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

// The built CLI behind `npm run zh`, on a copy of the one-notebook fixture course.
const cli = path.join(repoRoot, "tools/dist/i18n/cli.js");
const fixture = path.join(repoRoot, "tests/i18n/fixtures/course");

function zh(root: string, ...args: string[]) {
  return spawnSync(process.execPath, [cli, "--root", root, ...args], { encoding: "utf8", timeout: 60_000 });
}

describe("npm run zh (tools/dist/i18n/cli.js)", () => {
  let root: string;
  beforeEach(() => {
    expect(existsSync(cli), `${cli} must be built first (npm run build)`).toBe(true);
    root = mkdtempSync(path.join(tmpdir(), "zh-cli-"));
    cpSync(fixture, root, { recursive: true });
  });

  it("--check passes on the committed fixture and the build rewrites it byte for byte", () => {
    const committed = readFileSync(path.join(root, "notebooks/zh/01-demo.ipynb"), "utf8");
    expect(zh(root, "--check").status).toBe(0);
    rmSync(path.join(root, "notebooks/zh"), { recursive: true });
    const run = zh(root);
    expect(run.stderr).toBe("wrote 1 Chinese notebooks to notebooks/zh/\n");
    expect(readFileSync(path.join(root, "notebooks/zh/01-demo.ipynb"), "utf8")).toBe(committed);
  });

  it("--check fails naming the notebook and cell when an English cell changes without its translation", () => {
    const file = path.join(root, "notebooks/01-demo.ipynb");
    writeFileSync(file, readFileSync(file, "utf8").replace("return the slope", "return the intercept"));
    const run = zh(root, "--check");
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/01-demo\.md:12: .*notebooks\/01-demo\.ipynb cell demo-02 changed since it was translated/);
  });

  it("--check fails when a generated notebook was edited by hand", () => {
    const file = path.join(root, "notebooks/zh/01-demo.ipynb");
    writeFileSync(file, readFileSync(file, "utf8").replace("斜率", "截距"));
    const run = zh(root, "--check");
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("notebooks/zh/01-demo.ipynb differs from what its translation builds; run `npm run zh`");
  });

  it("--words counts the prose of both editions: a run of letters or digits is a word, and so is each Han character", () => {
    // English: 5 (heading) + 15 + 7 (first cell, math and link targets excluded) + 6 (exercise cell).
    // Chinese: 6 (heading) + 34 Han characters and 98, 60, overfitting, 02 + 9 (exercise cell).
    expect(zh(root, "--words").stdout).toBe("01-demo.ipynb\ten 33\tzh 53\ntotal\ten 33\tzh 53\n");
  });
});

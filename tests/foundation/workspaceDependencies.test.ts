import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

interface Manifest {
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
}

const packageName = (specifier: string) => specifier.split("/").slice(0, specifier.startsWith("@") ? 2 : 1).join("/");

function importedPackages(sourceDir: string): Set<string> {
  const packages = new Set<string>();
  for (const file of readdirSync(sourceDir, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
    const { importedFiles } = ts.preProcessFile(readFileSync(path.join(sourceDir, file), "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (fileName.startsWith(".") || fileName.startsWith("node:") || builtinModules.includes(fileName)) continue;
      packages.add(packageName(fileName));
    }
  }
  return packages;
}

// Each workspace is installable on its own (kernel-ext is meant for any tslab user), so it must
// declare what it imports rather than lean on the root's hoisted node_modules.
describe.each(["kernel-ext", "lib"])("the %s package", (workspace) => {
  const manifest = JSON.parse(readFileSync(path.join(repoRoot, workspace, "package.json"), "utf8")) as Manifest;
  const declared = { ...manifest.dependencies, ...manifest.optionalDependencies };

  it("declares, at an exact version, every package its source imports", () => {
    const imported = [...importedPackages(path.join(repoRoot, workspace, "src"))].sort();
    expect(imported.length).toBeGreaterThan(3);
    expect(imported.filter((name) => !(name in declared))).toEqual([]);
    for (const version of Object.values(declared)) expect(version).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("kernel-ext", () => {
  it("depends on nothing of the course but the display protocol (usable by any tslab user)", () => {
    const imported = importedPackages(path.join(repoRoot, "kernel-ext", "src"));
    expect([...imported].filter((name) => (name.startsWith("@tsdl/") && name !== "@tsdl/display") || name.startsWith("@tensorflow/"))).toEqual([]);
  });
});

describe("display", () => {
  it("imports no package at all, so lib and the kernel can share it without loading either", () => {
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, "display", "package.json"), "utf8")) as Manifest;
    expect([...importedPackages(path.join(repoRoot, "display", "src"))]).toEqual([]);
    expect(manifest.dependencies ?? {}).toEqual({});
  });
});

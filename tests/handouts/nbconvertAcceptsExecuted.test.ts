import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";
import { convertWithNbconvert, expectValidConversions, type Conversion } from "./nbconvertCheck.js";

const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");
const fixtures = readdirSync(fixturesDir).filter((name) => name.endsWith(".ipynb")).sort().map((name) => path.join(fixturesDir, name));
const invalidNotebook = path.join(repoRoot, "tests/handouts/invalid/transient-in-output.ipynb");

describe("Debian's jupyter nbconvert --to html and nbformat on executed notebooks", () => {
  let result: Conversion;

  beforeAll(async () => {
    result = await convertWithNbconvert([...fixtures, invalidNotebook]);
  }, 240_000);

  it("converts the executed fixtures without schema errors, keeping their outputs", () => {
    expectValidConversions(result, fixtures);
    const html = readFileSync(path.join(result.outDir, "01-every-output.html"), "utf8");
    expect(html).toContain("learning rate must be positive, got -0.1");
    expect(html).toContain("data:image/png;base64,iVBORw0KGgo");
  });

  it("flags a notebook that breaks the nbformat schema", () => {
    expect(result.schemaErrors.get(invalidNotebook)).toMatch(/cells\[0\] must be valid exactly by one definition/);
  });
});

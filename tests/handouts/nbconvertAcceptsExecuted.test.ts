import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../helpers/runNode.js";

const jupyter = "/usr/bin/jupyter";
const fixturesDir = path.join(repoRoot, "tests/handouts/fixtures");
const executedCourseDir = path.join(repoRoot, "dist/notebooks");

function notebooksIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith(".ipynb")).sort().map((name) => path.join(dir, name)) : [];
}

// nbconvert only logs (and exits 0) when a notebook breaks the schema, and in a multi-file run it
// reports only the first one, so each notebook is validated with the nbformat nbconvert itself uses.
const validateScript = `
import json, sys, nbformat
for name in sys.argv[1:]:
    try:
        nbformat.validate(nbformat.read(name, as_version=4))
        print(json.dumps([name, None]))
    except Exception as error:
        print(json.dumps([name, str(error).splitlines()[0]]))
`;

interface Conversion {
  status: number | null;
  stderr: string;
  /** Schema error per notebook, null when valid. */
  schemaErrors: Map<string, string | null>;
  outDir: string;
}

/** Validates and converts all notebooks, each tool in one process (Python starts slowly here). */
async function convert(notebooks: string[]): Promise<Conversion> {
  const validation = spawnSync("/usr/bin/python3", ["-c", validateScript, ...notebooks], { encoding: "utf8", timeout: 120_000 });
  expect(validation.status, validation.stderr).toBe(0);
  const schemaErrors = new Map(validation.stdout.trim().split("\n").map((line) => JSON.parse(line) as [string, string | null]));
  const outDir = await mkdtemp(path.join(tmpdir(), "nbconvert-"));
  const run = spawnSync(jupyter, ["nbconvert", "--to", "html", "--output-dir", outDir, ...notebooks], { encoding: "utf8", timeout: 230_000 });
  return { status: run.status, stderr: run.stderr, schemaErrors, outDir };
}

function expectValidConversions(result: Conversion, notebooks: string[]): void {
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).not.toMatch(/Traceback/);
  for (const notebook of notebooks) {
    expect(result.schemaErrors.get(notebook), `nbformat schema errors in ${notebook}`).toBeNull();
    const html = readFileSync(path.join(result.outDir, `${path.basename(notebook, ".ipynb")}.html`), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
  }
}

const invalidNotebook = path.join(repoRoot, "tests/handouts/invalid/transient-in-output.ipynb");
const courseNotebooks = notebooksIn(executedCourseDir);

describe("Debian's jupyter nbconvert --to html accepts executed notebooks", () => {
  let result: Conversion;

  beforeAll(async () => {
    expect(existsSync(jupyter), `${jupyter} (Debian's jupyter-nbconvert) must be installed`).toBe(true);
    result = await convert([...notebooksIn(fixturesDir), invalidNotebook, ...courseNotebooks]);
  }, 240_000);

  it("converts the executed fixtures without schema errors, keeping their outputs", () => {
    expectValidConversions(result, notebooksIn(fixturesDir));
    const html = readFileSync(path.join(result.outDir, "01-every-output.html"), "utf8");
    expect(html).toContain("learning rate must be positive, got -0.1");
    expect(html).toContain("data:image/png;base64,iVBORw0KGgo");
  });

  it("flags a notebook that breaks the nbformat schema", () => {
    expect(result.schemaErrors.get(invalidNotebook)).toMatch(/cells\[0\] must be valid exactly by one definition/);
  });

  it.skipIf(courseNotebooks.length === 0)("converts every executed course notebook in dist/notebooks", () => {
    expectValidConversions(result, courseNotebooks);
  });
});

import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect } from "vitest";

const jupyter = "/usr/bin/jupyter";

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

export interface Conversion {
  status: number | null;
  stderr: string;
  /** Schema error per notebook, null when valid. */
  schemaErrors: Map<string, string | null>;
  outDir: string;
}

/** Validates and converts all notebooks, each tool in one process (Python starts slowly here). */
export async function convertWithNbconvert(notebooks: string[]): Promise<Conversion> {
  expect(existsSync(jupyter), `${jupyter} (Debian's jupyter-nbconvert) must be installed`).toBe(true);
  const validation = spawnSync("/usr/bin/python3", ["-c", validateScript, ...notebooks], { encoding: "utf8", timeout: 120_000 });
  expect(validation.status, validation.stderr).toBe(0);
  const schemaErrors = new Map(validation.stdout.trim().split("\n").map((line) => JSON.parse(line) as [string, string | null]));
  const outDir = await mkdtemp(path.join(tmpdir(), "nbconvert-"));
  const run = spawnSync(jupyter, ["nbconvert", "--to", "html", "--output-dir", outDir, ...notebooks], { encoding: "utf8", timeout: 230_000 });
  return { status: run.status, stderr: run.stderr, schemaErrors, outDir };
}

export function expectValidConversions(result: Conversion, notebooks: string[]): void {
  expect(result.status, result.stderr).toBe(0);
  expect(result.stderr).not.toMatch(/Traceback/);
  for (const notebook of notebooks) {
    expect(result.schemaErrors.get(notebook), `nbformat schema errors in ${notebook}`).toBeNull();
    const html = readFileSync(path.join(result.outDir, `${path.basename(notebook, ".ipynb")}.html`), "utf8");
    expect(html).toMatch(/^<!DOCTYPE html>/i);
  }
}

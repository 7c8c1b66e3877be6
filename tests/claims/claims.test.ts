import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { checkClaims, checkClaimsAgainstRun, claimsOf, evaluateComparison, notebookClaims } from "../../tools/src/claims/claims.js";
import { type CodeCell, type Notebook, readNotebookFile as readNotebook } from "@tsdl/kernel-ext/notebook";
import { repoRoot } from "../helpers/runNode.js";

const fixture = path.join(import.meta.dirname, "claims/executed.ipynb");
const notebooksDir = path.join(repoRoot, "notebooks");

async function fixtureWith(change: (notebook: Notebook) => void): Promise<Notebook> {
  const notebook = await readNotebook(fixture);
  change(notebook);
  return notebook;
}

const codeCell = (notebook: Notebook, id: string) => notebook.cells.find((cell) => cell.id === id) as CodeCell;

describe("evaluateComparison", () => {
  it("computes with the usual precedence and parentheses", () => {
    expect(evaluateComparison("a + b * 2 == 7", { a: 1, b: 3 })).toBe(true);
    expect(evaluateComparison("(a + b) * 2 == 8", { a: 1, b: 3 })).toBe(true);
    expect(evaluateComparison("a - b / 2 < -0.4", { a: 1, b: 3 })).toBe(true);
    expect(evaluateComparison("1e-3 < a", { a: 0.01 })).toBe(true);
    expect(evaluateComparison("a >= b", { a: 1, b: 3 })).toBe(false);
  });

  it("names what it cannot read", () => {
    expect(() => evaluateComparison("a > missing", { a: 1 })).toThrow(/missing.*captured: a/);
    expect(() => evaluateComparison("a + 1", { a: 1 })).toThrow(/comparison/);
    expect(() => evaluateComparison("a > 1 2", { a: 1 })).toThrow(/extra text/);
    expect(() => evaluateComparison("a > 1; process.exit()", { a: 1 })).toThrow(/cannot read/);
    expect(() => evaluateComparison("(a > 1", { a: 1 })).toThrow(/parenthesis|comparison/);
  });
});

describe("checkClaims on a small executed notebook", () => {
  it("finds every claim, and all of them hold", async () => {
    const notebook = await readNotebook(fixture);
    expect(notebookClaims(notebook, "fixture").map(({ markdownCell, claim }) => [markdownCell, claim.cell])).toEqual([["fx-00", "fx-01"], ["fx-00", "fx-02"]]);
    expect(checkClaims(notebook, "fixture", { executed: true })).toEqual([]);
  });

  it("fails when a run produces a number that breaks the claim", async () => {
    const notebook = await fixtureWith((nb) => {
      codeCell(nb, "fx-01").outputs[1] = { output_type: "execute_result", execution_count: 1, data: { "text/plain": "{ crossEntropy: 0.65, mse: 0.62 }" }, metadata: {} };
    });
    expect(checkClaims(notebook, "fixture", { executed: true })).toEqual([
      { markdownCell: "fx-00", says: "cross-entropy learns faster", problem: 'ce - mse >= 0.1 fails with {"ce":0.65,"mse":0.62}' },
    ]);
  });

  it("fails when the producing cell is removed or stops printing the number", async () => {
    const removed = await fixtureWith((nb) => {
      nb.cells = nb.cells.filter((cell) => cell.id !== "fx-02");
    });
    expect(checkClaims(removed, "fixture", { executed: false })).toEqual([{ markdownCell: "fx-00", says: "above 95%", problem: "no code cell fx-02" }]);
    const silent = await fixtureWith((nb) => {
      codeCell(nb, "fx-02").outputs = [];
    });
    expect(checkClaims(silent, "fixture", { executed: false })).toEqual([]);
    expect(checkClaims(silent, "fixture", { executed: true })[0]?.problem).toMatch(/does not match/);
  });

  it("fails when the prose no longer makes the claim", async () => {
    const notebook = await fixtureWith((nb) => {
      nb.cells[0]!.source = "Squared error learns as fast as cross-entropy.";
    });
    expect(checkClaims(notebook, "fixture", { executed: false }).map((p) => p.problem)).toEqual([
      'the markdown no longer says "cross-entropy learns faster"',
      'the markdown no longer says "above 95%"',
    ]);
  });

  it("reports a comparison over a name the pattern does not capture without running anything", async () => {
    const notebook = await fixtureWith((nb) => {
      (nb.cells[0]!.metadata.claims as { holds: string[] }[])[1]!.holds = ["acuracy >= 95"];
    });
    expect(checkClaims(notebook, "fixture", { executed: false })[0]?.problem).toMatch(/acuracy/);
  });

  it("rejects malformed claim metadata with the cell and the field named", async () => {
    const notebook = await readNotebook(fixture);
    const markdown = notebook.cells[0]!;
    expect(() => claimsOf({ ...markdown, metadata: { claims: {} } }, "x.ipynb")).toThrow(/x\.ipynb, cell fx-00: expected metadata.claims to be an array/);
    expect(() => claimsOf({ ...markdown, metadata: { claims: [{ says: "a", cell: "fx-01", output: "(?<a>1)", holds: "a > 0" }] } }, "x.ipynb")).toThrow(/"holds"/);
    expect(() => claimsOf({ ...codeCell(notebook, "fx-01"), metadata: { claims: [] } }, "x.ipynb")).toThrow(/markdown cells/);
  });
});

describe("checkClaimsAgainstRun", () => {
  it("checks the source's prose and claims on the executed copy's outputs", async () => {
    const executed = await readNotebook(fixture);
    const source = await fixtureWith((nb) => {
      nb.cells.forEach((cell) => {
        if (cell.cell_type === "code") cell.outputs = [];
      });
    });
    expect(checkClaimsAgainstRun(source, executed, "fixture")).toEqual([]);
    const reworded = await fixtureWith((nb) => {
      (nb.cells[0]!.metadata.claims as { holds: string[] }[])[1]!.holds = ["accuracy >= 97"];
    });
    expect(checkClaimsAgainstRun(reworded, executed, "fixture").map((p) => p.problem)).toEqual(['accuracy >= 97 fails with {"accuracy":96.5}']);
  });

  it("refuses outputs of code that has changed since the run", async () => {
    const executed = await readNotebook(fixture);
    const source = await fixtureWith((nb) => {
      codeCell(nb, "fx-01").source = "({ crossEntropy: 0.5, mse: 0.62 })";
    });
    expect(checkClaimsAgainstRun(source, executed, "fixture").map((p) => p.problem)).toEqual([
      "code cells changed since the run (fx-01); execute the notebook again",
      "code cells changed since the run (fx-01); execute the notebook again",
    ]);
  });
});

describe("the course notebooks' claims", () => {
  const notebooks = readdirSync(notebooksDir).filter((name) => name.endsWith(".ipynb")).sort();

  it.each(notebooks)("%s: every claim names text in its cell, an existing code cell and a readable check", async (name) => {
    expect(checkClaims(await readNotebook(path.join(notebooksDir, name)), name, { executed: false })).toEqual([]);
  });

  it.each(notebooks.filter((name) => !name.startsWith("00")))("%s states its run-dependent results as claims", async (name) => {
    expect(notebookClaims(await readNotebook(path.join(notebooksDir, name)), name).length).toBeGreaterThan(0);
  });
});

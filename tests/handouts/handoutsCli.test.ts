import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseNotebook, type CodeCell } from "@tsdl/kernel-ext/notebook";
import { repoRoot } from "../helpers/runNode.js";

// The built CLI behind `npm run handouts`, run on a one-notebook course through the real tsdl kernel.
const cli = path.join(repoRoot, "tools/dist/handouts/cli.js");

describe("npm run handouts (tools/dist/handouts/cli.js) on a tiny course", () => {
  let work: string;
  let run: SpawnSyncReturns<string>;

  beforeAll(() => {
    expect(existsSync(cli), `${cli} must be built first (npm run build)`).toBe(true);
    work = mkdtempSync(path.join(tmpdir(), "handouts-cli-"));
    cpSync(path.join(repoRoot, "tests/handouts/source"), path.join(work, "notebooks"), { recursive: true });
    run = spawnSync(
      process.execPath,
      [cli, "--notebooks", path.join(work, "notebooks"), "--executed", path.join(work, "executed"), "--out", path.join(work, "site")],
      { encoding: "utf8", timeout: 180_000 },
    );
  }, 200_000);

  it("reports progress per notebook and per cell, the failing cell by notebook and id, and the time per notebook", () => {
    expect(run.status, run.stderr).toBe(1);
    const lines = run.stderr.split("\n");
    expect(lines).toContain("[1/1] tiny.ipynb: 4 code cells");
    const cellLines = lines.filter((line) => / in \d+\.\d s/.test(line) && line.startsWith("  tiny.ipynb cell "));
    expect(cellLines.map((line) => line.replace(/ in \d+\.\d s/, ""))).toEqual([
      "  tiny.ipynb cell 2 (id sum): ok",
      "  tiny.ipynb cell 3 (id boom): FAILED (Error: boom)",
      "  tiny.ipynb cell 4 (id after): ok",
      "  tiny.ipynb cell 5 (id typed): ok",
    ]);
    expect(run.stderr).toMatch(/Time per notebook:\n {2}tiny\.ipynb {2}\s*\d+\.\d s {2}1 failing cell\(s\)\n {2}total/);
    expect(run.stderr).toContain("Failing cells:\n  tiny.ipynb cell 3 (id boom): Error: boom");
    expect(run.stderr).toContain(`Rendered 1 pages`);
  });

  it("writes the executed notebook with every cell's outputs, the ones after the failure included", () => {
    const executed = parseNotebook(readFileSync(path.join(work, "executed/tiny.ipynb"), "utf8"), "tiny.ipynb");
    const outputs = Object.fromEntries(
      executed.cells.filter((cell): cell is CodeCell => cell.cell_type === "code").map((cell) => [cell.id, cell.outputs]),
    );
    expect(outputs.sum).toMatchObject([{ output_type: "execute_result", data: { "text/plain": "2" } }]);
    expect(outputs.boom).toMatchObject([{ output_type: "error", ename: "Error", evalue: "boom" }]);
    expect(outputs.after).toMatchObject([{ output_type: "stream", name: "stdout", text: "after the failure\n" }]);
    expect(outputs.typed).toMatchObject([{ output_type: "execute_result", data: { "text/plain": "42" } }]);
  });

  it("renders the executed notebook into the site", () => {
    const page = readFileSync(path.join(work, "site/tiny.html"), "utf8");
    expect(page).toContain(`<h1 id="a-tiny-notebook">A tiny notebook</h1>`);
    expect(page).toContain(`<pre class="output-stream output-stdout">after the failure\n</pre>`);
    // The kernel colours the error name as IPython does; the page keeps the colour.
    expect(page).toMatch(/<pre class="output-error" role="alert"><span class="ansi-red-fg">Error<\/span>: boom/);
    expect(page).toContain(`<span class="katex">`);
  });
});
